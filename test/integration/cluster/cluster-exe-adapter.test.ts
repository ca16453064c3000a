import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterExeAdapter, runClusterExe, type ClusterExeAdapterOptions } from '../../../src-main/cluster/cluster-exe-adapter';
import { LabClusterAdapter } from '../../../src-main/lab/adapters/lab-cluster-adapter';
import { ClusterError, type ClusterCommand, type ClusterPort } from '../../../src-main/cluster/port';
import { createLabCluster } from '../../../src-main/lab/mscs/lab-clusters';
import { rejectionOf } from '../../helpers/rejection';

const repo = resolve(__dirname, '../../..');
/** The emulator executable, spawned exactly as the real cluster.exe would be (from any working directory). */
const emulator = [join(repo, 'test/fixtures/bin/cluster')] as const;

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cluster-exe-'));
  file = join(dir, 'clusters.json');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function adapter(cluster: string, extra: Partial<ClusterExeAdapterOptions> = {}): ClusterExeAdapter {
  // cwd: the temporary folder, not the repository — the emulator must find its own way.
  return new ClusterExeAdapter({ cluster, command: emulator, cwd: dir, env: { ...process.env, EXCH_HA_LAB_CLUSTERS: file }, ...extra });
}

/** The guide's source group (section 4): IP, Network Name, disk, System Attendant, Double-Take connection. */
const SOURCE_GROUP: readonly ClusterCommand[] = [
  { kind: 'group-create', group: 'Exchange Group' },
  { kind: 'group-set-description', group: 'Exchange Group', description: 'Exchange 2003 virtual server "EXCHVS"' },
  { kind: 'group-set-owners', group: 'Exchange Group', nodes: ['SRC1', 'SRC2'] },
  { kind: 'resource-create', resource: 'Exchange IP Address', group: 'Exchange Group', type: 'IP Address' },
  {
    kind: 'resource-set-private',
    resource: 'Exchange IP Address',
    properties: { Address: '10.0.0.5', SubnetMask: '255.255.255.0', Network: 'Public' },
  },
  { kind: 'resource-create', resource: 'Exchange Network Name', group: 'Exchange Group', type: 'Network Name' },
  { kind: 'resource-set-private', resource: 'Exchange Network Name', properties: { Name: 'EXCHVS', RequireKerberos: 1 } },
  { kind: 'resource-add-dependency', resource: 'Exchange Network Name', dependsOn: 'Exchange IP Address' },
  { kind: 'resource-create', resource: 'Disk E:', group: 'Exchange Group', type: 'Physical Disk' },
  { kind: 'resource-set-private', resource: 'Disk E:', properties: { Signature: 0x1234abcd, Drive: 'E:' } },
  { kind: 'resource-set-description', resource: 'Disk E:', description: 'Exchange data' },
  {
    kind: 'resource-create',
    resource: 'Exchange System Attendant - EXCHVS',
    group: 'Exchange Group',
    type: 'Microsoft Exchange System Attendant',
  },
  { kind: 'resource-add-dependency', resource: 'Exchange System Attendant - EXCHVS', dependsOn: 'Exchange Network Name' },
  { kind: 'resource-add-dependency', resource: 'Exchange System Attendant - EXCHVS', dependsOn: 'Disk E:' },
  { kind: 'resource-create', resource: 'Double-Take Source Connection', group: 'Exchange Group', type: 'Double-Take Source Connection' },
  { kind: 'resource-set-private', resource: 'Double-Take Source Connection', properties: { ReplicationSet: 'Exchange', Target: 'TGT1' } },
  { kind: 'resource-add-dependency', resource: 'Double-Take Source Connection', dependsOn: 'Disk E:' },
  { kind: 'resource-remove-owner', resource: 'Double-Take Source Connection', node: 'SRC2' },
  { kind: 'resource-add-owner', resource: 'Double-Take Source Connection', node: 'SRC2' },
  { kind: 'group-online', group: 'Exchange Group' },
];

async function refusal(port: ClusterPort, command: ClusterCommand): Promise<number> {
  const error = await rejectionOf(port.run(command));
  expect(error, `${command.kind} should be refused`).toBeInstanceOf(ClusterError);
  return (error as ClusterError).code;
}

