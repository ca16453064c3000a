/**
 * The write-ahead journal under the worst an operator's machine can do: `exchfailover` killed with SIGKILL at random
 * moments of a 5,000-mailbox failover against a real slapd. After each kill, either
 *  - `exchfailover --undo JOURNAL` restores the directory to its exact starting state (every attribute of every
 *    entry, the overwrite-on-restore flags included), or
 *  - running the same failover again converges to exactly the state of an uninterrupted failover.
 * The moments are drawn from a seeded generator; the seed is printed (set EXCHHA_KILL_SEED to replay a run).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';
import { checkJournal } from '../../../src-main/failover/journal-reader';
import { seedExchangeOrganization } from '../../../src-main/lab/directory/exchange-seed';
import { writeLdif } from '../../../src-main/lab/directory/ldif';
import { LAB } from '../../../src-main/lab/topology';
import { REPOSITORY_ROOT } from '../../helpers/run-cli-entry';
import { type RunningSlapd, startSlapd } from '../../helpers/slapd/start-slapd';
import { type Dump, dumpDifferences, dumpDirectory } from './support/directory-fixtures';

const USERS = 5000;
const KILLS = 10;
const SOURCE = LAB.source.virtualServer;
const TARGET = LAB.target.virtualServer;
const RULES = ['-r', 'Indy:Indy', '-r', 'Boston:Boston', '-r', 'First Storage Group:First Storage Group'];
const LDIF = writeLdif(seedExchangeOrganization({ userCount: USERS }));

/** mulberry32: a small seeded generator, so a failing draw can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let bundle: string;
let work: string;
let server: RunningSlapd | undefined;

beforeAll(async () => {
  // The command bundled once (plain Node starts in a tenth of the time tsx needs, so the kills land in the work).
  const outdir = join(REPOSITORY_ROOT, 'node_modules', '.cache', `exchha-kill-test-${process.pid}`);
  await build({
    entryPoints: { exchfailover: join(REPOSITORY_ROOT, 'src-main/cli/exchfailover.ts') },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    packages: 'external',
    logLevel: 'warning',
  });
  bundle = join(outdir, 'exchfailover.mjs');
  work = await mkdtemp(join(tmpdir(), 'exchha-kill-'));
});

afterAll(async () => {
  await rm(join(bundle, '..'), { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds from spawn to exit. */
  readonly ms: number;
}

function exchfailover(args: readonly string[], cwd: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child: ChildProcess = spawn(process.execPath, [bundle, ...args], { cwd, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

async function freshDirectory(): Promise<{ folder: string; connection: string[] }> {
  await server?.stop();
  server = await startSlapd({ ldif: LDIF });
  const folder = await mkdtemp(join(work, 'trial-'));
  await writeFile(join(folder, 'password.txt'), `${server.password}\n`);
  return { folder, connection: ['--ldap-url', server.url, '--bind-dn', server.bindDn, '--password-file', 'password.txt'] };
}

/** Every attribute of every entry (DN values normalised: slapd rewrites a DN's form after a modify). */
async function dump(): Promise<Dump> {
  if (server === undefined) throw new Error('no server');
  const directory = await openLdaptsDirectory({ url: server.url, bindDn: server.bindDn, password: server.password });
  try {
    return await dumpDirectory(directory, server.suffix, false);
  } finally {
    await directory.close();
  }
}

async function journalIn(folder: string): Promise<string | undefined> {
  const path = join(folder, 'run.journal');
  return existsSync(path) ? path : undefined;
}

describe('SIGKILL at random moments of a 5,000-mailbox failover', () => {
  const seed = Number(process.env.EXCHHA_KILL_SEED ?? Date.now() % 2 ** 31);
  const random = generator(seed);
  let start: Dump;
  let end: Dump;
  let fullMs = 0;

  it('measures an uninterrupted failover (the state every re-run must reach)', async () => {
    console.info(`kill test seed: ${seed} (EXCHHA_KILL_SEED=${seed} replays it)`);
    const { folder, connection } = await freshDirectory();
    start = await dump();
    const run = await exchfailover(['-failover', '-s', SOURCE, '-t', TARGET, ...RULES, ...connection, '--journal', 'run.journal'], folder);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    fullMs = run.ms;
    end = await dump();
    expect(dumpDifferences(start, end).length).toBeGreaterThan(USERS);
  }, 120_000);

  const kills = (): number[] => Array.from({ length: KILLS }, () => Math.round(random() * fullMs));

  it('after each kill, --undo restores every attribute of the starting state', async () => {
    const moments = kills();
    console.info(`undo after kills at ${moments.join(', ')} ms (an uninterrupted run took ${fullMs} ms)`);
    let interrupted = 0;
    for (const moment of moments) {
      const { folder, connection } = await freshDirectory();
      const killed = await exchfailover(['-failover', '-s', SOURCE, '-t', TARGET, ...RULES, ...connection, '--journal', 'run.journal'], folder, moment);
      if (killed.signal === 'SIGKILL') interrupted += 1;
      const journal = await journalIn(folder);
      if (journal !== undefined) {
        const undo = await exchfailover(['--undo', journal, ...connection, '-l', 'undo.log'], folder);
        // Warnings only: the killed run did not finish, and some of its changes have no journalled outcome.
        expect(undo.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('exchfailover: warning: ')), `undo after a kill at ${moment} ms`).toEqual([]);
        expect(undo.code, `undo after a kill at ${moment} ms: ${undo.stdout}`).toBe(0);
      }
      expect(dumpDifferences(start, await dump()), `after a kill at ${moment} ms and --undo`).toEqual([]);
    }
    expect(interrupted).toBeGreaterThan(KILLS / 2);
  }, 600_000);

  it('after each kill, running the failover again converges to the uninterrupted end state', async () => {
    const moments = kills();
    console.info(`re-run after kills at ${moments.join(', ')} ms`);
    for (const moment of moments) {
      const { folder, connection } = await freshDirectory();
      await exchfailover(['-failover', '-s', SOURCE, '-t', TARGET, ...RULES, ...connection, '--journal', 'run.journal'], folder, moment);
      // The operator runs the same command again: it appends to the same journal (dropping a line the kill cut
      // short), and learns from the killed run's lines what it left half done (the SPNs between their removal and
      // their addition).
      const again = await exchfailover(['-failover', '-s', SOURCE, '-t', TARGET, ...RULES, ...connection, '--journal', 'run.journal'], folder);
      expect(again.code, `re-run after a kill at ${moment} ms: ${again.stdout}${again.stderr}`).toBe(0);
      expect(dumpDifferences(end, await dump()), `after a kill at ${moment} ms and a re-run`).toEqual([]);
      expect((await readdir(folder)).filter((name) => name.endsWith('.journal'))).toEqual(['run.journal']);
      // Both runs' lines form one chain that undo would accept.
      expect((await checkJournal(join(folder, 'run.journal'))).brokenLastLine).toBe(false);
    }
  }, 600_000);
});
