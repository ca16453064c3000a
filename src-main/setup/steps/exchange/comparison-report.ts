/**
 * A configuration comparison as the wizard shows it: one line per pair compared (findings), and one verify check
 * per storage group and per store, each naming what differs.
 */
import type { VerifyCheck } from '../../../contract/steps';
import { comparedName, type ConfigComparison, describeDifference, type SideLabels, type StoreComparison } from './config-diff';
import { storeSummary } from './exchange-config';

/** How the checks are worded for one comparison. */
export interface CheckWording {
  readonly labels: SideLabels;
  /** e.g. `Storage group "Indy" of EXCHVS is as recorded`. */
  readonly group: (group: string) => string;
  /** e.g. `Store "Indy / Sales" is the same on EXCHVS and EXCHVS-DR`. */
  readonly store: (group: string, store: string) => string;
}

function storeName(store: StoreComparison): string {
  const { expected, actual } = store;
  if (expected !== undefined && actual !== undefined && expected.name !== actual.name) return `${expected.name} ↔ ${actual.name}`;
  return comparedName(store);
}

/** One line per store compared: `Indy / Sales: mailbox, E:\Exchsrvr\Indy\Sales.edb in EXCHVS; ... in EXCHVS-DR`. */
export function comparisonLines(comparison: ConfigComparison, labels: SideLabels): string[] {
  return comparison.groups.flatMap((group) => {
    const name = comparedName(group);
    if (group.stores.length === 0) {
      const where = [group.expected === undefined ? [] : [labels.expected], group.actual === undefined ? [] : [labels.actual]].flat();
      return [`${name}: no stores (storage group in ${where.join(' and ')})`];
    }
    return group.stores.map((store) => {
      const side = (config: typeof store.expected, label: string): string =>
        config === undefined ? `missing from ${label}` : `${storeSummary(config)} in ${label}`;
      return `${name} / ${storeName(store)}: ${side(store.expected, labels.expected)}; ${side(store.actual, labels.actual)}`;
    });
  });
}

/** One check per storage group (is it on both sides) and one per store (is it the same on both sides). */
export function comparisonChecks(comparison: ConfigComparison, wording: CheckWording): VerifyCheck[] {
  return comparison.groups.flatMap((group) => {
    const name = comparedName(group);
    const groupCheck: VerifyCheck = {
      what: wording.group(name),
      ok: group.differences.length === 0,
      detail:
        group.differences.length === 0
          ? `${group.stores.length} store${group.stores.length === 1 ? '' : 's'} compared.`
          : group.differences.map((difference) => describeDifference(difference, wording.labels)).join('; '),
    };
    const storeChecks = group.stores.map(
      (store): VerifyCheck => ({
        what: wording.store(name, comparedName(store)),
        ok: store.differences.length === 0,
        detail:
          store.differences.length === 0 && store.expected !== undefined
            ? `${storeName(store)}: ${storeSummary(store.expected)}`
            : store.differences.map((difference) => describeDifference(difference, wording.labels)).join('; '),
      }),
    );
    return [groupCheck, ...storeChecks];
  });
}
