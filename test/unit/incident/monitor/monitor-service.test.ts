import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import { createMonitor, type MonitorOptions } from '../../../../src-main/incident/monitor/monitor-service';
import type { MonitorSnapshot } from '../../../../src-main/incident/monitor/monitor-snapshot';
import { openIncidentFolder } from '../../../../src-main/incident/store/incident-folder';
import { readPrompt, writePrompt } from '../../../../src-main/incident/store/prompt-file';
import { ProbeError } from '../../../../src-main/incident/probes/probe-error';
import type { PairDocument } from '../../../../src-main/pair/pair-document-schema';
import { FakeTimers, flush } from './fake-timers';
import { connection, fakeIncidentWorld, type FakeWorld } from './fake-incident-world';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'monitor-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The lab's pair document: 2 s × 3 missed replies, Time to Fail 6 s. */
function pair(change: (p: PairDocument) => PairDocument = (p) => p): PairDocument {
  return change(labPairDocument());
}

function setup(fake: FakeWorld, options: Partial<MonitorOptions> = {}) {
  const timers = new FakeTimers();
  const seen: MonitorSnapshot[] = [];
  const monitor = createMonitor({
    world: fake.world,
    pair: () => pair(),
    incidentsRoot: root,
    promptShownWhere: 'the command line',
    timers,
    onChange: (s) => seen.push(s),
    ...options,
  });
  const statuses = () => seen.map((s) => s.status).filter((s, i, all) => i === 0 || all[i - 1] !== s);
  return { timers, monitor, seen, statuses };
}

