/**
 * The Double-Take Source Connection resource through the real cluster.exe and dtcl.exe adapters, spawning the
 * emulators on one lab folder: bringing the resource online runs the node's online.dtcl (a Double-Take connection
 * appears), a script that fails leaves the resource Failed with cluster.exe's error 5038, and offline disconnects.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterExeAdapter } from '../../../src-main/cluster/cluster-exe-adapter';
import { ClusterError } from '../../../src-main/cluster/port';
import { DtclSecret } from '../../../src-main/doubletake/dtcl-ast';
import { DtclExeAdapter } from '../../../src-main/doubletake/dtcl-exe-adapter';
import { LAB_DOUBLETAKE_PASSWORD, LAB_DOUBLETAKE_USER } from '../../../src-main/lab/doubletake/lab-accounts';
import { openLab } from '../../../src-main/lab/lab';
import { LAB_SOURCE_EXCHANGE_DISK_SIGNATURE } from '../../../src-main/lab/lab-pair-document';
import { rejectionOf } from '../../helpers/rejection';

const repo = resolve(__dirname, '../../..');
let root: string;
let lab: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'source-connection-emulators-'));
  lab = join(root, 'lab');
  await (await openLab(lab)).close(); // a seeded lab folder, then closed: the emulators work on its files
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const env = () => ({ ...process.env, EXCH_HA_LAB_CLUSTERS: join(lab, 'clusters.json'), EXCH_HA_LAB: lab });
const cluster = () => new ClusterExeAdapter({ cluster: 'SRCCLUS', command: [join(repo, 'test/fixtures/bin/cluster')], cwd: root, env: env() });
const doubleTake = (node: string) =>
  new DtclExeAdapter({ node, user: LAB_DOUBLETAKE_USER, password: new DtclSecret(LAB_DOUBLETAKE_PASSWORD), command: [join(repo, 'test/fixtures/bin/dtcl')], cwd: root, env: env() });

describe('the Source Connection resource runs its scripts under the cluster.exe emulator', () => {
  it('fails with 5038 and stays Failed while the set is missing; connects once it exists; disconnects offline', async () => {
    const port = cluster();
    await port.run({ kind: 'group-create', group: 'Exchange Group' });
    await port.run({ kind: 'resource-create', resource: 'Disk E:', group: 'Exchange Group', type: 'Physical Disk' });
    await port.run({ kind: 'resource-set-private', resource: 'Disk E:', properties: { Signature: LAB_SOURCE_EXCHANGE_DISK_SIGNATURE, Drive: 'E:' } });
    await port.run({ kind: 'resource-create', resource: 'DT Source', group: 'Exchange Group', type: 'Double-Take Source Connection' });
    await port.run({ kind: 'resource-set-private', resource: 'DT Source', properties: { ReplicationSet: 'Exchange', Target: '10.1.0.21' } });
    await port.run({ kind: 'resource-add-dependency', resource: 'DT Source', dependsOn: 'Disk E:' });

    const refused = await rejectionOf(port.run({ kind: 'resource-online', resource: 'DT Source' }));
    expect(refused).toBeInstanceOf(ClusterError);
    expect(refused).toMatchObject({ code: 5038, message: expect.stringMatching(/online\.dtcl returned 1: .*Replication set 'Exchange' does not exist/) });
    expect((await port.resources()).find((r) => r.name === 'DT Source')?.state).toBe('Failed');
    expect(await doubleTake('SRC1').connections()).toEqual([]);

    await doubleTake('SRC1').run([
      { kind: 'repset-create', replicationSet: 'Exchange' },
      { kind: 'repset-rule-add', replicationSet: 'Exchange', rule: { path: 'E:\\Exchsrvr', mode: 'include', recursive: true } },
      { kind: 'repset-save' },
    ]);
    await port.run({ kind: 'resource-offline', resource: 'DT Source' });
    await port.run({ kind: 'resource-online', resource: 'DT Source' });
    expect((await port.resources()).find((r) => r.name === 'DT Source')?.state).toBe('Online');
    expect(await doubleTake('SRC1').connections()).toEqual([expect.objectContaining({ replicationSet: 'Exchange', target: '10.1.0.21', state: 'connected' })]);
    // A second online of a resource already online runs nothing (no second connection).
    await port.run({ kind: 'resource-online', resource: 'DT Source' });
    expect(await doubleTake('SRC1').connections()).toHaveLength(1);

    await port.run({ kind: 'resource-offline', resource: 'DT Source' });
    expect(await doubleTake('SRC1').connections()).toEqual([]);
  });
});
