import { describe, expect, it } from 'vitest';
import { checkPairDocument } from '../../../src-main/pair/parse-pair-document';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { formatPath, getAt, listLengthAt, setAt, type FieldPath } from '../../../src-renderer/pair/json-path';
import { ALL_GROUPS, pathsShownBy } from '../../../src-renderer/pair/pair-fields';

/**
 * Every field the wizard's pair document form shows (src-renderer/pair/pair-fields.ts, the lab document's lists at
 * their length) has a bad value that the main process's pair document check refuses with a problem naming exactly
 * that field, which is what the form shows under the field and what a refused save lists. Fields the lab document
 * leaves empty or out (the probe's TCP port, the ExchFailover rules) are walked on a variant that fills them.
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

/** The lab's document with what it leaves empty filled: a TCP probe and two ExchFailover rules. */
function filledDocument(): unknown {
  const lab = labPairDocument();
  return {
    ...lab,
    monitor: { ...lab.monitor, probe: { kind: 'tcp', port: 25 } },
    incident: { ...lab.incident, rules: ['Indy, Sales:Indy_Bkup, Sales', 'Boston:Boston_Bkup'] },
  };
}

const shownBy = (document: unknown): FieldPath[] =>
  [...pathsShownBy(ALL_GROUPS, (path) => listLengthAt(document, path), (path) => JSON.stringify(path))].map((text) => JSON.parse(text) as FieldPath);

describe('every field of the pair document form', () => {
  const documents: readonly unknown[] = [labPairDocument(), filledDocument()];
  // Each field with the first document that gives it a value (a list's own path is named by its rows and its count).
  const walked = new Map<string, { path: FieldPath; document: unknown }>();
  for (const document of documents) {
    for (const path of shownBy(document)) {
      const value = getAt(document, path);
      if (value === undefined || Array.isArray(value) || walked.has(pathText(path))) continue;
      walked.set(pathText(path), { path, document });
    }
  }
  const leaves = [...walked.values()].map((w) => w.path);
  const documentOf = (path: FieldPath): unknown => walked.get(pathText(path))?.document;
  // The paths the form names that hold no single value in any document: the lists (named by their rows and count).
  const unwalked = [...new Set(documents.flatMap((d) => shownBy(d).map(pathText)))].filter((t) => !walked.has(t));

  it('covers both sides and the pair parts (a sanity check on the field list)', () => {
    const texts = leaves.map(pathText);
    expect(texts).toContain('source.ipAddress.subnetMask');
    expect(texts).toContain('target.physicalDisks[0].signature');
    expect(texts).toContain('replicationSet.rules[0].path');
    expect(texts).toContain('monitor.monitoredAddress');
    expect(leaves.length).toBeGreaterThan(40);
  });

  it('covers the monitor’s timing and probe and every failover option', () => {
    const texts = leaves.map(pathText);
    for (const path of [
      'monitor.intervalSeconds',
      'monitor.missedReplies',
      'monitor.probe.kind',
      'monitor.probe.port',
      'monitor.secondPath',
      'incident.rules[0]',
      'incident.rules[1]',
      'incident.noRus',
      'incident.noSpn',
      'incident.failbackAddress',
      'incident.guardMinutes',
    ]) {
      expect(texts, path).toContain(path);
    }
    expect(texts).toContain('monitor.probe');
    expect(unwalked.sort()).toEqual(['incident.rules', 'replicationSet.rules', 'source.cluster.nodes', 'source.physicalDisks', 'target.cluster.nodes', 'target.physicalDisks']);
  });

  it('names the lists themselves when the document holds no list there', () => {
    const lab = labPairDocument();
    for (const path of [['incident', 'rules'], ['replicationSet', 'rules']] as const) {
      const check = checkPairDocument(setAt(lab, path, 'Indy:Indy_Bkup'));
      expect(check.ok ? [] : check.problems.map((p) => p.path)).toContain(formatPath(path));
    }
  });

  it.each(leaves.map((path) => [pathText(path), path] as const))('%s: a bad value is refused, naming the field', (text, path) => {
    const document = documentOf(path);
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
