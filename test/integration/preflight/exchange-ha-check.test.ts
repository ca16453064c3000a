/**
 * `exchange-ha check` as a process, through a connection profile whose tools are the cluster.exe and dtcl.exe
 * emulators over a lab folder (behind a spy that records each tool's command line and environment), whose node files
 * are the lab's node folders, and whose directory is a real slapd over ldaps:// with a CA file. All pass → exit 0;
 * each system failing → exit 4 with the failed check named, what, where and next; bad input → exit 2 with nothing
 * run; Ctrl+C → exit 130, cancelled. No password ever reaches the output, the command's arguments, or a tool's
 * command line or environment.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_DOUBLETAKE_PASSWORD, LAB_DOUBLETAKE_USER } from '../../../src-main/lab/doubletake/lab-accounts';
import { openLab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { labNodeFolder } from '../../../src-main/lab/nodes/lab-node-files';
import { LAB } from '../../../src-main/lab/topology';
import type { PairDocument } from '../../../src-main/pair';
import { formatPairDocument } from '../../../src-main/pair/pair-document-file';
import { REPOSITORY_ROOT, runCliEntry, type CliRun } from '../../helpers/run-cli-entry';
import type { RunningSlapd } from '../../helpers/slapd/start-slapd';
import { CLUSTER_EMULATOR, DTCL_EMULATOR, READER_DN, READER_PASSWORD, closedPort, freshLab, scratch, startPreflightSlapd } from './preflight-world-fixture';

const TEST_MS = 120_000;
const NODES = [...LAB.source.nodes, ...LAB.target.nodes];
const WRONG_DT_PASSWORD = 'wrong-Dt-Secret-41';

let root: string;
let removeRoot: () => Promise<void>;
let server: RunningSlapd;
let bindPasswordFile: string;
let spyLog: string;

/** A tool behind a spy: its command line and environment are appended to the spy log, then the emulator runs. */
async function spyTool(name: string, emulator: string): Promise<string> {
  const path = join(root, 'tools', name);
  await writeFile(path, `#!/bin/sh\n{ echo "argv: $0 $*"; env | sed 's/^/env: /'; } >> "${spyLog}"\nexec "${emulator}" "$@"\n`);
  await chmod(path, 0o755);
  return path;
}

let clusterTool: string;
let dtclTool: string;

beforeAll(async () => {
  ({ root, remove: removeRoot } = await scratch('exchange-ha-check-'));
  server = await startPreflightSlapd();
  await mkdir(join(root, 'tools'));
  spyLog = join(root, 'tools.log');
  clusterTool = await spyTool('cluster', CLUSTER_EMULATOR[0]);
  dtclTool = await spyTool('dtcl', DTCL_EMULATOR[0]);
  await writeFile(join(root, 'hang'), '#!/bin/sh\nexec sleep 30\n');
  await chmod(join(root, 'hang'), 0o755);
  bindPasswordFile = join(root, 'bind.pw');
  await writeFile(bindPasswordFile, `${READER_PASSWORD}\n`);
}, TEST_MS);
afterAll(async () => {
  await server?.stop();
  await removeRoot?.();
});

interface Site {
  readonly lab: string;
  readonly pair: string;
  readonly profile: string;
}

/** A fresh lab, its pair document (changed by `edit`) and a profile reaching it (changed by `profile`). */
async function site(options: { edit?: (document: PairDocument) => PairDocument; profile?: (profile: Record<string, unknown>) => Record<string, unknown> } = {}): Promise<Site> {
  const lab = await freshLab(root);
  const pair = join(lab, 'site-pair.json');
  await writeFile(pair, formatPairDocument((options.edit ?? ((d) => d))(labPairDocument())));
  if (server.ldapsUrl === undefined || server.caFile === undefined) throw new Error('slapd started without TLS');
  const base: Record<string, unknown> = {
    format: 'exchange-ha-connection-profile',
    version: 1,
    name: 'Rehearsal',
    directory: { url: server.ldapsUrl, caFile: server.caFile, bindDn: READER_DN },
    tools: { clusterExe: clusterTool, dtclExe: dtclTool },
    doubleTake: { user: LAB_DOUBLETAKE_USER },
    nodeFiles: { root: join(lab, 'nodes', '{node}', '{drive}') },
  };
  const profile = join(lab, 'profile.json');
  await writeFile(profile, JSON.stringify((options.profile ?? ((p) => p))(base), null, 2));
  return { lab, pair, profile };
}

