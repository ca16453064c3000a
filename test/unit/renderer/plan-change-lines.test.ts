import { describe, expect, it } from 'vitest';
import { planChangeLines } from '../../../src-renderer/components/plan-change-lines';

const CREATE = { tool: 'cluster', target: 'SRCCLUS', command: 'cluster SRCCLUS group "G" /create', description: 'Create the group', needed: true } as const;
const NONE = { known: true, pairChanged: false, added: [], removed: [], neededChanged: [], warningsAdded: [], warningsRemoved: [], reordered: false };

describe('what changed in a plan, in words', () => {
  it('says each difference with its command', () => {
    expect(
      planChangeLines({
        ...NONE,
        pairChanged: true,
        added: [CREATE],
        removed: [{ ...CREATE, needed: false }],
        neededChanged: [{ ...CREATE, needed: false }],
        warningsAdded: ['w1'],
        warningsRemoved: ['w0'],
      }),
    ).toEqual([
      { kind: 'Pair document', text: 'The pair document changed since the plan you saw was made.' },
      { kind: 'Added, needed', text: 'SRCCLUS: Create the group', command: CREATE.command },
      { kind: 'No longer planned', text: 'SRCCLUS: Create the group', command: CREATE.command },
      { kind: 'Now already done', text: 'SRCCLUS: Create the group', command: CREATE.command },
      { kind: 'New warning', text: 'w1' },
      { kind: 'Warning gone', text: 'w0' },
    ]);
  });

  it('says when only the order changed, or the plan seen is not known', () => {
    expect(planChangeLines({ ...NONE, reordered: true }).map((l) => l.kind)).toEqual(['Order']);
    expect(planChangeLines({ ...NONE, known: false }).map((l) => l.kind)).toEqual(['Unknown']);
  });
});
