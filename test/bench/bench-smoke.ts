/**
 * Smoke test of the benchmark itself — NOT a vitest file (vitest runs only test/unit, test/integration and
 * test/e2e), and no timing is asserted. Run: `npx tsx test/bench/bench-smoke.ts`. It checks the independent
 * one-to-one pairing and the change LDIF against the seed, the options, then runs the whole benchmark at tiny
 * sizes (with `--peers-only` when the command line does not exist yet) and interrupts a second run to check that
 * no benchmark slapd is left behind either way.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dnEquals } from '../../src-main/directory/dn';
import { exchangeDns } from '../../src-main/lab/directory/exchange-names';
import { seedExchangeOrganization } from '../../src-main/lab/directory/exchange-seed';
import { LAB } from '../../src-main/lab/topology';
import { parseBenchOptions } from './bench-options';
import { resolveExchfailoverCommand } from './exchfailover-command';
import { planMailboxMoves } from './mailbox-pairing';
import { modifyRecord } from './modify-ldif';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(here, '..', '..');
const SOURCE = LAB.source.virtualServer;
const TARGET = LAB.target.virtualServer;

function checkPairing(): void {
  const records = seedExchangeOrganization({ userCount: 300 });
  const { moves, expectation } = planMailboxMoves(records, SOURCE, TARGET);
  const dns = exchangeDns();
  const wanted = [
    dns.store(TARGET, 'First Storage Group', `Mailbox Store (${TARGET})`),
    dns.store(TARGET, 'Indy', 'Sales'),
    dns.store(TARGET, 'Boston', 'Sales'),
  ];
  assert.equal(moves.length, 300);
  assert.equal(expectation.targetCounts.size, 3);
  for (const store of wanted) assert.ok([...expectation.targetCounts.keys()].some((dn) => dnEquals(dn, store)), `pairs into ${store}`);
  assert.equal([...expectation.targetCounts.values()].reduce((a, b) => a + b, 0), 300);
  assert.ok([...expectation.targetCounts.values()].every((count) => count > 0), 'every target mailbox store receives mailboxes');
  for (const move of moves) {
    const homeMdb = move.changes.find((change) => change.attribute === 'homeMDB');
    assert.ok(homeMdb !== undefined);
    // Same group and same store name modulo the server name.
    assert.equal(homeMdb.after.replace(`CN=${TARGET},`, `CN=${SOURCE},`).replace(`(${TARGET})`, `(${SOURCE})`), homeMdb.before);
  }
  assert.ok(dnEquals(expectation.targetMta, dns.mta(TARGET)));
  const accented = moves.find((move) => /[^\x00-\x7f]/.test(move.dn));
  assert.ok(accented !== undefined, 'the seed has a non-ASCII name');
  const text = modifyRecord(accented);
  assert.match(text, /^dn:: /);
  assert.equal(text.match(/^(delete|add): /gm)?.length, 6);
  assert.ok(text.split('\n').every((line) => line.length <= 76));
}

function checkOptions(): void {
  const quick = parseBenchOptions(['--quick'], {});
  assert.deepEqual([quick.failoverUsers, quick.discoveryUsers, quick.memoryUsers], [2000, 5000, 10000]);
  const full = parseBenchOptions([], {});
  assert.deepEqual([full.failoverUsers, full.discoveryUsers, full.memoryUsers], [20000, 50000, 100000]);
  assert.throws(() => parseBenchOptions(['--bogus'], {}), /unknown option --bogus/);
  assert.throws(() => parseBenchOptions(['--only', 'speed'], {}), /unknown measurement speed/);
  assert.equal(parseBenchOptions(['--command', 'node x.js'], {}).command, 'node x.js');
}

/** PIDs of running slapd servers started by the benchmark (their folder holds bench-password). */
function benchSlapdPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const config = argv[argv.indexOf('-f') + 1];
    if (!/slapd$/.test(argv[0] ?? '') || config === undefined || argv.indexOf('-f') < 0) continue;
    if (existsSync(join(dirname(config), 'bench-password'))) pids.push(Number(name));
  }
  return pids;
}

function runBench(args: readonly string[], interruptWhen?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'run-bench.ts'), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (interruptWhen !== undefined && !interrupted && interruptWhen.test(stderr)) {
        interrupted = true;
        assert.ok(benchSlapdPids().length > 0, 'a benchmark slapd runs before the interrupt');
        child.kill('SIGINT');
      }
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function main(): Promise<void> {
  checkPairing();
  checkOptions();
  assert.deepEqual(benchSlapdPids(), [], 'no benchmark slapd runs before the smoke test');

  const peersOnly = resolveExchfailoverCommand(repoRoot, process.env.EXCHFAILOVER_BENCH_COMMAND) === undefined;
  const tiny = await runBench(['--sizes', '200,300,400', ...(peersOnly ? ['--peers-only'] : [])]);
  assert.equal(tiny.code, 0, `the benchmark exits 0\n${tiny.stdout}\n${tiny.stderr}`);
  const rows = tiny.stdout.split('\n').filter((line) => /^(failover|discovery|peak RSS)/.test(line));
  assert.equal(rows.length, 4, tiny.stdout);
  assert.ok(rows.every((row) => (peersOnly ? /NOT RUN$/ : /(PASS|MISS)$/).test(row)), tiny.stdout);
  assert.deepEqual(benchSlapdPids(), [], 'no benchmark slapd is left after a run');

  const interrupted = await runBench(['--sizes', '3000,300,400', '--only', 'sync', '--peers-only'], /ldapmodify on a fresh slapd/);
  assert.equal(interrupted.code, 130, interrupted.stderr);
  assert.deepEqual(benchSlapdPids(), [], 'no benchmark slapd is left after an interrupt');

  process.stdout.write(`bench smoke test passed${peersOnly ? ' (peers only: the exchfailover command does not exist yet)' : ''}\n${tiny.stdout}`);
}

await main();
