/**
 * The diagnostic log of every call to the outside world, through the real adapters: cluster.exe and dtcl.exe spawned
 * (the emulators in test/fixtures/bin, over a seeded lab), the ldapts directory against slapd, and the template node
 * files. Each writes one JSON line per call through createLogger into memory; no password ever reaches a line.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exeToolFactories } from '../../../src-main/app/real-setup-world';
import { ClusterExeAdapter } from '../../../src-main/cluster/cluster-exe-adapter';
import { ClusterError } from '../../../src-main/cluster/port';
import { DirectoryError } from '../../../src-main/directory/directory-error';
import { openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';
import { DtclSecret } from '../../../src-main/doubletake/dtcl-ast';
import { DtclExeAdapter } from '../../../src-main/doubletake/dtcl-exe-adapter';
import { DoubleTakePortError } from '../../../src-main/doubletake/port';
import { LAB_DOUBLETAKE_PASSWORD } from '../../../src-main/lab/doubletake/lab-accounts';
import { openLab } from '../../../src-main/lab/lab';
import { seedExchangeOrganization } from '../../../src-main/lab/directory/exchange-seed';
import { writeLdif } from '../../../src-main/lab/directory/ldif';
import { NodeFilesError } from '../../../src-main/nodes/port';
import { createTemplateNodeFiles } from '../../../src-main/profile/node-files-root';
import { createLogger } from '../../../src-main/shared/logger';
import { rejectionOf } from '../../helpers/rejection';
import { startSlapd, type RunningSlapd } from '../../helpers/slapd/start-slapd';

const repo = resolve(__dirname, '../../..');
const CLUSTER_EMULATOR = [join(repo, 'test/fixtures/bin/cluster')] as const;
const DTCL_EMULATOR = [join(repo, 'test/fixtures/bin/dtcl')] as const;

type Line = Record<string, unknown>;

/** A logger writing to memory, as the program's would to its file. */
function memoryLog() {
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line) => lines.push(line) }, level: 'debug' });
  return {
    logger,
    text: () => lines.join(''),
    entries: (): Line[] => lines.map((line) => JSON.parse(line) as Line),
  };
}

