/**
 * One planned change as one line of text (`-test` prints the whole plan this way): phase, entry, attribute, the
 * values before and after, and why. One line a change, so a plan of 100,000 mailboxes can be searched with grep.
 */
import type { PlannedChange } from '../failover/engine-api';

/** Values as the plan shows them: `(none)`, the value, or the values separated by ` | `. */
export function formatValues(values: readonly string[]): string {
  return values.length === 0 ? '(none)' : values.join(' | ');
}

/** `mailboxes  CN=...  homeMDB: <before> -> <after>  (why)`. */
export function formatPlannedChange(change: PlannedChange): string {
  return `${change.phase.padEnd(14)} ${change.dn}  ${change.attribute}: ${formatValues(change.before)} -> ${formatValues(change.after)}  (${change.why})`;
}
