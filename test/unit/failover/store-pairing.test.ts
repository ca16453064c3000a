import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childDn, normalizeDn } from '../../../src-main/directory/dn';
import { FailoverInputError, type PairingRule } from '../../../src-main/failover/engine-api';
import { type PairingSide, pairStores, serverNeutralKey, StorePairingError } from '../../../src-main/failover/store-pairing';
import type { StoreInfo } from '../../../src-main/failover/topology';

const SERVERS = 'CN=Servers,CN=First Administrative Group,CN=Administrative Groups,CN=Org,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=lab,DC=local';

interface StoreSpec {
  readonly group: string;
  readonly name: string;
  readonly file?: string;
  readonly kind?: 'mailbox' | 'public';
}

function side(server: string, specs: readonly StoreSpec[], extraGroups: readonly string[] = []): PairingSide {
  const serverDn = childDn(SERVERS, 'CN', server);
  const isDn = childDn(serverDn, 'CN', 'InformationStore');
  const groupNames = Array.from(new Set([...specs.map((spec) => spec.group), ...extraGroups]));
  const groups = groupNames.map((name) => ({ name, dn: childDn(isDn, 'CN', name) }));
  const stores: StoreInfo[] = specs.map((spec) => {
    const groupDn = childDn(isDn, 'CN', spec.group);
    const dn = childDn(groupDn, 'CN', spec.name);
    const edbFile = spec.file === undefined ? undefined : `E:\\Exchsrvr\\${spec.group}\\${spec.file}`;
    return {
      dn,
      key: normalizeDn(dn),
      name: spec.name,
      group: spec.group,
      groupDn,
      kind: spec.kind ?? 'mailbox',
      edbFile,
      databaseFile: spec.file,
      patchFlag: ['FALSE'],
      homePublicMdb: [],
      serverKey: normalizeDn(serverDn),
    };
  });
  return { server, groups, stores };
}

/** The lab's layout (exchange-seed.ts): Indy and Boston each hold a store "Sales" with file Sales.edb. */
function labSide(server: string): PairingSide {
  return side(server, [
    { group: 'First Storage Group', name: `Mailbox Store (${server})`, file: 'priv1.edb' },
    { group: 'First Storage Group', name: `Public Folder Store (${server})`, file: 'pub1.edb', kind: 'public' },
    { group: 'Indy', name: 'Sales', file: 'Sales.edb' },
    { group: 'Boston', name: 'Sales', file: 'Sales.edb' },
  ]);
}

function pairsOf(source: PairingSide, target: PairingSide, rules: readonly PairingRule[]): string[] {
  return pairStores(source, target, rules)
    .pairs.map((pair) => `${pair.source.group}/${pair.source.name} -> ${pair.target.group}/${pair.target.name} (${pair.pairedBy})`)
    .sort();
}

function refusal(source: PairingSide, target: PairingSide, rules: readonly PairingRule[]): StorePairingError {
  try {
    pairStores(source, target, rules);
  } catch (error) {
    if (error instanceof StorePairingError) return error;
    throw error;
  }
  throw new Error('paired');
}

