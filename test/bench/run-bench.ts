/**
 * `npm run bench`: the failover benchmark of issue 3, every ratio against a peer measured in the same run on the
 * same machine, each contender on a fresh slapd loaded with the same LDIF:
 *   1. failover of 20,000 mailboxes by the whole command vs ldapmodify of the same modifies (sync, dbnosync), each
 *      followed by an informational floor row: the same modifies split across N ldapmodify clients run at once;
 *   2. discovery of 50,000 users (`-test --json`) vs a paged ldapsearch;
 *   3. peak memory of a 100,000-mailbox failover;
 *   4. the guided failover of 20,000 mailboxes (issue 10): the runbook vs the postover.bat sequence, overhead < 10 %.
 * Progress goes to standard error, the table to standard output. Exit 0 even on MISS (benchmarks inform); 2 when
 * a contender or peer (the floor's clients included) FAILED to run correctly or was NOT RUN; 1 on bad usage. Every slapd is stopped at the end,
 * also on failure or Ctrl-C.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './bench-context';
import { type BenchDataset, createBenchDataset } from './bench-dataset';
import { type BenchOptions, parseBenchOptions, USAGE } from './bench-options';
import { stopAllBenchSlapd } from './bench-slapd';
import { type BenchRow, formatTable, seconds } from './bench-table';
import { measureDiscovery } from './discovery-measurement';
import { BUILT_CLI, resolveExchfailoverCommand, SOURCE_CLI, SOURCE_ENGINE } from './exchfailover-command';
import { measureFailover } from './failover-measurement';
import { measureGuidedFailover } from './guided-failover-measurement';
import { measurePeakMemory } from './memory-measurement';
import { killAllTimedProcesses } from './timed-process';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Runs the selected measurements and returns their rows (the caller prints them and cleans up). */
export async function runBench(options: BenchOptions, workDir: string): Promise<BenchRow[]> {
  const found = options.peersOnly ? undefined : resolveExchfailoverCommand(REPO_ROOT, options.command);
  const context: BenchContext = {
    repoRoot: REPO_ROOT,
    workDir,
    command: found,
    commandMissing: options.peersOnly ? '--peers-only' : found === undefined ? `neither ${BUILT_CLI} nor ${SOURCE_CLI} with ${SOURCE_ENGINE} exists` : undefined,
    runs: options.runs,
    floorClients: options.floor ? options.floorClients : undefined,
    progress,
  };
  progress(`exchfailover: ${found === undefined ? `not run (${context.commandMissing})` : `${found.argv.join(' ')} (${found.origin})`}`);
  progress(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; scratch folder ${workDir}`);

  const datasets = new Map<number, BenchDataset>();
  const dataset = async (users: number): Promise<BenchDataset> => {
    const known = datasets.get(users);
    if (known !== undefined) return known;
    const made = await createBenchDataset(workDir, users);
    progress(`generated an organisation of ${users} users (${(made.ldifBytes / 1e6).toFixed(1)} MB LDIF) and its ldapmodify LDIF in ${seconds(made.generateMs)}`);
    datasets.set(users, made);
    return made;
  };
  const rows: BenchRow[] = [];
  if (options.only.includes('sync')) rows.push(...(await measureFailover(context, await dataset(options.failoverUsers), false)));
  if (options.only.includes('nosync')) rows.push(...(await measureFailover(context, await dataset(options.failoverUsers), true)));
  if (options.only.includes('guided')) rows.push(await measureGuidedFailover(context, await dataset(options.failoverUsers)));
  if (options.only.includes('discovery')) rows.push(await measureDiscovery(context, await dataset(options.discoveryUsers)));
  datasets.delete(options.failoverUsers);
  datasets.delete(options.discoveryUsers);
  if (options.only.includes('memory')) rows.push(await measurePeakMemory(context, await dataset(options.memoryUsers)));
  return rows;
}

/** The process's exit code for these rows: 2 when any FAILED, or was NOT RUN without --peers-only. */
export function benchExitCode(rows: readonly BenchRow[], peersOnly: boolean): number {
  return rows.some((row) => row.status === 'FAILED' || (row.status === 'NOT RUN' && !peersOnly)) ? 2 : 0;
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 1;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const workDir = await mkdtemp(join(tmpdir(), 'exchha-bench-'));
  const cleanUp = async (): Promise<void> => {
    killAllTimedProcesses();
    await stopAllBenchSlapd();
    if (!options.keep) await rm(workDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      progress(`bench: ${signal}, stopping every slapd`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    const rows = await runBench(options, workDir);
    process.stdout.write(`\n${formatTable(rows)}\n`);
    return benchExitCode(rows, options.peersOnly);
  } catch (error) {
    process.stderr.write(`bench: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  } finally {
    await cleanUp();
    if (options.keep) progress(`scratch folder kept: ${workDir}`);
  }
}

process.exitCode = await main();
