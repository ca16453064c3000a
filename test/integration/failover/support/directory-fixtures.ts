/**
 * Test support for the failover engine: a full dump of a directory (to prove -test changes nothing and a failback
 * returns to the starting state), port wrappers that keep a shared directory open or drop the connection after N
 * operations, a helper to add storage groups and stores on a server through the port, a snapshot of every attribute
 * the engine may change (to prove a failover and a failback are an exact round trip), and realistic SPN seed data.
 */
import { childDn, normalizeDn } from '../../../../src-main/directory/dn';
import { DirectoryError } from '../../../../src-main/directory/directory-error';
import { isDnAttribute } from '../../../../src-main/failover/attribute-values';
import type { DirectoryChange, DirectoryEntry, DirectoryPort, NewEntryAttributes, RootDse, SearchOptions } from '../../../../src-main/directory/port';
import { exchangeDns } from '../../../../src-main/lab/directory/exchange-names';

/** One entry of a dump: attribute name (lower case) → values, sorted; DN values normalised. */
export type DumpEntry = Record<string, string[]>;
/** A whole directory: normalised DN → entry. */
export type Dump = Map<string, DumpEntry>;

function valueText(value: string | Buffer): string {
  return typeof value === 'string' ? value : `base64:${value.toString('base64')}`;
}

/**
 * Every entry under `base` with every value. `exact`: values as the server returns them (byte-identical check);
 * otherwise DN-valued attributes are normalised (slapd rewrites a DN's form after a modify).
 */
export async function dumpDirectory(port: DirectoryPort, base: string, exact: boolean): Promise<Dump> {
  const dump: Dump = new Map();
  for await (const entry of port.search(base, { scope: 'sub' })) {
    const record: DumpEntry = {};
    for (const [name, values] of Object.entries(entry.attributes)) {
      const texts = (values as readonly (string | Buffer)[]).map(valueText);
      record[name] = (exact || !isDnAttribute(name) ? texts : texts.map((text) => normalizeDn(text))).sort();
    }
    dump.set(exact ? entry.dn : normalizeDn(entry.dn), record);
  }
  return dump;
}

/** The attributes that differ between two dumps, as `dn attribute: before -> after` lines. */
export function dumpDifferences(before: Dump, after: Dump): string[] {
  const lines: string[] = [];
  for (const dn of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(dn);
    const b = after.get(dn);
    if (a === undefined || b === undefined) {
      lines.push(`${dn}: ${a === undefined ? 'added' : 'deleted'}`);
      continue;
    }
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = JSON.stringify(a[name] ?? []);
      const y = JSON.stringify(b[name] ?? []);
      if (x !== y) lines.push(`${dn} ${name}: ${x} -> ${y}`);
    }
  }
  return lines.sort();
}

/** A port over a shared directory whose close() does nothing (the engine closes what `connect` gives it). */
export { borrowedDirectory as sharedPort } from '../../../../src-main/directory/borrowed-directory';

/** Hooks of {@link interceptedPort}. */
export interface Interceptors {
  /** Called before each modify; may throw (e.g. a DirectoryError `unavailable`). */
  beforeModify?(dn: string, changes: readonly DirectoryChange[]): void | Promise<void>;
  /** Called after each modify succeeded. */
  afterModify?(dn: string, changes: readonly DirectoryChange[]): void | Promise<void>;
}

/** A port that runs hooks around modifies (to cut a connection or race the engine). */
export function interceptedPort(port: DirectoryPort, hooks: Interceptors): DirectoryPort {
  let closed = false;
  const check = (): void => {
    if (closed) throw new DirectoryError('unavailable', 'connection closed');
  };
  return {
    rootDse: async (): Promise<RootDse> => {
      check();
      return port.rootDse();
    },
    async *search(base: string, options: SearchOptions): AsyncGenerator<DirectoryEntry> {
      check();
      for await (const entry of port.search(base, options)) {
        check();
        yield entry;
      }
    },
    async modify(dn: string, changes: readonly DirectoryChange[]): Promise<void> {
      check();
      await hooks.beforeModify?.(dn, changes);
      await port.modify(dn, changes);
      await hooks.afterModify?.(dn, changes);
    },
    add: async (dn: string, attributes: NewEntryAttributes) => {
      check();
      await port.add(dn, attributes);
    },
    delete: async (dn: string) => {
      check();
      await port.delete(dn);
    },
    close: async () => {
      closed = true;
    },
  };
}

