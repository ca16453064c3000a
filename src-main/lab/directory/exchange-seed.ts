/**
 * The lab's seeded Exchange 2003 organisation as LDIF records (RFC 2849): the domain with its users and
 * computer accounts, and the configuration partition with the organisation, Recipient Update Services, the
 * administrative and routing groups, and the two Exchange virtual servers (source and target) with identical
 * storage groups. Two groups ("Indy" and "Boston") each hold a "Sales" store whose file is Sales.edb, so pairing
 * by file name alone is ambiguous and the `-r` rules of the seed's Appendix I matter.
 *
 * Deterministic: the same options give the same records, byte for byte (seeded PRNG, no clock).
 */
import { childDn } from '../../directory/dn';
import { LAB } from '../topology';
import { exchangeDns, type ExchangeOrgNames, LAB_ORG_NAMES, legacyDns } from './exchange-names';
import type { LdifAttribute, LdifRecord } from './ldif';
import { type SeededRandom, seededRandom } from './seeded-random';

/** The serialNumber of an Exchange 2003 SP2 server object. */
export const SEED_SERIAL_NUMBER = 'Version 6.5 (Build 7638.2: Service Pack 2)';

/** How many mailbox users the lab has unless told otherwise. */
export const DEFAULT_SEED_USER_COUNT = 500;

/** The default PRNG seed (the lab is always the same organisation). */
export const DEFAULT_SEED = 2003;

/** One store of a storage group; `<SERVER>` in a name is replaced by the server's name. */
export interface SeedStore {
  readonly name: string;
  readonly kind: 'private' | 'public';
  readonly edbFile: string;
  readonly slvFile: string;
}

export interface SeedStorageGroup {
  readonly name: string;
  readonly stores: readonly SeedStore[];
}

const DATA = LAB.exchangeDataPath;

/** The storage groups and stores every lab Exchange server has (identical on source and target). */
export const SEED_STORAGE_GROUPS: readonly SeedStorageGroup[] = [
  {
    name: 'First Storage Group',
    stores: [
      { name: 'Mailbox Store (<SERVER>)', kind: 'private', edbFile: `${DATA}\\mdbdata\\priv1.edb`, slvFile: `${DATA}\\mdbdata\\priv1.stm` },
      { name: 'Public Folder Store (<SERVER>)', kind: 'public', edbFile: `${DATA}\\mdbdata\\pub1.edb`, slvFile: `${DATA}\\mdbdata\\pub1.stm` },
    ],
  },
  { name: 'Indy', stores: [{ name: 'Sales', kind: 'private', edbFile: `${DATA}\\Indy\\Sales.edb`, slvFile: `${DATA}\\Indy\\Sales.stm` }] },
  { name: 'Boston', stores: [{ name: 'Sales', kind: 'private', edbFile: `${DATA}\\Boston\\Sales.edb`, slvFile: `${DATA}\\Boston\\Sales.stm` }] },
];

/** A store's name on a given server. */
export function storeName(store: SeedStore, server: string): string {
  return store.name.replace('<SERVER>', server);
}

/**
 * The Exchange SPNs of a virtual server, NetBIOS and FQDN forms: exchangeMDB, exchangeRFR, SMTPSVC and
 * SMTP, as the Exchange Server Analyzer expects them on an Exchange 2003 server's computer account. No exchangeAB:
 * that is the address book's SPN of global catalog servers, which the analyzer reports on an Exchange server.
 */
export function exchangeSpns(virtualServer: string, dnsDomain: string = LAB.domain.dnsName): string[] {
  const fqdn = `${virtualServer.toLowerCase()}.${dnsDomain}`;
  return ['exchangeMDB', 'exchangeRFR', 'SMTPSVC', 'SMTP'].flatMap((service) => [
    `${service}/${virtualServer}`,
    `${service}/${fqdn}`,
  ]);
}

