/**
 * The whole incident on the lab through the program's contract, as the failover panel drives it (the browser preview
 * and the desktop program host the same dispatcher): the monitor started, the source's plug pulled, Time to Fail
 * reaching zero within interval × missed plus one interval, the prompt raised (and the window asked to come
 * forward), answered, the failover planned and run to every mailbox opening on the target, the source restored, the
 * failback run with its questions answered from the panel and its queue series, and the directory as it was before
 * the incident but the overwrite-on-restore flags. Real time: the lab's interval is 2 s × 3.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src-main/app/create-app';
import type { App } from '../../../src-main/app/app';
import { exchangeHaInProcess } from '../../helpers/exchange-ha-in-process';
import type { IncidentState, JobEvent, RunView } from '../../../src-main/contract';
import { borrowedDirectory } from '../../../src-main/directory/borrowed-directory';
import { openLab } from '../../../src-main/lab/lab';
import { LAB } from '../../../src-main/lab/topology';
import { dumpDifferences, dumpDirectory, type Dump } from '../failover/support/directory-fixtures';

let work: string;
let lab: string;
let before: Dump;

const exchangeHa = (argv: readonly string[]) => exchangeHaInProcess(argv, { cwd: work });

async function call<T>(app: App, channel: string, payload: unknown, events: JobEvent[] = []): Promise<T> {
  const result = await app.dispatcher.dispatch({ channel, payload }, (event) => events.push(event));
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const state = (app: App) => call<IncidentState>(app, 'incident.state', {});

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'incident-lab-'));
  lab = join(work, 'lab');
  expect((await exchangeHa(['lab', 'init', lab])).code).toBe(0);
  const applied = await exchangeHa(['setup', 'apply', '--pair', join(lab, 'pair.json'), '--lab', lab, '--confirm', '6=monitor entered on TGT1 and TGT2']);
  expect(applied.code, applied.out).toBe(0);
  const opened = await openLab(lab);
  try {
    before = await dumpDirectory(borrowedDirectory(opened.directory), LAB.domain.dn, false);
  } finally {
    await opened.close();
  }
}, 180_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('an incident on the lab through the failover panel\'s contract', () => {
  it('pull the plug, the prompt, the failover, restore, the failback: every mailbox back where it was', async () => {
    const attention: string[] = [];
    let app = await createApp({ labFolder: lab, appVersion: '0.0.0-test', onAttention: ({ title }) => void attention.push(title) });
    try {
      const started = await call<IncidentState['monitor']>(app, 'incident.monitor', { on: true });
      expect(started.status).toBe('green');
      expect(started.ttfSeconds).toBe(6);
      await until('a reply', async () => ((await state(app)).monitor.lastReply?.ok === true ? true : undefined), 10_000);

      // Pull the plug on the source: Time to Fail reaches zero within interval × missed plus one interval.
      const pulledAt = Date.now();
      await call(app, 'lab.failure', { failure: { kind: 'source' }, restore: false });
      const raised = await until('the prompt', async () => (await state(app)).prompt, 20_000);
      expect(Date.now() - pulledAt).toBeLessThan((6 + 2) * 1000 + 3000);
      expect(raised.name).toBe('EXCHVS');
      expect(raised.secondPathDetail).toMatch(/SRCCLUS/);
      expect(attention).toEqual(['EXCHVS (10.0.0.20) is not answering']);

      // A restarted program shows the pending prompt first.
      await app.close();
      app = await createApp({ labFolder: lab, appVersion: '0.0.0-test' });
      const again = await state(app);
      expect(again.prompt?.raisedAt).toBe(raised.raisedAt);
      expect(again.monitor.status).toBe('raised');

      // Accept it, see the whole plan, run the failover.
      await call(app, 'incident.answer', { kind: 'accepted', note: 'source room has no power' });
      const plan = await call<{ refused: boolean; steps: { id: string }[]; script?: string }>(app, 'incident.plan', { runbook: 'failover' });
      expect(plan.refused).toBe(false);
      expect(plan.steps.map((s) => s.id)).toEqual(['confirm-source-down', 'intervention', 'exchfailover-setup', 'target-online', 'exchfailover', 'mailboxes-open']);
      expect(plan.script).toContain('exchfailover.exe -setup -failover -s EXCHVS -t EXCHVS-DR');
      const events: JobEvent[] = [];
      const failover = await call<RunView>(app, 'incident.run', { jobId: 'failover-0001', run: { runbook: 'failover', dryRun: false } }, events);
      expect(failover.outcome, JSON.stringify(failover.steps)).toBe('succeeded');
      expect(failover.incident).toBe(raised.incident);
      expect(events.some((e) => e.kind === 'progress')).toBe(true);
      const afterFailover = await state(app);
      expect(afterFailover.prompt).toBeUndefined();
      expect(afterFailover.lastIncident?.measures.recoveryTimeSeconds).toBeGreaterThan(0);
      expect(afterFailover.lastIncident?.timeline.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['first-missed-reply', 'time-to-fail-reached', 'prompt-shown', 'intervention', 'run-start', 'mailboxes-reachable', 'run-end']),
      );
      // The intervention is on the timeline once: the run took the banner's answer.
      expect(afterFailover.lastIncident?.timeline.filter((e) => e.kind === 'intervention')).toHaveLength(1);

      // The source comes back (its Exchange group left offline), then the failback, answering its questions.
      await call(app, 'lab.failure', { failure: { kind: 'source' }, restore: true });
      const failbackEvents: JobEvent[] = [];
      const running = call<RunView>(app, 'incident.run', { jobId: 'failback-0001', run: { runbook: 'failback', dryRun: false } }, failbackEvents);
      let finished: RunView | undefined;
      void running.then((view) => (finished = view));
      const answered: string[] = [];
      await until(
        'the failback to end',
        async () => {
          if (finished !== undefined) return finished;
          const now = await state(app);
          const question = now.run?.question;
          if (question !== undefined) {
            answered.push(question.kind);
            await call(app, 'incident.answer', { kind: 'accepted', note: 'downtime now' });
          }
          return undefined;
        },
        150_000,
      );
      const failback = await running;
      expect(failback.outcome, JSON.stringify(failback.steps)).toBe('succeeded');
      expect(answered).toContain('downtime');
      expect(failback.series.length).toBeGreaterThan(0);
      // The monitor the administrator had started watches the source again.
      await until('the monitor green again', async () => ((await state(app)).monitor.status === 'green' ? true : undefined), 15_000);
    } finally {
      await app.close();
    }

    const opened = await openLab(lab);
    try {
      const differences = dumpDifferences(before, await dumpDirectory(borrowedDirectory(opened.directory), LAB.domain.dn, false));
      // Every mailbox attribute, the RUS, the SPNs and the routing master as before; the flags stay set.
      expect(differences.filter((line) => !line.endsWith(' msexchpatchmdb: ["FALSE"] -> ["TRUE"]'))).toEqual([]);
      const check = await opened.exchange.openMailboxes('EXCHVS');
      expect(check.failures).toEqual([]);
      expect(check.opened).toBe(check.total);
    } finally {
      await opened.close();
    }
  }, 300_000);
});
