import { describe, expect, it } from 'vitest';
import { ClusterExeAdapter, clusterErrorFromOutput, runClusterExe } from '../../../src-main/cluster/cluster-exe-adapter';

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
    await expect(exiting(0).run({ kind: 'resource-online', resource: 'X' })).resolves.toBeUndefined();
    await expect(exiting(5024).run({ kind: 'resource-online', resource: 'X' })).resolves.toBeUndefined();
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
