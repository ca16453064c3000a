import { describe, expect, it } from 'vitest';
import { compareConfigs, type ConfigDifference, describeDifference, samePath } from '../../../../src-main/setup/steps/exchange/config-diff';
import type { ExchangeConfig, StoreConfig } from '../../../../src-main/setup/steps/exchange/exchange-config';

const store = (name: string, edbFile: string | null, kind: StoreConfig['kind'] = 'mailbox'): StoreConfig => ({
  name,
  kind,
  edbFile,
  databaseFile: edbFile === null ? null : (edbFile.split('\\').at(-1) ?? null),
});

const config = (server: string, groups: Record<string, StoreConfig[]>): ExchangeConfig => ({
  server,
  storageGroups: Object.entries(groups).map(([name, stores]) => ({ name, stores })),
});

const source = config('EXCHVS', {
  'First Storage Group': [store('Mailbox Store (EXCHVS)', 'E:\\Exchsrvr\\mdbdata\\priv1.edb'), store('Public Folder Store (EXCHVS)', 'E:\\Exchsrvr\\mdbdata\\pub1.edb', 'public')],
  Indy: [store('Sales', 'E:\\Exchsrvr\\Indy\\Sales.edb')],
  Boston: [store('Sales', 'E:\\Exchsrvr\\Boston\\Sales.edb')],
});

const labels = { expected: 'EXCHVS', actual: 'EXCHVS-DR' };
const described = (differences: readonly ConfigDifference[]): string[] => differences.map((d) => describeDifference(d, labels));

describe('compareConfigs', () => {
  it('finds nothing between identical configurations whose store names carry their own server name', () => {
    const target = config('EXCHVS-DR', {
      'first storage group': [store('Mailbox Store (EXCHVS-DR)', 'e:\\exchsrvr\\MDBDATA\\priv1.edb'), store('Public Folder Store (EXCHVS-DR)', 'E:/Exchsrvr/mdbdata/pub1.edb', 'public')],
      Boston: [store('Sales', 'E:\\Exchsrvr\\Boston\\Sales.edb')],
      Indy: [store('Sales', 'E:\\Exchsrvr\\Indy\\Sales.edb')],
    });
    const comparison = compareConfigs(source, target);
    expect(comparison.differences).toEqual([]);
    expect(comparison.groups.map((g) => [g.expected?.name, g.actual?.name])).toEqual([
      ['First Storage Group', 'first storage group'],
      ['Indy', 'Indy'],
      ['Boston', 'Boston'],
    ]);
    expect(comparison.groups[0]?.stores.map((s) => [s.expected?.name, s.actual?.name])).toEqual([
      ['Mailbox Store (EXCHVS)', 'Mailbox Store (EXCHVS-DR)'],
      ['Public Folder Store (EXCHVS)', 'Public Folder Store (EXCHVS-DR)'],
    ]);
  });

  it('keeps the two Sales stores apart by their groups and names the one whose file differs', () => {
    const target = config('EXCHVS-DR', {
      'First Storage Group': [store('Mailbox Store (EXCHVS-DR)', 'E:\\Exchsrvr\\mdbdata\\priv1.edb'), store('Public Folder Store (EXCHVS-DR)', 'E:\\Exchsrvr\\mdbdata\\pub1.edb', 'public')],
      Indy: [store('Sales', 'E:\\Exchsrvr\\Boston\\Sales.edb')],
      Boston: [store('Sales', 'E:\\Exchsrvr\\Boston\\Sales.edb')],
    });
    expect(described(compareConfigs(source, target).differences)).toEqual([
      'store "Indy / Sales" has database file E:\\Exchsrvr\\Indy\\Sales.edb in EXCHVS but E:\\Exchsrvr\\Boston\\Sales.edb in EXCHVS-DR',
    ]);
  });

  it('lists a missing group once, a missing store, an extra store, an extra group, a changed kind and a lost path', () => {
    const target = config('EXCHVS-DR', {
      'First Storage Group': [store('Public Folder Store (EXCHVS-DR)', null, 'public'), store('Archive', 'E:\\Exchsrvr\\mdbdata\\arch.edb')],
      Boston: [store('Sales', 'E:\\Exchsrvr\\Boston\\Sales.edb', 'public')],
      Chicago: [store('Sales', 'E:\\Exchsrvr\\Chicago\\Sales.edb')],
    });
    const comparison = compareConfigs(source, target);
    expect(described(comparison.differences)).toEqual([
      'store "First Storage Group / Mailbox Store (EXCHVS)" (in EXCHVS) is missing from EXCHVS-DR',
      'store "First Storage Group / Public Folder Store (EXCHVS)" has database file E:\\Exchsrvr\\mdbdata\\pub1.edb in EXCHVS but no database file path in EXCHVS-DR',
      'store "First Storage Group / Archive" (in EXCHVS-DR) is not in EXCHVS',
      'storage group "Indy" (in EXCHVS) is missing from EXCHVS-DR',
      'store "Boston / Sales" is a mailbox store in EXCHVS but a public folder store in EXCHVS-DR',
      'storage group "Chicago" (in EXCHVS-DR) is not in EXCHVS',
    ]);
    // The stores of a missing group each carry their own difference, for their own check.
    const indy = comparison.groups.find((g) => g.expected?.name === 'Indy');
    expect(indy?.stores.map((s) => s.differences.map((d) => d.kind))).toEqual([['store-missing']]);
  });

  it('prefers an exact name over a server-neutral one, and pairs nothing when the neutral name is ambiguous', () => {
    const expected = config('EXCHVS', { G: [store('Store (EXCHVS)', 'E:\\a.edb'), store('Store (EXCHVS-DR)', 'E:\\b.edb')] });
    const exact = compareConfigs(expected, config('EXCHVS-DR', { G: [store('Store (EXCHVS-DR)', 'E:\\b.edb'), store('Store (EXCHVS)', 'E:\\a.edb')] }));
    expect(exact.differences).toEqual([]);

    const ambiguous = compareConfigs(
      config('EXCHVS', { G: [store('Store (EXCHVS)', 'E:\\a.edb')] }),
      config('EXCHVS-DR', { G: [store('Store (EXCHVS-DR)', 'E:\\a.edb'), store('store (exchvs-dr)', 'E:\\c.edb')] }),
    );
    expect(ambiguous.differences.map((d) => d.kind)).toEqual(['store-missing', 'store-extra', 'store-extra']);
  });

  it('does not take a server name inside a longer word as the server name', () => {
    const comparison = compareConfigs(
      config('EXCHVS', { G: [store('EXCHVSX Store', 'E:\\a.edb')] }),
      config('EXCHVS-DR', { G: [store('EXCHVS-DRX Store', 'E:\\a.edb')] }),
    );
    expect(comparison.differences.map((d) => d.kind)).toEqual(['store-missing', 'store-extra']);
  });
});

describe('samePath', () => {
  it('compares Windows paths without regard to case or slash direction', () => {
    expect(samePath('E:\\Exchsrvr\\Indy\\Sales.edb', 'e:/exchsrvr/indy/SALES.EDB')).toBe(true);
    expect(samePath('E:\\Exchsrvr\\Indy\\Sales.edb', 'E:\\Exchsrvr\\Boston\\Sales.edb')).toBe(false);
    expect(samePath(null, null)).toBe(true);
    expect(samePath(null, 'E:\\a.edb')).toBe(false);
  });
});