describe('the monitor service', () => {
  it('probes the pair document\'s address every interval and stays green while it answers', async () => {
    const fake = fakeIncidentWorld();
    const { timers, monitor, statuses } = setup(fake);
    const first = await monitor.start();
    expect(first).toMatchObject({ status: 'green', address: '10.0.0.20', intervalSeconds: 2, missedReplies: 3, ttfSeconds: 6, secondPath: 'the source cluster SRCCLUS' });
    expect(fake.specs).toEqual([{ kind: 'icmp', host: '10.0.0.20' }]);
    await timers.advance(20_000);
    expect(fake.probes).toBe(11);
    expect(statuses()).toEqual(['green']);
    expect(monitor.snapshot().counts).toMatchObject({ probes: 11, replies: 11, misses: 0 });
    await monitor.stop('test over');
    expect(monitor.snapshot()).toMatchObject({ status: 'stopped', stopReason: 'test over' });
    expect(timers.count).toBe(0);
    expect(await readdir(root).catch(() => [])).toEqual([]);
  });

  it('raises at zero when the second path agrees: the incident\'s timeline and the prompt on disk', async () => {
    let up = true;
    const fake = fakeIncidentWorld({
      reply: () => (up ? { ok: true, detail: 'reply from 10.0.0.20 in 1 ms', rttMs: 1 } : { ok: false, detail: 'no reply from 10.0.0.20 within 2000 ms' }),
      connections: (node) => (node === 'SRC1' ? [connection(4096)] : []),
    });
    const { timers, monitor, statuses } = setup(fake, { sampleEvery: 1 });
    const start = timers.now();
    await monitor.start();
    await timers.advance(4000); // replies at 0, 2, 4 s
    up = false;
    await timers.advance(7000); // misses at 6, 8 s; zero at 10 s
    const raised = await monitor.settled;
    expect(raised.status).toBe('raised');
    expect(statuses()).toEqual(['green', 'yellow', 'red', 'raised']);
    expect(fake.secondPathCalls).toBe(1);
    const prompt = await readPrompt(root);
    expect(prompt).toMatchObject({
      status: 'pending',
      address: '10.0.0.20',
      name: 'EXCHVS',
      firstMissedAt: new Date(start + 6000).toISOString(),
      raisedAt: new Date(start + 10_000).toISOString(),
      secondPathDetail: 'SRCCLUS does not answer cluster.exe: The RPC server is unavailable (1722)',
    });
    expect(raised.prompt?.incident).toBe(prompt?.incident);
    const timeline = await openIncidentFolder(root).timeline(prompt?.incident ?? '');
    expect(timeline.map((e) => e.kind)).toEqual(['first-missed-reply', 'replication-at-loss', 'time-to-fail-reached', 'prompt-shown']);
    expect(timeline[0]).toMatchObject({ at: new Date(start + 6000).toISOString(), address: '10.0.0.20' });
    expect(timeline[1]).toMatchObject({ queuedBytes: 4096 });
    expect(timeline[1]?.kind === 'replication-at-loss' && timeline[1].detail).toMatch(/^sampled at .*, 2 s before the first missed reply: 4096 bytes queued .* on SRC1, SRC2$/);
    expect(timeline[2]).toMatchObject({ at: new Date(start + 10_000).toISOString() });
    expect(timeline[3]).toMatchObject({ where: 'the command line' });
    // Nothing probes any more.
    const probes = fake.probes;
    await timers.advance(10_000);
    expect(fake.probes).toBe(probes);
  });

  it('says the recovery point is unknown (a note, never 0) when the queue was never read', async () => {
    const fake = fakeIncidentWorld({ reply: () => ({ ok: false, detail: 'no reply' }) });
    const { timers, monitor } = setup(fake);
    await monitor.start();
    await timers.advance(7000);
    const raised = await monitor.settled;
    const timeline = await openIncidentFolder(root).timeline(raised.prompt?.incident ?? '');
    expect(timeline.map((e) => e.kind)).toEqual(['first-missed-reply', 'note', 'time-to-fail-reached', 'prompt-shown']);
    expect(timeline[1]).toMatchObject({ text: expect.stringMatching(/^The recovery point is unknown/) });
  });

  it('does not raise when the second path finds the source up: vetoed, says which path and why, asks again on each miss, and a reply resets', async () => {
    let up = false;
    const fake = fakeIncidentWorld({
      reply: () => (up ? { ok: true, detail: 'reply' } : { ok: false, detail: 'no reply' }),
      secondPath: () => ({ down: false, detail: 'SRCCLUS answers cluster.exe: Exchange Group Online on SRC1' }),
    });
    const { timers, monitor, statuses } = setup(fake);
    await monitor.start();
    await timers.advance(6500);
    expect(monitor.snapshot()).toMatchObject({ status: 'vetoed', veto: 'the source cluster SRCCLUS vetoed: SRCCLUS answers cluster.exe: Exchange Group Online on SRC1', secondsLeft: 0 });
    await timers.advance(4000);
    expect(fake.secondPathCalls).toBe(3);
    up = true;
    await timers.advance(2000);
    expect(monitor.snapshot().status).toBe('green');
    expect(monitor.snapshot().veto).toBeUndefined();
    expect(statuses()).toEqual(['green', 'yellow', 'red', 'vetoed', 'green']);
    expect(await readPrompt(root)).toBeUndefined();
    expect(await openIncidentFolder(root).list()).toEqual([]);
    await monitor.stop();
  });

  it('reports a flapping source with a suggested interval × missed, and raises nothing', async () => {
    let up = true;
    const fake = fakeIncidentWorld({ reply: () => (up ? { ok: true, detail: 'reply' } : { ok: false, detail: 'no reply' }) });
    const { timers, monitor } = setup(fake);
    await monitor.start();
    for (let i = 0; i < 3; i += 1) {
      await timers.advance(10_000);
      up = false;
      await timers.advance(4000); // two misses: yellow
      expect(monitor.snapshot().status).toBe('yellow');
      up = true;
      await timers.advance(2000);
      expect(monitor.snapshot().status).toBe('green');
    }
    const snapshot = monitor.snapshot();
    expect(snapshot.flapping).toMatchObject({ count: 3, suggestedIntervalSeconds: 2, suggestedMissedReplies: 6 });
    expect(snapshot.flapping?.suggestion).toMatch(/recovered 3 times in the last 30 min \(the longest silence 6 s\)/);
    expect(await readPrompt(root)).toBeUndefined();
    await monitor.stop();
  });

  it('with no second path set, raises on the probe alone and says so', async () => {
    const fake = fakeIncidentWorld({ reply: () => ({ ok: false, detail: 'no reply' }) });
    const { timers, monitor } = setup(fake, { pair: () => pair((p) => ({ ...p, monitor: { ...p.monitor, secondPath: 'none' } })) });
    await monitor.start();
    await timers.advance(7000);
    const raised = await monitor.settled;
    expect(raised.status).toBe('raised');
    expect(fake.secondPathCalls).toBe(0);
    expect(raised.prompt?.secondPathDetail).toMatch(/is "none"\): the probe alone decides/);
  });

  it('takes the overrides: a TCP probe and 0.2 s × 3', async () => {
    const fake = fakeIncidentWorld({ reply: () => ({ ok: false, detail: 'connection refused' }) });
    const { timers, monitor } = setup(fake, { overrides: { probe: { kind: 'tcp', host: '127.0.0.1', port: 8025 }, intervalMs: 200, missedReplies: 3 } });
    expect(await monitor.start()).toMatchObject({ address: '127.0.0.1', intervalSeconds: 0.2, ttfSeconds: 0.6 });
    await timers.advance(700);
    expect((await monitor.settled).status).toBe('raised');
  });

  it('stops on a probe that cannot probe (ping missing) instead of counting misses', async () => {
    const fake = fakeIncidentWorld({
      reply: () => {
        throw new ProbeError('ping could not run (ENOENT)');
      },
    });
    const { timers, monitor } = setup(fake);
    await monitor.start();
    await timers.advance(10_000);
    const stopped = await monitor.settled;
    expect(stopped).toMatchObject({ status: 'stopped', error: 'The probe cannot probe: ping could not run (ENOENT)' });
    expect(fake.secondPathCalls).toBe(0);
    expect(await readPrompt(root)).toBeUndefined();
  });

  it('counts a probe that does not end within the interval as a missed reply', async () => {
    const fake = fakeIncidentWorld({ reply: () => new Promise(() => undefined) });
    const { timers, monitor } = setup(fake);
    await monitor.start();
    await timers.advance(2500);
    expect(monitor.snapshot()).toMatchObject({ status: 'yellow', lastReply: { ok: false, detail: 'no answer within the interval (2000 ms)' } });
    await monitor.stop();
  });

  it('reports a prompt pending on disk at once, with how long it has waited, and probes nothing', async () => {
    const fake = fakeIncidentWorld();
    const timers = new FakeTimers();
    const folder = openIncidentFolder(root);
    const raisedAt = new Date(timers.now() - 90_000);
    const incident = await folder.create(raisedAt);
    await writePrompt(root, {
      incident,
      address: '10.0.0.20',
      name: 'EXCHVS1',
      firstMissedAt: new Date(raisedAt.getTime() - 6000).toISOString(),
      raisedAt: raisedAt.toISOString(),
      probeDetail: 'no reply',
      secondPathDetail: 'SRCCLUS does not answer',
      status: 'pending',
    });
    const monitor = createMonitor({ world: fake.world, pair: () => pair(), incidentsRoot: root, promptShownWhere: 'the command line', timers });
    const first = await monitor.start();
    expect(first).toMatchObject({ status: 'raised', prompt: { incident, waitedSeconds: 90, status: 'pending' } });
    await timers.advance(10_000);
    expect(fake.probes).toBe(0);
    expect(monitor.snapshot().prompt?.waitedSeconds).toBe(100);

    const answered = await monitor.answer('accepted', 'EXAMPLE\\admin', 'source room flooded');
    expect(answered).toMatchObject({ status: 'accepted', answeredBy: 'EXAMPLE\\admin', note: 'source room flooded' });
    expect((await readPrompt(root))?.status).toBe('accepted');
    expect((await folder.timeline(incident)).at(-1)).toMatchObject({ kind: 'intervention', accepted: true, by: 'EXAMPLE\\admin', waitedMs: 100_000, note: 'source room flooded' });
    expect(monitor.snapshot()).toMatchObject({ status: 'stopped', stopReason: expect.stringContaining('accepted by EXAMPLE\\admin') });
    await expect(monitor.answer('declined', 'someone')).rejects.toThrow(/already accepted by EXAMPLE\\admin/);
  });

  it('refuses to answer when no prompt is pending, and to start without a pair document', async () => {
    const fake = fakeIncidentWorld();
    const { monitor } = setup(fake, { pair: () => undefined });
    await expect(monitor.answer('accepted', 'me')).rejects.toThrow('No manual intervention prompt is pending.');
    await expect(monitor.start()).rejects.toThrow(/needs a pair document/);
    await flush();
  });
});
