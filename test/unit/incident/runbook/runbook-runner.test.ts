/**
 * The runbook runner on a runbook of test steps over a counter "world": the plan first, steps in order with their
 * state on disk and their timeline, resume after a failure or an abort at each step (the done steps skipped and
 * said so, the world's end state the same as an uninterrupted run's), the lock (refused, taken over from a dead
 * process), the dry run (nothing applied), the outcome rules and the operator's waiting time.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import type { IncidentWorld } from '../../../../src-main/incident/incident-world';
import { RunbookCancelled } from '../../../../src-main/incident/runbook/runbook-helpers';
import { RunbookLockedError, RUNBOOK_LOCK_FILE } from '../../../../src-main/incident/runbook/runbook-lock';
import { runRunbook, RunbookRefusedError, type RunbookEvents, type RunbookRunRequest } from '../../../../src-main/incident/runbook/runbook-runner';
import { readRunbookState } from '../../../../src-main/incident/runbook/runbook-state';
import type { OperatorAnswer, Runbook, RunbookStep } from '../../../../src-main/incident/runbook/runbook-step';
import { openIncidentFolder, type IncidentFolder } from '../../../../src-main/incident/store/incident-folder';

let root: string;
let incidents: IncidentFolder;
let incident: string;
const NOW = new Date('2026-12-08T03:00:00Z');

const world = { kind: 'lab', now: () => NOW, sleep: async () => undefined } as unknown as IncidentWorld;

/** The world the test steps change: a set of flags, each step setting one (idempotent, like compare-and-set). */
interface Flags {
  readonly set: Set<string>;
  /** How many times each step's action actually ran. */
  readonly runs: Map<string, number>;
  /** Step ids whose action throws on its next run (once). */
  readonly failOnce: Set<string>;
  /** Step ids whose action aborts the run (once). */
  readonly abortOnce: Set<string>;
}

function flagStep(id: string, flags: Flags, controller: { current: AbortController }, options: { warn?: boolean; refuse?: boolean; failCheck?: boolean } = {}): RunbookStep {
  return {
    id,
    title: `Set ${id}`,
    guide: '7 step x',
    async plan() {
      return {
        actions: [
          {
            tool: 'cluster',
            target: 'TGTCLUS',
            command: `set ${id}`,
            description: `Set ${id}`,
            needed: !flags.set.has(id),
            async run() {
              flags.runs.set(id, (flags.runs.get(id) ?? 0) + 1);
              if (flags.failOnce.delete(id)) throw new Error(`${id} broke`);
              if (flags.abortOnce.delete(id)) {
                controller.current.abort(new Error('killed'));
                throw new Error('aborted');
              }
              flags.set.add(id);
            },
          },
        ],
        warnings: options.warn === true ? [`${id} warns`] : [],
        findings: [],
        ...(options.refuse === true ? { refusal: `${id} must not run: fence the source` } : {}),
      };
    },
    async verify() {
      return [{ what: `${id} is set`, ok: flags.set.has(id) && options.failCheck !== true }];
    },
  };
}

function newFlags(): Flags {
  return { set: new Set(), runs: new Map(), failOnce: new Set(), abortOnce: new Set() };
}

const IDS = ['one', 'two', 'three', 'four'];

function runbookOf(flags: Flags, controller: { current: AbortController }, extra: RunbookStep[] = []): Runbook {
  return { kind: 'failover', steps: [...IDS.map((id) => flagStep(id, flags, controller)), ...extra] };
}

