import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StepPlan } from '../../../src-main/contract/steps';
import { comparePlans } from '../../../src-main/setup/plan-changes';
import { digestHolds, planDigest } from '../../../src-main/setup/plan-digest';

const PAIR = 'b'.repeat(64);
const CREATE = { tool: 'cluster', target: 'SRCCLUS', command: 'cluster SRCCLUS group "Exchange Group" /create', description: 'Create the group', needed: true } as const;
const DESCRIBE = { tool: 'cluster', target: 'SRCCLUS', command: 'cluster SRCCLUS group "Exchange Group" /prop Description="x"', description: 'Describe it', needed: false } as const;

function plan(parts: Partial<Omit<StepPlan, 'digest'>> = {}): StepPlan {
  const view = { stepId: '4.2.1', actions: [CREATE, DESCRIBE], warnings: ['a warning'], findings: ['a finding'], pairDigest: PAIR, ...parts };
  return { ...view, digest: planDigest(view) };
}

describe('a plan\'s digest', () => {
  it('is SHA-256 of the canonical view: step, pair digest, [tool, target, command, needed] per action, warnings', () => {
    const canonical = JSON.stringify([
      'exchange-ha plan 1',
      '4.2.1',
      PAIR,
      [
        ['cluster', 'SRCCLUS', CREATE.command, true],
        ['cluster', 'SRCCLUS', DESCRIBE.command, false],
      ],
      ['a warning'],
    ]);
    expect(plan().digest).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(digestHolds(plan())).toBe(true);
    expect(digestHolds({ ...plan(), warnings: [] })).toBe(false);
  });

  it.each([
    ['the step', { stepId: '4.2.2' }],
    ['the pair document', { pairDigest: 'c'.repeat(64) }],
    ['an action needed or not', { actions: [{ ...CREATE, needed: false }, DESCRIBE] }],
    ['a command', { actions: [{ ...CREATE, command: `${CREATE.command} ` }, DESCRIBE] }],
    ['a target', { actions: [{ ...CREATE, target: 'TGTCLUS' }, DESCRIBE] }],
    ['a tool', { actions: [{ ...CREATE, tool: 'dtcl' as const }, DESCRIBE] }],
    ['the order of the actions', { actions: [DESCRIBE, CREATE] }],
    ['an action more', { actions: [CREATE, DESCRIBE, CREATE] }],
    ['a warning', { warnings: ['another warning'] }],
  ])('changes with %s', (_what, parts) => {
    expect(plan(parts).digest).not.toBe(plan().digest);
  });

  it('does not change with the words about the world: descriptions and findings', () => {
    expect(plan({ actions: [{ ...CREATE, description: 'Other words' }, DESCRIBE], findings: ['Confirmed at 03:00'] }).digest).toBe(plan().digest);
  });
});

describe('what changed between the plan seen and the plan now', () => {
  it('names actions added, removed and whose need changed, warnings added and gone, and the pair document', () => {
    const seen = plan();
    const now = plan({
      actions: [{ ...DESCRIBE, needed: true }, { ...CREATE, command: 'cluster SRCCLUS group "Other" /create' }],
      warnings: ['a new warning'],
      pairDigest: 'c'.repeat(64),
    });
    expect(comparePlans(seen, now)).toEqual({
      known: true,
      pairChanged: true,
      added: [{ ...CREATE, command: 'cluster SRCCLUS group "Other" /create' }],
      removed: [CREATE],
      neededChanged: [{ ...DESCRIBE, needed: true }],
      warningsAdded: ['a new warning'],
      warningsRemoved: ['a warning'],
      reordered: false,
    });
  });

  it('pairs a repeated action with its twin, and says when only the order changed', () => {
    const seen = plan({ actions: [CREATE, { ...CREATE, needed: false }] });
    expect(comparePlans(seen, plan({ actions: [{ ...CREATE, needed: false }, CREATE] }))).toMatchObject({ neededChanged: [], added: [], removed: [], reordered: true });
    expect(comparePlans(seen, plan({ actions: [CREATE] }))).toMatchObject({ removed: [{ ...CREATE, needed: false }], neededChanged: [] });
    expect(comparePlans(seen, seen)).toMatchObject({ reordered: false, added: [], removed: [] });
  });

  it('says when the plan seen is not known', () => {
    expect(comparePlans(undefined, plan())).toMatchObject({ known: false, added: [], removed: [], pairChanged: false });
  });
});
