/**
 * The directory port's contract, run against every adapter (the lab in memory, ldapts against a real slapd over
 * ldap://, ldaps:// and StartTLS), each loaded with the seeded lab organisation. What the failover engine relies
 * on is pinned here once: paged streaming, filter escaping, scopes, atomic compare-and-set modifies with a
 * distinct error, single-valued attributes, DN comparison independent of the server's spelling, SPN value deletes,
 * binary GUIDs.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryValues, singleText, textValues } from '../../../src-main/directory/entry-values';
import { dnEquals, rdnValue } from '../../../src-main/directory/dn';
import { escapeFilter, escapeFilterValue } from '../../../src-main/directory/filter-escape';
import type { DirectoryEntry, DirectoryPort, SearchOptions } from '../../../src-main/directory/port';
import { DirectoryError } from '../../../src-main/directory/directory-error';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { exchangeSpns } from '../../../src-main/lab/directory/exchange-seed';
import { LAB } from '../../../src-main/lab/topology';

export interface DirectoryContractFixture {
  readonly directory: DirectoryPort;
  /** Mailbox users the directory was seeded with. */
  readonly userCount: number;
  /** Opens the same directory with this (wrong) password; absent for adapters without credentials (the lab). */
  readonly openWithPassword?: (password: string) => Promise<DirectoryPort>;
  dispose(): Promise<void>;
}

const dns = exchangeDns();
const SOURCE = LAB.source.virtualServer;
const TARGET = LAB.target.virtualServer;
const USER_FILTER = '(&(objectClass=user)(mailNickname=*)(homeMDB=*))';

async function collect(directory: DirectoryPort, base: string, options: SearchOptions): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  for await (const entry of directory.search(base, options)) entries.push(entry);
  return entries;
}

async function one(directory: DirectoryPort, base: string, filter: string, attributes?: readonly string[]): Promise<DirectoryEntry> {
  const entries = await collect(directory, base, { scope: 'sub', filter, ...(attributes === undefined ? {} : { attributes }) });
  expect(entries).toHaveLength(1);
  const entry = entries[0];
  if (entry === undefined) throw new Error('unreachable');
  return entry;
}

async function read(directory: DirectoryPort, dn: string): Promise<DirectoryEntry> {
  const entries = await collect(directory, dn, { scope: 'base' });
  const entry = entries[0];
  if (entry === undefined) throw new Error(`${dn} not found`);
  return entry;
}

async function rejection(promise: Promise<unknown>): Promise<DirectoryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DirectoryError);
    return error as DirectoryError;
  }
  throw new Error('expected the operation to fail');
}

/** Registers the contract tests for one adapter. `setup` runs once for the block; tests use separate entries. */
/**
 * `binds`: whether the adapter authenticates (the lab directory has no bind, so the wrong-password test is not
 * registered for it rather than skipped).
 */