/** Adds a storage group with one mailbox store (file `<group>\<store>.edb`) on a server of the lab organisation. */
export async function addStorageGroup(port: DirectoryPort, server: string, group: string, store: string, edbFile?: string): Promise<string> {
  const dns = exchangeDns();
  const groupDn = dns.storageGroup(server, group);
  await port.add(groupDn, { objectClass: ['top', 'container', 'msExchStorageGroup'], cn: [group] });
  const storeDn = childDn(groupDn, 'CN', store);
  await port.add(storeDn, {
    objectClass: ['top', 'msExchMDB', 'msExchPrivateMDB'],
    cn: [store],
    msExchEDBFile: [edbFile ?? `E:\\Exchsrvr\\${group}\\${store}.edb`],
    msExchOwningServer: [dns.server(server)],
    msExchPatchMDB: ['FALSE'],
  });
  return storeDn;
}

/** Every kind of entry the failover engine may change, with the attributes it may change there. */
export const ENGINE_CHANGED_ATTRIBUTES: readonly { readonly kind: string; readonly filter: string; readonly attributes: readonly string[] }[] = [
  { kind: 'user', filter: '(&(objectClass=user)(!(objectClass=computer)))', attributes: ['homeMDB', 'homeMTA', 'msExchHomeServerName'] },
  { kind: 'computer account', filter: '(objectClass=computer)', attributes: ['servicePrincipalName'] },
  { kind: 'store', filter: '(|(objectClass=msExchPrivateMDB)(objectClass=msExchPublicMDB))', attributes: ['msExchPatchMDB', 'msExchHomePublicMDB'] },
  { kind: 'recipient update service', filter: '(objectClass=msExchAddressListService)', attributes: ['msExchAddressListServiceLink', 'msExchServer1NetworkAddress'] },
  { kind: 'routing group', filter: '(objectClass=msExchRoutingGroup)', attributes: ['msExchRoutingMasterDN'] },
  { kind: 'administrative group', filter: '(objectClass=msExchAdminGroup)', attributes: ['siteFolderServer'] },
];

/** A snapshot of what the engine may change: per kind, normalised DN → attribute (lower case) → values, sorted. */
export interface EngineSnapshot {
  readonly entries: Dump;
  /** How many entries of each kind were read (so a snapshot that missed a kind shows). */
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * Reads every entry of every kind in {@link ENGINE_CHANGED_ATTRIBUTES} under `base`, with each of those attributes
 * (an absent one as []). Values are kept exactly as the server returns them, sorted, except that DN-valued ones are
 * normalised (compared as DNs: slapd hands a DN back in its own form).
 */
export async function snapshotEngineAttributes(port: DirectoryPort, base: string): Promise<EngineSnapshot> {
  const entries: Dump = new Map();
  const counts: Record<string, number> = {};
  for (const { kind, filter, attributes } of ENGINE_CHANGED_ATTRIBUTES) {
    counts[kind] = 0;
    for await (const entry of port.search(base, { scope: 'sub', filter, attributes: [...attributes] })) {
      counts[kind] += 1;
      const record: DumpEntry = {};
      for (const attribute of attributes) {
        const found = Object.entries(entry.attributes).find(([name]) => name.toLowerCase() === attribute.toLowerCase())?.[1] ?? [];
        const texts = (found as readonly (string | Buffer)[]).map(valueText);
        record[attribute.toLowerCase()] = (isDnAttribute(attribute) ? texts.map((text) => normalizeDn(text)) : texts).sort();
      }
      entries.set(normalizeDn(entry.dn), record);
    }
  }
  return { entries, counts };
}

/** Replaces an account's servicePrincipalName values (test seed data). */
export async function setSpns(port: DirectoryPort, dn: string, spns: readonly string[]): Promise<void> {
  await port.modify(dn, [{ operation: 'replace', attribute: 'servicePrincipalName', values: [...spns] }]);
}

/** The HOST/ SPNs every computer account carries: NetBIOS name and FQDN. */
export function hostSpns(name: string, dnsDomain: string): string[] {
  return [`HOST/${name}`, `HOST/${name.toLowerCase()}.${dnsDomain}`];
}

/**
 * The SPNs an Exchange 2003 virtual server's account carries, as the Exchange Server Analyzer expects them:
 * exchangeMDB, exchangeRFR, SMTPSVC and SMTP, each with the NetBIOS name and the FQDN (no exchangeAB: that is a
 * global catalog's SPN), besides its HOST/ SPNs.
 */
export function exchangeServerSpns(name: string, dnsDomain: string): { host: string[]; exchange: string[] } {
  const fqdn = `${name.toLowerCase()}.${dnsDomain}`;
  return {
    host: hostSpns(name, dnsDomain),
    exchange: ['exchangeMDB', 'exchangeRFR', 'SMTPSVC', 'SMTP'].flatMap((service) => [`${service}/${name}`, `${service}/${fqdn}`]),
  };
}
