/**
 * The mailbox moves a `-r` (one-to-one) failover makes, computed from the seed's own LDIF records and NOT from the
 * engine, so the benchmark's `ldapmodify` peer and its checks are an independent statement of the expected result:
 * source store "X" in storage group G on the source server pairs with the store of group G on the target whose
 * name is the same modulo the server name ("Mailbox Store (EXCHVS)" → "Mailbox Store (EXCHVS-DR)").
 */
import { dnEquals, normalizeDn, parentDn, rdnValue } from '../../src-main/directory/dn';
import type { LdifRecord } from '../../src-main/lab/directory/ldif';

/** One attribute a move rewrites: the value the seed wrote and the value after failover. */
export interface ValueChange {
  readonly attribute: 'homeMDB' | 'homeMTA' | 'msExchHomeServerName';
  readonly before: string;
  readonly after: string;
}

/** One user's failover: the three attributes, applied as delete-old/add-new in one modify. */
export interface MailboxMove {
  readonly dn: string;
  readonly changes: readonly ValueChange[];
}

/** What the directory must show after the failover (checked with ldapsearch counts). */
export interface MoveExpectation {
  readonly userCount: number;
  /** Source mailbox store DNs: no user may point at them afterwards. */
  readonly sourceStores: readonly string[];
  /** Target mailbox store DN → how many users it must hold afterwards. */
  readonly targetCounts: ReadonlyMap<string, number>;
  readonly sourceMta: string;
  readonly targetMta: string;
  readonly sourceServerLegacyDn: string;
  readonly targetServerLegacyDn: string;
}

interface ServerFacts {
  readonly dn: string;
  readonly legacyDn: string;
  readonly mta: string;
  /** `group \0 name-modulo-server` (lower case) → store DN. */
  readonly stores: Map<string, string>;
  readonly mailboxStores: string[];
}

function texts(record: LdifRecord, name: string): string[] {
  const lower = name.toLowerCase();
  return record.attributes.filter((a) => a.name.toLowerCase() === lower && typeof a.value === 'string').map((a) => a.value as string);
}

function hasClass(record: LdifRecord, objectClass: string): boolean {
  return texts(record, 'objectClass').some((value) => value.toLowerCase() === objectClass.toLowerCase());
}

function single(record: LdifRecord, name: string): string {
  const value = texts(record, name)[0];
  if (value === undefined) throw new Error(`seed record ${record.dn} has no ${name}`);
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A store name with its server's name taken out, lower case: the one-to-one pairing key within a group. */
export function nameModuloServer(storeName: string, server: string): string {
  return storeName.replace(new RegExp(escapeRegExp(server), 'gi'), '\u0000').toLowerCase();
}

function serverFacts(records: readonly LdifRecord[], server: string): ServerFacts {
  const serverRecord = records.find((r) => hasClass(r, 'msExchExchangeServer') && single(r, 'cn').toLowerCase() === server.toLowerCase());
  if (serverRecord === undefined) throw new Error(`the seed has no Exchange server ${server}`);
  const mtaRecord = records.find((r) => hasClass(r, 'mTA') && dnEquals(parentDn(r.dn) ?? '', serverRecord.dn));
  if (mtaRecord === undefined) throw new Error(`the seed has no MTA under ${server}`);
  const stores = new Map<string, string>();
  const mailboxStores: string[] = [];
  for (const record of records) {
    if (!hasClass(record, 'msExchMDB')) continue;
    const owner = texts(record, 'msExchOwningServer')[0];
    if (owner === undefined || !dnEquals(owner, serverRecord.dn)) continue;
    const group = rdnValue(parentDn(record.dn) ?? '');
    stores.set(`${group.toLowerCase()}\u0000${nameModuloServer(rdnValue(record.dn), server)}`, record.dn);
    if (hasClass(record, 'msExchPrivateMDB')) mailboxStores.push(record.dn);
  }
  return { dn: serverRecord.dn, legacyDn: single(serverRecord, 'legacyExchangeDN'), mta: mtaRecord.dn, stores, mailboxStores };
}

/** The one-to-one store pairing (source store DN, normalised → target store DN). Throws when a store has no partner. */
export function pairStoresOneToOne(records: readonly LdifRecord[], source: string, target: string): Map<string, string> {
  const from = serverFacts(records, source);
  const to = serverFacts(records, target);
  const pairs = new Map<string, string>();
  for (const [key, dn] of from.stores) {
    const partner = to.stores.get(key);
    if (partner === undefined) throw new Error(`source store ${dn} has no one-to-one partner on ${target}`);
    pairs.set(normalizeDn(dn), partner);
  }
  return pairs;
}

/** The moves of every mailbox user on the source server, in seed order, and what the directory must show after. */
export function planMailboxMoves(records: readonly LdifRecord[], source: string, target: string): { moves: MailboxMove[]; expectation: MoveExpectation } {
  const from = serverFacts(records, source);
  const to = serverFacts(records, target);
  const pairs = pairStoresOneToOne(records, source, target);
  const targetCounts = new Map<string, number>(to.mailboxStores.map((dn) => [dn, 0]));
  const moves: MailboxMove[] = [];
  for (const record of records) {
    if (!hasClass(record, 'user') || hasClass(record, 'computer')) continue;
    const homeMdb = texts(record, 'homeMDB')[0];
    if (homeMdb === undefined) continue;
    const partner = pairs.get(normalizeDn(homeMdb));
    if (partner === undefined) continue; // a mailbox on another server: not ours to move
    targetCounts.set(partner, (targetCounts.get(partner) ?? 0) + 1);
    moves.push({
      dn: record.dn,
      changes: [
        { attribute: 'homeMDB', before: homeMdb, after: partner },
        { attribute: 'homeMTA', before: single(record, 'homeMTA'), after: to.mta },
        { attribute: 'msExchHomeServerName', before: single(record, 'msExchHomeServerName'), after: to.legacyDn },
      ],
    });
  }
  return {
    moves,
    expectation: {
      userCount: moves.length,
      sourceStores: from.mailboxStores,
      targetCounts,
      sourceMta: from.mta,
      targetMta: to.mta,
      sourceServerLegacyDn: from.legacyDn,
      targetServerLegacyDn: to.legacyDn,
    },
  };
}