let root: string;
let lab: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'outside-calls-log-'));
  lab = join(root, 'lab');
  const seeded = await openLab(lab);
  await seeded.close();
  env = { ...process.env, EXCH_HA_LAB_CLUSTERS: join(lab, 'clusters.json'), EXCH_HA_LAB: lab };
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('cluster.exe runs in the diagnostic log', () => {
  it('writes one line per run: program, arguments, exit code, duration, subsystem cluster', async () => {
    const log = memoryLog();
    const cluster = new ClusterExeAdapter({ cluster: 'SRCCLUS', command: CLUSTER_EMULATOR, cwd: root, env, logger: log.logger });
    const nodes = await cluster.nodes();
    expect(nodes.map((n) => n.name)).toContain('SRC1');
    const groups = await cluster.groups();
    const entries = log.entries();
    // nodes: `node /stat`; groups: `group /stat`, `group /prop` and each group's `/listowners`.
    expect(entries).toHaveLength(1 + 2 + groups.length);
    for (const entry of entries) {
      expect(entry).toMatchObject({ level: 'info', subsystem: 'cluster', cluster: 'SRCCLUS', event: 'process', program: 'cluster.exe', outcome: 'exited', exitCode: 0 });
      expect(entry['command']).toEqual([...CLUSTER_EMULATOR]);
      expect(typeof entry['durationMs']).toBe('number');
      expect(entry['durationMs']).toBeGreaterThanOrEqual(0);
      expect(entry).not.toHaveProperty('stderr');
    }
    expect(entries[0]?.['args']).toEqual(['SRCCLUS', 'node', '/stat']);
    expect(entries[1]?.['args']).toEqual(['SRCCLUS', 'group', '/stat']);
    expect(entries[2]?.['args']).toEqual(['SRCCLUS', 'group', '/prop']);
  });

  it('logs a refused run as a warning with its exit code and the first lines of standard error', async () => {
    const log = memoryLog();
    const cluster = new ClusterExeAdapter({ cluster: 'SRCCLUS', command: CLUSTER_EMULATOR, cwd: root, env, logger: log.logger });
    const error = await rejectionOf(cluster.run({ kind: 'resource-offline', resource: 'No Such Resource' }));
    expect(error).toBeInstanceOf(ClusterError);
    const entries = log.entries();
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ level: 'warn', subsystem: 'cluster', program: 'cluster.exe', outcome: 'exited' });
    expect(entry?.['exitCode']).not.toBe(0);
    expect(entry?.['args']).toEqual(['SRCCLUS', 'res', 'No Such Resource', '/offline']);
    const stderr = entry?.['stderr'];
    expect(Array.isArray(stderr)).toBe(true);
    expect((stderr as string[]).join('\n')).toMatch(/System error \d+/);
  });

  it('logs a program that cannot start as an error, naming it', async () => {
    const log = memoryLog();
    const missing = join(root, 'no-such-cluster.exe');
    const cluster = new ClusterExeAdapter({ cluster: 'SRCCLUS', command: [missing], cwd: root, env, logger: log.logger });
    await expect(cluster.nodes()).rejects.toBeInstanceOf(ClusterError);
    expect(log.entries()).toEqual([
      expect.objectContaining({ level: 'error', subsystem: 'cluster', program: 'cluster.exe', command: [missing], outcome: 'not-started' }),
    ]);
  });

  it('is silent when no logger is given (the default), and the composition passes its logger through', async () => {
    const log = memoryLog();
    const tools = exeToolFactories({
      clusterExe: CLUSTER_EMULATOR,
      dtclExe: DTCL_EMULATOR,
      doubleTakeUser: 'Administrator',
      doubleTakePassword: new DtclSecret(LAB_DOUBLETAKE_PASSWORD),
      env,
      cwd: root,
      logger: log.logger,
    });
    await tools.cluster('TGTCLUS').nodes();
    await new ClusterExeAdapter({ cluster: 'TGTCLUS', command: CLUSTER_EMULATOR, cwd: root, env }).nodes();
    expect(log.entries()).toEqual([expect.objectContaining({ subsystem: 'cluster', cluster: 'TGTCLUS', args: ['TGTCLUS', 'node', '/stat'], exitCode: 0 })]);
  });
});

describe('dtcl.exe runs in the diagnostic log', () => {
  const adapter = (password: string, logger: ReturnType<typeof memoryLog>['logger']) =>
    new DtclExeAdapter({ node: 'src1', user: 'Administrator', password: new DtclSecret(password), command: DTCL_EMULATOR, cwd: root, env, logger });

  it('writes one line per run with the node and never the script or the password', async () => {
    const log = memoryLog();
    const dt = adapter(LAB_DOUBLETAKE_PASSWORD, log.logger);
    await dt.options();
    await dt.connections();
    const entries = log.entries();
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry).toMatchObject({ subsystem: 'doubletake', node: 'SRC1', program: 'dtcl.exe', args: ['-i'], outcome: 'exited', exitCode: 0 });
      expect(typeof entry['durationMs']).toBe('number');
    }
    expect(log.text()).not.toContain(LAB_DOUBLETAKE_PASSWORD);
    expect(log.text()).not.toMatch(/LOGIN/i);
  });

  it('logs a refused login as a warning with standard error and still no password', async () => {
    const wrong = 'Wr0ng-Guess-4711';
    const log = memoryLog();
    await expect(adapter(wrong, log.logger).options()).rejects.toBeInstanceOf(DoubleTakePortError);
    const entries = log.entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ level: 'warn', subsystem: 'doubletake', node: 'SRC1', program: 'dtcl.exe' });
    expect(entries[0]?.['exitCode']).not.toBe(0);
    expect((entries[0]?.['stderr'] as string[] | undefined)?.length ?? 0).toBeGreaterThan(0);
    expect(log.text()).not.toContain(wrong);
    expect(log.text()).not.toContain(LAB_DOUBLETAKE_PASSWORD);
  });
});

