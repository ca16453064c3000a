import { describe, expect, it } from 'vitest';
import { checkPairDocument } from '../../../src-main/pair/parse-pair-document';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { formatPath, getAt, listLengthAt, setAt, type FieldPath } from '../../../src-renderer/pair/json-path';
import { ALL_GROUPS, pathsShownBy } from '../../../src-renderer/pair/pair-fields';

/**
 * Every field the wizard's pair document form shows (src-renderer/pair/pair-fields.ts, the lab document's lists at
 * their length) has a bad value that the main process's pair document check refuses with a problem naming exactly
 * that field, which is what the form shows under the field and what a refused save lists.
 */

const BAD_TEXT = ['', ' padded ', 'line\nbreak', 'say "hi"', 'x'.repeat(300), '256.1.1.1', '255.0.255.0', 'relative\\path', 'Q'];
const BAD_NUMBER = [0, -1, 1.5, 2 ** 32];

function badValuesFor(current: unknown): readonly unknown[] {
  if (typeof current === 'string') return [...BAD_TEXT, 7];
  if (typeof current === 'number') return [...BAD_NUMBER, 'text'];
  if (typeof current === 'boolean') return [!current, 'yes'];
  return [null];
}

const pathText = (path: FieldPath): string => formatPath(path);

describe('every field of the pair document form', () => {
  const document = labPairDocument();
  const shown = [...pathsShownBy(ALL_GROUPS, (path) => listLengthAt(document, path), (path) => JSON.stringify(path))].map(
    (text) => JSON.parse(text) as FieldPath,
  );
  const leaves = shown.filter((path) => !Array.isArray(getAt(document, path)));

  it('covers both sides and the pair parts (a sanity check on the field list)', () => {
    const texts = leaves.map(pathText);
    expect(texts).toContain('source.ipAddress.subnetMask');
    expect(texts).toContain('target.physicalDisks[0].signature');
    expect(texts).toContain('replicationSet.rules[0].path');
    expect(texts).toContain('monitor.monitoredAddress');
    expect(leaves.length).toBeGreaterThan(40);
  });

  it.each(leaves.map((path) => [pathText(path), path] as const))('%s: a bad value is refused, naming the field', (text, path) => {
    const current = getAt(document, path);
    const refusals = badValuesFor(current).map((bad) => {
      const check = checkPairDocument(setAt(document, path, bad));
      return { bad, problems: check.ok ? [] : check.problems };
    });
    const named = refusals.find((r) => r.problems.some((p) => p.path === text));
    expect(named, `no bad value for ${text} was refused under its own name: ${JSON.stringify(refusals.map((r) => r.problems.map((p) => p.path)))}`).toBeDefined();
    expect(named?.problems.find((p) => p.path === text)?.message.length).toBeGreaterThan(10);
  });
});
