/**
 * Measurement 1: failover of every mailbox by the whole `exchfailover -failover -r` command (start-up, discovery,
 * apply, verify) against `ldapmodify` applying the same delete-old/add-new modifies from one LDIF file — each on a
 * FRESH slapd loaded with the same LDIF, both checked afterwards with ldapsearch counts.
 *
 * Under each such row an informational floor row (no target, no PASS/MISS): the same change LDIF split into N
 * contiguous slices applied by N `ldapmodify` processes started together (`--floor-clients`, default 8), on a fresh
 * slapd of its own and checked the same way. With no client cost to speak of, it shows how far slapd's serialized
 * LMDB write transactions let ANY client go below a serial ldapmodify, so a reader can judge the row's target.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LAB } from '../../src-main/lab/topology';
import { type BenchContext, runFolder } from './bench-context';
import type { BenchDataset } from './bench-dataset';
import { withBenchSlapd } from './bench-slapd';
import { type BenchRow, median, ratioRow, seconds } from './bench-table';
import { checkMailboxesMoved, checkMailboxesUnmoved } from './directory-checks';
import { exchfailoverArgv } from './exchfailover-command';
import { type LdapConnection, ldapmodifyArgv } from './ldap-tools';
import { splitChangeRecords } from './modify-ldif';
import { writeTextChunks } from './text-file';
import { describeFailure, runTimed, type TimedRun } from './timed-process';

/** How one contender's run went: its wall-clock time, what went wrong (empty when it exited 0), a progress detail. */
interface Timing {
  readonly ms: number;
  readonly failures: readonly string[];
  readonly detail?: string;
}

/** The floor's input: one slice of the change LDIF per client, and how many modifies each holds. */
interface FloorInput {
  readonly files: readonly string[];
  readonly sizes: readonly number[];
}

function singleRun(run: TimedRun): Timing {
  return { ms: run.ms, failures: run.exitCode === 0 ? [] : [describeFailure(run)] };
}

/** Times one contender on a fresh server loaded with the dataset; returns its time, or undefined with the problems found. */
async function timedFailover(
  context: BenchContext,
  dataset: BenchDataset,
  dbnosync: boolean,
  who: string,
  problems: string[],
  checkStart: boolean,
  apply: (connection: LdapConnection) => Promise<Timing>,
): Promise<number | undefined> {
  return withBenchSlapd(dataset.ldifFile, { dbnosync }, async (server) => {
    const connection = { url: server.url, bindDn: server.bindDn, passwordFile: server.passwordFile };
    if (checkStart) {
      const before = await checkMailboxesUnmoved(connection, LAB.domain.dn, dataset.expectation);
      if (before.length > 0) problems.push(...before.map((p) => `seeded directory before the run: ${p}`));
    }
    context.progress(`  ${who} on a fresh slapd (${dbnosync ? 'dbnosync' : 'sync'}, loaded in ${seconds(server.startMs)})…`);
    const timing = await apply(connection);
    if (timing.failures.length > 0) {
      problems.push(...timing.failures.map((failure) => `${who}: ${failure}`));
      return undefined;
    }
    const after = await checkMailboxesMoved(connection, LAB.domain.dn, dataset.expectation);
    if (after.length > 0) {
      problems.push(...after.map((p) => `${who} left the directory wrong: ${p}`));
      return undefined;
    }
    context.progress(`  ${who}: ${seconds(timing.ms)}${timing.detail === undefined ? '' : ` (${timing.detail})`}, all ${dataset.userCount} mailboxes verified moved`);
    return timing.ms;
  });
}

function ldapmodifyRun(context: BenchContext, dataset: BenchDataset) {
  return async (connection: LdapConnection): Promise<Timing> => singleRun(await runTimed(ldapmodifyArgv(connection, dataset.modifyFile), { cwd: context.repoRoot }));
}