function request(runbook: Runbook, controller: { current: AbortController }, patch: Partial<RunbookRunRequest> = {}): RunbookRunRequest {
  return {
    runbook,
    incidents,
    incident,
    pair: labPairDocument(),
    world,
    dryRun: false,
    mode: 'start',
    signal: controller.current.signal,
    journalFolder: join(root, 'journals'),
    operator: { user: 'tester', host: 'ADMINWS', pid: process.pid },
    ask: async (): Promise<OperatorAnswer> => ({ kind: 'accepted', by: 'tester' }),
    ...patch,
  };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'runbook-runner-'));
  incidents = openIncidentFolder(join(root, 'incidents'));
  incident = await incidents.create(NOW);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('runRunbook', () => {
  it('plans every step first, runs them in order, keeps the state and the timeline, and succeeds only after the checks', async () => {
    const flags = newFlags();
    const controller = { current: new AbortController() };
    const seen: string[] = [];
    const events: RunbookEvents = {
      plan: (plan) => seen.push(`plan ${plan.steps.map((s) => `${s.id}:${s.actions.map((a) => a.needed).join()}`).join(' ')}`),
      stepStart: (step) => seen.push(`start ${step.id}`),
      stepEnd: (n, state) => seen.push(`end ${n} ${state.status}`),
    };
    const report = await runRunbook(request(runbookOf(flags, controller), controller, { events }));
    expect(report.outcome.outcome).toBe('succeeded');
    expect(seen[0]).toBe('plan one:true two:true three:true four:true');
    expect(seen.slice(1)).toEqual(['start one', 'end 1 done', 'start two', 'end 2 done', 'start three', 'end 3 done', 'start four', 'end 4 done']);
    const state = await readRunbookState(join(incidents.path(incident), 'failover.json'));
    expect(state?.outcome).toBe('succeeded');
    expect(state?.steps.map((s) => [s.status, s.checks?.[0]?.ok, s.attempts])).toEqual(IDS.map(() => ['done', true, 1]));
    const timeline = await incidents.timeline(incident);
    expect(timeline.map((e) => e.kind)).toEqual(['run-start', ...IDS.flatMap(() => ['step-start', 'step-end']), 'run-end']);
    expect(timeline[0]).toMatchObject({ kind: 'run-start', dryRun: false, by: 'tester', host: 'ADMINWS' });
    expect(timeline.at(-1)).toMatchObject({ kind: 'run-end', outcome: 'succeeded', errors: 0, warnings: 0 });
    // The lock is released.
    await expect(readFile(join(incidents.root, RUNBOOK_LOCK_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('declares succeeded-with-warnings when a step warned, and failed at the step whose check fails (nothing after it runs)', async () => {
    const flags = newFlags();
    const controller = { current: new AbortController() };
    const warned = await runRunbook(request({ kind: 'failover', steps: [flagStep('a', flags, controller, { warn: true })] }, controller));
    expect(warned.outcome).toMatchObject({ outcome: 'succeeded-with-warnings', warnings: 1 });

    const other = await incidents.create(new Date(NOW.getTime() + 1000));
    const failing = await runRunbook(
      request({ kind: 'failover', steps: [flagStep('b', flags, controller), flagStep('c', flags, controller, { failCheck: true }), flagStep('d', flags, controller)] }, controller, { incident: other }),
    );
    expect(failing.outcome.outcome).toBe('failed');
    expect(failing.outcome.step).toEqual({ number: 2, id: 'c', title: 'Set c' });
    expect(flags.runs.get('d')).toBeUndefined();
    expect(failing.state.steps[1]?.result).toContain('c is set');
    expect((await incidents.timeline(other)).at(-1)).toMatchObject({ kind: 'run-end', outcome: 'failed', failedStep: 'c' });
  });

  it('a refusal runs nothing of its step and fails the run there, saying why', async () => {
    const flags = newFlags();
    const controller = { current: new AbortController() };
    const report = await runRunbook(request({ kind: 'failover', steps: [flagStep('x', flags, controller, { refuse: true }), flagStep('y', flags, controller)] }, controller));
    expect(report.outcome).toMatchObject({ outcome: 'failed', step: { number: 1, id: 'x' } });
    expect(flags.runs.size).toBe(0);
    expect(report.state.steps[0]?.result).toBe('Refused: x must not run: fence the source');
    expect(report.plan.steps[0]?.refusal).toBe('x must not run: fence the source');
  });

  for (const [index, id] of IDS.entries()) {
    it(`a run that fails at step ${index + 1} resumes there, skipping (and saying so) the steps done, and ends as an uninterrupted run`, async () => {
      const flags = newFlags();
      const controller = { current: new AbortController() };
      flags.failOnce.add(id);
      const first = await runRunbook(request(runbookOf(flags, controller), controller));
      expect(first.outcome).toMatchObject({ outcome: 'failed', step: { number: index + 1, id } });
      expect(first.state.steps[index]?.result).toBe(`${id} broke`);

      const skipped: string[] = [];
      const resumed = await runRunbook(request(runbookOf(flags, controller), controller, { mode: 'resume', events: { stepSkipped: (_n, s) => skipped.push(s.id) } }));
      expect(resumed.outcome.outcome).toBe('succeeded');
      expect(skipped).toEqual(IDS.slice(0, index));
      expect(resumed.plan.steps.filter((s) => s.doneAlready === true).map((s) => s.id)).toEqual(IDS.slice(0, index));
      // Each step's action set its flag exactly once; the failed one ran twice (once broken).
      for (const other of IDS) expect(flags.runs.get(other)).toBe(other === id ? 2 : 1);
      expect([...flags.set].sort()).toEqual([...IDS].sort());
      expect(resumed.state.steps.map((s) => s.skippedAsDone === true)).toEqual(IDS.map((_, i) => i < index));
      expect(resumed.state.steps[index]?.attempts).toBe(2);
      const ends = (await incidents.timeline(incident)).filter((e) => e.kind === 'step-end' && e.result === 'skipped');
      expect(ends.map((e) => (e.kind === 'step-end' ? e.step : ''))).toEqual(IDS.slice(0, index));
    });

    it(`a run aborted in step ${index + 1} is cancelled there and resumes at that step`, async () => {
      const flags = newFlags();
      const controller = { current: new AbortController() };
      flags.abortOnce.add(id);
      const first = await runRunbook(request(runbookOf(flags, controller), controller));
      expect(first.outcome).toMatchObject({ outcome: 'cancelled', step: { number: index + 1, id } });
      expect(first.state.steps[index]?.status).toBe('cancelled');
      controller.current = new AbortController();
      const resumed = await runRunbook(request(runbookOf(flags, controller), controller, { mode: 'resume' }));
      expect(resumed.outcome.outcome).toBe('succeeded');
      expect([...flags.set].sort()).toEqual([...IDS].sort());
    });
  }

  it('resumes a run killed in a step (its state says running): that step plans again and what is in place is not needed', async () => {
    const flags = newFlags();
    const controller = { current: new AbortController() };
    await runRunbook(request(runbookOf(flags, controller), controller));
    // Make the state look like a process killed inside step three after its action had applied.
    const file = join(incidents.path(incident), 'failover.json');
    const state = JSON.parse(await readFile(file, 'utf8')) as { steps: { status: string }[]; outcome?: string; endedAt?: string };
    state.steps[2]!.status = 'running';
    state.steps[3]!.status = 'pending';
    delete state.outcome;
    delete state.endedAt;
    await writeFile(file, JSON.stringify(state));
    flags.set.delete('four');
    const actions: string[] = [];
    const resumed = await runRunbook(request(runbookOf(flags, controller), controller, { mode: 'resume', events: { action: (_n, a, phase) => actions.push(`${a.command} ${phase}`) } }));
    expect(resumed.outcome.outcome).toBe('succeeded');
    expect(actions).toEqual(['set three not-needed', 'set four start', 'set four done']);
  });

  it('refuses to start again while an unfinished run is on disk, and to resume what succeeded or does not exist', async () => {
    const flags = newFlags();
    const controller = { current: new AbortController() };
    await expect(runRunbook(request(runbookOf(flags, controller), controller, { mode: 'resume' }))).rejects.toThrow(RunbookRefusedError);
    const file = join(incidents.path(incident), 'failover.json');
    await runRunbook(request(runbookOf(flags, controller), controller));
    await expect(runRunbook(request(runbookOf(flags, controller), controller, { mode: 'resume' }))).rejects.toThrow(/succeeded .*nothing to resume/);
    const state = JSON.parse(await readFile(file, 'utf8')) as { outcome?: string };
    delete state.outcome;
    await writeFile(file, JSON.stringify(state));
    await expect(runRunbook(request(runbookOf(flags, controller), controller))).rejects.toThrow(/unfinished failover run .*resume it/);
  });

  it('a dry run plans and shows every step, applies nothing, and is recorded as a rehearsal', async () => {
    const flags = newFlags();
    const controller = { current: new AbortController() };
    const phases: string[] = [];
    const report = await runRunbook(request(runbookOf(flags, controller), controller, { dryRun: true, events: { action: (_n, a, p) => phases.push(`${a.command} ${p}`) } }));
    expect(report.outcome.outcome).toBe('succeeded');
    expect(flags.runs.size).toBe(0);
    expect(flags.set.size).toBe(0);
    expect(phases).toEqual(IDS.map((id) => `set ${id} dry-run`));
    expect(report.state.steps.map((s) => s.status)).toEqual(IDS.map(() => 'planned'));
    const timeline = await incidents.timeline(incident);
    expect(timeline[0]).toMatchObject({ kind: 'run-start', dryRun: true });
    expect(timeline.filter((e) => e.kind === 'step-end').map((e) => (e.kind === 'step-end' ? e.result : ''))).toEqual(IDS.map(() => 'planned'));
  });

  it('a dry run stopped midway resumes as a dry run (whatever the resume asks): still nothing applied', async () => {
    const flags = newFlags();
    const controller = { current: new AbortController() };
    let plans = 0;
    // Planned once in the whole plan, then stopped (Ctrl+C) when its step plans again.
    const stopping: RunbookStep = {
      ...flagStep('two', flags, controller),
      plan: async (context) => {
        plans += 1;
        if (plans === 2) {
          controller.current.abort(new Error('Ctrl+C'));
          throw new Error('stopped');
        }
        return flagStep('two', flags, controller).plan(context);
      },
    };
    const first = await runRunbook(request({ kind: 'failover', steps: [flagStep('one', flags, controller), stopping, flagStep('three', flags, controller)] }, controller, { dryRun: true }));
    expect(first.outcome).toMatchObject({ outcome: 'cancelled', step: { id: 'two' } });
    controller.current = new AbortController();
    const resumed = await runRunbook(request(runbookOf(flags, controller), controller, { mode: 'resume', dryRun: false }));
    expect(resumed.dryRun).toBe(true);
    expect(resumed.outcome.outcome).toBe('succeeded');
    expect(resumed.state.steps.map((s) => s.status)).toEqual(IDS.map(() => 'planned'));
    expect(flags.runs.size).toBe(0);
  });

  it('one run at a time: a live holder is refused naming its host and start; a dead holder on this host is taken over and said', async () => {
    const flags = newFlags();
    const controller = { current: new AbortController() };
    const lock = join(incidents.root, RUNBOOK_LOCK_FILE);
    const holder = { host: 'OTHERWS', pid: 4242, user: 'alice', startedAt: '2026-12-08T02:59:00.000Z', runbook: 'failover', incident, token: 't' };
    await writeFile(lock, JSON.stringify(holder));
    const refused = runRunbook(request(runbookOf(flags, controller), controller));
    await expect(refused).rejects.toThrow(RunbookLockedError);
    await expect(refused).rejects.toThrow(/started 2026-12-08T02:59:00.000Z on OTHERWS by alice/);
    expect(flags.runs.size).toBe(0);
    expect(JSON.parse(await readFile(lock, 'utf8'))).toEqual(holder);

    // The same host, a live process: refused too.
    await writeFile(lock, JSON.stringify({ ...holder, host: 'ADMINWS' }));
    await expect(runRunbook(request(runbookOf(flags, controller), controller, { isAlive: () => true }))).rejects.toThrow(/on ADMINWS/);

    // The same host, a dead process: taken over.
    const tookOver: string[] = [];
    const report = await runRunbook(request(runbookOf(flags, controller), controller, { isAlive: () => false, events: { lockTakenOver: (from) => tookOver.push(`${from.host} ${from.pid}`) } }));
    expect(report.outcome.outcome).toBe('succeeded');
    expect(tookOver).toEqual(['ADMINWS 4242']);
    const notes = (await incidents.timeline(incident)).filter((e) => e.kind === 'note');
    expect(notes.map((e) => (e.kind === 'note' ? e.text : ''))).toEqual([expect.stringContaining('Took over the lock of a failover run started 2026-12-08T02:59:00.000Z on ADMINWS by process 4242')]);
  });

  it('measures the time waiting for the operator per step; a declined question cancels the run', async () => {
    const flags = newFlags();
    const controller = { current: new AbortController() };
    const asking: RunbookStep = {
      id: 'ask',
      title: 'Ask',
      guide: '7',
      async plan() {
        return {
          actions: [
            {
              tool: 'operator',
              target: 'operator',
              command: '(prompt)',
              description: 'Ask',
              needed: true,
              async run(context) {
                const answer = await context.ask({ kind: 'intervention', text: 'Fail over?' });
                if (answer.kind === 'declined') throw new RunbookCancelled('declined');
                flags.set.add('ask');
              },
            },
          ],
          warnings: [],
          findings: [],
        };
      },
      async verify() {
        return [{ what: 'asked', ok: flags.set.has('ask') }];
      },
    };
    const slow = async (): Promise<OperatorAnswer> => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      return { kind: 'accepted', by: 'bob' };
    };
    const report = await runRunbook(request({ kind: 'failover', steps: [asking] }, controller, { ask: slow }));
    expect(report.outcome.outcome).toBe('succeeded');
    expect(report.state.steps[0]?.waitedForOperatorMs).toBeGreaterThanOrEqual(50);
    expect(report.state.steps[0]?.actionsMs).toBeLessThan(50);

    flags.set.clear();
    const other = await incidents.create(new Date(NOW.getTime() + 1000));
    const declined = await runRunbook(request({ kind: 'failover', steps: [asking, flagStep('after', flags, controller)] }, controller, { incident: other, ask: async () => ({ kind: 'declined', by: 'bob' }) }));
    expect(declined.outcome).toMatchObject({ outcome: 'cancelled', step: { id: 'ask' } });
    expect(flags.runs.get('after')).toBeUndefined();
  });

  it('a cancelled action is given time to stop before its step ends (the engine finishes the write in flight)', async () => {
    const controller = { current: new AbortController() };
    const seen: string[] = [];
    const stopping: RunbookStep = {
      id: 'engine',
      title: 'Engine',
      guide: '7',
      async plan() {
        return {
          actions: [
            {
              tool: 'exchfailover',
              target: 'EXCHVS → EXCHVS-DR',
              command: 'exchfailover -failover',
              description: 'Engine',
              needed: true,
              run: (context) =>
                new Promise<void>((_, reject) => {
                  setTimeout(() => controller.current.abort(new Error('Ctrl+C')), 5);
                  context.signal.addEventListener('abort', () => {
                    setTimeout(() => {
                      seen.push('engine stopped');
                      reject(new Error('stopped'));
                    }, 30);
                  });
                }),
            },
          ],
          warnings: [],
          findings: [],
        };
      },
      async verify() {
        return [{ what: 'never', ok: true }];
      },
    };
    const report = await runRunbook(request({ kind: 'failover', steps: [stopping] }, controller, { events: { stepEnd: () => seen.push('step ended') } }));
    expect(report.outcome).toMatchObject({ outcome: 'cancelled', step: { id: 'engine' } });
    expect(seen).toEqual(['engine stopped', 'step ended']);
  });

  it('an action that takes longer than its timeout fails its step as timed out', async () => {
    const controller = { current: new AbortController() };
    const hanging: RunbookStep = {
      id: 'hang',
      title: 'Hang',
      guide: '7',
      async plan() {
        return {
          actions: [{ tool: 'cluster', target: 'TGTCLUS', command: 'hang', description: 'Hang', needed: true, timeoutMs: 30, run: () => new Promise<void>(() => undefined) }],
          warnings: [],
          findings: [],
        };
      },
      async verify() {
        return [{ what: 'never', ok: true }];
      },
    };
    const report = await runRunbook(request({ kind: 'failover', steps: [hanging] }, controller, { stopGraceMs: 20 }));
    expect(report.outcome).toMatchObject({ outcome: 'failed', step: { id: 'hang' } });
    expect(report.state.steps[0]?.result).toMatch(/did not finish within 0 s|did not finish within/);
    expect(report.plan.steps[0]?.actions[0]?.timeoutMs).toBe(30);
  });
});