describe('cluster.exe adapter against the cluster.exe emulator', () => {
  it('creates the guide\'s whole source group and brings it online, as the lab adapter does', async () => {
    const port = adapter('SRCCLUS');
    for (const command of SOURCE_GROUP) await port.run(command);

    const lab = new LabClusterAdapter(createLabCluster('source'));
    for (const command of SOURCE_GROUP) await lab.run(command);

    const groups = await port.groups();
    expect(groups.find((g) => g.name === 'Exchange Group')).toEqual({
      name: 'Exchange Group',
      description: 'Exchange 2003 virtual server "EXCHVS"',
      state: 'Online',
      owner: 'SRC1',
      preferredOwners: ['SRC1', 'SRC2'],
    });
    const resources = await port.resources();
    expect(resources.find((r) => r.name === 'Disk E:')).toMatchObject({
      type: 'Physical Disk',
      description: 'Exchange data',
      state: 'Online',
      owner: 'SRC1',
      privateProperties: { Signature: 0x1234abcd, Drive: 'E:' },
    });
    expect(resources.find((r) => r.name === 'Exchange System Attendant - EXCHVS')?.dependencies).toEqual([
      'Exchange Network Name',
      'Disk E:',
    ]);
    expect(resources).toEqual(await lab.resources());
    expect(groups).toEqual(await lab.groups());
    expect(await port.nodes()).toEqual(await lab.nodes());
  });

  it('brings back the real refusal numbers and leaves the clusters file unchanged', async () => {
    const port = adapter('SRCCLUS');
    await port.groups(); // make sure the file exists
    const before = readFileSync(file, 'utf8');
    expect(await refusal(port, { kind: 'resource-add-dependency', resource: 'Disk E:', dependsOn: 'Exchange IP Address' })).toBe(5019);
    expect(await refusal(port, { kind: 'resource-add-dependency', resource: 'Cluster Name', dependsOn: 'Disk E:' })).toBe(87);
    expect(await refusal(port, { kind: 'resource-delete', resource: 'Disk E:' })).toBe(5019);
    expect(await refusal(port, { kind: 'group-create', group: 'EXCHANGE GROUP' })).toBe(5010);
    expect(await refusal(port, { kind: 'resource-create', resource: 'Web', group: 'Exchange Group', type: 'IIS Server Instance' })).toBe(5078);
    expect(await refusal(port, { kind: 'resource-online', resource: 'No Such Resource' })).toBe(5007);
    expect(await refusal(port, { kind: 'group-move', group: 'Exchange Group', node: 'TGT1' })).toBe(5042);
    expect(await refusal(port, { kind: 'resource-set-private', resource: 'Exchange IP Address', properties: { Address: '10.0.0.300' } })).toBe(87);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses what the model refuses offline too: dependents (5001), a Network Name without an address (5002), a cycle (1059)', async () => {
    const port = adapter('TGTCLUS');
    await port.run({ kind: 'group-create', group: 'Exchange Group' });
    await port.run({ kind: 'resource-create', resource: 'IP', group: 'Exchange Group', type: 'IP Address' });
    await port.run({ kind: 'resource-create', resource: 'NN', group: 'Exchange Group', type: 'Network Name' });
    await port.run({ kind: 'resource-set-private', resource: 'NN', properties: { Name: 'EXCHVS-DR' } });
    expect(await refusal(port, { kind: 'resource-online', resource: 'NN' })).toBe(5002);
    await port.run({ kind: 'resource-add-dependency', resource: 'NN', dependsOn: 'IP' });
    expect(await refusal(port, { kind: 'resource-add-dependency', resource: 'IP', dependsOn: 'NN' })).toBe(1059);
    expect(await refusal(port, { kind: 'resource-add-dependency', resource: 'NN', dependsOn: 'IP' })).toBe(5003);
    expect(await refusal(port, { kind: 'resource-delete', resource: 'IP' })).toBe(5001);
    expect(await refusal(port, { kind: 'resource-online', resource: 'NN' })).toBe(87); // IP has no Address yet
  });

  it('sees a failover after a node stops, and 1722 once the cluster has no node left', async () => {
    const env = { ...process.env, EXCH_HA_LAB_CLUSTERS: file };
    const port = adapter('SRCCLUS');
    expect((await runClusterExe({ command: emulator, cwd: dir, env }, ['SRCCLUS', 'node', 'SRC1', '/stop'])).exitCode).toBe(0);
    expect((await port.groups()).map((g) => [g.name, g.owner, g.state])).toEqual([
      ['Cluster Group', 'SRC2', 'Online'],
      ['Exchange Group', 'SRC2', 'Online'],
    ]);
    await runClusterExe({ command: emulator, cwd: dir, env }, ['SRCCLUS', 'node', 'SRC2', '/stop']);
    await expect(port.nodes()).rejects.toMatchObject({ code: 1722 });
    expect(await refusal(port, { kind: 'group-online', group: 'Exchange Group' })).toBe(1722);
    await runClusterExe({ command: emulator, cwd: dir, env }, ['SRCCLUS', 'node', 'SRC1', '/start']);
    expect((await port.groups()).find((g) => g.name === 'Exchange Group')).toMatchObject({ owner: 'SRC1', state: 'Online' });
  });

  it('keeps every change when several cluster.exe processes run at once', async () => {
    const source = adapter('SRCCLUS');
    const target = adapter('TGTCLUS');
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? source : target).run({ kind: 'group-create', group: `Parallel ${i}` })),
    );
    expect((await source.groups()).filter((g) => g.name.startsWith('Parallel')).map((g) => g.name)).toEqual(
      expect.arrayContaining(['Parallel 0', 'Parallel 2', 'Parallel 4']),
    );
    expect((await target.groups()).filter((g) => g.name.startsWith('Parallel'))).toHaveLength(3);
  });
});

