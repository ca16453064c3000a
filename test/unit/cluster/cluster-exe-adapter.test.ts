import { describe, expect, it } from 'vitest';
import { ClusterExeAdapter, clusterErrorFromOutput, pendingWaitFor, runClusterExe } from '../../../src-main/cluster/cluster-exe-adapter';
import { formatGroupStatus, formatResourceStatus } from '../../../src-main/cluster/cluster-exe-output';

const node = process.execPath;

describe('cluster.exe adapter (process handling)', () => {
  it('maps "System error N" to ClusterError N with the printed text', () => {
    const e = clusterErrorFromOutput({
      stdout: "Bringing resource 'X' online...\n",
      stderr: 'System error 5019 has occurred (0x0000139b).\nThe operation could not be completed because the cluster resource is online.\n',
      exitCode: 5019,
    });
    expect(e.code).toBe(5019);
    expect(e.message).toBe('The operation could not be completed because the cluster resource is online.');
    expect(clusterErrorFromOutput({ stdout: '', stderr: '', exitCode: 1722 })).toMatchObject({ code: 1722, message: 'The RPC server is unavailable.' });
  });

  it('passes every argument through unchanged, without a shell', async () => {
    const args = ['SRCCLUS', 'res', 'A "quoted" name; & | $HOME `x`', '/priv', 'Note=a b\\'];
    const out = await runClusterExe({ command: [node, '-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))'] }, args);
    expect(JSON.parse(out.stdout)).toEqual(args);
  });

  it('throws ClusterError for a non-zero exit and succeeds on 0 and on 5024 (properties stored)', async () => {
    const exiting = (code: number) =>
      new ClusterExeAdapter({ cluster: 'C', command: [node, '-e', `process.stderr.write('System error ${code} has occurred (0x0).\\nNo.\\n'); process.exit(${code})`] });
    await expect(exiting(5003).run({ kind: 'resource-online', resource: 'X' })).rejects.toMatchObject({ code: 5003, message: 'No.' });
    await expect(exiting(0).run({ kind: 'resource-add-owner', resource: 'X', node: 'N' })).resolves.toBeUndefined();
    await expect(exiting(5024).run({ kind: 'resource-set-private', resource: 'X', properties: { A: 1 } })).resolves.toBeUndefined();
  });

  it('kills cluster.exe when the signal aborts', async () => {
    const adapter = new ClusterExeAdapter({ cluster: 'C', command: [node, '-e', 'setTimeout(() => {}, 20000)'] });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('cancelled by user')), 200);
    await expect(adapter.run({ kind: 'group-online', group: 'G' }, controller.signal)).rejects.toThrow('cancelled by user');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('gives up after the timeout', async () => {
    const adapter = new ClusterExeAdapter({ cluster: 'C', command: [node, '-e', 'setTimeout(() => {}, 20000)'], timeoutMs: 300 });
    await expect(adapter.run({ kind: 'group-online', group: 'G' })).rejects.toThrow(/did not finish within 300 ms/);
  });

  it('rejects when the program does not exist', async () => {
    const adapter = new ClusterExeAdapter({ cluster: 'C', command: ['/no/such/cluster.exe'] });
    await expect(adapter.nodes()).rejects.toThrow(/ENOENT/);
  });
});

/** A stand-in cluster.exe: exits 0 for every call and prints `listing` for `/stat`. */
function fakeClusterExe(listing: string): readonly [string, ...string[]] {
  const script = `const a = process.argv.slice(1); if (a.includes('/stat')) process.stdout.write(${JSON.stringify(listing)});`;
  return [node, '-e', script];
}

describe('cluster.exe adapter (waits on pending states)', () => {
  it('knows which commands wait and for what', () => {
    expect(pendingWaitFor({ kind: 'resource-online', resource: 'X' })).toEqual({ kind: 'res', name: 'X', wanted: ['Online'] });
    expect(pendingWaitFor({ kind: 'resource-offline', resource: 'X' })).toEqual({ kind: 'res', name: 'X', wanted: ['Offline'] });
    expect(pendingWaitFor({ kind: 'group-online', group: 'G', node: 'N' })).toEqual({ kind: 'group', name: 'G', wanted: ['Online'] });
    expect(pendingWaitFor({ kind: 'group-move', group: 'G', node: 'N' })).toEqual({ kind: 'group', name: 'G', wanted: ['Online'] });
    expect(pendingWaitFor({ kind: 'group-offline', group: 'G' })).toEqual({ kind: 'group', name: 'G', wanted: ['Offline'] });
    expect(pendingWaitFor({ kind: 'group-create', group: 'G' })).toBeUndefined();
    expect(pendingWaitFor({ kind: 'resource-add-owner', resource: 'X', node: 'N' })).toBeUndefined();
  });

  it('refuses a final state other than the one asked for with ClusterError 5038', async () => {
    const failed = formatResourceStatus([{ resource: 'Exchange IP', group: 'Exchange Group', node: 'SRC1', status: 'Failed' }], "Listing status for resource 'Exchange IP':");
    const adapter = new ClusterExeAdapter({ cluster: 'C', command: fakeClusterExe(failed) });
    await expect(adapter.run({ kind: 'resource-online', resource: 'Exchange IP' })).rejects.toMatchObject({
      code: 5038,
      message: "The resource 'Exchange IP' is Failed, not Online.",
    });
    const partly = formatGroupStatus([{ group: 'Exchange Group', node: 'SRC1', status: 'Partially Online' }], '');
    const groups = new ClusterExeAdapter({ cluster: 'C', command: fakeClusterExe(partly) });
    await expect(groups.run({ kind: 'group-online', group: 'Exchange Group' })).rejects.toMatchObject({ code: 5038 });
  });

  it('reports the pending state and the timeout when it stays pending', async () => {
    const pending = formatGroupStatus([{ group: 'Exchange Group', node: 'SRC1', status: 'Pending' }], '');
    const adapter = new ClusterExeAdapter({ cluster: 'C', command: fakeClusterExe(pending), pendingTimeoutMs: 400, pollIntervalMs: 100 });
    await expect(adapter.run({ kind: 'group-offline', group: 'Exchange Group' })).rejects.toMatchObject({
      code: 1460,
      message: "The resource group 'Exchange Group' is still Pending; gave up waiting for Offline after the timeout of 400 ms.",
    });
  });

  it('stops waiting between polls when the signal aborts', async () => {
    const pending = formatResourceStatus([{ resource: 'X', group: 'G', node: 'SRC1', status: 'Online Pending' }], '');
    const adapter = new ClusterExeAdapter({ cluster: 'C', command: fakeClusterExe(pending), pendingTimeoutMs: 60_000, pollIntervalMs: 5_000 });
    const controller = new AbortController();
    const started = Date.now();
    const run = adapter.run({ kind: 'resource-online', resource: 'X' }, controller.signal);
    setTimeout(() => controller.abort(new Error('stop')), 600);
    await expect(run).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});
