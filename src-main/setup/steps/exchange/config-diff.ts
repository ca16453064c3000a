/**
 * Compares two Exchange configurations difference by difference: an expected one (the source server, or what step
 * 4.1 recorded) and an actual one (the target server, or the source as the directory holds it now). Storage groups
 * pair by name, stores by name within their group; a name that contains its server's name is the same name on the
 * other server ("Mailbox Store (EXCHVS)" ↔ "Mailbox Store (EXCHVS-DR)"), as the failover's store pairing takes it.
 */
import { nameKey } from '../../../failover/discovery';
import { serverNeutralKey } from '../../../failover/store-pairing';
import { assertNever } from '../../../shared/assert-never';
import type { ExchangeConfig, StorageGroupConfig, StoreConfig } from './exchange-config';

export type StoreKind = StoreConfig['kind'];

/** One way the actual configuration differs from the expected one. Names are as each side spells them. */
export type ConfigDifference =
  | { readonly kind: 'group-missing'; readonly group: string }
  | { readonly kind: 'group-extra'; readonly group: string }
  | { readonly kind: 'store-missing'; readonly group: string; readonly store: string }
  | { readonly kind: 'store-extra'; readonly group: string; readonly store: string }
  | { readonly kind: 'store-kind'; readonly group: string; readonly store: string; readonly expected: StoreKind; readonly actual: StoreKind }
  | {
      readonly kind: 'database-file';
      readonly group: string;
      readonly store: string;
      readonly expected: string | null;
      readonly actual: string | null;
    };

/** A store of either side and its partner on the other, when it has one. */
export interface StoreComparison {
  /** The group's name as the expected side spells it (the actual side's when only that side has the group). */
  readonly group: string;
  readonly expected: StoreConfig | undefined;
  readonly actual: StoreConfig | undefined;
  /** Empty when the two are the same; `store-missing`/`store-extra` when one side lacks it. */
  readonly differences: readonly ConfigDifference[];
}

export interface GroupComparison {
  readonly expected: StorageGroupConfig | undefined;
  readonly actual: StorageGroupConfig | undefined;
  /** `group-missing`/`group-extra` when one side lacks the group. */
  readonly differences: readonly ConfigDifference[];
  readonly stores: readonly StoreComparison[];
}

export interface ConfigComparison {
  readonly groups: readonly GroupComparison[];
  /**
   * Every difference once: a missing (or extra) group is one difference, its stores are not listed again; within
   * groups both sides have, every store difference.
   */
  readonly differences: readonly ConfigDifference[];
}

/** The name of a group or store comparison, as shown: the expected side's name, else the actual side's. */
export function comparedName(pair: { readonly expected: { readonly name: string } | undefined; readonly actual: { readonly name: string } | undefined }): string {
  return pair.expected?.name ?? pair.actual?.name ?? '';
}

interface Matched<T> {
  readonly expected: T | undefined;
  readonly actual: T | undefined;
}

/**
 * Pairs items by name: the same name (case-insensitive, spaces collapsed) first, then, among what is left, the
 * same name once each side's server name is taken out; a name matching several is left unpaired. Expected items
 * keep their order, actual items without a partner follow in theirs.
 */
function matchByName<T extends { readonly name: string }>(
  expected: readonly T[],
  actual: readonly T[],
  expectedServer: string,
  actualServer: string,
): Matched<T>[] {
  const partner = new Map<T, T>();
  const taken = new Set<T>();
  const pass = (keyOfExpected: (item: T) => string, keyOfActual: (item: T) => string): void => {
    for (const item of expected) {
      if (partner.has(item)) continue;
      const key = keyOfExpected(item);
      const candidates = actual.filter((candidate) => !taken.has(candidate) && keyOfActual(candidate) === key);
      const rivals = expected.filter((other) => !partner.has(other) && keyOfExpected(other) === key);
      const [only, second] = candidates;
      if (only === undefined || second !== undefined || rivals.length > 1) continue;
      partner.set(item, only);
      taken.add(only);
    }
  };
  pass(
    (item) => nameKey(item.name),
    (item) => nameKey(item.name),
  );
  pass(
    (item) => serverNeutralKey(item.name, expectedServer),
    (item) => serverNeutralKey(item.name, actualServer),
  );
  return [
    ...expected.map((item) => ({ expected: item, actual: partner.get(item) })),
    ...actual.filter((item) => !taken.has(item)).map((item) => ({ expected: undefined, actual: item })),
  ];
}

