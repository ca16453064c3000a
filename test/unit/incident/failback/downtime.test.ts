import { describe, expect, it } from 'vitest';
import { downtimeStep } from '../../../../src-main/incident/failback-runbook/downtime';
import { RunbookCancelled } from '../../../../src-main/incident/runbook/runbook-helpers';
import { fakeRun, fakeState, T0 } from './fake-failback-world';

const minutes = (n: number): string => new Date(T0.getTime() + n * 60_000).toISOString();

describe('failback step 5: the scheduled downtime', () => {
  it('waits until the time the operator chose (world time), asks again, and goes on once accepted', async () => {
    const state = fakeState();
    const run = fakeRun(state);
    run.answers.push({ kind: 'scheduled', by: 'ops', at: minutes(2.5) }, { kind: 'accepted', by: 'ops', note: 'users warned' });
    const plan = await downtimeStep.plan(run.context);
    expect(plan.actions.map((a) => [a.tool, a.needed])).toEqual([['operator', true]]);
    await plan.actions[0]?.run(run.context);
    expect(run.questions.map((q) => q.kind)).toEqual(['downtime', 'downtime']);
    expect(state.now.toISOString()).toBe(minutes(2.5));
    expect(run.progress.map((p) => p.text)).toEqual([
      `Downtime at ${minutes(2.5)}, in 3 min`,
      `Downtime at ${minutes(2.5)}, in 2 min`,
      `Downtime at ${minutes(2.5)}, in 1 min`,
    ]);
    expect(run.timeline).toEqual([
      { kind: 'note', text: `Downtime scheduled by ops at ${minutes(2.5)}.` },
      { kind: 'note', text: 'Downtime started by ops (users warned).' },
    ]);
    expect(await downtimeStep.verify(run.context)).toEqual([{ what: 'The operator accepted the downtime', ok: true, detail: `Accepted by ops at ${minutes(2.5)}.` }]);
    expect((await downtimeStep.plan(run.context)).actions[0]?.needed).toBe(false);
  });

  it('a time already past asks again at once; a refusal cancels the run; a bad time is refused by name', async () => {
    const run = fakeRun(fakeState());
    run.answers.push({ kind: 'scheduled', by: 'ops', at: minutes(-10) }, { kind: 'declined', by: 'ops', note: 'not tonight' });
    const action = (await downtimeStep.plan(run.context)).actions[0];
    await expect(action?.run(run.context)).rejects.toThrow(RunbookCancelled);
    expect(run.questions).toHaveLength(2);
    expect(await downtimeStep.verify(run.context)).toMatchObject([{ ok: false, detail: 'Not accepted yet.' }]);

    const bad = fakeRun(fakeState());
    bad.answers.push({ kind: 'scheduled', by: 'ops', at: '25:99' });
    await expect((await downtimeStep.plan(bad.context)).actions[0]?.run(bad.context)).rejects.toThrow('The downtime time "25:99" given by ops is not a date and time (ISO 8601 expected).');
  });

  it('a cancel while waiting for the downtime ends the step as cancelled', async () => {
    const state = fakeState();
    const run = fakeRun(state);
    state.onSleep = () => run.abort.abort();
    run.answers.push({ kind: 'scheduled', by: 'ops', at: minutes(30) });
    await expect((await downtimeStep.plan(run.context)).actions[0]?.run(run.context)).rejects.toThrow(
      new RunbookCancelled(`Cancelled while waiting for the downtime scheduled at ${minutes(30)}.`),
    );
    expect(run.records.size).toBe(0);
  });
});