export interface SeedOptions {
  /** Mailbox users to create (default 500). */
  readonly userCount?: number;
  /** PRNG seed (default 2003). */
  readonly seed?: number;
  readonly names?: ExchangeOrgNames;
  readonly sourceServer?: string;
  readonly targetServer?: string;
  /** Cluster node computer accounts. */
  readonly nodes?: readonly string[];
}

const FIRST_NAMES = [
  'Anna', 'Ben', 'Carla', 'David', 'Elena', 'Frank', 'Grace', 'Henry', 'Irene', 'Jack', 'Karen', 'Liam', 'Maria',
  'Noah', 'Olivia', 'Peter', 'Quinn', 'Rosa', 'Sam', 'Tara', 'Umar', 'Vera', 'Walter', 'Xenia', 'Yusuf', 'Zoë',
  'José', 'Søren', 'Chloé', 'Björn', 'Ines', 'Mateo', 'Hannah', 'Oscar', 'Leah', 'Ravi', 'Mei', 'Kofi', 'Ada', 'Lars',
];
const LAST_NAMES = [
  'Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Thomas', 'Johnson', 'Roberts', 'Walker',
  'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', 'Martin',
  'Jackson', 'Clarke', 'Müller', 'García', "O'Brien", 'Núñez', 'Ångström', 'Kowalski', 'Nguyen', 'Okafor', 'Rossi',
  'Schmidt', 'Dubois', 'Andersson', 'Novak', 'Silva', 'Tanaka', 'Kim', 'Patel', 'Cohen', 'Fischer', 'Moreau',
];

function attributes(pairs: readonly (readonly [string, string | Buffer | readonly (string | Buffer)[]])[]): LdifAttribute[] {
  return pairs.flatMap(([name, value]) =>
    (typeof value === 'string' || Buffer.isBuffer(value) ? [value] : value).map((v) => ({ name, value: v })),
  );
}

function asciiAlias(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ØøÅå]/g, (c) => ({ Ø: 'O', ø: 'o', Å: 'A', å: 'a' })[c] ?? c)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function guid(random: SeededRandom): Buffer {
  const bytes = random.bytes(16);
  bytes[7] = ((bytes[7] ?? 0) & 0x0f) | 0x40; // version 4 (little-endian GUID layout)
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return bytes;
}

/** Binary SID S-1-5-21-a-b-c[-rid]: the domain's SID without a RID, an account's with one. */
function sid(domainParts: readonly [number, number, number], rid?: number): Buffer {
  const subAuthorities = rid === undefined ? [21, ...domainParts] : [21, ...domainParts, rid];
  const buffer = Buffer.alloc(8 + subAuthorities.length * 4);
  buffer[0] = 1; // revision
  buffer[1] = subAuthorities.length;
  buffer.writeUIntBE(5, 2, 6); // NT authority
  subAuthorities.forEach((value, index) => buffer.writeUInt32LE(value >>> 0, 8 + index * 4));
  return buffer;
}