export function describeDirectoryContract(
  name: string,
  setup: () => Promise<DirectoryContractFixture>,
  { binds }: { binds: boolean },
): void {
  describe(`directory contract: ${name}`, () => {
    let fixture: DirectoryContractFixture;
    let directory: DirectoryPort;
    /** Mailbox users sorted by mailNickname (the same order on every adapter). */
    let users: DirectoryEntry[];
    const user = (index: number): DirectoryEntry => {
      const found = users[index];
      if (found === undefined) throw new Error(`no user #${index}`);
      return found;
    };

    beforeAll(async () => {
      fixture = await setup();
      directory = fixture.directory;
      users = (await collect(directory, dns.users, { scope: 'one', filter: USER_FILTER, attributes: ['mailNickname', 'homeMDB'] })).sort((a, b) =>
        (singleText(a, 'mailNickname') ?? '').localeCompare(singleText(b, 'mailNickname') ?? ''),
      );
    });
    afterAll(async () => {
      await fixture?.dispose();
    });

    it('publishes the naming contexts in the root DSE', async () => {
      const rootDse = await directory.rootDse();
      expect(dnEquals(rootDse.defaultNamingContext, LAB.domain.dn)).toBe(true);
      expect(dnEquals(rootDse.configurationNamingContext, dns.configuration)).toBe(true);
      expect(rootDse.namingContexts.some((context) => dnEquals(context, LAB.domain.dn))).toBe(true);
      expect(rootDse.namingContexts.some((context) => dnEquals(context, dns.configuration))).toBe(true);
    });

    it('streams a paged subtree search over every mailbox user (page size 100)', async () => {
      const rootDse = await directory.rootDse();
      let count = 0;
      const nicknames = new Set<string>();
      for await (const entry of directory.search(rootDse.defaultNamingContext, {
        scope: 'sub',
        filter: USER_FILTER,
        attributes: ['mailNickname', 'homeMDB', 'homeMTA', 'msExchHomeServerName'],
        pageSize: 100,
      })) {
        count += 1;
        nicknames.add(singleText(entry, 'mailNickname') ?? '');
        expect(Object.keys(entry.attributes).every((key) => key === key.toLowerCase())).toBe(true);
        expect(entry.attributes['objectclass']).toBeUndefined();
      }
      expect(count).toBe(fixture.userCount);
      expect(count).toBeGreaterThanOrEqual(500);
      expect(nicknames.size).toBe(count);
    });

    it('can stop a paged search early and search again', async () => {
      let seen = 0;
      for await (const _ of directory.search(LAB.domain.dn, { scope: 'sub', filter: USER_FILTER, pageSize: 100, attributes: ['cn'] })) {
        seen += 1;
        if (seen === 150) break;
      }
      expect(seen).toBe(150);
      expect(await collect(directory, dns.servers, { scope: 'one' })).toHaveLength(2);
    });

    it('finds names with parentheses through an escaped filter, and refuses an unescaped one', async () => {
      const storeName = `Mailbox Store (${SOURCE})`;
      const entry = await one(directory, dns.configuration, escapeFilter`(&(objectClass=msExchPrivateMDB)(cn=${storeName}))`);
      expect(rdnValue(entry.dn)).toBe(storeName);
      expect(dnEquals(entry.dn, dns.store(SOURCE, 'First Storage Group', storeName))).toBe(true);
      const error = await rejection(collect(directory, dns.configuration, { scope: 'sub', filter: `(cn=${storeName})` }));
      expect(error.code).toBe('invalid-filter');
    });

    it('matches substrings with escaped backslashes: Sales.edb is not unique', async () => {
      const stores = await collect(directory, dns.configuration, {
        scope: 'sub',
        filter: `(&(objectClass=msExchMDB)(msExchEDBFile=*${escapeFilterValue('\\Sales.edb')}))`,
        attributes: ['msExchEDBFile', 'msExchOwningServer'],
      });
      expect(stores).toHaveLength(4);
      expect(stores.filter((store) => dnEquals(singleText(store, 'msExchOwningServer') ?? '', dns.server(SOURCE)))).toHaveLength(2);
    });

    it('honours base, one-level and subtree scopes', async () => {
      const base = await collect(directory, dns.servers, { scope: 'base' });
      expect(base).toHaveLength(1);
      expect(dnEquals(base[0]?.dn ?? '', dns.servers)).toBe(true);
      const children = await collect(directory, dns.servers, { scope: 'one' });
      expect(children.map((entry) => rdnValue(entry.dn)).sort()).toEqual([SOURCE, TARGET].sort());
      const stores = await collect(directory, dns.informationStore(SOURCE), { scope: 'sub', filter: '(objectClass=msExchMDB)' });
      expect(stores).toHaveLength(4);
      const oneLevelStores = await collect(directory, dns.informationStore(SOURCE), { scope: 'one', filter: '(objectClass=msExchMDB)' });
      expect(oneLevelStores).toHaveLength(0);
      const server = await read(directory, dns.server(SOURCE));
      expect(textValues(server, 'serialNumber')).toEqual(['Version 6.5 (Build 7638.2: Service Pack 2)']);
    });

    it('replaces a DN value and compares it as a DN after the server rewrites its case', async () => {
      const target = dns.store(TARGET, 'Indy', 'Sales');
      const respelled = target.toLowerCase().replace(/,/g, ' , ');
      await directory.modify(user(0).dn, [{ operation: 'replace', attribute: 'homeMDB', values: [respelled] }]);
      const after = await read(directory, user(0).dn);
      const stored = singleText(after, 'homeMDB') ?? '';
      expect(dnEquals(stored, target)).toBe(true);
      expect(dnEquals(stored, dns.store(SOURCE, 'Indy', 'Sales'))).toBe(false);
    });

    it('adds and deletes single values of a multi-valued attribute', async () => {
      const dn = user(1).dn;
      const extra = `smtp:${singleText(user(1), 'mailNickname') ?? ''}.alias@${LAB.domain.dnsName}`;
      await directory.modify(dn, [{ operation: 'add', attribute: 'proxyAddresses', values: [extra] }]);
      expect(textValues(await read(directory, dn), 'proxyAddresses')).toContain(extra);
      const again = await rejection(directory.modify(dn, [{ operation: 'add', attribute: 'proxyAddresses', values: [extra.toUpperCase()] }]));
      expect(again.code).toBe('value-exists');
      expect(again.resultCode).toBe(20);
      await directory.modify(dn, [{ operation: 'delete', attribute: 'proxyAddresses', values: [extra] }]);
      const values = textValues(await read(directory, dn), 'proxyAddresses');
      expect(values).not.toContain(extra);
      expect(values).toHaveLength(1);
    });

    it('compare-and-set: succeeds when the old value is there (any spelling), fails distinctly and atomically when not', async () => {
      const dn = user(2).dn;
      const original = singleText(await read(directory, dn), 'homeMDB') ?? '';
      const newStore = dns.store(TARGET, 'Boston', 'Sales');
      const wrongOld = original.toLowerCase().includes('cn=boston') ? dns.store(SOURCE, 'Indy', 'Sales') : dns.store(SOURCE, 'Boston', 'Sales');
      const failed = await rejection(
        directory.modify(dn, [
          { operation: 'delete', attribute: 'homeMDB', values: [wrongOld] },
          { operation: 'add', attribute: 'homeMDB', values: [newStore] },
        ]),
      );
      expect(failed.code).toBe('no-such-attribute');
      expect(failed.resultCode).toBe(16);
      expect(singleText(await read(directory, dn), 'homeMDB')).toBe(original);

      await directory.modify(dn, [
        { operation: 'delete', attribute: 'homeMDB', values: [original.toUpperCase()] },
        { operation: 'add', attribute: 'homeMDB', values: [newStore] },
      ]);
      expect(dnEquals(singleText(await read(directory, dn), 'homeMDB') ?? '', newStore)).toBe(true);
      const repeated = await rejection(
        directory.modify(dn, [
          { operation: 'delete', attribute: 'homeMDB', values: [original] },
          { operation: 'add', attribute: 'homeMDB', values: [newStore] },
        ]),
      );
      expect(repeated.code).toBe('no-such-attribute');
    });

    it('refuses a second value in a single-valued attribute', async () => {
      const dn = user(3).dn;
      const error = await rejection(directory.modify(dn, [{ operation: 'add', attribute: 'homeMDB', values: [dns.store(TARGET, 'Indy', 'Sales')] }]));
      expect(error.code).toBe('constraint-violation');
      expect(error.resultCode).toBe(19);
      const mtaError = await rejection(directory.modify(dn, [{ operation: 'replace', attribute: 'homeMTA', values: [dns.mta(SOURCE), dns.mta(TARGET)] }]));
      expect(mtaError.code).toBe('constraint-violation');
    });

    it('refuses a non-DN in a DN attribute, an unknown attribute and a bad Boolean', async () => {
      const dn = user(4).dn;
      const notDn = await rejection(directory.modify(dn, [{ operation: 'replace', attribute: 'homeMDB', values: ['not a DN'] }]));
      expect(notDn.code).toBe('schema-violation');
      expect(notDn.resultCode).toBe(21);
      const unknown = await rejection(directory.modify(dn, [{ operation: 'replace', attribute: 'noSuchAttributeType', values: ['x'] }]));
      expect(unknown.code).toBe('schema-violation');
      expect(unknown.resultCode).toBe(17);
      const store = dns.store(TARGET, 'Indy', 'Sales');
      const boolean = await rejection(directory.modify(store, [{ operation: 'replace', attribute: 'msExchPatchMDB', values: ['yes'] }]));
      expect(boolean.code).toBe('schema-violation');
      await directory.modify(store, [{ operation: 'replace', attribute: 'msExchPatchMDB', values: ['TRUE'] }]);
      expect(singleText(await read(directory, store), 'msExchPatchMDB')).toBe('TRUE');
    });

    it('deletes one SPN value (in another case) and adds it to the target account', async () => {
      const spn = exchangeSpns(SOURCE)[0] ?? '';
      const before = textValues(await read(directory, dns.computer(SOURCE)), 'servicePrincipalName');
      expect(before).toContain(spn);
      await directory.modify(dns.computer(SOURCE), [{ operation: 'delete', attribute: 'servicePrincipalName', values: [spn.toUpperCase()] }]);
      const after = textValues(await read(directory, dns.computer(SOURCE)), 'servicePrincipalName');
      expect(after).toHaveLength(before.length - 1);
      expect(after.map((value) => value.toLowerCase())).not.toContain(spn.toLowerCase());
      await directory.modify(dns.computer(TARGET), [{ operation: 'add', attribute: 'servicePrincipalName', values: [spn] }]);
      expect(textValues(await read(directory, dns.computer(TARGET)), 'servicePrincipalName')).toContain(spn);
      const gone = await rejection(directory.modify(dns.computer(SOURCE), [{ operation: 'delete', attribute: 'servicePrincipalName', values: [spn] }]));
      expect(gone.code).toBe('no-such-attribute');
    });

    it('answers no-such-object for missing entries, bases and parents', async () => {
      const missing = `CN=Nobody Here,${dns.users}`;
      expect((await rejection(directory.modify(missing, [{ operation: 'replace', attribute: 'description', values: ['x'] }]))).code).toBe('no-such-object');
      expect((await rejection(collect(directory, missing, { scope: 'base' }))).code).toBe('no-such-object');
      expect((await rejection(directory.delete(missing))).code).toBe('no-such-object');
      const orphan = await rejection(
        directory.add(`CN=Orphan,CN=No Such Parent,${dns.users}`, { objectClass: ['top', 'container'], cn: ['Orphan'] }),
      );
      expect(orphan.code).toBe('no-such-object');
      expect(orphan.resultCode).toBe(32);
    });

    it('adds and deletes entries: already-exists and not-leaf', async () => {
      const dn = `CN=Contract Test \\, Container (1),${dns.users}`;
      await directory.add(dn, { objectClass: ['top', 'container'], cn: ['Contract Test , Container (1)'], description: ['made by the contract test'] });
      const entry = await read(directory, dn);
      expect(rdnValue(entry.dn)).toBe('Contract Test , Container (1)');
      expect((await rejection(directory.add(dn, { objectClass: ['top', 'container'], cn: ['Contract Test , Container (1)'] }))).code).toBe('already-exists');
      const child = `CN=Child,${dn}`;
      await directory.add(child, { objectClass: ['top', 'container'], cn: ['Child'] });
      expect((await rejection(directory.delete(dn))).code).toBe('not-leaf');
      await directory.delete(child);
      await directory.delete(dn);
      expect((await rejection(collect(directory, dn, { scope: 'base' }))).code).toBe('no-such-object');
    });

    it('round-trips binary msExchMailboxGuid values and finds them by an escaped binary filter', async () => {
      const dn = user(5).dn;
      const originalGuid = binaryValues(await read(directory, dn), 'msExchMailboxGuid')[0];
      expect(originalGuid).toBeInstanceOf(Buffer);
      expect(originalGuid?.length).toBe(16);
      const guid = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0x00, 0xff, 0x80, 0x28, 0x29, 0x2a, 0x5c]), randomBytes(6)]);
      await directory.modify(dn, [{ operation: 'replace', attribute: 'msExchMailboxGuid', values: [guid] }]);
      const stored = binaryValues(await read(directory, dn), 'msExchMailboxGuid')[0];
      expect(stored?.equals(guid)).toBe(true);
      const found = await one(directory, LAB.domain.dn, `(msExchMailboxGuid=${escapeFilterValue(guid)})`, ['msExchMailboxGuid', 'objectGUID']);
      expect(dnEquals(found.dn, dn)).toBe(true);
      expect(binaryValues(found, 'objectGUID')[0]?.length).toBe(16);
    });

    it('matches non-ASCII values case-insensitively', async () => {
      const all = await collect(directory, dns.users, { scope: 'one', filter: USER_FILTER, attributes: ['sn'] });
      const expected = all.filter((entry) => singleText(entry, 'sn') === 'Müller').length;
      expect(expected).toBeGreaterThan(0);
      const found = await collect(directory, dns.users, { scope: 'one', filter: escapeFilter`(sn=${'MÜLLER'})`, attributes: ['sn'] });
      expect(found).toHaveLength(expected);
    });

    it('runs many compare-and-set modifies in flight', async () => {
      const batch = users.slice(100, 300);
      const newStore = dns.store(TARGET, 'First Storage Group', `Mailbox Store (${TARGET})`);
      await Promise.all(
        batch.map((entry) =>
          directory.modify(entry.dn, [
            { operation: 'delete', attribute: 'homeMDB', values: [singleText(entry, 'homeMDB') ?? ''] },
            { operation: 'add', attribute: 'homeMDB', values: [newStore] },
          ]),
        ),
      );
      const moved = await collect(directory, dns.users, { scope: 'one', filter: escapeFilter`(homeMDB=${newStore})`, attributes: ['cn'] });
      expect(moved.length).toBeGreaterThanOrEqual(batch.length);
    });

    if (binds) it('reports a wrong password as invalid-credentials without the password in the message', async () => {
      if (fixture.openWithPassword === undefined) throw new Error('a binding adapter\'s fixture must offer openWithPassword');
      const password = `Wr0ng-${randomBytes(6).toString('hex')}`;
      const error = await rejection(fixture.openWithPassword(password));
      expect(error.code).toBe('invalid-credentials');
      expect(error.resultCode).toBe(49);
      expect(error.message).not.toContain(password);
      expect(String(error.stack)).not.toContain(password);
    });
  });
}
