/**
 * The target group brought online without `exchfailover -setup` first: the copied databases are not marked to be
 * overwritten by a restore, Exchange refuses to mount them (event 1087), and the step fails once its wait times out
 * (world time), saying how many stores mounted and each one's event text — progress shown while it waited.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import { targetOnline } from '../../../src-main/incident/failover-runbook/target-online';
import type { IncidentWorld } from '../../../src-main/incident/incident-world';
import { runRunbook } from '../../../src-main/incident/runbook/runbook-runner';
import { openIncidentFolder } from '../../../src-main/incident/store/incident-folder';
import { labIncidentWorld } from '../../../src-main/lab/adapters/lab-incident-world';
import { labSetupWorld } from '../../../src-main/lab/adapters/lab-setup-world';
import { openLab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { setupSteps } from '../../../src-main/setup/steps';

let work: string;
let template: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'failover-mount-'));
  template = join(work, 'template');
  const run = (argv: string[]) =>
    runExchangeHa({ argv, env: {}, cwd: work, stdout: () => undefined, stderr: () => undefined, now: () => new Date(), signal: new AbortController().signal, steps: setupSteps });
  expect(await run(['lab', 'init', template])).toBe(0);
  expect(await run(['setup', 'apply', '--pair', join(template, 'pair.json'), '--lab', template, '--confirm', '6=monitor entered'])).toBe(0);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('target-online without the overwrite-on-restore flags', () => {
  it('fails when its wait times out, naming event 1087 for each store that would not mount', async () => {
    const folder = join(work, 'lab');
    await cp(template, folder, { recursive: true });
    const lab = await openLab(folder);
    try {
      // Let Double-Take finish its mirror so the target's databases are copies of the source's.
      lab.doubleTake.tick(3_600_000);
      await lab.exchange.settle();
      await lab.power('SRCCLUS', false);
      let now = Date.now() + 3_600_000;
      const base = labIncidentWorld(lab, labSetupWorld(lab, () => new Date(now)), { realProbe: () => { throw new Error('no real probe'); }, now: () => new Date(now) });
      // World time passes at once: the 10 minute wait is over in a moment.
      const world: IncidentWorld = { ...base, sleep: async (ms) => { now += ms; } };
      const incidents = openIncidentFolder(join(folder, 'incidents'));
      const incident = await incidents.create(world.now());
      const progress: string[] = [];
      const report = await runRunbook({
        runbook: { kind: 'failover', steps: [targetOnline] },
        incidents,
        incident,
        pair: labPairDocument(),
        world,
        dryRun: false,
        mode: 'start',
        signal: new AbortController().signal,
        journalFolder: join(folder, 'journals'),
        operator: { user: 'tester', host: 'ADMINWS', pid: process.pid },
        ask: async () => ({ kind: 'accepted', by: 'tester' }),
        events: { progress: (_n, p) => progress.push(p.text) },
      });
      expect(report.outcome).toMatchObject({ outcome: 'failed', step: { id: 'target-online' } });
      const result = report.state.steps[0]?.result ?? '';
      expect(result).toContain('Timed out after 10 min waiting for the stores of EXCHVS-DR to mount');
      expect(result).toMatch(/0 of 4 stores of EXCHVS-DR mounted; not mounted: .*\(event 1087: /);
      expect(progress.some((p) => p.includes('event 1087'))).toBe(true);
    } finally {
      await lab.close();
    }
  }, 60_000);
});