/** The environment of the command: the emulators' lab, and the Double-Take password in its variable (none: null). */
function environment(lab: string, dtPassword: string | null = LAB_DOUBLETAKE_PASSWORD): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    EXCH_HA_LAB: lab,
    EXCH_HA_LAB_CLUSTERS: join(lab, 'clusters.json'),
    ...(process.env.EXCH_HA_EMULATOR_BUNDLES === undefined ? {} : { EXCH_HA_EMULATOR_BUNDLES: process.env.EXCH_HA_EMULATOR_BUNDLES }),
    ...(dtPassword === null ? {} : { EXCHANGE_HA_DT_PASSWORD: dtPassword }),
  };
}

function check(s: Site, extra: readonly string[] = [], env: NodeJS.ProcessEnv = environment(s.lab)): { args: string[]; run: Promise<CliRun> } {
  const args = ['check', '--pair', s.pair, '--profile', s.profile, '--bind-password-file', bindPasswordFile, ...extra];
  return { args, run: runCliEntry('exchange-ha', args, root, env) };
}

const PASSWORDS = [LAB_DOUBLETAKE_PASSWORD, READER_PASSWORD, WRONG_DT_PASSWORD];

/** No password in the output, the command's arguments, or any tool's command line or environment. */
async function expectNoPassword(args: readonly string[], result: CliRun): Promise<void> {
  const tools = await readFile(spyLog, 'utf8').catch(() => '');
  for (const password of PASSWORDS) {
    expect(result.stdout).not.toContain(password);
    expect(result.stderr).not.toContain(password);
    expect(args.join(' ')).not.toContain(password);
    expect(tools).not.toContain(password);
  }
  expect(tools).not.toContain('EXCHANGE_HA_DT_PASSWORD');
}

/** The lines of one failed check: FAIL, what, where, next, the command. */
function failureBlock(stdout: string, id: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`FAIL  ${id}  `));
  if (start === -1) throw new Error(`no FAIL line for ${id} in:\n${stdout}`);
  return lines.slice(start, start + 5).join('\n');
}