describe('pairStores by database file name (the default)', () => {
  it('pairs by file name without its path, case-insensitively', () => {
    const source = side('SRC', [
      { group: 'SG1', name: 'Mail A', file: 'A.edb' },
      { group: 'SG2', name: 'Mail B', file: 'b.EDB' },
    ]);
    const target = side('TGT', [
      { group: 'Other', name: 'Renamed B', file: 'B.edb' },
      { group: 'SG1', name: 'Mail A', file: 'a.edb' },
    ]);
    expect(pairsOf(source, target, [])).toEqual(['SG1/Mail A -> SG1/Mail A (file-name)', 'SG2/Mail B -> Other/Renamed B (file-name)']);
  });

  it("refuses the lab's clashing Sales.edb, naming every clash on both sides", () => {
    const error = refusal(labSide('EXCHVS'), labSide('EXCHVS-DR'), []);
    expect(error).toBeInstanceOf(FailoverInputError);
    expect(error.problems).toEqual([
      'database file Sales.edb is not unique on EXCHVS: "Indy, Sales", "Boston, Sales"',
      'database file Sales.edb is not unique on EXCHVS-DR: "Indy, Sales", "Boston, Sales"',
    ]);
    expect(error.message).not.toContain('\n');
  });

  it('refuses a source store without a partner and one without a database file', () => {
    const source = side('SRC', [
      { group: 'SG', name: 'A', file: 'a.edb' },
      { group: 'SG', name: 'Lost', file: 'lost.edb' },
      { group: 'SG', name: 'NoFile' },
    ]);
    const target = side('TGT', [{ group: 'SG', name: 'A', file: 'a.edb' }]);
    expect(refusal(source, target, []).problems).toEqual([
      'store "SG, NoFile" on SRC has no database file (msExchEDBFile) to pair by',
      'no store with database file lost.edb on TGT for "SG, Lost" on SRC',
    ]);
  });

  it('reports target stores without a partner instead of refusing', () => {
    const source = side('SRC', [{ group: 'SG', name: 'A', file: 'a.edb' }]);
    const target = side('TGT', [
      { group: 'SG', name: 'A', file: 'a.edb' },
      { group: 'New', name: 'Created while failed over', file: 'new.edb' },
    ]);
    const pairing = pairStores(source, target, []);
    expect(pairing.unpaired.map((store) => store.name)).toEqual(['Created while failed over']);
  });

  it('refuses pairing a mailbox store with a public store', () => {
    const source = side('SRC', [{ group: 'SG', name: 'A', file: 'a.edb' }]);
    const target = side('TGT', [{ group: 'SG', name: 'A', file: 'a.edb', kind: 'public' }]);
    expect(refusal(source, target, []).problems[0]).toMatch(/pairs the mailbox store "SG, A" on SRC with the public store "SG, A" on TGT/);
  });

  it('pairs any permutation of unique file names to the same file (property)', () => {
    const fileName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/).map((name) => `${name}.edb`);
    fc.assert(
      fc.property(fc.uniqueArray(fileName, { minLength: 1, maxLength: 8, selector: (name) => name.toLowerCase() }), fc.boolean(), (files, upper) => {
        const source = side('SRC', files.map((file, index) => ({ group: `G${index % 3}`, name: `S${index}`, file })));
        const shuffled = [...files].reverse();
        const target = side('TGT', shuffled.map((file, index) => ({ group: `T${index % 2}`, name: `Store ${index}`, file: upper ? file.toUpperCase() : file })));
        const { pairs, unpaired } = pairStores(source, target, []);
        expect(unpaired).toEqual([]);
        expect(pairs).toHaveLength(files.length);
        for (const pair of pairs) expect(pair.target.databaseFile?.toLowerCase()).toBe(pair.source.databaseFile?.toLowerCase());
      }),
    );
  });

  it('names every duplicated file name (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 3 }), (copies, others) => {
        const specs = [
          ...Array.from({ length: copies }, (_, i) => ({ group: `Dup${i}`, name: 'Sales', file: 'Sales.edb' })),
          ...Array.from({ length: others }, (_, i) => ({ group: 'Other', name: `S${i}`, file: `s${i}.edb` })),
        ];
        const error = refusal(side('SRC', specs), side('TGT', specs), []);
        expect(error.problems.filter((problem) => problem.startsWith('database file Sales.edb is not unique'))).toHaveLength(2);
        for (let i = 0; i < copies; i += 1) expect(error.message).toContain(`"Dup${i}, Sales"`);
      }),
    );
  });
});

