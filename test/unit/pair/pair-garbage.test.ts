import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPairDocument, PairDocumentError, parsePairDocument } from '../../../src-main/pair';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';

/** Parses and returns what was thrown (undefined when the value was accepted). */
function thrownBy(json: unknown): unknown {
  try {
    parsePairDocument(json, 'garbage');
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Sets `value` at a random place in the lab document (the document itself when the path ends early). */
function mutated(): fc.Arbitrary<unknown> {
  return fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), fc.anything(), fc.boolean()).map(([steps, value, remove]) => {
    const root = JSON.parse(JSON.stringify(labPairDocument())) as Record<string, unknown>;
    let node: Record<string, unknown> = root;
    for (const [i, step] of steps.entries()) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[step % keys.length] as string;
      const child = node[key];
      if (i === steps.length - 1 || typeof child !== 'object' || child === null) {
        if (remove) delete node[key];
        else node[key] = value;
        break;
      }
      node = child as Record<string, unknown>;
    }
    return root;
  });
}

describe('garbage in a pair document', () => {
  it('never throws anything but PairDocumentError, and always names a field', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), mutated(), mutated()), (json) => {
        const error = thrownBy(json);
        if (error === undefined) return;
        expect(error).toBeInstanceOf(PairDocumentError);
        const problems = (error as PairDocumentError).problems;
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) {
          expect(problem.path).not.toBe('');
          expect(problem.message).not.toBe('');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('checkPairDocument never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), mutated()), (json) => {
        expect(() => checkPairDocument(json)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});
