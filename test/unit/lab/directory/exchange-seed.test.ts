import { describe, expect, it } from 'vitest';
import { dnEquals, normalizeDn, parentDn, rdnValue } from '../../../../src-main/directory/dn';
import { DirectoryTree } from '../../../../src-main/lab/directory/directory-tree';
import { exchangeDns, legacyDns } from '../../../../src-main/lab/directory/exchange-names';
import { exchangeSpns, SEED_SERIAL_NUMBER, seedExchangeOrganization } from '../../../../src-main/lab/directory/exchange-seed';
import type { LdifRecord } from '../../../../src-main/lab/directory/ldif';
import { writeLdif } from '../../../../src-main/lab/directory/ldif';
import { attributeDefinition } from '../../../../src-main/lab/directory/schema';
import { LAB } from '../../../../src-main/lab/topology';

const records = seedExchangeOrganization();
const dns = exchangeDns();
const SOURCE = LAB.source.virtualServer;
const TARGET = LAB.target.virtualServer;

function values(record: LdifRecord | undefined, name: string): (string | Buffer)[] {
  return (record?.attributes ?? []).filter((a) => a.name.toLowerCase() === name.toLowerCase()).map((a) => a.value);
}
function find(dn: string): LdifRecord | undefined {
  return records.find((record) => dnEquals(record.dn, dn));
}
function withClass(objectClass: string): LdifRecord[] {
  return records.filter((record) => values(record, 'objectClass').includes(objectClass));
}