describe('pairStores with -r rules (Appendix I)', () => {
  it('-r alone pairs one-to-one by group and store name, server names in store names taken as the same', () => {
    expect(pairsOf(labSide('EXCHVS'), labSide('EXCHVS-DR'), [{ kind: 'one-to-one' }])).toEqual([
      'Boston/Sales -> Boston/Sales (one-to-one)',
      'First Storage Group/Mailbox Store (EXCHVS) -> First Storage Group/Mailbox Store (EXCHVS-DR) (one-to-one)',
      'First Storage Group/Public Folder Store (EXCHVS) -> First Storage Group/Public Folder Store (EXCHVS-DR) (one-to-one)',
      'Indy/Sales -> Indy/Sales (one-to-one)',
    ]);
  });

  it('matches a server name only as a whole word (EXCHVS is not a part of EXCHVS-DR)', () => {
    expect(serverNeutralKey('Mailbox Store (EXCHVS)', 'EXCHVS')).toBe(serverNeutralKey('Mailbox Store (exchvs-dr)', 'EXCHVS-DR'));
    expect(serverNeutralKey('Mailbox Store (EXCHVS-DR)', 'EXCHVS')).not.toBe(serverNeutralKey('Mailbox Store (EXCHVS)', 'EXCHVS'));
    expect(serverNeutralKey('EXCHVS2 Store', 'EXCHVS')).toBe('exchvs2 store');
  });

  it('-r one-to-one (property): identical layouts pair every store with its namesake, whatever the server names', () => {
    const name = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,6}$/);
    fc.assert(
      fc.property(name, name, fc.uniqueArray(name, { minLength: 1, maxLength: 5, selector: (n) => n.toLowerCase() }), (a, b, groups) => {
        fc.pre(a.toLowerCase() !== b.toLowerCase() && !groups.some((group) => [a, b].some((server) => group.toLowerCase() === server.toLowerCase())));
        const layout = (server: string): PairingSide => side(server, groups.map((group) => ({ group, name: `Mailbox Store (${server})`, file: 'same.edb' })));
        const { pairs, unpaired } = pairStores(layout(a), layout(b), [{ kind: 'one-to-one' }]);
        expect(unpaired).toEqual([]);
        expect(pairs.map((pair) => [pair.source.group, pair.target.group])).toEqual(groups.map((group) => [group, group]));
      }),
    );
  });

  it('-r Indy:Indy_Bkup -r Boston:Boston_Bkup pairs those groups and the rest by file name', () => {
    const target = side(
      'EXCHVS-DR',
      [
        ...labSide('EXCHVS-DR').stores.map((store) => ({ group: store.group, name: store.name, file: store.databaseFile ?? '', kind: store.kind })),
        { group: 'Indy_Bkup', name: 'Sales', file: 'Sales.edb' },
        { group: 'Boston_Bkup', name: 'Sales', file: 'Sales.edb' },
      ],
    );
    const rules: PairingRule[] = [
      { kind: 'group', sourceGroup: 'Indy', targetGroup: 'Indy_Bkup' },
      { kind: 'group', sourceGroup: 'boston', targetGroup: 'BOSTON_BKUP' },
    ];
    expect(pairsOf(labSide('EXCHVS'), target, rules)).toEqual([
      'Boston/Sales -> Boston_Bkup/Sales (group-rule)',
      'First Storage Group/Mailbox Store (EXCHVS) -> First Storage Group/Mailbox Store (EXCHVS-DR) (file-name)',
      'First Storage Group/Public Folder Store (EXCHVS) -> First Storage Group/Public Folder Store (EXCHVS-DR) (file-name)',
      'Indy/Sales -> Indy_Bkup/Sales (group-rule)',
    ]);
    expect(pairStores(labSide('EXCHVS'), target, rules).unpaired.map((store) => `${store.group}/${store.name}`).sort()).toEqual(['Boston/Sales', 'Indy/Sales']);
  });

  it('group+store rules pair the named stores (and outrank a one-to-one rule)', () => {
    const target = side('TGT', [
      { group: 'Indy_Bkup', name: 'Inside', file: 'x.edb' },
      { group: 'Indy', name: 'Sales', file: 'Sales.edb' },
      { group: 'Boston', name: 'Sales', file: 'Sales.edb' },
      { group: 'First Storage Group', name: 'Mailbox Store (TGT)', file: 'priv1.edb' },
      { group: 'First Storage Group', name: 'Public Folder Store (TGT)', file: 'pub1.edb', kind: 'public' },
    ]);
    const rules: PairingRule[] = [
      { kind: 'one-to-one' },
      { kind: 'store', sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'Indy_Bkup', targetStore: 'Inside' },
    ];
    expect(pairsOf(labSide('SRC'), target, rules)).toEqual([
      'Boston/Sales -> Boston/Sales (one-to-one)',
      'First Storage Group/Mailbox Store (SRC) -> First Storage Group/Mailbox Store (TGT) (one-to-one)',
      'First Storage Group/Public Folder Store (SRC) -> First Storage Group/Public Folder Store (TGT) (one-to-one)',
      'Indy/Sales -> Indy_Bkup/Inside (store-rule)',
    ]);
  });

  it('refuses rules naming missing groups or stores, naming each', () => {
    const rules: PairingRule[] = [
      { kind: 'group', sourceGroup: 'Chicago', targetGroup: 'Indy' },
      { kind: 'group', sourceGroup: 'Indy', targetGroup: 'Indy_Bkup' },
      { kind: 'store', sourceGroup: 'Boston', sourceStore: 'Marketing', targetGroup: 'Boston', targetStore: 'Sales' },
      { kind: 'store', sourceGroup: 'Boston', sourceStore: 'Sales', targetGroup: 'Boston', targetStore: 'Nowhere' },
    ];
    expect(refusal(labSide('EXCHVS'), labSide('EXCHVS-DR'), rules).problems).toEqual([
      '-r "Boston, Marketing:Boston, Sales": no store "Marketing" in storage group "Boston" on EXCHVS',
      '-r "Boston, Sales:Boston, Nowhere": no store "Nowhere" in storage group "Boston" on EXCHVS-DR',
      '-r Chicago:Indy: no storage group "Chicago" on EXCHVS',
      '-r Indy:Indy_Bkup: no storage group "Indy_Bkup" on EXCHVS-DR',
      'database file Sales.edb is not unique on EXCHVS: "Indy, Sales", "Boston, Sales"',
      'database file Sales.edb is not unique on EXCHVS-DR: "Indy, Sales", "Boston, Sales"',
    ]);
  });

  it('refuses two source stores sent to one target store', () => {
    const rules: PairingRule[] = [
      { kind: 'store', sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'Indy', targetStore: 'Sales' },
      { kind: 'store', sourceGroup: 'Boston', sourceStore: 'Sales', targetGroup: 'Indy', targetStore: 'Sales' },
      { kind: 'one-to-one' },
    ];
    expect(refusal(labSide('EXCHVS'), labSide('EXCHVS-DR'), rules).problems).toEqual([
      'store "Indy, Sales" on EXCHVS-DR would be the partner of two source stores (-r "Indy, Sales:Indy, Sales"; -r "Boston, Sales:Indy, Sales")',
    ]);
  });
});
