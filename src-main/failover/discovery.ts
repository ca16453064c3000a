/**
 * Discovery: reads, from the root DSE down, what a failover needs to know — the Exchange organisation, its
 * administrative and routing groups, Recipient Update Services, every Exchange server with its storage groups and
 * stores (database file names from msExchEDBFile), and the computer accounts (with their SPNs) of the two virtual
 * servers. One subtree search of the Exchange configuration and one search per domain for the two computer
 * accounts; queries use objectClass (OpenLDAP does not expand objectCategory short names as AD does).
 */
import { dnEquals, isDnWithin, isValidDn, normalizeDn, parentDn, parseDn, rdnValue } from '../directory/dn';
import { textValues } from '../directory/entry-values';
import { escapeFilter } from '../directory/filter-escape';
import { type DirectoryEntry, isDirectoryError, type RootDse } from '../directory/port';
import type { DirectorySession } from './directory-session';
import { FailoverInputError } from './engine-api';
import type {
  AdminGroupInfo,
  ComputerAccount,
  RecipientUpdateServiceInfo,
  RoutingGroupInfo,
  ServerInfo,
  StorageGroupInfo,
  StoreInfo,
  Topology,
} from './topology';

const EXCHANGE_ATTRIBUTES = [
  'objectClass',
  'cn',
  'legacyExchangeDN',
  'networkAddress',
  'msExchEDBFile',
  'msExchPatchMDB',
  'msExchHomePublicMDB',
  'siteFolderServer',
  'msExchRoutingMasterDN',
  'msExchAddressListServiceLink',
  'msExchServer1NetworkAddress',
];

const EXCHANGE_CLASSES = [
  'msExchOrganizationContainer',
  'msExchAdminGroup',
  'msExchExchangeServer',
  'mTA',
  'msExchStorageGroup',
  'msExchPrivateMDB',
  'msExchPublicMDB',
  'msExchRoutingGroup',
  'msExchAddressListService',
];