describe('the seeded Exchange organisation', () => {
  it('is deterministic and configurable', () => {
    expect(writeLdif(seedExchangeOrganization())).toBe(writeLdif(records));
    expect(writeLdif(seedExchangeOrganization({ seed: 7 }))).not.toBe(writeLdif(records));
    expect(withClass('user').filter((r) => !values(r, 'objectClass').includes('computer'))).toHaveLength(500);
    const small = seedExchangeOrganization({ userCount: 12 });
    expect(small.filter((r) => values(r, 'mailNickname').length > 0)).toHaveLength(12);
  });

  it('lists parents before children and loads under the lab schema', () => {
    const seen = new Set<string>();
    const tree = new DirectoryTree([LAB.domain.dn]);
    for (const record of records) {
      const parent = parentDn(record.dn);
      if (record !== records[0]) expect(parent !== undefined && seen.has(parent.toLowerCase())).toBe(true);
      seen.add(record.dn.toLowerCase());
      const grouped = new Map<string, (string | Buffer)[]>();
      for (const { name, value } of record.attributes) grouped.set(name, [...(grouped.get(name) ?? []), value]);
      tree.add(record.dn, grouped);
    }
    expect(tree.size).toBe(records.length);
  });

  it('points every DN-valued attribute at an entry that exists', () => {
    const existing = new Set(records.map((record) => normalizeDn(record.dn)));
    for (const record of records) {
      for (const attribute of record.attributes) {
        if (attributeDefinition(attribute.name)?.syntax !== 'dn') continue;
        expect(existing.has(normalizeDn(String(attribute.value))), `${record.dn} ${attribute.name}`).toBe(true);
      }
    }
  });

  it('builds the Exchange configuration tree: organisation, administrative group, servers and stores', () => {
    expect(values(find(dns.organization), 'legacyExchangeDN')).toEqual([`/o=${LAB.organization}`]);
    expect(values(find(dns.administrativeGroup), 'legacyExchangeDN')).toEqual([`/o=${LAB.organization}/ou=${LAB.administrativeGroup}`]);
    expect(values(find(dns.administrativeGroup), 'siteFolderServer')).toEqual([dns.store(SOURCE, 'First Storage Group', `Public Folder Store (${SOURCE})`)]);
    expect(values(find(dns.routingGroup), 'msExchRoutingMasterDN')).toEqual([dns.server(SOURCE)]);
    const services = withClass('msExchAddressListService');
    expect(services.map((r) => rdnValue(r.dn)).sort()).toEqual(['Recipient Update Service (Enterprise Configuration)', 'Recipient Update Service (LAB)']);
    for (const service of services) expect(values(service, 'msExchAddressListServiceLink')).toEqual([dns.server(SOURCE)]);
    for (const server of [SOURCE, TARGET]) {
      expect(values(find(dns.server(server)), 'serialNumber')).toEqual([SEED_SERIAL_NUMBER]);
      expect(values(find(dns.server(server)), 'legacyExchangeDN')).toEqual([legacyDns().server(server)]);
      expect(find(dns.mta(server))).toBeDefined();
      expect(find(dns.informationStore(server))).toBeDefined();
    }
  });

  it('gives both servers identical storage groups, with Sales.edb twice on each', () => {
    for (const server of [SOURCE, TARGET]) {
      const stores = withClass('msExchMDB').filter((r) => dnEquals(String(values(r, 'msExchOwningServer')[0]), dns.server(server)));
      expect(stores.map((r) => `${rdnValue(parentDn(r.dn) ?? '')}/${rdnValue(r.dn)}`).sort()).toEqual(
        ['Boston/Sales', 'First Storage Group/Mailbox Store (X)', 'First Storage Group/Public Folder Store (X)', 'Indy/Sales'].map((s) => s.replace('X', server)).sort(),
      );
      const files = stores.map((r) => String(values(r, 'msExchEDBFile')[0]).split('\\').pop());
      expect(files.filter((file) => file === 'Sales.edb')).toHaveLength(2);
      expect(files).toContain('priv1.edb');
      expect(files).toContain('pub1.edb');
      for (const store of stores) {
        expect(values(store, 'msExchPatchMDB')).toEqual(['FALSE']);
        expect(String(values(store, 'msExchSLVFile')[0])).toMatch(/\.stm$/);
      }
      for (const store of stores.filter((r) => values(r, 'objectClass').includes('msExchPrivateMDB'))) {
        expect(values(store, 'msExchHomePublicMDB')).toEqual([dns.store(server, 'First Storage Group', `Public Folder Store (${server})`)]);
      }
    }
    expect(values(find(dns.store(SOURCE, 'Indy', 'Sales')), 'msExchEDBFile')).toEqual(['E:\\Exchsrvr\\Indy\\Sales.edb']);
    expect(values(find(dns.store(SOURCE, 'Boston', 'Sales')), 'msExchEDBFile')).toEqual(['E:\\Exchsrvr\\Boston\\Sales.edb']);
  });

  it('puts the Exchange SPNs on the source virtual server only', () => {
    const spns = exchangeSpns(SOURCE);
    expect(spns).toContain('exchangeMDB/EXCHVS');
    expect(spns).toContain('SMTP/exchvs.lab.local');
    expect(spns).toHaveLength(8);
    expect(spns.some((spn) => spn.startsWith('exchangeAB/'))).toBe(false);
    const source = values(find(dns.computer(SOURCE)), 'servicePrincipalName');
    for (const spn of spns) expect(source).toContain(spn);
    for (const name of [TARGET, ...LAB.source.nodes, ...LAB.target.nodes]) {
      const computer = find(dns.computer(name));
      expect(computer).toBeDefined();
      expect(values(computer, 'servicePrincipalName').some((spn) => !String(spn).startsWith('HOST/'))).toBe(false);
    }
  });

  it('spreads mailbox users over the three source mailbox stores with complete Exchange attributes', () => {
    const users = records.filter((r) => values(r, 'mailNickname').length > 0 && values(r, 'objectClass').includes('user'));
    const stores = new Map<string, number>();
    for (const user of users) {
      expect(values(user, 'objectClass')).toEqual(['top', 'person', 'organizationalPerson', 'user']);
      const home = String(values(user, 'homeMDB')[0]);
      stores.set(home, (stores.get(home) ?? 0) + 1);
      expect(values(user, 'homeMTA')).toEqual([dns.mta(SOURCE)]);
      expect(values(user, 'msExchHomeServerName')).toEqual([legacyDns().server(SOURCE)]);
      const alias = String(values(user, 'mailNickname')[0]);
      expect(values(user, 'mail')).toEqual([`${alias}@lab.local`]);
      expect(values(user, 'legacyExchangeDN')).toEqual([legacyDns().recipient(alias)]);
      const guid = values(user, 'msExchMailboxGuid')[0];
      expect(Buffer.isBuffer(guid) && guid.length === 16).toBe(true);
      expect(dnEquals(parentDn(user.dn) ?? '', dns.users)).toBe(true);
    }
    expect([...stores.keys()].sort()).toEqual(
      [dns.store(SOURCE, 'First Storage Group', `Mailbox Store (${SOURCE})`), dns.store(SOURCE, 'Indy', 'Sales'), dns.store(SOURCE, 'Boston', 'Sales')].sort(),
    );
    for (const count of stores.values()) expect(count).toBeGreaterThan(100);
    expect(new Set(users.map((u) => String(values(u, 'mailNickname')[0]))).size).toBe(users.length);
    expect(users.some((u) => rdnValue(u.dn).includes(','))).toBe(true);
    expect(users.some((u) => /[^\x00-\x7f]/.test(rdnValue(u.dn)))).toBe(true);
  });
});
