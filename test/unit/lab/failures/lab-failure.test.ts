import { describe, expect, it } from 'vitest';
import { labFailureWords, LabFailureWordsError, parseLabFailureWords, sameLabFailure } from '../../../../src-main/lab/failures/lab-failure';

function refusal(words: readonly string[]): string {
  try {
    parseLabFailureWords(words);
  } catch (error) {
    expect(error).toBeInstanceOf(LabFailureWordsError);
    return (error as Error).message;
  }
  throw new Error(`expected ${words.join(' ')} to be refused`);
}

describe('the failures named by words', () => {
  it('reads each failure in any case, node names in upper case', () => {
    expect(parseLabFailureWords(['source'])).toEqual({ kind: 'source' });
    expect(parseLabFailureWords(['TARGET'])).toEqual({ kind: 'target' });
    expect(parseLabFailureWords(['Link'])).toEqual({ kind: 'link' });
    expect(parseLabFailureWords(['split'])).toEqual({ kind: 'split' });
    expect(parseLabFailureWords(['node', 'src1'])).toEqual({ kind: 'node', node: 'SRC1' });
  });

  it('refuses what it does not know, saying what is expected', () => {
    expect(refusal([])).toBe('the failure is missing: one of source, target, link, split, node NODE');
    expect(refusal(['power'])).toBe('"power" is not a failure the lab knows: one of source, target, link, split, node NODE');
    expect(refusal(['node'])).toBe('"node" needs the node\'s name (node SRC1)');
    expect(refusal(['node', '../x'])).toContain("node ../x: The node name '../x' contains '.'");
    expect(refusal(['link', 'now'])).toBe('unexpected "now" after link');
    expect(refusal(['node', 'SRC1', 'SRC2'])).toBe('unexpected "SRC2" after node SRC1');
  });

  it('names failures as the command line does, and compares them', () => {
    expect(labFailureWords({ kind: 'node', node: 'TGT2' })).toBe('node TGT2');
    expect(labFailureWords({ kind: 'split' })).toBe('split');
    expect(sameLabFailure({ kind: 'node', node: 'src1' }, { kind: 'node', node: 'SRC1' })).toBe(true);
    expect(sameLabFailure({ kind: 'node', node: 'SRC1' }, { kind: 'node', node: 'SRC2' })).toBe(false);
    expect(sameLabFailure({ kind: 'link' }, { kind: 'split' })).toBe(false);
    expect(sameLabFailure({ kind: 'source' }, { kind: 'node', node: 'SRC1' })).toBe(false);
  });
});