/** Windows paths compare without regard to case or slash direction. [assumed] No short (8.3) names in msExchEDBFile. */
export function samePath(a: string | null, b: string | null): boolean {
  const key = (path: string): string => path.trim().replace(/\//g, '\\').toLowerCase();
  return a === null || b === null ? a === b : key(a) === key(b);
}

function compareStore(group: string, expected: StoreConfig | undefined, actual: StoreConfig | undefined): StoreComparison {
  const differences: ConfigDifference[] = [];
  if (expected === undefined && actual !== undefined) differences.push({ kind: 'store-extra', group, store: actual.name });
  if (expected !== undefined && actual === undefined) differences.push({ kind: 'store-missing', group, store: expected.name });
  if (expected !== undefined && actual !== undefined) {
    if (expected.kind !== actual.kind) differences.push({ kind: 'store-kind', group, store: expected.name, expected: expected.kind, actual: actual.kind });
    if (!samePath(expected.edbFile, actual.edbFile)) {
      differences.push({ kind: 'database-file', group, store: expected.name, expected: expected.edbFile, actual: actual.edbFile });
    }
  }
  return { group, expected, actual, differences };
}

/** Compares `actual` with `expected`, group by group and store by store. */
export function compareConfigs(expected: ExchangeConfig, actual: ExchangeConfig): ConfigComparison {
  const groups = matchByName(expected.storageGroups, actual.storageGroups, expected.server, actual.server).map((pair): GroupComparison => {
    const group = comparedName(pair);
    const differences: ConfigDifference[] = [];
    if (pair.actual === undefined) differences.push({ kind: 'group-missing', group });
    if (pair.expected === undefined) differences.push({ kind: 'group-extra', group });
    const stores = matchByName(pair.expected?.stores ?? [], pair.actual?.stores ?? [], expected.server, actual.server).map((stores) =>
      compareStore(group, stores.expected, stores.actual),
    );
    return { expected: pair.expected, actual: pair.actual, differences, stores };
  });
  const differences = groups.flatMap((group) =>
    group.differences.length > 0 ? group.differences : group.stores.flatMap((store) => store.differences),
  );
  return { groups, differences };
}

/** How the two sides are called in sentences: e.g. `EXCHVS` and `EXCHVS-DR`, or `the recording` and `EXCHVS now`. */
export interface SideLabels {
  readonly expected: string;
  readonly actual: string;
}

const kindText = (kind: StoreKind): string => (kind === 'mailbox' ? 'a mailbox store' : 'a public folder store');
const fileText = (path: string | null): string => path ?? 'no database file path';

/** One difference as a sentence naming the group, the store and both sides. */
export function describeDifference(difference: ConfigDifference, labels: SideLabels): string {
  switch (difference.kind) {
    case 'group-missing':
      return `storage group "${difference.group}" (in ${labels.expected}) is missing from ${labels.actual}`;
    case 'group-extra':
      return `storage group "${difference.group}" (in ${labels.actual}) is not in ${labels.expected}`;
    case 'store-missing':
      return `store "${difference.group} / ${difference.store}" (in ${labels.expected}) is missing from ${labels.actual}`;
    case 'store-extra':
      return `store "${difference.group} / ${difference.store}" (in ${labels.actual}) is not in ${labels.expected}`;
    case 'store-kind':
      return `store "${difference.group} / ${difference.store}" is ${kindText(difference.expected)} in ${labels.expected} but ${kindText(difference.actual)} in ${labels.actual}`;
    case 'database-file':
      return `store "${difference.group} / ${difference.store}" has database file ${fileText(difference.expected)} in ${labels.expected} but ${fileText(difference.actual)} in ${labels.actual}`;
    default:
      return assertNever(difference, 'configuration difference');
  }
}
