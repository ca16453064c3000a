import { isDnWithin, normalizeDn, parentDn, rdnValue } from '../../directory/dn';
import { textValues } from '../../directory/entry-values';
import type { DirectoryEntry, DirectoryPort } from '../../directory/port';
import { domainContexts } from '../../failover/discovery';

/**
 * What the lab's Exchange reads from the directory: the Exchange servers and their stores (with the database file
 * and the "can be overwritten by a restore" flag), and the mailboxes (users with a homeMDB). Queries use
 * objectClass (OpenLDAP does not expand objectCategory short names as Active Directory does).
 */

export interface DirectoryServer {
  readonly dn: string;
  /** The normalized DN. */
  readonly key: string;
  readonly name: string;
}

export interface DirectoryStore {
  readonly dn: string;
  readonly key: string;
  readonly name: string;
  readonly storageGroup: string;
  readonly kind: 'mailbox' | 'public';
  /** msExchEDBFile: the database's full path, when set. */
  readonly edbFile?: string;
  /** msExchPatchMDB is TRUE: "This database can be overwritten by a restore". */
  readonly patchAllowed: boolean;
  /** The server the store lies under (by its DN), when it lies under one. */
  readonly server?: DirectoryServer;
}

export interface DirectoryMailbox {
  readonly dn: string;
  /** What to call the mailbox in messages: displayName, cn or the DN. */
  readonly label: string;
  readonly homeMdb: string;
}

export interface ExchangeDirectoryView {
  readonly servers: readonly DirectoryServer[];
  readonly stores: readonly DirectoryStore[];
}

function nameOf(entry: DirectoryEntry): string {
  return textValues(entry, 'cn')[0] ?? rdnValue(entry.dn);
}

function classesOf(entry: DirectoryEntry): Set<string> {
  return new Set(textValues(entry, 'objectClass').map((c) => c.toLowerCase()));
}

async function collect(directory: DirectoryPort, base: string, filter: string, attributes: readonly string[], signal?: AbortSignal): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  for await (const entry of directory.search(base, { scope: 'sub', filter, attributes, ...(signal === undefined ? {} : { signal }) })) entries.push(entry);
  return entries;
}

/** Every Exchange server and store of the organisation (one subtree search of the Exchange configuration). */
export async function readExchangeDirectory(directory: DirectoryPort, signal?: AbortSignal): Promise<ExchangeDirectoryView> {
  const root = await directory.rootDse();
  const base = `CN=Microsoft Exchange,CN=Services,${root.configurationNamingContext}`;
  const entries = await collect(
    directory,
    base,
    '(|(objectClass=msExchExchangeServer)(objectClass=msExchPrivateMDB)(objectClass=msExchPublicMDB))',
    ['objectClass', 'cn', 'msExchEDBFile', 'msExchPatchMDB'],
    signal,
  );
  const servers: DirectoryServer[] = entries
    .filter((e) => classesOf(e).has('msexchexchangeserver'))
    .map((e) => ({ dn: e.dn, key: normalizeDn(e.dn), name: nameOf(e) }));
  const stores: DirectoryStore[] = [];
  for (const entry of entries) {
    const classes = classesOf(entry);
    if (!classes.has('msexchprivatemdb') && !classes.has('msexchpublicmdb')) continue;
    const edbFile = textValues(entry, 'msExchEDBFile')[0];
    const server = servers.find((s) => isDnWithin(entry.dn, s.dn));
    const groupDn = parentDn(entry.dn);
    stores.push({
      dn: entry.dn,
      key: normalizeDn(entry.dn),
      name: nameOf(entry),
      storageGroup: groupDn === undefined ? '' : rdnValue(groupDn),
      kind: classes.has('msexchpublicmdb') ? 'public' : 'mailbox',
      ...(edbFile === undefined ? {} : { edbFile }),
      patchAllowed: textValues(entry, 'msExchPatchMDB').some((v) => v.toUpperCase() === 'TRUE'),
      ...(server === undefined ? {} : { server }),
    });
  }
  return { servers, stores };
}

/** Every mailbox (a user with a homeMDB) of every domain the directory holds. */
export async function readMailboxes(directory: DirectoryPort, signal?: AbortSignal): Promise<DirectoryMailbox[]> {
  const root = await directory.rootDse();
  const mailboxes: DirectoryMailbox[] = [];
  for (const context of domainContexts(root)) {
    for (const entry of await collect(directory, context, '(&(objectClass=user)(homeMDB=*))', ['cn', 'displayName', 'homeMDB'], signal)) {
      const homeMdb = textValues(entry, 'homeMDB')[0];
      if (homeMdb === undefined) continue;
      mailboxes.push({ dn: entry.dn, label: textValues(entry, 'displayName')[0] ?? nameOf(entry), homeMdb });
    }
  }
  return mailboxes;
}