describe('exchange-ha check through a connection profile', () => {
  it(
    'every check passes: exit 0, a line per check with its command, the summary; no password anywhere',
    async () => {
      const s = await site();
      await rm(spyLog, { force: true });
      const { args, run } = check(s);
      const result = await run;
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`exchange-ha check: pair document ${s.pair}, through the profile "Rehearsal" (${s.profile})`);
      for (const id of ['directory.connect', 'directory.certificate', 'directory.bind', 'directory.organisation', 'cluster.reach.SRCCLUS', 'cluster.nodes.TGTCLUS']) {
        expect(result.stdout).toMatch(new RegExp(`^ok {4}${id.replace(/\./g, '\\.')}  `, 'm'));
      }
      for (const node of NODES) {
        expect(result.stdout).toMatch(new RegExp(`^ok {4}doubletake\\.login\\.${node}  `, 'm'));
        expect(result.stdout).toMatch(new RegExp(`^ok {4}node-files\\.online-dtcl\\.${node}  `, 'm'));
      }
      expect(result.stdout).toContain(`      $ ${clusterTool} SRCCLUS node /stat`);
      expect(result.stdout).toContain(`        LOGIN TGT2 ${LAB_DOUBLETAKE_USER} ********;`);
      expect(result.stdout).toMatch(/^All 22 checks passed\. Nothing was changed\.$/m);
      // The tools ran: cluster.exe and dtcl.exe, through the spy, without the password variables.
      const tools = await readFile(spyLog, 'utf8');
      expect(tools).toContain(`argv: ${clusterTool} SRCCLUS node /stat`);
      expect(tools).toContain(`argv: ${dtclTool} -i`);
      await expectNoPassword(args, result);
    },
    TEST_MS,
  );

  it(
    '--json: one JSON object with every check and the counts',
    async () => {
      const s = await site();
      const result = await check(s, ['--json']).run;
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as { passed: boolean; counts: Record<string, number>; checks: { id: string; result: string }[] };
      expect(report.passed).toBe(true);
      expect(report.counts).toEqual({ total: 22, ok: 22, failed: 0, skipped: 0 });
      expect(report.checks.map((c) => c.id)).toContain('node-files.folder.TGT1');
    },
    TEST_MS,
  );

  it(
    'a domain controller that does not answer: exit 4, directory.connect named with what, where and next, the rest of the directory skipped',
    async () => {
      const port = await closedPort();
      const s = await site({ profile: (p) => ({ ...p, directory: { ...(p.directory as object), url: `ldaps://127.0.0.1:${port}` } }) });
      const { args, run } = check(s);
      const result = await run;
      expect(result.code).toBe(4);
      const block = failureBlock(result.stdout, 'directory.connect');
      expect(block).toMatch(/what: {2}.*did not accept a connection/);
      expect(block).toContain(`where: 127.0.0.1:${port}`);
      expect(block).toMatch(/next: {2}.*firewall/);
      expect(result.stdout).toMatch(/^skip {2}directory\.bind {2}.*needs directory\.connect/m);
      expect(result.stdout).toMatch(/^ok {4}cluster\.reach\.SRCCLUS {2}/m);
      expect(result.stdout).toMatch(/^1 of 22 checks failed; 5 not run because a check they need did not pass: directory\.connect\.$/m);
      await expectNoPassword(args, result);
    },
    TEST_MS,
  );

  it(
    'a cluster that cannot be reached (powered off): exit 4, cluster.reach named; its nodes Double-Take and files fail too',
    async () => {
      const s = await site();
      const lab = await openLab(s.lab);
      await lab.power(LAB.target.cluster, false);
      await lab.close();
      const result = await check(s).run;
      expect(result.code).toBe(4);
      const block = failureBlock(result.stdout, 'cluster.reach.TGTCLUS');
      expect(block).toMatch(/what: {2}cluster\.exe could not reach the cluster TGTCLUS/);
      expect(block).toContain('where: TGTCLUS');
      expect(block).toMatch(/next: {2}Check the name target\.cluster\.name/);
      expect(block).toContain(`$ ${clusterTool} TGTCLUS node /stat`);
      expect(failureBlock(result.stdout, 'doubletake.login.TGT1')).toMatch(/powered on/);
      expect(result.stdout).toMatch(/^ok {4}cluster\.nodes\.SRCCLUS {2}/m);
    },
    TEST_MS,
  );

  it(
    'a wrong Double-Take password: exit 4, every login named, the password nowhere',
    async () => {
      const s = await site();
      await rm(spyLog, { force: true });
      const { args, run } = check(s, [], environment(s.lab, WRONG_DT_PASSWORD));
      const result = await run;
      expect(result.code).toBe(4);
      for (const node of NODES) {
        const block = failureBlock(result.stdout, `doubletake.login.${node}`);
        expect(block).toMatch(new RegExp(`what: {2}Double-Take on ${node} refused the login of ${LAB_DOUBLETAKE_USER}`));
        expect(block).toContain(`where: ${node}`);
        expect(block).toMatch(/next: {2}Check the Double-Take user in the profile and its password/);
      }
      expect(result.stdout).toMatch(/^4 of 22 checks failed: doubletake\.login\.SRC1, doubletake\.login\.SRC2, doubletake\.login\.TGT1, doubletake\.login\.TGT2\.$/m);
      await expectNoPassword(args, result);
    },
    TEST_MS,
  );

  it(
    'a node without online.dtcl: exit 4, that node named with what, where and next',
    async () => {
      const s = await site();
      await rm(join(labNodeFolder(s.lab, 'SRC2'), 'C', 'Program Files', 'DoubleTake', 'online.dtcl'));
      const result = await check(s).run;
      expect(result.code).toBe(4);
      const block = failureBlock(result.stdout, 'node-files.online-dtcl.SRC2');
      expect(block).toContain('SRC2 has no online.dtcl');
      expect(block).toContain('where: SRC2 C:\\Program Files\\DoubleTake\\online.dtcl');
      expect(block).toMatch(/next: {2}\S/);
      expect(result.stdout).toMatch(/^1 of 22 checks failed: node-files\.online-dtcl\.SRC2\.$/m);
    },
    TEST_MS,
  );

  it(
    'Ctrl+C: the checks stop, exit 130, the run says it was cancelled',
    async () => {
      const s = await site({ profile: (p) => ({ ...p, tools: { clusterExe: join(root, 'hang'), dtclExe: dtclTool } }) });
      const loader = pathToFileURL(join(REPOSITORY_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
      const child = spawn(
        process.execPath,
        ['--import', loader, join(REPOSITORY_ROOT, 'src-main/cli/exchange-ha.ts'), 'check', '--pair', s.pair, '--profile', s.profile, '--bind-password-file', bindPasswordFile],
        { cwd: root, env: environment(s.lab), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      let interrupted = false;
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        // The directory answered; cluster.exe hangs: interrupt now.
        if (!interrupted && /^ok {4}directory\.organisation/m.test(stdout)) {
          interrupted = true;
          child.kill('SIGINT');
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const started = Date.now();
      const code = await new Promise<number | null>((done) => child.once('close', done));
      expect(interrupted).toBe(true);
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(code).toBe(130);
      expect(stderr).toContain('exchange-ha: interrupted');
      expect(stdout).toMatch(/^skip {2}cluster\.reach\.SRCCLUS {2}.*cancelled/m);
      expect(stdout).toMatch(/^Cancelled: \d+ of 22 checks did not run/m);
    },
    TEST_MS,
  );
});

describe('exchange-ha check refuses bad input with exit 2, running nothing', () => {
  it(
    'a profile with a password field, naming the file and the field',
    async () => {
      const s = await site({ profile: (p) => ({ ...p, doubleTake: { user: LAB_DOUBLETAKE_USER, password: 'in-the-file-9' } }) });
      await rm(spyLog, { force: true });
      const result = await check(s).run;
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`The connection profile ${s.profile} has 1 problem:`);
      expect(result.stderr).toContain("doubleTake.password: 'password' looks like a secret");
      expect(result.stderr).not.toContain('in-the-file-9');
      await expect(readFile(spyLog, 'utf8')).rejects.toThrow();
    },
    TEST_MS,
  );

  it(
    'an invalid pair document, naming the field',
    async () => {
      const s = await site();
      const document = JSON.parse(await readFile(s.pair, 'utf8')) as { source: { cluster: { name: string } } };
      document.source.cluster.name = '';
      await writeFile(s.pair, JSON.stringify(document));
      const result = await check(s).run;
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`The pair document ${s.pair} has`);
      expect(result.stderr).toContain('source.cluster.name');
    },
    TEST_MS,
  );

  it(
    'no Double-Take password given: the variable and the option are named; a password on the command line is refused',
    async () => {
      const s = await site();
      const missing = await check(s, [], environment(s.lab, null)).run;
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(`exchange-ha: the profile ${s.profile} needs the double-take password of ${LAB_DOUBLETAKE_USER}: set EXCHANGE_HA_DT_PASSWORD or give --dt-password-file FILE`);
      const onLine = await check(s, ['--dt-password', 'x-Secret-3']).run;
      expect(onLine.code).toBe(2);
      expect(onLine.stderr).toContain('a password is never taken from the command line');
    },
    TEST_MS,
  );
});

describe('exchange-ha check --lab', () => {
  it(
    'runs the same checks on a lab: exit 0; a lab node powered off: exit 4',
    async () => {
      const lab = await freshLab(root);
      const pair = join(lab, 'site-pair.json');
      await writeFile(pair, formatPairDocument(labPairDocument()));
      const good = await runCliEntry('exchange-ha', ['check', '--pair', pair, '--lab', lab], root);
      expect(good.stderr).toBe('');
      expect(good.code).toBe(0);
      expect(good.stdout).toMatch(/^All \d+ checks passed\./m);
      const opened = await openLab(lab);
      await opened.power('SRC1', false);
      await opened.close();
      const bad = await runCliEntry('exchange-ha', ['check', '--pair', pair, '--lab', lab], root);
      expect(bad.code).toBe(4);
      expect(failureBlock(bad.stdout, 'doubletake.login.SRC1')).toContain('where: SRC1');
    },
    TEST_MS,
  );
});