describe('directory connections in the diagnostic log (slapd)', () => {
  let server: RunningSlapd;
  beforeAll(async () => {
    server = await startSlapd({ ldif: writeLdif(seedExchangeOrganization()) });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('logs a bind that failed with the URL and the bind DN, never the password', async () => {
    const wrong = 'Not-The-Bind-Password-93';
    const log = memoryLog();
    const error = await rejectionOf(openLdaptsDirectory({ url: server.url, bindDn: server.bindDn, password: wrong, logger: log.logger }));
    expect(error).toBeInstanceOf(DirectoryError);
    const failedBind = log.entries().find((entry) => entry['event'] === 'bind');
    expect(failedBind).toMatchObject({ level: 'warn', subsystem: 'directory', url: server.url, bindDn: server.bindDn, outcome: 'failed' });
    expect(typeof failedBind?.['durationMs']).toBe('number');
    expect(typeof failedBind?.['code']).toBe('string');
    expect(log.text()).not.toContain(wrong);
  });

  it('logs the bind, the connection and the close of a session, with no password', async () => {
    const log = memoryLog();
    const directory = await openLdaptsDirectory({ url: server.url, bindDn: server.bindDn, password: server.password, logger: log.logger });
    await directory.close();
    expect(log.entries().map((entry) => [entry['subsystem'], entry['event'], entry['outcome']])).toEqual([
      ['directory', 'bind', 'ok'],
      ['directory', 'connect', 'ok'],
      ['directory', 'close', undefined],
    ]);
    for (const entry of log.entries()) expect(entry).toMatchObject({ url: server.url, bindDn: server.bindDn });
    expect(log.text()).not.toContain(server.password);
  });

  it('logs an unreachable directory with its URL', async () => {
    const log = memoryLog();
    // A port on the loopback address nothing listens on (slapd's own, once stopped, would do too).
    const url = 'ldap://127.0.0.1:1';
    await expect(openLdaptsDirectory({ url, bindDn: server.bindDn, password: server.password, logger: log.logger, connectTimeoutMs: 2_000 })).rejects.toBeInstanceOf(
      DirectoryError,
    );
    expect(log.entries()[0]).toMatchObject({ subsystem: 'directory', url, outcome: 'failed', code: 'unavailable' });
    expect(log.text()).not.toContain(server.password);
  });
});

describe("node files in the diagnostic log", () => {
  it('logs each read and write with the node, the Windows path, where it was reached, the bytes and the outcome', async () => {
    const log = memoryLog();
    const files = createTemplateNodeFiles(join(lab, 'nodes', '{node}', '{drive}'), log.logger);
    const path = 'C:\\diagnostic.txt';
    await files.writeFile('src1', path, Buffer.from('twelve bytes'));
    expect((await files.readFile('SRC1', path)).toString()).toBe('twelve bytes');
    const error = await rejectionOf(files.readFile('SRC1', 'C:\\missing\\online.dtcl'));
    expect(error).toBeInstanceOf(NodeFilesError);
    const entries = log.entries();
    expect(entries.map((entry) => [entry['subsystem'], entry['event'], entry['outcome'], entry['bytes']])).toEqual([
      ['node-files', 'writeFile', 'ok', 12],
      ['node-files', 'readFile', 'ok', 12],
      ['node-files', 'readFile', 'failed', undefined],
    ]);
    expect(entries[0]).toMatchObject({ level: 'info', node: 'src1', path, location: join(lab, 'nodes', 'SRC1', 'C', 'diagnostic.txt') });
    expect(entries[2]).toMatchObject({ level: 'warn', code: 'not-found', path: 'C:\\missing\\online.dtcl' });
  });

  it('logs existence checks at debug level only', async () => {
    const log = memoryLog();
    const files = createTemplateNodeFiles(join(lab, 'nodes', '{node}', '{drive}'), log.logger);
    await writeFile(join(lab, 'nodes', 'SRC2', 'C', 'probe.txt'), 'x');
    expect(await files.exists('SRC2', 'C:\\probe.txt')).toBe(true);
    expect(log.entries()).toEqual([expect.objectContaining({ level: 'debug', event: 'exists', outcome: 'ok' })]);
  });
});