function exchfailoverRun(context: BenchContext, dataset: BenchDataset) {
  return async (connection: LdapConnection): Promise<Timing> => {
    if (context.command === undefined) throw new Error('no command');
    const folder = await runFolder(context, `failover-${dataset.userCount}`);
    const argv = exchfailoverArgv(context.command, {
      ...connection,
      source: dataset.source,
      target: dataset.target,
      logFile: join(folder, 'ExchFailover.log'),
      journalFile: join(folder, 'journal.jsonl'),
    });
    return singleRun(await runTimed(argv, { cwd: context.repoRoot }));
  };
}

/** Every client of the floor started at once; timed from the first spawn to the last exit. */
function floorRun(context: BenchContext, input: FloorInput, details: string[]) {
  return async (connection: LdapConnection): Promise<Timing> => {
    const settled = await Promise.allSettled(input.files.map((file) => runTimed(ldapmodifyArgv(connection, file), { cwd: context.repoRoot })));
    const refused = settled.find((result) => result.status === 'rejected');
    if (refused !== undefined) throw refused.reason;
    const runs = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const start = Math.min(...runs.map((run) => run.startedAt));
    const own = runs.map((run) => run.ms);
    const detail = `each client's own time ${seconds(Math.min(...own))}–${seconds(Math.max(...own))}`;
    details.push(detail);
    return {
      ms: Math.max(...runs.map((run) => run.exitedAt)) - start,
      failures: runs.flatMap((run, index) => (run.exitCode === 0 ? [] : [`client ${index + 1} of ${runs.length}: ${describeFailure(run)}`])),
      detail,
    };
  };
}

/** Splits the serial peer's change LDIF into `clients` contiguous slices of whole records, one file each. */
async function writeFloorInput(context: BenchContext, dataset: BenchDataset, clients: number): Promise<FloorInput> {
  const folder = await runFolder(context, `floor-${dataset.userCount}`);
  const slices = splitChangeRecords(await readFile(dataset.modifyFile, 'utf8'), clients);
  const files: string[] = [];
  for (const [index, slice] of slices.entries()) {
    const file = join(folder, `moves-${index + 1}-of-${slices.length}.ldif`);
    await writeTextChunks(file, slice);
    files.push(file);
  }
  const sizes = slices.map((slice) => slice.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total !== dataset.userCount) throw new Error(`the floor's slices hold ${total} modifies, the change LDIF ${dataset.userCount}`);
  return { files, sizes };
}

/** The informational floor row: floor vs serial ldapmodify in the ratio column, the command vs the floor in a note. */
function floorRow(input: {
  readonly mode: string;
  readonly floor: FloorInput;
  readonly floorMs: number | undefined;
  readonly serialMs: number | undefined;
  readonly commandMs: number | undefined;
  readonly commandMissing: string | undefined;
  readonly targetAtMost: number;
  readonly problems: readonly string[];
  readonly notes: readonly string[];
}): BenchRow {
  const { floorMs, serialMs, commandMs } = input;
  const clients = input.floor.files.length;
  const vsSerial = floorMs !== undefined && serialMs !== undefined && serialMs > 0 ? floorMs / serialMs : undefined;
  let vsFloor: string;
  if (commandMs !== undefined && floorMs !== undefined && floorMs > 0) vsFloor = `${(commandMs / floorMs).toFixed(2)} (${seconds(commandMs)} / ${seconds(floorMs)})`;
  else vsFloor = `— (${input.commandMissing === undefined ? 'no exchfailover or floor time' : `exchfailover not run: ${input.commandMissing}`})`;
  const fewest = Math.min(...input.floor.sizes);
  const most = Math.max(...input.floor.sizes);
  const notes = [
    ...input.problems.map((p) => `FAILED: ${p}`),
    `exchfailover / floor: ${vsFloor}`,
    ...(vsSerial !== undefined && serialMs !== undefined
      ? [`the target above, ≤ ${input.targetAtMost.toFixed(1)} × ldapmodify = ${seconds(input.targetAtMost * serialMs)}, is ${(input.targetAtMost / vsSerial).toFixed(2)} × this floor`]
      : []),
    `${clients} ldapmodify processes of ${fewest === most ? fewest.toLocaleString('en') : `${fewest.toLocaleString('en')}–${most.toLocaleString('en')}`} modifies each (contiguous slices of the same change LDIF), started together on a fresh slapd, timed from the first start to the last exit; informational, no target`,
    ...input.notes,
  ];
  return {
    measurement: `floor: the same modifies split across ${clients} parallel ldapmodify clients, slapd ${input.mode}`,
    contender: floorMs === undefined ? '—' : seconds(floorMs),
    peer: serialMs === undefined ? '—' : `${seconds(serialMs)} (ldapmodify)`,
    ratio: vsSerial === undefined ? '—' : vsSerial.toFixed(2),
    target: '—',
    status: input.problems.length > 0 ? 'FAILED' : 'INFO',
    notes,
  };
}

