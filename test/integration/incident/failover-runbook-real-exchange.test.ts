/**
 * The real pair's ExchangePort (real-exchange.ts) over the lab's clusters and directory (the same ports the real
 * adapters implement): stores read from the directory with `basis: 'resource'`, mounted while the group's store
 * resource is online on an up node; every mailbox resolved (homeMDB → store → server → group), as many as the lab's
 * own client finds, and none once the cluster is down, each failure saying why.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import { borrowedDirectory } from '../../../src-main/directory/borrowed-directory';
import { realExchange } from '../../../src-main/incident/real-exchange';
import { labSetupWorld } from '../../../src-main/lab/adapters/lab-setup-world';
import { openLab, type Lab } from '../../../src-main/lab/lab';
import { setupSteps } from '../../../src-main/setup/steps';

let work: string;
let lab: Lab;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'real-exchange-'));
  const folder = join(work, 'lab');
  const run = (argv: string[]) =>
    runExchangeHa({ argv, env: {}, cwd: work, stdout: () => undefined, stderr: () => undefined, now: () => new Date('2026-12-08T03:00:00Z'), signal: new AbortController().signal, steps: setupSteps });
  expect(await run(['lab', 'init', folder])).toBe(0);
  expect(await run(['setup', 'apply', '--pair', join(folder, 'pair.json'), '--lab', folder, '--confirm', '6=entered'])).toBe(0);
  lab = await openLab(folder);
}, 120_000);

afterAll(async () => {
  await lab.close();
  await rm(work, { recursive: true, force: true });
});

describe('realExchange', () => {
  it('tells stores mounted by the resource and resolves every mailbox while the source runs, none once it is down', async () => {
    const exchange = realExchange({ setup: labSetupWorld(lab, () => new Date()), connectDirectory: async () => borrowedDirectory(lab.directory) });
    const stores = await exchange.stores('EXCHVS');
    expect(stores.length).toBeGreaterThan(0);
    expect(stores.every((s) => s.mounted && s.basis === 'resource' && s.server === 'EXCHVS')).toBe(true);
    const labCheck = await lab.exchange.openMailboxes('EXCHVS');
    const resolved = await exchange.openMailboxes('EXCHVS');
    expect(resolved).toEqual({ total: labCheck.total, opened: labCheck.total, failures: [], method: 'resolved' });
    expect(resolved.total).toBeGreaterThan(0);

    // The target's stores: the target group is offline (only the replication address is online).
    const target = await exchange.stores('EXCHVS-DR');
    expect(target.length).toBeGreaterThan(0);
    expect(target.some((s) => s.mounted)).toBe(false);

    await lab.power('SRCCLUS', false);
    const down = await exchange.openMailboxes('EXCHVS');
    expect(down.opened).toBe(0);
    expect(down.total).toBe(resolved.total);
    expect(down.failures.length).toBe(Math.min(20, down.total));
    expect(down.failures[0]?.reason).toMatch(/is not mounted: No cluster that answers holds a Network Name "EXCHVS"; SRCCLUS does not answer/);
    await lab.power('SRCCLUS', true);
  });
});
