/**
 * Undo's last pass: reads every entry the journal may have changed again and checks that each attribute holds what
 * it held before the journalled runs — the values before the OLDEST change of that attribute that may have reached
 * the directory. For the multi-valued servicePrincipalName the check is value by value: each value a run removed is
 * back, each value a run added is gone. Nothing of the undo's own counts is trusted.
 */
import { holdsValue, isMultiValued, sameValueSet, valueKey } from './attribute-values';
import type { VerificationCheck } from './engine-api';
import { intentsBackwards } from './journal-reader';
import type { RunContext } from './run-context';
import { entryKey, mayHaveChanged, readEntries } from './undo-entries';

/** How many differences the check's detail names. */
const NAMED = 20;

interface Expected {
  readonly dn: string;
  /** Single-valued attributes: the values they must hold. */
  readonly exact: Map<string, readonly string[]>;
  /** Multi-valued attributes: value key → [value, whether it must be present]. */
  readonly values: Map<string, Map<string, [string, boolean]>>;
}

/** What every entry must hold again, from the journal read newest first (older intents overwrite newer ones). */
async function expectedState(path: string, skipLastLine: boolean): Promise<Map<string, Expected>> {
  const expected = new Map<string, Expected>();
  for await (const intent of intentsBackwards(path, skipLastLine)) {
    if (!mayHaveChanged(intent)) continue;
    const key = entryKey(intent.line.dn);
    let entry = expected.get(key);
    if (entry === undefined) {
      entry = { dn: intent.line.dn, exact: new Map(), values: new Map() };
      expected.set(key, entry);
    }
    for (const change of intent.line.changes) {
      const name = change.attribute.toLowerCase();
      if (!isMultiValued(name)) {
        entry.exact.set(name, change.before);
        continue;
      }
      let values = entry.values.get(name);
      if (values === undefined) {
        values = new Map();
        entry.values.set(name, values);
      }
      for (const value of change.before) if (!holdsValue(name, change.after, value)) values.set(valueKey(name, value), [value, true]);
      for (const value of change.after) if (!holdsValue(name, change.before, value)) values.set(valueKey(name, value), [value, false]);
    }
  }
  return expected;
}

/** Re-reads every entry and checks it holds its values from before the journalled runs. */
export async function verifyUndo(context: RunContext, path: string, skipLastLine: boolean): Promise<VerificationCheck> {
  const expected = await expectedState(path, skipLastLine);
  const entries = Array.from(expected.values());
  const found = await readEntries(
    context.session,
    entries.map((entry) => entry.dn),
    context.concurrency,
  );
  const differences: string[] = [];
  for (const entry of entries) {
    const values = found.get(entryKey(entry.dn));
    if (values === undefined) {
      differences.push(`${entry.dn}: the entry is gone`);
      continue;
    }
    for (const [name, wanted] of entry.exact) {
      const now = values.get(name) ?? [];
      if (!sameValueSet(name, now, wanted)) differences.push(`${entry.dn} ${name}: ${JSON.stringify(now)}, not ${JSON.stringify(wanted)}`);
    }
    for (const [name, wanted] of entry.values) {
      const now = values.get(name) ?? [];
      for (const [value, present] of wanted.values()) {
        if (holdsValue(name, now, value) !== present) differences.push(`${entry.dn} ${name}: ${value} is ${present ? 'missing' : 'still there'}`);
      }
    }
  }
  return {
    what: `every entry the journal changed was read again (${entries.length}) and holds its values from before the journalled run(s)`,
    ok: differences.length === 0,
    ...(differences.length === 0
      ? {}
      : { detail: `${differences.length} difference(s): ${differences.slice(0, NAMED).join('; ')}${differences.length > NAMED ? '; ...' : ''}` }),
  };
}