describe('cluster.exe adapter: the /cluster: form and waits on pending states', () => {
  let pendingDir: string;
  let pendingFile: string;
  beforeAll(() => {
    pendingDir = mkdtempSync(join(tmpdir(), 'cluster-exe-pending-'));
    pendingFile = join(pendingDir, 'clusters.json');
  });
  afterAll(() => rmSync(pendingDir, { recursive: true, force: true }));

  /** An adapter whose emulator reports a pending state for `polls` status listings after each online/offline. */
  function pendingAdapter(polls: number, extra: Partial<ClusterExeAdapterOptions> = {}): ClusterExeAdapter {
    return new ClusterExeAdapter({
      cluster: 'SRCCLUS',
      command: emulator,
      cwd: pendingDir,
      env: { ...process.env, EXCH_HA_LAB_CLUSTERS: pendingFile, EXCH_HA_LAB_PENDING_POLLS: String(polls) },
      pollIntervalMs: 50,
      ...extra,
    });
  }

  it('speaks the /cluster: form end to end and sees what the plain form sees', async () => {
    const switchForm = pendingAdapter(0, { clusterForm: 'switch' });
    await switchForm.run({ kind: 'group-create', group: 'Switch Group' });
    await switchForm.run({ kind: 'resource-create', resource: 'Switch IP', group: 'Switch Group', type: 'IP Address' });
    await switchForm.run({
      kind: 'resource-set-private',
      resource: 'Switch IP',
      properties: { Address: '10.0.0.9', SubnetMask: '255.255.255.0', Network: 'Public' },
    });
    await switchForm.run({ kind: 'resource-online', resource: 'Switch IP' });
    const plain = pendingAdapter(0);
    expect(await switchForm.groups()).toEqual(await plain.groups());
    expect((await switchForm.resources()).find((r) => r.name === 'Switch IP')).toMatchObject({ state: 'Online', owner: 'SRC1' });
    expect(await switchForm.nodes()).toEqual(await plain.nodes());
  });

  it('waits through Offline Pending and Online Pending until the final state', async () => {
    const port = pendingAdapter(3);
    await port.run({ kind: 'resource-offline', resource: 'Switch IP' });
    expect(existsSync(`${pendingFile}.pending.json`)).toBe(false); // every pending listing was consumed by the wait
    expect((await pendingAdapter(0).resources()).find((r) => r.name === 'Switch IP')?.state).toBe('Offline');
    await port.run({ kind: 'group-online', group: 'Switch Group' });
    expect(existsSync(`${pendingFile}.pending.json`)).toBe(false);
    expect((await pendingAdapter(0).groups()).find((g) => g.name === 'Switch Group')?.state).toBe('Online');
  });

  it('gives up after the pending timeout with ClusterError 1460 naming the state and the timeout', async () => {
    const port = pendingAdapter(1000, { pendingTimeoutMs: 1500, pollIntervalMs: 200 });
    const error = await rejectionOf(port.run({ kind: 'resource-offline', resource: 'Switch IP' }));
    expect(error).toBeInstanceOf(ClusterError);
    expect(error).toMatchObject({ code: 1460 });
    expect((error as ClusterError).message).toMatch(/'Switch IP' is still Offline Pending.*1\.5 s/);
  });

  it('stops waiting when the signal aborts', async () => {
    const port = pendingAdapter(1000, { pendingTimeoutMs: 60_000, pollIntervalMs: 200 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('cancelled by user')), 1500);
    await expect(port.run({ kind: 'resource-online', resource: 'Switch IP' }, controller.signal)).rejects.toThrow('cancelled by user');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('with /wait:<s> cluster.exe returns in the final state, which the adapter still checks', async () => {
    // A pending count that would outlast the timeout: only /wait lets this succeed.
    const port = pendingAdapter(1000, { onlineWaitSeconds: 30, pendingTimeoutMs: 1000 });
    await port.run({ kind: 'resource-online', resource: 'Switch IP' });
    expect((await pendingAdapter(0).resources()).find((r) => r.name === 'Switch IP')?.state).toBe('Online');
  });

});
