/**
 * The recovery point on a lab set up by the setup steps (the Source Connection replicating the Exchange data): the
 * monitor, on the lab's own probe of 10.0.0.20, samples Double-Take's queue on the source nodes while the source
 * answers; when the source loses power and the prompt is raised, the incident's timeline has `replication-at-loss`
 * from the last sample taken before the first missed reply.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import { createMonitor } from '../../../src-main/incident/monitor/monitor-service';
import { openIncidentFolder } from '../../../src-main/incident/store/incident-folder';
import { readPrompt } from '../../../src-main/incident/store/prompt-file';
import { labIncidentWorld } from '../../../src-main/lab/adapters/lab-incident-world';
import { labSetupWorld } from '../../../src-main/lab/adapters/lab-setup-world';
import { openLab, type Lab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { LAB } from '../../../src-main/lab/topology';
import { setupSteps } from '../../../src-main/setup/steps';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let work: string;
let folder: string;
let lab: Lab;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'monitor-rpo-'));
  folder = join(work, 'lab');
  const run = (argv: readonly string[]) =>
    runExchangeHa({ argv, env: {}, cwd: work, stdout: () => undefined, stderr: () => undefined, now: () => new Date(), signal: new AbortController().signal, steps: setupSteps });
  expect(await run(['lab', 'init', folder])).toBe(0);
  expect(await run(['setup', 'apply', '--pair', join(folder, 'pair.json'), '--lab', folder, '--confirm', '6=monitor entered on TGT1 and TGT2'])).toBe(0);
  lab = await openLab(folder);
}, 120_000);

afterAll(async () => {
  await lab.close();
  await rm(work, { recursive: true, force: true });
});

describe('the recovery point the monitor samples', () => {
  it('is the queue of the last sample before the first missed reply, read from the source nodes while they answered', async () => {
    const setup = labSetupWorld(lab, () => new Date());
    const connections = (await Promise.all(LAB.source.nodes.map((node) => setup.doubleTake(node).connections().catch(() => [])))).flat();
    expect(connections.filter((c) => c.replicationSet === 'Exchange').length).toBeGreaterThan(0);

    const incidentsRoot = join(folder, 'incidents');
    const monitor = createMonitor({
      world: labIncidentWorld(lab, setup, {
        realProbe: () => {
          throw new Error('the lab must not probe a real address');
        },
      }),
      pair: () => labPairDocument(),
      incidentsRoot,
      promptShownWhere: 'the test',
      overrides: { intervalMs: 200 },
      sampleEvery: 2,
    });
    await monitor.start();
    await sleep(1500);
    const healthy = monitor.snapshot();
    expect(healthy.status).toBe('green');
    expect(healthy.recoveryPoint).toMatchObject({ connections: expect.any(Number), queuedBytes: expect.any(Number) });
    expect(healthy.recoveryPoint?.connections).toBeGreaterThan(0);

    await lab.power(LAB.source.cluster, false);
    const raised = await monitor.settled;
    expect(raised.status).toBe('raised');
    const prompt = await readPrompt(incidentsRoot);
    const timeline = await openIncidentFolder(incidentsRoot).timeline(prompt?.incident ?? '');
    const loss = timeline.find((e) => e.kind === 'replication-at-loss');
    expect(loss).toBeDefined();
    if (loss?.kind !== 'replication-at-loss') return;
    expect(Number.isInteger(loss.queuedBytes)).toBe(true);
    expect(loss.detail).toMatch(/^sampled at \S+, [\d.]+ s before the first missed reply: \d+ bytes queued for replication set "Exchange" on SRC1, SRC2$/);
    const sampledAt = Date.parse(/^sampled at (\S+),/.exec(loss.detail)?.[1] ?? '');
    const firstMissed = timeline.find((e) => e.kind === 'first-missed-reply');
    expect(sampledAt).toBeLessThanOrEqual(Date.parse(firstMissed?.at ?? ''));
    // The last healthy sample is the one used.
    expect(loss.queuedBytes).toBe(raised.recoveryPoint?.queuedBytes);
  });
});
