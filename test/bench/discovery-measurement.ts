/**
 * Measurement 2: discovery of a large organisation — `exchfailover ... -test --json` (start-up, discovery and the
 * whole plan, nothing applied) against one `ldapsearch -E pr=1000/noprompt` of the same users with the same
 * attributes, each on a fresh slapd. The plan run must exit 0, print JSON and leave every mailbox where it was.
 */
import { join } from 'node:path';
import { escapeFilterValue } from '../../src-main/directory/filter-escape';
import { LAB } from '../../src-main/lab/topology';
import { type BenchContext, runFolder } from './bench-context';
import type { BenchDataset } from './bench-dataset';
import { withBenchSlapd } from './bench-slapd';
import { type BenchRow, median, ratioRow, seconds } from './bench-table';
import { checkMailboxesUnmoved } from './directory-checks';
import { exchfailoverArgv } from './exchfailover-command';
import { timedPagedSearch } from './ldap-tools';
import type { MoveExpectation } from './mailbox-pairing';
import { describeFailure, runTimed } from './timed-process';

/**
 * The users discovery reads, as the engine asks for them: users whose homeMDB is one of the paired mailbox stores
 * (source and target), each value escaped — with the three attributes a failover rewrites.
 */
export function discoveryFilter(expectation: MoveExpectation): string {
  const stores = [...expectation.sourceStores, ...expectation.targetCounts.keys()];
  return `(&(objectClass=user)(|${stores.map((dn) => `(homeMDB=${escapeFilterValue(dn)})`).join('')}))`;
}
/** The attributes discovery reads. */
export const DISCOVERY_ATTRIBUTES = ['homeMDB', 'homeMTA', 'msExchHomeServerName'] as const;

/** Discovery is cheap to repeat and its peer is noisy: the median of at least this many runs is reported. */
export const DISCOVERY_MIN_RUNS = 3;

/**
 * Reads the `-test --json` document ({ plan: [...], outcome: { status, phases }, error, exitCode }): a problem when
 * it is not JSON or not a plan, else a note with the number of planned changes.
 */
export function readPlanJson(text: string): { problem?: string; note?: string } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { problem: `standard output is not one JSON document (${text.length} characters)` };
  }
  const { plan, outcome, error } = document as { plan?: unknown; outcome?: { status?: unknown; phases?: unknown } | null; error?: unknown };
  if (outcome === null || outcome === undefined || outcome.status !== 'planned') {
    return { problem: `the JSON summary is not a plan: status ${String(outcome?.status)}, error ${JSON.stringify(error)}` };
  }
  const phases = Array.isArray(outcome.phases) ? (outcome.phases as { phase?: unknown; planned?: unknown }[]) : [];
  const mailboxes = phases.find((phase) => phase.phase === 'mailboxes');
  return { note: `plan: ${Array.isArray(plan) ? plan.length : '?'} changes, ${String(mailboxes?.planned)} in the mailbox phase` };
}

async function timedSearch(context: BenchContext, dataset: BenchDataset, problems: string[]): Promise<number | undefined> {
  return withBenchSlapd(dataset.ldifFile, { dbnosync: true }, async (server) => {
    const connection = { url: server.url, bindDn: server.bindDn, passwordFile: server.passwordFile };
    const { run, entries } = await timedPagedSearch(connection, LAB.domain.dn, discoveryFilter(dataset.expectation), DISCOVERY_ATTRIBUTES);
    if (run.exitCode !== 0) problems.push(`ldapsearch: ${describeFailure(run)}`);
    else if (entries !== dataset.userCount) problems.push(`ldapsearch returned ${entries} users, expected ${dataset.userCount}`);
    else {
      context.progress(`  ldapsearch: ${seconds(run.ms)}, ${entries} users`);
      return run.ms;
    }
    return undefined;
  });
}

async function timedPlan(context: BenchContext, dataset: BenchDataset, problems: string[], notes: string[]): Promise<number | undefined> {
  const command = context.command;
  if (command === undefined) return undefined;
  return withBenchSlapd(dataset.ldifFile, { dbnosync: true }, async (server) => {
    const connection = { url: server.url, bindDn: server.bindDn, passwordFile: server.passwordFile };
    const folder = await runFolder(context, `discovery-${dataset.userCount}`);
    const argv = exchfailoverArgv(command, { ...connection, source: dataset.source, target: dataset.target, logFile: join(folder, 'ExchFailover.log'), planOnly: true });
    const chunks: Buffer[] = [];
    const run = await runTimed(argv, { cwd: context.repoRoot, onStdout: (chunk) => chunks.push(chunk) });
    if (run.exitCode !== 0) {
      problems.push(`exchfailover -test: ${describeFailure(run)}`);
      return undefined;
    }
    const plan = readPlanJson(Buffer.concat(chunks).toString('utf8'));
    if (plan.problem !== undefined) problems.push(`exchfailover -test --json: ${plan.problem}`);
    if (plan.note !== undefined) notes.push(plan.note);
    const unchanged = await checkMailboxesUnmoved(connection, LAB.domain.dn, dataset.expectation);
    problems.push(...unchanged.map((p) => `exchfailover -test changed the directory: ${p}`));
    if (problems.length > 0) return undefined;
    context.progress(`  exchfailover -test --json: ${seconds(run.ms)}`);
    return run.ms;
  });
}

/** The plan/ldapsearch ratio for an organisation of `dataset.userCount` users. */
export async function measureDiscovery(context: BenchContext, dataset: BenchDataset): Promise<BenchRow> {
  context.progress(`discovery of ${dataset.userCount} users:`);
  const problems: string[] = [];
  const notes: string[] = [];
  const peerTimes: number[] = [];
  const commandTimes: number[] = [];
  // At least three runs: ldapsearch's paged reads stall for ~200 ms at random on loopback (a TCP delayed-ACK
  // pattern), so one sample of the peer can be off by a factor of several. Every run has its own fresh servers.
  const runs = Math.max(DISCOVERY_MIN_RUNS, context.runs);
  for (let run = 0; run < runs && problems.length === 0; run += 1) {
    const peer = await timedSearch(context, dataset, problems);
    if (peer !== undefined) peerTimes.push(peer);
    if (problems.length > 0) break;
    const command = await timedPlan(context, dataset, problems, run === 0 ? notes : []);
    if (command !== undefined) commandTimes.push(command);
  }
  return ratioRow({
    measurement: `discovery ${dataset.userCount.toLocaleString('en')} users (-test --json)`,
    contenderMs: commandTimes.length > 0 ? median(commandTimes) : undefined,
    peerMs: peerTimes.length > 0 ? median(peerTimes) : undefined,
    peerName: 'ldapsearch pr=1000',
    targetAtMost: 1.5,
    problems,
    notRun: context.command === undefined ? context.commandMissing : undefined,
    notes: [
      ...notes,
      ...(commandTimes.length > 1 ? [`exchfailover runs: ${commandTimes.map(seconds).join(', ')} (median shown)`] : []),
      ...(peerTimes.length > 1 ? [`ldapsearch runs: ${peerTimes.map(seconds).join(', ')} (median shown)`] : []),
    ],
  });
}
