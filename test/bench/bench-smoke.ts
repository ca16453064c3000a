/**
 * Smoke test of the benchmark itself — NOT a vitest file (vitest runs only test/unit, test/integration and
 * test/e2e), and no timing is asserted. Run: `npx tsx test/bench/bench-smoke.ts`. It checks the independent
 * one-to-one pairing and the change LDIF against the seed, the floor's split of that LDIF, the options, then runs
 * the whole benchmark at tiny sizes (with `--peers-only` when the command line does not exist yet) — the floor rows
 * and the guided failover row included —, two tiny peers-only runs with `--floor-clients 3` and `--no-floor`, and interrupts a last run to
 * check that no benchmark slapd is left behind either way.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dnEquals } from '../../src-main/directory/dn';
import { exchangeDns } from '../../src-main/lab/directory/exchange-names';
import { seedExchangeOrganization } from '../../src-main/lab/directory/exchange-seed';
import { LAB } from '../../src-main/lab/topology';
import { parseBenchOptions } from './bench-options';
import { resolveExchfailoverCommand } from './exchfailover-command';
import { planMailboxMoves } from './mailbox-pairing';
import { modifyLdifChunks, modifyRecord, splitChangeRecords } from './modify-ldif';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(here, '..', '..');
/** The benchmark runs get a temporary folder of their own, so what they leave behind (scratch folder, slapd folders) can be seen. */
const benchTmp = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
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

/** The floor's slices: whole records, contiguous, in order, sizes within one of each other, nothing lost. */
function checkFloorSplit(): void {
  const { moves } = planMailboxMoves(seedExchangeOrganization({ userCount: 300 }), SOURCE, TARGET);
  const text = [...modifyLdifChunks(moves)].join('');
  const slices = splitChangeRecords(text, 8);
  assert.equal(slices.length, 8);
  assert.deepEqual(
    slices.map((slice) => slice.length),
    [37, 38, 37, 38, 37, 38, 37, 38],
  );
  assert.equal(slices.flat().join(''), text, 'the slices put together are the serial peer\'s file, byte for byte');
  assert.ok(slices.flat().every((record, index) => record === modifyRecord(moves[index] ?? { dn: '', changes: [] })));
  assert.equal(splitChangeRecords(text, 1000).length, 300, 'never more slices than records');
  assert.deepEqual(splitChangeRecords(text, 1), [slices.flat()]);
  assert.throws(() => splitChangeRecords(text.slice(0, -1), 8), /does not end with a blank line/);
}

function checkOptions(): void {
  const quick = parseBenchOptions(['--quick'], {});
  assert.deepEqual([quick.failoverUsers, quick.discoveryUsers, quick.memoryUsers], [2000, 5000, 10000]);
  const full = parseBenchOptions([], {});
  assert.deepEqual([full.failoverUsers, full.discoveryUsers, full.memoryUsers], [20000, 50000, 100000]);
  assert.throws(() => parseBenchOptions(['--bogus'], {}), /unknown option --bogus/);
  assert.throws(() => parseBenchOptions(['--only', 'speed'], {}), /unknown measurement speed/);
  assert.equal(parseBenchOptions(['--command', 'node x.js'], {}).command, 'node x.js');
  assert.deepEqual([full.floor, full.floorClients], [true, 8]);
  assert.equal(parseBenchOptions(['--floor-clients', '3'], {}).floorClients, 3);
  assert.equal(parseBenchOptions(['--no-floor'], {}).floor, false);
  assert.throws(() => parseBenchOptions(['--floor-clients', '0'], {}), /--floor-clients needs a positive whole number/);
  assert.throws(() => parseBenchOptions(['--floor-clients'], {}), /--floor-clients needs a value/);
  assert.deepEqual(parseBenchOptions(['--only', 'guided'], {}).only, ['guided']);
  assert.ok(full.only.includes('guided'), 'the guided failover is measured by default');
}

