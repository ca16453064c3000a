/**
 * The monitor on the lab's own probe (the pair document's monitored address 10.0.0.20, answered by the lab: no
 * packet is sent) and its second path, the lab's source cluster: a split (the source runs, this side cannot see
 * its address) is vetoed and says why — the source cluster answers with its Exchange group online — and nothing is
 * raised; restoring the split brings the countdown back to green.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMonitor, type Monitor } from '../../../src-main/incident/monitor/monitor-service';
import type { MonitorSnapshot, MonitorStatus } from '../../../src-main/incident/monitor/monitor-snapshot';
import type { ProbeSpec } from '../../../src-main/incident/incident-world';
import { openIncidentFolder } from '../../../src-main/incident/store/incident-folder';
import { labIncidentWorld } from '../../../src-main/lab/adapters/lab-incident-world';
import { labSetupWorld } from '../../../src-main/lab/adapters/lab-setup-world';
import { openLab, type Lab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { buildExchangeGroup, GROUP } from '../../unit/lab/exchange/exchange-lab-fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let root: string;
let lab: Lab;
let monitor: Monitor | undefined;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'monitor-lab-'));
  lab = await openLab(join(root, 'lab'));
  await buildExchangeGroup(lab.source, 'source');
  await lab.source.run({ kind: 'group-online', group: GROUP.name });
});

afterEach(async () => {
  await monitor?.stop('test over');
  await lab.close();
  await rm(root, { recursive: true, force: true });
});

describe('the monitor on the lab', () => {
  it('vetoes a split (the source cluster answers, its Exchange group online) and raises nothing; restored, green again', async () => {
    const seen: MonitorSnapshot[] = [];
    const realSpecs: ProbeSpec[] = [];
    const world = labIncidentWorld(lab, labSetupWorld(lab, () => new Date()), {
      realProbe: (spec) => {
        realSpecs.push(spec);
        throw new Error('the lab must not probe a real address');
      },
    });
    monitor = createMonitor({
      world,
      pair: () => labPairDocument(),
      incidentsRoot: join(root, 'lab', 'incidents'),
      promptShownWhere: 'the test',
      overrides: { intervalMs: 200 },
      onChange: (s) => seen.push(s),
    });
    const first = await monitor.start();
    expect(first).toMatchObject({ address: '10.0.0.20', missedReplies: 3, probe: expect.stringMatching(/^the lab's answer for 10\.0\.0\.20/) });
    await sleep(500);
    expect(monitor.snapshot()).toMatchObject({ status: 'green', lastReply: { ok: true } });

    await lab.fail({ kind: 'split' });
    const until = async (status: MonitorStatus, from: number): Promise<MonitorSnapshot> => {
      const end = Date.now() + 10_000;
      for (;;) {
        const found = seen.slice(from).find((s) => s.status === status);
        if (found !== undefined) return found;
        if (Date.now() > end) throw new Error(`no ${status}; seen ${seen.map((s) => s.status).join(' ')}`);
        await sleep(20);
      }
    };
    const vetoed = await until('vetoed', 0);
    expect(vetoed.lastReply?.detail).toMatch(/a split cuts this side off/);
    expect(vetoed.veto).toBe(`the source cluster SRCCLUS vetoed: SRCCLUS answers cluster.exe: ${GROUP.name} Online on SRC1`);
    await sleep(600);
    expect(monitor.snapshot().status).toBe('vetoed');

    const mark = seen.length;
    await lab.restore({ kind: 'split' });
    await until('green', mark);
    expect(await openIncidentFolder(join(root, 'lab', 'incidents')).list()).toEqual([]);
    expect(realSpecs).toEqual([]);
  });
});