/** Generates the lab organisation, parents before children (ready for slapadd). */
export function seedExchangeOrganization(options: SeedOptions = {}): LdifRecord[] {
  const names = options.names ?? LAB_ORG_NAMES;
  const source = options.sourceServer ?? LAB.source.virtualServer;
  const target = options.targetServer ?? LAB.target.virtualServer;
  const nodes = options.nodes ?? [...LAB.source.nodes, ...LAB.target.nodes];
  const userCount = options.userCount ?? DEFAULT_SEED_USER_COUNT;
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const dns = exchangeDns(names);
  const legacy = legacyDns(names);
  const domainSid: [number, number, number] = [random.below(2 ** 31), random.below(2 ** 31), random.below(2 ** 31)];
  let nextRid = 1100;
  const records: LdifRecord[] = [];
  const push = (dn: string, pairs: Parameters<typeof attributes>[0]): void => {
    records.push({ dn, attributes: attributes(pairs) });
  };
  const container = (dn: string, cn: string, extraClass?: string): void => {
    push(dn, [['objectClass', extraClass === undefined ? ['top', 'container'] : ['top', 'container', extraClass]], ['cn', cn]]);
  };

  // Domain partition.
  push(dns.domain, [
    ['objectClass', ['top', 'domain', 'domainDNS']],
    ['dc', names.domainDnsName.split('.')[0] ?? names.domainNetbios.toLowerCase()],
    ['objectGUID', guid(random)],
    ['objectSid', sid(domainSid)],
  ]);
  push(dns.users, [['objectClass', ['top', 'organizationalUnit']], ['ou', 'Users'], ['objectGUID', guid(random)]]);
  container(dns.computers, 'Computers');
  for (const name of [source, target, ...nodes]) {
    const fqdn = `${name.toLowerCase()}.${names.domainDnsName}`;
    const spns = [`HOST/${name}`, `HOST/${fqdn}`, ...(name === source ? exchangeSpns(source, names.domainDnsName) : [])];
    push(dns.computer(name), [
      ['objectClass', ['top', 'person', 'organizationalPerson', 'user', 'computer']],
      ['cn', name],
      ['sAMAccountName', `${name}$`],
      ['dNSHostName', fqdn],
      ['userAccountControl', '4096'],
      ['objectGUID', guid(random)],
      ['objectSid', sid(domainSid, nextRid++)],
      ['servicePrincipalName', spns],
    ]);
  }

  // Configuration partition.
  push(dns.configuration, [['objectClass', ['top', 'configuration']], ['cn', 'Configuration']]);
  container(dns.services, 'Services');
  container(dns.exchange, 'Microsoft Exchange', 'msExchConfigurationContainer');
  push(dns.organization, [
    ['objectClass', ['top', 'container', 'msExchOrganizationContainer']],
    ['cn', names.organization],
    ['legacyExchangeDN', legacy.organization],
  ]);
  container(dns.addressLists, 'Address Lists Container', 'msExchContainer');
  container(dns.recipientUpdateServices, 'Recipient Update Services', 'msExchContainer');
  for (const label of [names.domainNetbios, 'Enterprise Configuration']) {
    push(dns.recipientUpdateService(label), [
      ['objectClass', ['top', 'msExchAddressListService']],
      ['cn', `Recipient Update Service (${label})`],
      ['msExchAddressListServiceLink', dns.server(source)],
      ['msExchServer1NetworkAddress', `${source.toLowerCase()}.${names.domainDnsName}`],
    ]);
  }
  container(dns.administrativeGroups, 'Administrative Groups', 'msExchAdminGroupContainer');
  const sourcePublicStore = (() => {
    const group = SEED_STORAGE_GROUPS[0];
    const store = group?.stores.find((s) => s.kind === 'public');
    if (group === undefined || store === undefined) throw new Error('seed layout lacks a public store');
    return dns.store(source, group.name, storeName(store, source));
  })();
  push(dns.administrativeGroup, [
    ['objectClass', ['top', 'msExchAdminGroup']],
    ['cn', names.administrativeGroup],
    ['legacyExchangeDN', legacy.administrativeGroup],
    ['siteFolderServer', sourcePublicStore],
  ]);
  container(dns.routingGroups, 'Routing Groups', 'msExchRoutingGroupContainer');
  push(dns.routingGroup, [
    ['objectClass', ['top', 'container', 'msExchRoutingGroup']],
    ['cn', names.routingGroup],
    ['msExchRoutingMasterDN', dns.server(source)],
  ]);
  container(dns.servers, 'Servers', 'msExchServersContainer');

  const sourceMailboxStores: string[] = [];
  for (const server of [source, target]) {
    const fqdn = `${server.toLowerCase()}.${names.domainDnsName}`;
    push(dns.server(server), [
      ['objectClass', ['top', 'server', 'msExchExchangeServer']],
      ['cn', server],
      ['serialNumber', SEED_SERIAL_NUMBER],
      ['legacyExchangeDN', legacy.server(server)],
      ['networkAddress', [`ncacn_ip_tcp:${fqdn}`, `netbios:${server}`, `ncacn_np:${server}`, `ncalrpc:${server}`]],
    ]);
    push(dns.mta(server), [
      ['objectClass', ['top', 'mTA']],
      ['cn', 'Microsoft MTA'],
      ['legacyExchangeDN', `${legacy.server(server)}/cn=Microsoft MTA`],
    ]);
    push(dns.informationStore(server), [
      ['objectClass', ['top', 'container', 'msExchInformationStore']],
      ['cn', 'InformationStore'],
    ]);
    const firstGroup = SEED_STORAGE_GROUPS[0];
    const publicStore = firstGroup?.stores.find((s) => s.kind === 'public');
    const publicStoreDn = firstGroup !== undefined && publicStore !== undefined ? dns.store(server, firstGroup.name, storeName(publicStore, server)) : undefined;
    for (const group of SEED_STORAGE_GROUPS) {
      push(dns.storageGroup(server, group.name), [
        ['objectClass', ['top', 'container', 'msExchStorageGroup']],
        ['cn', group.name],
      ]);
      for (const store of group.stores) {
        const name = storeName(store, server);
        const dn = dns.store(server, group.name, name);
        const isFirstGroup = group === firstGroup;
        push(dn, [
          ['objectClass', ['top', 'msExchMDB', store.kind === 'private' ? 'msExchPrivateMDB' : 'msExchPublicMDB']],
          ['cn', name],
          ['deliveryMechanism', '1'],
          ...(isFirstGroup
            ? [['legacyExchangeDN', `${legacy.server(server)}/cn=Microsoft ${store.kind === 'private' ? 'Private' : 'Public'} MDB`] as const]
            : []),
          ['msExchEDBFile', store.edbFile],
          ['msExchSLVFile', store.slvFile],
          ['msExchOwningServer', dns.server(server)],
          ['msExchPatchMDB', 'FALSE'],
          ...(store.kind === 'private' && publicStoreDn !== undefined ? [['msExchHomePublicMDB', publicStoreDn] as const] : []),
        ]);
        if (server === source && store.kind === 'private') sourceMailboxStores.push(dn);
      }
    }
  }

  // Mailbox users, spread over the source's mailbox stores.
  const takenCn = new Set<string>();
  const takenAlias = new Set<string>();
  for (let index = 1; index <= userCount; index += 1) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const display = `${first} ${last}`;
    let cn = index % 25 === 0 ? `${last}, ${first}` : display;
    for (let n = 2; takenCn.has(cn.toLowerCase()); n += 1) cn = `${index % 25 === 0 ? `${last}, ${first}` : display} ${n}`;
    takenCn.add(cn.toLowerCase());
    const baseAlias = `${asciiAlias(first).slice(0, 1)}${asciiAlias(last)}`.slice(0, 16);
    let alias = baseAlias;
    for (let n = 2; takenAlias.has(alias); n += 1) alias = `${baseAlias}${n}`;
    takenAlias.add(alias);
    const mail = `${alias}@${names.domainDnsName}`;
    push(childDn(dns.users, 'CN', cn), [
      ['objectClass', ['top', 'person', 'organizationalPerson', 'user']],
      ['cn', cn],
      ['sn', last],
      ['givenName', first],
      ['displayName', display],
      ['sAMAccountName', alias],
      ['userPrincipalName', mail],
      ['userAccountControl', '512'],
      ['objectGUID', guid(random)],
      ['objectSid', sid(domainSid, nextRid++)],
      ['mail', mail],
      ['mailNickname', alias],
      ['proxyAddresses', `SMTP:${mail}`],
      ['legacyExchangeDN', legacy.recipient(alias)],
      ['homeMDB', random.pick(sourceMailboxStores)],
      ['homeMTA', dns.mta(source)],
      ['msExchHomeServerName', legacy.server(source)],
      ['msExchMailboxGuid', guid(random)],
    ]);
  }
  return records;
}
