import { describe, expect, it } from 'vitest';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { pairDocumentTemplate } from '../../../src-main/pair/pair-template';
import { checkPairDocument } from '../../../src-main/pair/parse-pair-document';

/** Every leaf of a JSON value by its path (`source.cluster.nodes[0].name`). */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(value)) value.forEach((item, i) => leaves(item, `${path}[${i}]`).forEach((v, k) => out.set(k, v)));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) leaves(item, path === '' ? key : `${path}.${key}`).forEach((v, k) => out.set(k, v));
  } else out.set(path, value);
  return out;
}

/** Double-Take's monitor defaults in the template; the lab shortens them so that an incident takes seconds. */
const LAB_SHORTENED = new Set(['monitor.intervalSeconds', 'monitor.missedReplies']);

describe('the pair document template (exchange-ha pair new)', () => {
  it('has the shape of a valid document: the lab values put back in its empty fields make the lab document', () => {
    const template = leaves(pairDocumentTemplate());
    const lab = leaves(labPairDocument());
    expect([...template.keys()]).toEqual([...lab.keys()]);
    const emptied = [...template].filter(([key, value]) => value !== lab.get(key) && !LAB_SHORTENED.has(key)).map(([key]) => key);
    expect(template.get('monitor.intervalSeconds')).toBe(5);
    expect(template.get('monitor.missedReplies')).toBe(5);
    expect(emptied.every((key) => template.get(key) === '' || template.get(key) === 0)).toBe(true);
    // What the guide suggests is kept.
    expect(template.get('source.ipAddress.resourceName')).toBe(lab.get('source.ipAddress.resourceName'));
    expect(template.get('source.cluster.nodes[0].doubleTakeFolder')).toBe('C:\\Program Files\\DoubleTake');
    expect(template.get('monitor.clearItemsToFailover')).toBe(true);
  });

  it('is never valid, and each problem is one empty field by its own path: no duplicate or cross-field noise', () => {
    const check = checkPairDocument(pairDocumentTemplate());
    expect(check.ok).toBe(false);
    const problems = check.ok ? [] : check.problems;
    const emptied = [...leaves(pairDocumentTemplate())]
      .filter(([key, value]) => value !== leaves(labPairDocument()).get(key) && !LAB_SHORTENED.has(key))
      .map(([key]) => key);
    // Descriptions may be empty; every other emptied value is a problem of its own, once.
    expect(problems.map((p) => p.path).sort()).toEqual(emptied.filter((key) => !key.endsWith('.description')).sort());
    expect(problems.some((p) => /twice|already used|already the name/.test(p.message))).toBe(false);
  });
});
