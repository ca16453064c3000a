import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLab, type Lab } from '../../../src-main/lab/lab';
import { openProgressStore } from '../../../src-main/setup/progress-store';
import { openSetupJournal } from '../../../src-main/setup/setup-journal';
import { createSetupService } from '../../../src-main/setup/setup-service';
import { STEP_CATALOGUE } from '../../../src-main/setup/step-catalogue';

let folder: string;
let lab: Lab;

async function service() {
  const progress = await openProgressStore(join(folder, 'progress.json'));
  return createSetupService({
    world: { source: lab.source, target: lab.target },
    progress,
    journal: openSetupJournal(join(folder, 'journal.jsonl')),
    now: () => new Date('2026-11-25T03:00:00Z'),
  });
}

const input = { stepId: '4.2.1' as const, form: { name: 'Exchange Group', description: 'Exchange virtual server EXCHVS' } };
const run = { signal: new AbortController().signal, onProgress: () => undefined };

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'exch-ha-setup-'));
  lab = await openLab(folder);
});
afterEach(async () => {
  await lab.close();
  await rm(folder, { recursive: true, force: true });
});

describe('setup service', () => {
  it('lists every step of guide sections 3-6 in order, none done on a new lab', async () => {
    const steps = (await service()).list();
    expect(steps.map((s) => s.id)).toEqual(STEP_CATALOGUE.map((e) => e.id));
    expect(steps.map((s) => s.id)).toEqual(['3', '4.1', '4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5', '4.3', '4.4', '4.5', '5.1', '5.2', '5.3', '6']);
    expect(steps.every((s) => s.state === 'not-started')).toBe(true);
    expect(steps.find((s) => s.id === '4.2.1')?.automated).toBe(true);
  });

  it('plans 4.2.1 as the exact cluster.exe commands, applies them, verifies and records the step done', async () => {
    const setup = await service();
    const plan = await setup.plan(input);
    expect(plan).toMatchObject({ ok: true });
    if (!plan.ok) return;
    expect(plan.value.actions.map((a) => [a.command, a.needed])).toEqual([
      ['cluster SRCCLUS group "Exchange Group" /create', true],
      ['cluster SRCCLUS group "Exchange Group" /prop Description="Exchange virtual server EXCHVS"', true],
    ]);
    // Planning changes nothing.
    expect((await lab.source.groups()).map((g) => g.name)).not.toContain('Exchange Group');

    const progress: number[] = [];
    const applied = await setup.apply(input, { ...run, onProgress: (v) => progress.push(v) });
    expect(applied).toMatchObject({ ok: true, value: { stepId: '4.2.1', ok: true } });
    expect(progress.at(-1)).toBe(1);
    const group = (await lab.source.groups()).find((g) => g.name === 'Exchange Group');
    expect(group).toMatchObject({ description: 'Exchange virtual server EXCHVS', preferredOwners: [] });
    expect(setup.list().find((s) => s.id === '4.2.1')).toMatchObject({ state: 'done', doneAt: '2026-11-25T03:00:00.000Z' });

    const journal = (await readFile(join(folder, 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { command: string; outcome: string });
    expect(journal.map((j) => [j.command, j.outcome])).toEqual([
      ['cluster SRCCLUS group "Exchange Group" /create', 'applied'],
      ['cluster SRCCLUS group "Exchange Group" /prop Description="Exchange virtual server EXCHVS"', 'applied'],
    ]);
  });

  it('re-running converges: nothing left to do, and a changed description is the only change', async () => {
    const setup = await service();
    await setup.apply(input, run);
    const again = await setup.plan(input);
    expect(again.ok && again.value.actions.every((a) => !a.needed)).toBe(true);
    expect(await setup.apply(input, run)).toMatchObject({ ok: true, value: { ok: true } });

    const changed = { ...input, form: { ...input.form, description: 'moved' } };
    const plan = await setup.plan(changed);
    expect(plan.ok && plan.value.actions.map((a) => a.needed)).toEqual([false, true]);
    // The same group in another case is the same group to the cluster.
    const lower = await setup.plan({ ...input, form: { ...input.form, name: 'exchange group' } });
    expect(lower.ok && lower.value.actions[0]?.needed).toBe(false);
    expect(lower.ok && lower.value.warnings.join(' ')).toContain('not case-sensitive');
  });

  it('keeps the step done across a restart, with the input it was applied with', async () => {
    await (await service()).apply(input, run);
    await lab.close();
    lab = await openLab(folder);
    const reopened = await service();
    expect(reopened.get('4.2.1')).toMatchObject({ ok: true, value: { summary: { state: 'done' }, input } });
    expect(await reopened.verify('4.2.1')).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('reports the cluster\'s refusal when the source cluster is down, and records nothing as done', async () => {
    const setup = await service();
    await lab.power('SRCCLUS', false);
    const result = await setup.apply(input, run);
    expect(result).toMatchObject({ ok: false, error: { code: 'setup/cluster-refused', detail: 'System error 1722' } });
    expect(setup.list().find((s) => s.id === '4.2.1')?.state).toBe('not-started');
  });

  it('verify notices a group removed behind the program\'s back', async () => {
    const setup = await service();
    await setup.apply(input, run);
    await lab.source.run({ kind: 'group-delete', group: 'Exchange Group' });
    const verification = await setup.verify('4.2.1');
    expect(verification).toMatchObject({ ok: true, value: { ok: false } });
    expect(setup.list().find((s) => s.id === '4.2.1')?.state).toBe('needs-attention');
  });

  it('stops before the first change when the job is already cancelled', async () => {
    const setup = await service();
    const controller = new AbortController();
    controller.abort();
    const result = await setup.apply(input, { signal: controller.signal, onProgress: () => undefined });
    expect(result).toMatchObject({ ok: false, error: { code: 'job/cancelled' } });
    expect((await lab.source.groups()).map((g) => g.name)).not.toContain('Exchange Group');
  });

  it('answers unknown and not-yet-applied steps with a clear error', async () => {
    const setup = await service();
    expect(setup.get('9.9')).toMatchObject({ ok: false, error: { code: 'setup/unknown-step' } });
    expect(await setup.verify('4.2.1')).toMatchObject({ ok: false, error: { code: 'setup/nothing-applied' } });
  });
});
