import { describe, expect, it } from 'vitest';
import type { DoubleTakeCommand, DoubleTakeRule } from '../../../../src-main/doubletake/port';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import type { PairDocument } from '../../../../src-main/pair/pair-document-schema';
import { replicationSetStep } from '../../../../src-main/setup/steps/replication-set';
import { runSignal, stepLabPerTest } from '../../../helpers/setup-step-lab';

const t = stepLabPerTest();

const DATA: DoubleTakeRule = { path: 'E:\\Exchsrvr', mode: 'include', recursive: true };
const TEMP: DoubleTakeRule = { path: 'E:\\Exchsrvr\\Temp', mode: 'exclude', recursive: true };

const onNode = (node: string, commands: readonly DoubleTakeCommand[]) => t.context().world.doubleTake(node).run(commands);
const setsOf = (node: string) => t.context().world.doubleTake(node).replicationSets();
const createGroup = () => t.lab.source.run({ kind: 'group-create', group: 'Exchange Group' });
const ruleAdd = (rule: DoubleTakeRule, replicationSet = 'Exchange'): DoubleTakeCommand => ({ kind: 'repset-rule-add', replicationSet, rule });

function twoRulePair(): PairDocument {
  const pair = labPairDocument();
  pair.replicationSet.rules = [DATA, TEMP];
  return pair;
}

