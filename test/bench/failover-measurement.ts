/**
 * Measurement 1: failover of every mailbox by the whole `exchfailover -failover -r` command (start-up, discovery,
 * apply, verify) against `ldapmodify` applying the same delete-old/add-new modifies from one LDIF file — each on a
 * FRESH slapd loaded with the same LDIF, both checked afterwards with ldapsearch counts.
 */
import { join } from 'node:path';
import { LAB } from '../../src-main/lab/topology';
import { type BenchContext, runFolder } from './bench-context';
import type { BenchDataset } from './bench-dataset';
import { withBenchSlapd } from './bench-slapd';
import { type BenchRow, median, ratioRow, seconds } from './bench-table';
import { checkMailboxesMoved, checkMailboxesUnmoved } from './directory-checks';
import { exchfailoverArgv } from './exchfailover-command';
import { ldapmodifyArgv } from './ldap-tools';
import { describeFailure, runTimed } from './timed-process';

/** Times one contender on a fresh server; returns its time, or undefined with the problems found. */
async function timedFailover(
  context: BenchContext,
  dataset: BenchDataset,
  dbnosync: boolean,
  who: 'ldapmodify' | 'exchfailover',
  problems: string[],
  checkStart: boolean,
): Promise<number | undefined> {
  return withBenchSlapd(dataset.ldifFile, { dbnosync }, async (server) => {
    const connection = { url: server.url, bindDn: server.bindDn, passwordFile: server.passwordFile };
    if (checkStart) {
      const before = await checkMailboxesUnmoved(connection, LAB.domain.dn, dataset.expectation);
      if (before.length > 0) problems.push(...before.map((p) => `seeded directory before the run: ${p}`));
    }
    let argv: string[];
    if (who === 'ldapmodify') {
      argv = ldapmodifyArgv(connection, dataset.modifyFile);
    } else {
      if (context.command === undefined) throw new Error('no command');
      const folder = await runFolder(context, `failover-${dataset.userCount}`);
      argv = exchfailoverArgv(context.command, {
        ...connection,
        source: dataset.source,
        target: dataset.target,
        logFile: join(folder, 'ExchFailover.log'),
        journalFile: join(folder, 'journal.jsonl'),
      });
    }
    context.progress(`  ${who} on a fresh slapd (${dbnosync ? 'dbnosync' : 'sync'}, loaded in ${seconds(server.startMs)})…`);
    const run = await runTimed(argv, { cwd: context.repoRoot });
    if (run.exitCode !== 0) {
      problems.push(`${who}: ${describeFailure(run)}`);
      return undefined;
    }
    const after = await checkMailboxesMoved(connection, LAB.domain.dn, dataset.expectation);
    if (after.length > 0) {
      problems.push(...after.map((p) => `${who} left the directory wrong: ${p}`));
      return undefined;
    }
    context.progress(`  ${who}: ${seconds(run.ms)}, all ${dataset.userCount} mailboxes verified moved`);
    return run.ms;
  });
}

/** The command/ldapmodify ratio on a slapd that syncs every write (`dbnosync` false) or one that does not. */
export async function measureFailover(context: BenchContext, dataset: BenchDataset, dbnosync: boolean): Promise<BenchRow> {
  const mode = dbnosync ? 'dbnosync' : 'sync';
  context.progress(`failover of ${dataset.userCount} mailboxes, slapd ${mode}:`);
  const problems: string[] = [];
  const peerTimes: number[] = [];
  const commandTimes: number[] = [];
  for (let run = 0; run < context.runs && problems.length === 0; run += 1) {
    const peer = await timedFailover(context, dataset, dbnosync, 'ldapmodify', problems, run === 0);
    if (peer !== undefined) peerTimes.push(peer);
    if (context.command !== undefined && problems.length === 0) {
      const command = await timedFailover(context, dataset, dbnosync, 'exchfailover', problems, false);
      if (command !== undefined) commandTimes.push(command);
    }
  }
  const samples = (label: string, times: readonly number[]): string[] =>
    times.length > 1 ? [`${label} runs: ${times.map(seconds).join(', ')} (median shown)`] : [];
  return ratioRow({
    measurement: `failover ${dataset.userCount.toLocaleString('en')} mailboxes, slapd ${mode}`,
    contenderMs: commandTimes.length > 0 ? median(commandTimes) : undefined,
    peerMs: peerTimes.length > 0 ? median(peerTimes) : undefined,
    peerName: 'ldapmodify',
    targetAtMost: dbnosync ? 0.5 : 1.0,
    problems,
    notRun: context.command === undefined ? context.commandMissing : undefined,
    notes: [...samples('exchfailover', commandTimes), ...samples('ldapmodify', peerTimes)],
  });
}