/** The guided failover row: runbook vs the postover.bat sequence, its overhead against < 10 %, the runbook's steps in the notes. */
function checkGuidedRow(stdout: string, users: number, peersOnly: boolean): void {
  const lines = stdout.split('\n');
  const index = lines.findIndex((line) => line.startsWith(`guided failover ${users} mailboxes (runbook vs postover.bat), slapd sync`));
  assert.ok(index >= 0, `a guided failover row\n${stdout}`);
  const row = lines[index] ?? '';
  const notes: string[] = [];
  for (let next = index + 1; lines[next]?.startsWith('    ') === true; next += 1) notes.push((lines[next] ?? '').trim());
  if (peersOnly) {
    assert.match(row, /NOT RUN$/, stdout);
    return;
  }
  assert.match(row, /\s\d+\.\d\d s\s+\d+\.\d\d s \(postover\.bat\)\s+overhead -?\d+\.\d %\s+< 10 %\s+(PASS|MISS)$/, stdout);
  assert.ok(!notes.some((note) => note.startsWith('FAILED')), stdout);
  assert.ok(notes.some((note) => /^runbook's own view \(its state file, outcome succeeded(-with-warnings)?\)/.test(note)), stdout);
  for (const step of ['confirm-source-down', 'intervention', 'exchfailover-setup', 'target-online', 'exchfailover', 'mailboxes-open']) {
    assert.ok(notes.some((note) => new RegExp(`^step \\d ${step} \\(done\\): wall \\d+\\.\\d\\d s, actions \\d+\\.\\d\\d s`).test(note)), `step ${step} in the notes\n${stdout}`);
  }
  for (const command of ['exchfailover -setup -failover: ', 'cluster /cluster:TGTCLUS group "Exchange Group" /online: ', 'exchfailover -failover: ']) {
    assert.ok(notes.some((note) => note.startsWith(command)), `${command} in the notes\n${stdout}`);
  }
}

/** The floor rows of a table (the measurement column starts with "floor:"), each with the notes printed under it. */
function floorRows(stdout: string): { row: string; notes: string[] }[] {
  const lines = stdout.split('\n');
  const found: { row: string; notes: string[] }[] = [];
  lines.forEach((line, index) => {
    if (!line.startsWith('floor: ')) return;
    const notes: string[] = [];
    for (let next = index + 1; lines[next]?.startsWith('    ') === true; next += 1) notes.push((lines[next] ?? '').trim());
    found.push({ row: line, notes });
  });
  return found;
}

/** Checks one floor row: label, a floor time, serial ldapmodify as the peer, a ratio, no target, INFO. */
function checkFloorRow(floor: { row: string; notes: string[] }, clients: number, mode: string, commandRan: boolean, stdout: string): void {
  const label = `floor: the same modifies split across ${clients} parallel ldapmodify clients, slapd ${mode}`;
  assert.ok(floor.row.startsWith(label), `${label}\n${stdout}`);
  assert.match(floor.row, /\s\d+\.\d\d s\s+\d+\.\d\d s \(ldapmodify\)\s+\d+\.\d\d\s+—\s+INFO$/, stdout);
  const vsFloor = floor.notes.find((note) => note.startsWith('exchfailover / floor: '));
  assert.ok(vsFloor !== undefined, stdout);
  assert.match(vsFloor, commandRan ? /^exchfailover \/ floor: \d+\.\d\d \(/ : /^exchfailover \/ floor: — \(exchfailover not run: --peers-only\)$/, stdout);
  assert.ok(floor.notes.some((note) => note.startsWith(`${clients} ldapmodify processes of `)), stdout);
  assert.ok(!floor.notes.some((note) => note.startsWith('FAILED')), stdout);
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

/** The benchmark's own folders (exchha-bench-*, exchha-slapd-*) left in its temporary folder: none after a run. */
function leftFolders(): string[] {
  return readdirSync(benchTmp).filter((name) => name.startsWith('exchha-'));
}

function runBench(args: readonly string[], interruptWhen?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'run-bench.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, TMPDIR: benchTmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
  checkFloorSplit();
  checkOptions();
  assert.deepEqual(benchSlapdPids(), [], 'no benchmark slapd runs before the smoke test');

  const peersOnly = resolveExchfailoverCommand(repoRoot, process.env.EXCHFAILOVER_BENCH_COMMAND) === undefined;
  const tiny = await runBench(['--sizes', '200,300,400', ...(peersOnly ? ['--peers-only'] : [])]);
  assert.equal(tiny.code, 0, `the benchmark exits 0\n${tiny.stdout}\n${tiny.stderr}`);
  const rows = tiny.stdout.split('\n').filter((line) => /^(failover|discovery|peak RSS)/.test(line));
  assert.equal(rows.length, 4, tiny.stdout);
  assert.ok(rows.every((row) => (peersOnly ? /NOT RUN$/ : /(PASS|MISS)$/).test(row)), tiny.stdout);
  const floors = floorRows(tiny.stdout);
  assert.equal(floors.length, 2, tiny.stdout);
  floors.forEach((floor, index) => checkFloorRow(floor, 8, index === 0 ? 'sync' : 'dbnosync', !peersOnly, tiny.stdout));
  checkGuidedRow(tiny.stdout, 200, peersOnly);
  assert.deepEqual(benchSlapdPids(), [], 'no benchmark slapd is left after a run');
  assert.deepEqual(leftFolders(), [], 'no scratch or slapd folder is left after a run');

  const three = await runBench(['--sizes', '200,300,400', '--only', 'nosync', '--peers-only', '--floor-clients', '3']);
  assert.equal(three.code, 0, `a peers-only run with its floor exits 0\n${three.stdout}\n${three.stderr}`);
  const threeFloors = floorRows(three.stdout);
  assert.equal(threeFloors.length, 1, three.stdout);
  checkFloorRow(threeFloors[0] ?? { row: '', notes: [] }, 3, 'dbnosync', false, three.stdout);
  assert.ok(threeFloors[0]?.notes.includes('3 ldapmodify processes of 66–67 modifies each (contiguous slices of the same change LDIF), started together on a fresh slapd, timed from the first start to the last exit; informational, no target'), three.stdout);

  const noFloor = await runBench(['--sizes', '200,300,400', '--only', 'sync', '--peers-only', '--no-floor']);
  assert.equal(noFloor.code, 0, `${noFloor.stdout}\n${noFloor.stderr}`);
  assert.equal(floorRows(noFloor.stdout).length, 0, noFloor.stdout);
  assert.doesNotMatch(noFloor.stderr, /floor/, 'no floor is measured with --no-floor');
  assert.match(noFloor.stdout, /^failover 200 mailboxes, slapd sync .*NOT RUN$/m, noFloor.stdout);
  assert.deepEqual(benchSlapdPids(), [], 'no benchmark slapd is left after the peers-only runs');

  const interrupted = await runBench(['--sizes', '3000,300,400', '--only', 'sync', '--peers-only'], /ldapmodify on a fresh slapd/);
  assert.equal(interrupted.code, 130, interrupted.stderr);
  assert.deepEqual(benchSlapdPids(), [], 'no benchmark slapd is left after an interrupt');
  assert.deepEqual(leftFolders(), [], 'no slapd is started after the interrupt (the floor follows the interrupted peer)');
  rmSync(benchTmp, { recursive: true, force: true });

  process.stdout.write(`bench smoke test passed${peersOnly ? ' (peers only: the exchfailover command does not exist yet)' : ''}\n${tiny.stdout}`);
}

await main();