describe('step 4.4: the replication set on every source node', () => {
  it('makes the set first on the node owning the Exchange group, then identically on the others; converges', async () => {
    await createGroup();
    await t.lab.source.run({ kind: 'group-move', group: 'Exchange Group', node: 'SRC2' });
    const plan = await replicationSetStep.plan(t.context());
    expect(plan.warnings).toEqual([]);
    expect(plan.findings[0]).toBe('SRC2 owns "Exchange Group": the replication set is made there first, then identically on SRC1.');
    expect(plan.actions.map((a) => [a.tool, a.target, a.needed])).toEqual([
      ['dtcl', 'SRC2', true],
      ['dtcl', 'SRC1', true],
    ]);
    expect(plan.actions[0]?.command.split('\n')).toEqual([
      'LOGIN SRC2 Administrator ********;',
      'REPSET CREATE Exchange;',
      'REPSET RULE ADD "E:\\Exchsrvr" INCLUDE RECURSIVE TO Exchange;',
      'REPSET SAVE;',
    ]);

    for (const action of plan.actions.filter((a) => a.needed)) await action.run(runSignal);
    for (const node of ['SRC1', 'SRC2']) expect(await setsOf(node)).toEqual([{ name: 'Exchange', rules: [DATA], unsavedChanges: false }]);
    expect(await setsOf('TGT1')).toEqual([]);
    const checks = await replicationSetStep.verify(t.context());
    expect(checks.map((c) => [c.what.split(':')[0], c.ok])).toEqual([
      ['SRC2', true],
      ['SRC1', true],
    ]);

    const before = await t.snapshot();
    const again = await t.apply(replicationSetStep);
    expect(again.actions.filter((a) => a.needed)).toEqual([]);
    expect(await t.snapshot()).toEqual(before);
  });

  it('starts with the first node and warns when the group does not exist yet', async () => {
    const plan = await replicationSetStep.plan(t.context());
    expect(plan.actions.map((a) => a.target)).toEqual(['SRC1', 'SRC2']);
    expect(plan.warnings).toEqual([
      'The group "Exchange Group" does not exist on SRCCLUS yet (step 4.2.1), so no node owns it. Starting with the pair document\'s first node, SRC1.',
    ]);
  });

  it('plans only the missing rule on a node that has the others', async () => {
    await createGroup();
    await onNode('SRC2', [{ kind: 'repset-create', replicationSet: 'Exchange' }, ruleAdd(DATA), { kind: 'repset-save' }]);
    const plan = await replicationSetStep.plan(t.context(twoRulePair()));
    const src2 = plan.actions.find((a) => a.target === 'SRC2');
    expect(src2?.needed).toBe(true);
    expect(src2?.command.split('\n')).toEqual([
      'LOGIN SRC2 Administrator ********;',
      'REPSET RULE ADD "E:\\Exchsrvr\\Temp" EXCLUDE RECURSIVE TO Exchange;',
      'REPSET SAVE;',
    ]);
    expect(plan.findings).toContain('SRC2: rule E:\\Exchsrvr\\Temp exclude recursive is missing.');
    expect(plan.findings).not.toContain('SRC2: rule E:\\Exchsrvr include recursive is missing.');
    for (const action of plan.actions.filter((a) => a.needed)) await action.run(runSignal);
    expect((await replicationSetStep.verify(t.context(twoRulePair()))).every((c) => c.ok)).toBe(true);
  });

  it('saves a set whose rules are right but unsaved, and nothing else', async () => {
    await createGroup();
    await onNode('SRC1', [{ kind: 'repset-create', replicationSet: 'Exchange' }, ruleAdd(DATA)]);
    const verifyFirst = await replicationSetStep.verify(t.context());
    expect(verifyFirst.find((c) => c.what.startsWith('SRC1'))?.detail).toContain('unsaved changes');
    const plan = await replicationSetStep.plan(t.context());
    expect(plan.actions.find((a) => a.target === 'SRC1')?.command.split('\n')).toEqual(['LOGIN SRC1 Administrator ********;', 'REPSET SAVE;']);
  });

  it('leaves an extra rule on SRC2 alone, warns with the manual action, and verify fails naming SRC2 and the rule', async () => {
    await createGroup();
    const extra: DoubleTakeRule = { path: 'E:\\Scratch', mode: 'include', recursive: true };
    await onNode('SRC2', [{ kind: 'repset-create', replicationSet: 'Exchange' }, ruleAdd(DATA), ruleAdd(extra), { kind: 'repset-save' }]);
    const plan = await replicationSetStep.plan(t.context());
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toMatch(/^SRC2: extra rule E:\\Scratch include recursive is not in the pair document\. On SRC2, remove the rule/);
    expect(plan.warnings[0]).toContain('REPSET RULE REMOVE "E:\\Scratch" FROM Exchange;');
    expect(plan.actions.find((a) => a.target === 'SRC2')?.needed).toBe(false);

    await t.apply(replicationSetStep);
    expect((await setsOf('SRC2'))[0]?.rules).toEqual([DATA, extra]);
    const checks = await replicationSetStep.verify(t.context());
    expect(checks.find((c) => c.what.startsWith('SRC1'))?.ok).toBe(true);
    const src2 = checks.find((c) => c.what.startsWith('SRC2'));
    expect(src2?.ok).toBe(false);
    expect(src2?.detail).toContain('SRC2: extra rule E:\\Scratch include recursive');
  });

  it('does not overwrite a conflicting rule (same path, other options): warns and verify fails', async () => {
    await createGroup();
    const shallow: DoubleTakeRule = { ...DATA, recursive: false };
    await onNode('SRC1', [{ kind: 'repset-create', replicationSet: 'Exchange' }, ruleAdd(shallow), { kind: 'repset-save' }]);
    const plan = await replicationSetStep.plan(t.context());
    expect(plan.warnings.join('\n')).toContain('SRC1: rule E:\\Exchsrvr include non-recursive conflicts with the pair document\'s E:\\Exchsrvr include recursive');
    expect(plan.actions.find((a) => a.target === 'SRC1')?.needed).toBe(false);
    await t.apply(replicationSetStep);
    expect((await setsOf('SRC1'))[0]?.rules).toEqual([shallow]);
    const src1 = (await replicationSetStep.verify(t.context())).find((c) => c.what.startsWith('SRC1'));
    expect(src1?.ok).toBe(false);
    expect(src1?.detail).toContain('E:\\Exchsrvr include non-recursive');
  });

  it('treats a set named with other case as another set: warns and still makes the exact one', async () => {
    await createGroup();
    await onNode('SRC1', [{ kind: 'repset-create', replicationSet: 'exchange' }, ruleAdd(DATA, 'exchange'), { kind: 'repset-save' }]);
    const before = await replicationSetStep.verify(t.context());
    expect(before.find((c) => c.what.startsWith('SRC1'))?.detail).toContain('only "exchange", which Double-Take treats as a different set');
    const plan = await replicationSetStep.plan(t.context());
    expect(plan.warnings.join('\n')).toContain('SRC1: replication set "exchange" differs from "Exchange" only by case');
    expect(plan.actions.find((a) => a.target === 'SRC1')?.command).toContain('REPSET CREATE Exchange;');
    await t.apply(replicationSetStep);
    expect((await setsOf('SRC1')).map((s) => s.name)).toEqual(['exchange', 'Exchange']);
    expect((await replicationSetStep.verify(t.context())).every((c) => c.ok)).toBe(true);
  });

  it('reports a node that is down without stopping the others; verify fails naming it', async () => {
    await createGroup();
    await t.lab.power('SRC2', false);
    const plan = await replicationSetStep.plan(t.context());
    expect(plan.actions.map((a) => a.target)).toEqual(['SRC1']);
    expect(plan.warnings.some((w) => w.startsWith('SRC2: Double-Take did not answer'))).toBe(true);
    await t.apply(replicationSetStep);
    const checks = await replicationSetStep.verify(t.context());
    expect(checks.map((c) => [c.what.split(':')[0], c.ok])).toEqual([
      ['SRC1', true],
      ['SRC2', false],
    ]);
  });
});
