/**
 * The Lab's failures over a real lab folder: what each pulls (power, MSCS moving groups, Double-Take cut off, the
 * lab probe's view), what restoring gives back (the source's Exchange group left offline, guide section 8 step 1),
 * and that <lab>/failures.json and the clusters file say the same to the next program.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LAB_WRITE_BYTES_PER_SECOND } from '../../../../src-main/lab/doubletake/connection-progress';
import { LabFailureError } from '../../../../src-main/lab/failures/lab-failure-actions';
import { labFailuresFile, readLabFailures } from '../../../../src-main/lab/failures/lab-failures-file';
import { openLab, type Lab } from '../../../../src-main/lab/lab';
import { readClusterStore } from '../../../../src-main/lab/mscs/cluster-store-file';
import { ADDRESS, buildExchangeGroup, GROUP } from '../exchange/exchange-lab-fixtures';

const T0 = Date.parse('2026-12-08T03:00:00Z');
let clockMs = T0;
const now = (): Date => new Date(clockMs);

let template: string;
let folder: string;
let lab: Lab;

beforeAll(async () => {
  // One lab made once (directory seeded, disks written), copied for each test.
  template = await mkdtemp(join(tmpdir(), 'lab-failures-template-'));
  const made = await openLab(template, { now });
  await made.close();
});
afterAll(async () => {
  await rm(template, { recursive: true, force: true });
});

beforeEach(async () => {
  clockMs = T0;
  folder = await mkdtemp(join(tmpdir(), 'lab-failures-lab-'));
  await cp(template, folder, { recursive: true });
  lab = await openLab(folder, { now });
  // The source's Exchange group online on SRC1; SRC1 replicating to the target cluster's own address.
  await buildExchangeGroup(lab.source, 'source');
  await lab.source.run({ kind: 'group-online', group: GROUP.name });
  const src1 = lab.doubleTake.server('SRC1');
  src1.createReplicationSet('Exchange');
  src1.addRule('Exchange', { path: 'E:\\Exchsrvr', mode: 'include', recursive: true });
  src1.saveReplicationSets();
  src1.connect('Exchange', '10.1.0.10');
});
afterEach(async () => {
  await lab.close();
  await rm(folder, { recursive: true, force: true });
});

function nodeStates(): Record<string, string> {
  const clusters = readClusterStore(join(folder, 'clusters.json'));
  return Object.fromEntries([...clusters.values()].flatMap((m) => m.toJSON().nodes.map((n) => [n.name, n.state])));
}

async function exchangeGroup(): Promise<{ state: string; owner?: string }> {
  const group = (await lab.clusters())[0]?.groups.find((g) => g.name === GROUP.name);
  if (group === undefined) throw new Error('no Exchange group');
  return group;
}

const queued = (): number => lab.doubleTake.server('SRC1').connection(1).queuedReplicationBytes;

describe('pulling and restoring the lab failures', () => {
  it('source: both source nodes lose power; restored, they come back with the Exchange group offline', async () => {
    expect(lab.answers(ADDRESS.source)).toBe(true);
    const pulled = await lab.fail({ kind: 'source' });
    expect(pulled).toContain('Pulled the plug on the source cluster SRCCLUS (SRC1 and SRC2 lost power)');
    expect(nodeStates()).toMatchObject({ SRC1: 'Down', SRC2: 'Down', TGT1: 'Up', TGT2: 'Up' });
    expect(lab.failures()).toEqual([{ kind: 'source', since: '2026-12-08T03:00:00.000Z' }]);
    expect(readLabFailures(folder)).toEqual(lab.failures());
    expect(lab.isSourceVisible()).toBe(false);
    expect(lab.answers(ADDRESS.source)).toBe(false);

    clockMs += 60_000;
    const restored = await lab.restore({ kind: 'source' });
    expect(restored).toContain('Powered SRC1 and SRC2 back on.');
    expect(restored).toContain('Exchange Group was taken offline as the nodes came back (guide section 8 step 1');
    expect(nodeStates()).toMatchObject({ SRC1: 'Up', SRC2: 'Up' });
    expect(await exchangeGroup()).toMatchObject({ state: 'Offline' });
    expect(lab.failures()).toEqual([]);
    expect(readLabFailures(folder)).toEqual([]);
    expect(lab.isSourceVisible()).toBe(true);
  });

  it('node: MSCS moves the node\'s groups to the other node; restored, they stay there', async () => {
    const pulled = await lab.fail({ kind: 'node', node: 'src1' });
    expect(pulled).toBe('Pulled the plug on SRC1: MSCS moved its groups to the other node (Cluster Group on SRC2 and Exchange Group on SRC2); the cluster keeps running.');
    expect(nodeStates()).toMatchObject({ SRC1: 'Down', SRC2: 'Up' });
    expect(await exchangeGroup()).toMatchObject({ state: 'Online', owner: 'SRC2' });
    expect(lab.isSourceVisible()).toBe(true);
    const restored = await lab.restore({ kind: 'node', node: 'SRC1' });
    expect(restored).toBe('Powered SRC1 back on. Its groups stay where they are: MSCS does not move them back by itself.');
    expect(await exchangeGroup()).toMatchObject({ state: 'Online', owner: 'SRC2' });
  });

  it('a node another failure still holds stays off when its own failure is restored', async () => {
    await lab.fail({ kind: 'node', node: 'SRC2' });
    await lab.fail({ kind: 'source' });
    const restored = await lab.restore({ kind: 'node', node: 'SRC2' });
    expect(restored).toBe('Nothing was powered on; SRC2 stays off (source still pulled).');
    expect(nodeStates()).toMatchObject({ SRC1: 'Down', SRC2: 'Down' });
    const source = await lab.restore({ kind: 'source' });
    expect(source).toContain('Powered SRC1 and SRC2 back on.');
  });

  it('link: Double-Take cannot send, so the writes queue; the source is still seen; restored, the queue drains', async () => {
    clockMs += 5000;
    expect(queued()).toBe(0);
    const pulled = await lab.fail({ kind: 'link' });
    expect(pulled).toContain('Cut the replication link between SRCCLUS and TGTCLUS');
    expect(lab.isSourceVisible()).toBe(true);
    expect(lab.answers(ADDRESS.source)).toBe(true);
    clockMs += 10_000;
    expect(queued()).toBe(10 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND);
    expect(lab.doubleTake.server('SRC1').connection(1).lastEmptyAt).toBe(T0 + 5000);
    // The state another program reads: the failures file and the Double-Take file as the restore saves them.
    await lab.restore({ kind: 'link' });
    expect(JSON.parse(await readFile(join(folder, 'doubletake.json'), 'utf8'))).toMatchObject({
      advancedAt: T0 + 15_000,
      servers: { SRC1: { connections: [{ queuedReplicationBytes: 10 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND, lastEmptyAt: T0 + 5000 }] } },
    });
    clockMs += 2000;
    expect(queued()).toBe(0);
  });

  it('split: the lab probe loses the source while it keeps running and answering cluster.exe; Double-Take is cut', async () => {
    const pulled = await lab.fail({ kind: 'split' });
    expect(pulled).toContain('the target side (and the monitor\'s lab probe) cannot see SRCCLUS');
    expect(lab.isSourceVisible()).toBe(false);
    expect(lab.answers(ADDRESS.source)).toBe(false);
    expect(await exchangeGroup()).toMatchObject({ state: 'Online', owner: 'SRC1' });
    expect((await lab.source.groups()).length).toBeGreaterThan(0);
    clockMs += 3000;
    expect(queued()).toBe(3 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND);
    const healed = await lab.restore({ kind: 'split' });
    expect(healed).toBe('Healed the split: the target side sees SRCCLUS again; Double-Take sends again and the queued changes drain.');
  });

  it('says so, and changes nothing, when the failure is pulled already or not pulled', async () => {
    expect(await lab.restore({ kind: 'link' })).toBe('link is not pulled (nothing is); nothing changed.');
    await lab.fail({ kind: 'target' });
    const file = await readFile(labFailuresFile(folder), 'utf8');
    expect(await lab.fail({ kind: 'target' })).toBe('target is already pulled (since 2026-12-08T03:00:00.000Z); nothing changed.');
    expect(await lab.restore({ kind: 'split' })).toBe('split is not pulled (pulled now: target); nothing changed.');
    expect(await readFile(labFailuresFile(folder), 'utf8')).toBe(file);
  });

  it('refuses a node the lab does not have, changing nothing', async () => {
    await expect(lab.fail({ kind: 'node', node: 'EXCH9' })).rejects.toThrow(LabFailureError);
    await expect(lab.fail({ kind: 'node', node: 'EXCH9' })).rejects.toThrow('The lab has no node named "EXCH9" (it has SRC1, SRC2, TGT1, TGT2).');
    expect(lab.failures()).toEqual([]);
  });

  it("Exchange running on the target after a failover leaves the copies apart by what it writes (the failback's mirror)", async () => {
    await buildExchangeGroup(lab.target, 'target');
    clockMs += 5000;
    await lab.target.run({ kind: 'group-online', group: GROUP.name });
    // Lab time before the group came online passed with it offline: nothing was written on TGT1 then.
    expect(lab.doubleTake.server('TGT1').divergedBytes()).toBe(0);
    clockMs += 10_000;
    expect(lab.doubleTake.server('TGT1').divergedBytes()).toBe(10 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND);
    await lab.fail({ kind: 'target' });
    clockMs += 10_000;
    await lab.restore({ kind: 'target' });
    // The ten seconds the target was off wrote nothing; the source's own writes never count (it holds no copy).
    expect(lab.doubleTake.server('TGT1').divergedBytes()).toBe(10 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND);
    expect(lab.doubleTake.server('SRC2').divergedBytes()).toBe(0);
  });

  it('a lab opened again reads the failures pulled before', async () => {
    await lab.fail({ kind: 'link' });
    await lab.close();
    lab = await openLab(folder, { now });
    expect(lab.failures()).toEqual([{ kind: 'link', since: '2026-12-08T03:00:00.000Z' }]);
    clockMs += 1000;
    expect(queued()).toBe(DEFAULT_LAB_WRITE_BYTES_PER_SECOND);
  });
});
