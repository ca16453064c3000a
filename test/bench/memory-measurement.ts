/**
 * Measurement 3: peak memory of a failover of a very large organisation by the whole command (target < 300 MB:
 * the engine must stream, not hold the directory). The peak is the command's own RSS high-water mark, reported by
 * max-rss-hook.mjs at exit (see peak-rss.ts); the run must exit 0 and leave every mailbox moved. With no command
 * yet, the organisation is still loaded and checked, so the generation at this size is exercised.
 */
import { join } from 'node:path';
import { LAB } from '../../src-main/lab/topology';
import { type BenchContext, runFolder } from './bench-context';
import type { BenchDataset } from './bench-dataset';
import { withBenchSlapd } from './bench-slapd';
import { type BenchRow, type RowStatus, seconds } from './bench-table';
import { checkMailboxesMoved, checkMailboxesUnmoved } from './directory-checks';
import { exchfailoverArgv } from './exchfailover-command';
import { peakRssEnv, readRssReports } from './peak-rss';
import { describeFailure, runTimed } from './timed-process';

/** The limit the issue sets, in megabytes (10^6 bytes). */
export const PEAK_MEMORY_TARGET_MB = 300;

/** Runs the failover with the memory hook and returns the row. */
export async function measurePeakMemory(context: BenchContext, dataset: BenchDataset): Promise<BenchRow> {
  context.progress(`peak memory of a failover of ${dataset.userCount} mailboxes:`);
  const measurement = `peak RSS, failover ${dataset.userCount.toLocaleString('en')} mailboxes`;
  const target = `< ${PEAK_MEMORY_TARGET_MB} MB`;
  const problems: string[] = [];
  const notes: string[] = [];
  const command = context.command;
  let peakMb: number | undefined;
  await withBenchSlapd(dataset.ldifFile, { dbnosync: true }, async (server) => {
    const connection = { url: server.url, bindDn: server.bindDn, passwordFile: server.passwordFile };
    notes.push(`organisation of ${dataset.userCount} users (${(dataset.ldifBytes / 1e6).toFixed(0)} MB LDIF) loaded in ${seconds(server.startMs)}`);
    const before = await checkMailboxesUnmoved(connection, LAB.domain.dn, dataset.expectation);
    problems.push(...before.map((p) => `seeded directory before the run: ${p}`));
    if (command === undefined || problems.length > 0) return;
    const folder = await runFolder(context, `memory-${dataset.userCount}`);
    const rssFolder = await runFolder(context, `rss-${dataset.userCount}`);
    const argv = exchfailoverArgv(command, {
      ...connection,
      source: dataset.source,
      target: dataset.target,
      logFile: join(folder, 'ExchFailover.log'),
      journalFile: join(folder, 'journal.jsonl'),
    });
    const run = await runTimed(argv, { cwd: context.repoRoot, env: peakRssEnv(rssFolder) });
    if (run.exitCode !== 0) {
      problems.push(`exchfailover: ${describeFailure(run)}`);
      return;
    }
    const after = await checkMailboxesMoved(connection, LAB.domain.dn, dataset.expectation);
    problems.push(...after.map((p) => `exchfailover left the directory wrong: ${p}`));
    const reports = await readRssReports(rssFolder);
    const top = reports[0];
    if (top === undefined) {
      problems.push('the command exited without reporting its peak memory (max-rss-hook.mjs did not run)');
      return;
    }
    peakMb = (top.maxRssKb * 1024) / 1e6;
    notes.push(`failover took ${seconds(run.ms)}; peak of the largest of ${reports.length} Node process(es): pid ${top.pid}`);
    context.progress(`  exchfailover: ${peakMb.toFixed(0)} MB peak RSS, ${seconds(run.ms)}`);
  });
  let status: RowStatus;
  if (problems.length > 0) status = 'FAILED';
  else if (peakMb === undefined) status = 'NOT RUN';
  else status = peakMb < PEAK_MEMORY_TARGET_MB ? 'PASS' : 'MISS';
  return {
    measurement,
    contender: peakMb === undefined ? '—' : `${peakMb.toFixed(0)} MB`,
    peer: '—',
    ratio: '—',
    target,
    status,
    notes: [...(command === undefined ? [`not run: ${context.commandMissing ?? 'no command'}`] : []), ...problems.map((p) => `FAILED: ${p}`), ...notes],
  };
}