/**
 * The command/ldapmodify ratio on a slapd that syncs every write (`dbnosync` false) or one that does not, followed
 * (unless `--no-floor`) by the floor row measured in the same runs.
 */
export async function measureFailover(context: BenchContext, dataset: BenchDataset, dbnosync: boolean): Promise<BenchRow[]> {
  const mode = dbnosync ? 'dbnosync' : 'sync';
  const targetAtMost = dbnosync ? 0.5 : 1.0;
  context.progress(`failover of ${dataset.userCount} mailboxes, slapd ${mode}:`);
  const problems: string[] = [];
  const peerTimes: number[] = [];
  const commandTimes: number[] = [];
  const floor = context.floorClients === undefined ? undefined : await writeFloorInput(context, dataset, context.floorClients);
  const floorWho = `floor (${floor?.files.length ?? 0} parallel ldapmodify clients)`;
  const floorProblems: string[] = [];
  const floorTimes: number[] = [];
  const floorDetails: string[] = [];
  for (let run = 0; run < context.runs && problems.length === 0; run += 1) {
    const peer = await timedFailover(context, dataset, dbnosync, 'ldapmodify', problems, run === 0, ldapmodifyRun(context, dataset));
    if (peer !== undefined) peerTimes.push(peer);
    if (context.command !== undefined && problems.length === 0) {
      const command = await timedFailover(context, dataset, dbnosync, 'exchfailover', problems, false, exchfailoverRun(context, dataset));
      if (command !== undefined) commandTimes.push(command);
    }
    if (floor !== undefined && floorProblems.length === 0) {
      const floorMs = await timedFailover(context, dataset, dbnosync, floorWho, floorProblems, false, floorRun(context, floor, floorDetails));
      if (floorMs !== undefined) floorTimes.push(floorMs);
    }
  }
  const samples = (label: string, times: readonly number[]): string[] =>
    times.length > 1 ? [`${label} runs: ${times.map(seconds).join(', ')} (median shown)`] : [];
  const peerMs = peerTimes.length > 0 ? median(peerTimes) : undefined;
  const commandMs = commandTimes.length > 0 ? median(commandTimes) : undefined;
  const rows = [
    ratioRow({
      measurement: `failover ${dataset.userCount.toLocaleString('en')} mailboxes, slapd ${mode}`,
      contenderMs: commandMs,
      peerMs,
      peerName: 'ldapmodify',
      targetAtMost,
      problems,
      notRun: context.command === undefined ? context.commandMissing : undefined,
      notes: [...samples('exchfailover', commandTimes), ...samples('ldapmodify', peerTimes)],
    }),
  ];
  if (floor !== undefined) {
    rows.push(
      floorRow({
        mode,
        floor,
        floorMs: floorTimes.length > 0 ? median(floorTimes) : undefined,
        serialMs: peerMs,
        commandMs,
        commandMissing: context.command === undefined ? context.commandMissing : undefined,
        targetAtMost,
        problems: floorProblems,
        notes: [...samples('floor', floorTimes), ...floorDetails.map((detail, index) => (floorDetails.length > 1 ? `run ${index + 1}: ${detail}` : detail))],
      }),
    );
  }
  return rows;
}
