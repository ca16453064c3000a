/**
 * Acceptance: the monitor, on real timers, detects a real TCP listener on 127.0.0.1 going away and coming back (the
 * test starts and stops it), at 0.2 s intervals. The second path is the lab's source cluster (through the lab's
 * incident world, which sends a probe of 127.0.0.1 to the real TCP probe): while it answers, a listener gone is a
 * split — vetoed, nothing raised, and the veto says why; a listener that goes and comes back again and again is
 * flapping — reported with a suggested timing, nothing raised; with the source cluster powered off, the prompt is
 * raised and kept on disk with the incident's timeline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMonitor, type Monitor } from '../../../src-main/incident/monitor/monitor-service';
import type { MonitorSnapshot, MonitorStatus } from '../../../src-main/incident/monitor/monitor-snapshot';
import { realProbe } from '../../../src-main/incident/probes/real-probe';
import { openIncidentFolder } from '../../../src-main/incident/store/incident-folder';
import { readPrompt } from '../../../src-main/incident/store/prompt-file';
import { labIncidentWorld } from '../../../src-main/lab/adapters/lab-incident-world';
import { labSetupWorld } from '../../../src-main/lab/adapters/lab-setup-world';
import { openLab, type Lab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { LAB } from '../../../src-main/lab/topology';

/** A listener on 127.0.0.1 that the test stops and starts again on the same port. */
class Listener {
  private server: Server | undefined;
  port = 0;
  async start(): Promise<void> {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    this.port = address.port;
    this.server = server;
  }
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let root: string;
let lab: Lab;
let listener: Listener;
let monitor: Monitor | undefined;
let seen: MonitorSnapshot[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'monitor-tcp-'));
  lab = await openLab(join(root, 'lab'));
  listener = new Listener();
  await listener.start();
  seen = [];
});

afterEach(async () => {
  await monitor?.stop('test over');
  monitor = undefined;
  await listener.stop();
  await lab.close();
  await rm(root, { recursive: true, force: true });
});

function start(intervalMs: number, missedReplies: number): Monitor {
  const world = labIncidentWorld(lab, labSetupWorld(lab, () => new Date()), { realProbe: (spec) => realProbe(spec) });
  monitor = createMonitor({
    world,
    pair: () => labPairDocument(),
    incidentsRoot: join(root, 'incidents'),
    promptShownWhere: 'the test',
    overrides: { probe: { kind: 'tcp', host: '127.0.0.1', port: listener.port }, intervalMs, missedReplies },
    onChange: (s) => seen.push(s),
  });
  return monitor;
}

/** Waits (at most `ms`) until a snapshot with `status` is emitted after `from` snapshots. */
async function until(status: MonitorStatus, from = 0, ms = 10_000): Promise<MonitorSnapshot> {
  const end = Date.now() + ms;
  for (;;) {
    const found = seen.slice(from).find((s) => s.status === status);
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`no ${status} within ${ms} ms; seen: ${seen.map((s) => s.status).join(' ')}`);
    await sleep(20);
  }
}

const statusRuns = (): MonitorStatus[] => seen.map((s) => s.status).filter((s, i, all) => i === 0 || all[i - 1] !== s);

describe('the monitor against a real TCP listener on 127.0.0.1', () => {
  it('sees it go away and come back; the source cluster still answering vetoes (a split) and nothing is raised', async () => {
    const m = start(200, 3);
    expect((await m.start()).probe).toBe(`TCP connect to 127.0.0.1:${listener.port}`);
    await sleep(500);
    expect(m.snapshot()).toMatchObject({ status: 'green', lastReply: { ok: true } });
    await listener.stop();
    const vetoed = await until('vetoed');
    expect(vetoed.veto).toMatch(new RegExp(`^the source cluster ${LAB.source.cluster} vetoed: ${LAB.source.cluster} answers cluster\\.exe`));
    expect(vetoed.lastReply).toMatchObject({ ok: false, detail: `127.0.0.1:${listener.port}: connection refused` });
    const mark = seen.length;
    await listener.start();
    const back = await until('green', mark);
    expect(back.veto).toBeUndefined();
    expect(statusRuns()).toEqual(expect.arrayContaining(['green', 'yellow', 'red', 'vetoed']));
    expect(statusRuns().at(-1)).toBe('green');
    expect(await readPrompt(join(root, 'incidents'))).toBeUndefined();
    expect(await openIncidentFolder(join(root, 'incidents')).list()).toEqual([]);
  });

  it('reports a listener that keeps going and coming back as flapping, with a suggested timing, and raises nothing', async () => {
    const m = start(200, 5);
    await m.start();
    await sleep(500);
    // Off 0.5 s (a miss, a quarter of Time to Fail used: yellow; on a slow machine it may reach zero and be vetoed
    // by the source cluster, which counts as well), then on again.
    for (let i = 0; i < 4; i += 1) {
      await listener.stop();
      await sleep(500);
      await listener.start();
      await sleep(700);
    }
    const report = m.snapshot().flapping;
    expect(report?.count).toBeGreaterThanOrEqual(3);
    expect(report?.suggestion).toMatch(/recovered \d times in the last 30 min/);
    expect(report?.suggestedMissedReplies).toBeGreaterThanOrEqual(10);
    expect(m.snapshot().status).toBe('green');
    expect(await readPrompt(join(root, 'incidents'))).toBeUndefined();
  });

  it('raises when the listener goes and the source cluster does not answer either: the prompt on disk, the incident\'s timeline', async () => {
    const m = start(200, 3);
    await m.start();
    await sleep(500);
    await lab.power(LAB.source.cluster, false);
    const closedAt = Date.now();
    await listener.stop();
    const raised = await m.settled;
    expect(raised.status).toBe('raised');
    const prompt = await readPrompt(join(root, 'incidents'));
    expect(prompt).toMatchObject({ status: 'pending', address: '127.0.0.1', secondPathDetail: expect.stringMatching(new RegExp(`^${LAB.source.cluster} does not answer cluster\\.exe`)) });
    const timeline = await openIncidentFolder(join(root, 'incidents')).timeline(prompt?.incident ?? '');
    expect(timeline.map((e) => e.kind)).toEqual(['first-missed-reply', 'note', 'time-to-fail-reached', 'prompt-shown']);
    // The countdown reached zero within interval × missed plus one interval of the listener going away.
    const zeroAt = Date.parse(timeline[2]?.at ?? '');
    expect(zeroAt - closedAt).toBeLessThanOrEqual(600 + 200);
    // The source nodes were off: Double-Take's queue was never read, so the recovery point is said to be unknown.
    expect(timeline[1]).toMatchObject({ kind: 'note', text: expect.stringMatching(/^The recovery point is unknown/) });
  });
});