/** Names compare as Active Directory compares them: case-insensitive, spaces collapsed. */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** The comparison key of a name. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The file name of a Windows (or POSIX) path: `E:\Exchsrvr\Indy\Sales.edb` → `Sales.edb`. */
export function fileNameOf(path: string): string {
  const parts = path.trim().split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

/**
 * The domain naming contexts to search for users and computer accounts: the default one, plus any other the root
 * DSE lists that is not the configuration or schema partition, not an application partition for DNS, and not
 * inside one already chosen. [assumed] A multi-domain forest is searched through the naming contexts this server
 * holds (a global catalog or each domain's controller); crossRef objects are not followed.
 */
export function domainContexts(root: RootDse): string[] {
  const chosen: string[] = [];
  for (const candidate of [root.defaultNamingContext, ...root.namingContexts]) {
    if (!isValidDn(candidate) || parseDn(candidate).length === 0) continue;
    if (isDnWithin(candidate, root.configurationNamingContext)) continue;
    if (/^(domaindnszones|forestdnszones)$/i.test(rdnValue(candidate))) continue;
    if (chosen.some((dn) => isDnWithin(candidate, dn))) continue;
    chosen.push(candidate);
  }
  return chosen;
}

/** `DC=lab,DC=local` → `lab.local`. */
export function dnsDomainOf(domainDn: string): string {
  return parseDn(domainDn)
    .map((rdn) => rdn.find((ava) => ava.type.toLowerCase() === 'dc')?.value)
    .filter((value): value is string => value !== undefined)
    .join('.')
    .toLowerCase();
}

function classesOf(entry: DirectoryEntry): Set<string> {
  return new Set(textValues(entry, 'objectClass').map((name) => name.toLowerCase()));
}

function nameOf(entry: DirectoryEntry): string {
  return textValues(entry, 'cn')[0] ?? rdnValue(entry.dn);
}

interface RawServer {
  readonly entry: DirectoryEntry;
  readonly key: string;
  readonly name: string;
}

async function exchangeObjects(session: DirectorySession, configuration: string): Promise<DirectoryEntry[]> {
  const base = `CN=Microsoft Exchange,CN=Services,${configuration}`;
  const filter = `(|${EXCHANGE_CLASSES.map((name) => `(objectClass=${name})`).join('')})`;
  try {
    return await session.collect(base, { scope: 'sub', filter, attributes: EXCHANGE_ATTRIBUTES });
  } catch (error) {
    if (isDirectoryError(error) && error.code === 'no-such-object') {
      throw new FailoverInputError(`no Exchange organisation in this forest: ${base} does not exist`);
    }
    throw error;
  }
}

function findServer(servers: readonly RawServer[], wanted: string, role: 'source' | 'target', organization: string): RawServer {
  const matches = servers.filter((server) => sameName(server.name, wanted));
  const known = servers.map((server) => server.name).sort((a, b) => a.localeCompare(b));
  if (matches.length === 0) {
    throw new FailoverInputError(
      `unknown ${role} server "${wanted}": the Exchange organisation ${organization} has ${known.length === 0 ? 'no servers' : `the servers ${known.join(', ')}`}`,
    );
  }
  const [match, second] = matches;
  if (match === undefined || second !== undefined) {
    throw new FailoverInputError(`${role} server "${wanted}" is ambiguous: ${matches.map((server) => server.entry.dn).join('; ')}`);
  }
  return match;
}

async function computerAccounts(session: DirectorySession, contexts: readonly string[], names: readonly string[]): Promise<Map<string, ComputerAccount>> {
  const terms = names.map((name) => escapeFilter`(sAMAccountName=${`${name}$`})(cn=${name})`).join('');
  const filter = `(&(objectClass=computer)(|${terms}))`;
  const found: DirectoryEntry[] = [];
  for (const context of contexts) {
    found.push(...(await session.collect(context, { scope: 'sub', filter, attributes: ['cn', 'sAMAccountName', 'dNSHostName', 'servicePrincipalName'] })));
  }
  const accounts = new Map<string, ComputerAccount>();
  for (const name of names) {
    const bySam = found.filter((entry) => textValues(entry, 'sAMAccountName').some((sam) => sameName(sam, `${name}$`)));
    const byCn = found.filter((entry) => sameName(nameOf(entry), name));
    const candidates = bySam.length > 0 ? bySam : byCn;
    const [entry, second] = candidates;
    if (entry === undefined) continue;
    if (second !== undefined) {
      throw new FailoverInputError(`the computer account of "${name}" is ambiguous: ${candidates.map((candidate) => candidate.dn).join('; ')}`);
    }
    accounts.set(nameKey(name), {
      dn: entry.dn,
      name: nameOf(entry),
      dnsHostName: textValues(entry, 'dNSHostName')[0],
      spns: textValues(entry, 'servicePrincipalName'),
    });
  }
  return accounts;
}

function hostNameOf(server: DirectoryEntry, computer: ComputerAccount | undefined, dnsDomain: string): string {
  if (computer?.dnsHostName !== undefined && computer.dnsHostName.trim() !== '') return computer.dnsHostName;
  const tcp = textValues(server, 'networkAddress').find((address) => /^ncacn_ip_tcp:/i.test(address));
  if (tcp !== undefined) return tcp.slice('ncacn_ip_tcp:'.length);
  const name = nameOf(server).toLowerCase();
  return dnsDomain === '' ? name : `${name}.${dnsDomain}`;
}

/** Everything discovery reads before it looks at the two servers of a run. */
async function readOrganization(session: DirectorySession) {
  const rootDse = await session.call((port) => port.rootDse());
  const contexts = domainContexts(rootDse);
  const dnsDomain = dnsDomainOf(rootDse.defaultNamingContext);
  const entries = await exchangeObjects(session, rootDse.configurationNamingContext);

  const organizations = entries.filter((entry) => classesOf(entry).has('msexchorganizationcontainer'));
  const organization = organizations[0];
  if (organization === undefined) throw new FailoverInputError(`no Exchange organisation (msExchOrganizationContainer) under ${rootDse.configurationNamingContext}`);

  const rawServers: RawServer[] = entries
    .filter((entry) => classesOf(entry).has('msexchexchangeserver'))
    .map((entry) => ({ entry, key: normalizeDn(entry.dn), name: nameOf(entry) }));
  const organizationName = `"${nameOf(organization)}"`;

  const serverOf = (dn: string): RawServer | undefined => rawServers.find((server) => isDnWithin(dn, server.entry.dn));
  const stores: StoreInfo[] = [];
  const groups = new Map<string, StorageGroupInfo[]>();
  const mtas = new Map<string, string>();
  const adminGroups: AdminGroupInfo[] = [];
  const routingGroups: RoutingGroupInfo[] = [];
  const services: RecipientUpdateServiceInfo[] = [];
  for (const entry of entries) {
    const classes = classesOf(entry);
    if (classes.has('msexchprivatemdb') || classes.has('msexchpublicmdb')) {
      const groupDn = parentDn(entry.dn) ?? entry.dn;
      const edbFile = textValues(entry, 'msExchEDBFile')[0];
      stores.push({
        dn: entry.dn,
        key: normalizeDn(entry.dn),
        name: nameOf(entry),
        group: rdnValue(groupDn),
        groupDn,
        kind: classes.has('msexchpublicmdb') ? 'public' : 'mailbox',
        edbFile,
        databaseFile: edbFile === undefined || fileNameOf(edbFile) === '' ? undefined : fileNameOf(edbFile),
        patchFlag: textValues(entry, 'msExchPatchMDB'),
        homePublicMdb: textValues(entry, 'msExchHomePublicMDB'),
        serverKey: serverOf(entry.dn)?.key,
      });
    } else if (classes.has('msexchstoragegroup')) {
      const server = serverOf(entry.dn);
      if (server !== undefined) groups.set(server.key, [...(groups.get(server.key) ?? []), { dn: entry.dn, name: nameOf(entry) }]);
    } else if (classes.has('mta')) {
      const parent = parentDn(entry.dn);
      const server = rawServers.find((candidate) => parent !== undefined && dnEquals(parent, candidate.entry.dn));
      if (server !== undefined && (!mtas.has(server.key) || sameName(nameOf(entry), 'Microsoft MTA'))) mtas.set(server.key, entry.dn);
    } else if (classes.has('msexchadmingroup')) {
      adminGroups.push({ dn: entry.dn, siteFolderServer: textValues(entry, 'siteFolderServer') });
    } else if (classes.has('msexchroutinggroup')) {
      routingGroups.push({ dn: entry.dn, masterDn: textValues(entry, 'msExchRoutingMasterDN') });
    } else if (classes.has('msexchaddresslistservice')) {
      services.push({
        dn: entry.dn,
        link: textValues(entry, 'msExchAddressListServiceLink'),
        networkAddress: textValues(entry, 'msExchServer1NetworkAddress'),
      });
    }
  }

  return { rootDse, contexts, dnsDomain, organization, organizationName, rawServers, stores, groups, mtas, adminGroups, routingGroups, services };
}

type Organization = Awaited<ReturnType<typeof readOrganization>>;

/** One server as a run sees it: what lies under it, and its computer account when it was looked up. */
function serverInfo(org: Organization, raw: RawServer, computers: ReadonlyMap<string, ComputerAccount> | undefined): ServerInfo {
  const computer = computers?.get(nameKey(raw.name));
  return {
    dn: raw.entry.dn,
    key: raw.key,
    name: raw.name,
    legacyExchangeDn: textValues(raw.entry, 'legacyExchangeDN')[0],
    mtaDn: org.mtas.get(raw.key),
    groups: org.groups.get(raw.key) ?? [],
    stores: org.stores.filter((store) => store.serverKey === raw.key),
    computer,
    hostName: hostNameOf(raw.entry, computer, org.dnsDomain),
  };
}

/**
 * Reads one Exchange server (any case) with its storage groups, stores and computer account, without a second
 * server: setup step 4.1 records the source before Exchange is installed on the target.
 */
export async function discoverServer(session: DirectorySession, name: string): Promise<ServerInfo> {
  const org = await readOrganization(session);
  const raw = findServer(org.rawServers, name, 'source', org.organizationName);
  return serverInfo(org, raw, await computerAccounts(session, org.contexts, [raw.name]));
}

/** Reads the organisation for a run between `source` and `target` (server names, any case). */
export async function discover(session: DirectorySession, source: string, target: string): Promise<Topology> {
  const org = await readOrganization(session);
  const { rootDse, contexts, dnsDomain, organization, organizationName, rawServers, stores, adminGroups, routingGroups, services } = org;
  const sourceRaw = findServer(rawServers, source, 'source', organizationName);
  const targetRaw = findServer(rawServers, target, 'target', organizationName);
  if (sourceRaw.key === targetRaw.key) throw new FailoverInputError(`source and target are the same server (${sourceRaw.name})`);
  const computers = await computerAccounts(session, contexts, [sourceRaw.name, targetRaw.name]);
  const build = (raw: RawServer, withComputer: boolean): ServerInfo => serverInfo(org, raw, withComputer ? computers : undefined);
  return {
    rootDse,
    domainContexts: contexts,
    dnsDomain,
    organizationDn: organization.dn,
    servers: rawServers.map((raw) => build(raw, false)),
    source: build(sourceRaw, true),
    target: build(targetRaw, true),
    mailboxStores: stores.filter((store) => store.kind === 'mailbox'),
    adminGroups,
    routingGroups,
    recipientUpdateServices: services,
  };
}
