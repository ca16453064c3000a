/**
 * The failover engine (the same `runFailover` as the `exchfailover` command) run as a runbook action: the request
 * from the pair document (its `-r` rules, `-norus`, `-nospn`), the command line it stands for, a journal per run in
 * the run's journal folder (earlier journals there are handed to the engine, as exchfailover does with the journals
 * beside its log), its log lines in the run's log, and its outcome kept for verify and the report. Verify asks the
 * engine in test mode whether anything is left to change.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runFailover } from '../../failover/engine';
import type { FailoverOutcome, FailoverRequest, RunFailover } from '../../failover/engine-api';
import { parsePairingRule } from '../../failover/pairing-rule-syntax';
import type { PairDocument } from '../../pair/pair-document-schema';
import type { VerifyCheck } from '../../contract/steps';
import type { RunbookAction, RunbookContext } from '../runbook/runbook-step';
import { messageOf } from './failback-actions';
import { failbackNames } from './failback-names';

/** The failback request, with the ORIGINAL source and target names (-s and -t), as the application note says. */
export function failbackRequest(pair: PairDocument, setupOnly: boolean): FailoverRequest {
  const names = failbackNames(pair);
  return {
    direction: 'failback',
    source: names.sourceServer,
    target: names.targetServer,
    rules: pair.incident.rules.map((text) => parsePairingRule(text)),
    setupOnly,
    test: false,
    noRus: pair.incident.noRus,
    noSpn: pair.incident.noSpn,
  };
}

const word = (text: string): string => (/[\s"]/.test(text) ? `"${text.replace(/"/g, '\\"')}"` : text);

/** `exchfailover -setup -failback -s EXCHVS -t EXCHVS-DR -r "Indy, Sales:Indy_Bkup, Sales" -norus` (never a password). */
export function exchfailoverCommandLine(pair: PairDocument, request: FailoverRequest): string {
  const words = ['exchfailover'];
  if (request.setupOnly) words.push('-setup');
  words.push(request.direction === 'failover' ? '-failover' : '-failback', '-s', request.source, '-t', request.target);
  for (const text of pair.incident.rules) words.push('-r', text);
  if (request.noRus) words.push('-norus');
  if (request.noSpn) words.push('-nospn');
  return words.map((w, i) => (i === 0 ? w : word(w))).join(' ');
}

/** `20261125T030000Z`. */
const compact = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

async function priorJournals(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((name) => name.endsWith('.journal')).sort().map((name) => join(folder, name));
  } catch {
    return [];
  }
}

/** One line for an outcome that is not `done`: status, errors, conflicts, failed checks, journal. */
export function describeOutcome(outcome: FailoverOutcome): string {
  const failed = outcome.verification.filter((c) => !c.ok).map((c) => `${c.what}${c.detail === undefined ? '' : ` (${c.detail})`}`);
  const parts = [
    `status ${outcome.status}`,
    ...outcome.errors.slice(0, 3),
    ...(outcome.conflicts.length > 0 ? [`${outcome.conflicts.length} value(s) changed by someone else (${outcome.conflicts.slice(0, 2).map((c) => `${c.dn} ${c.attribute}`).join('; ')})`] : []),
    ...failed.slice(0, 3).map((f) => `verify failed: ${f}`),
    ...(outcome.journalFile === undefined ? [] : [`journal ${outcome.journalFile}`]),
  ];
  return parts.join('; ');
}

/** The engine run as an action; its outcome is recorded under `stepId` (status, journal, counts). */
export function engineAction(context: RunbookContext, stepId: string, request: FailoverRequest, description: string, engine: RunFailover = runFailover): RunbookAction {
  const recorded = context.recorded(stepId);
  return {
    tool: 'exchfailover',
    target: context.world.setup.directoryName,
    command: exchfailoverCommandLine(context.pair, request),
    description,
    needed: recorded?.['status'] !== 'done',
    async run(run) {
      const started = run.world.now();
      await mkdir(run.journalFolder, { recursive: true });
      const prior = await priorJournals(run.journalFolder);
      const journalFile = join(run.journalFolder, `ExchFailover-${compact(started)}-${request.setupOnly ? 'setup-' : ''}${request.direction}.journal`);
      const outcome = await engine(
        request,
        { connect: () => run.world.connectDirectory(), journalFile, now: run.world.now, signal: run.signal, priorJournals: prior },
        {
          onLog: (level, line) => run.log(level, `exchfailover: ${line}`),
          onPhase: (phase, state) => run.progress({ what: exchfailoverCommandLine(run.pair, request), text: `${phase} ${state === 'start' ? 'started' : 'done'}` }),
        },
      );
      await run.record(stepId, {
        status: outcome.status,
        journalFile: outcome.journalFile ?? journalFile,
        errors: outcome.errors.length,
        conflicts: outcome.conflicts.length,
        applied: outcome.phases.reduce((sum, p) => sum + p.applied, 0),
        endedAt: run.world.now().toISOString(),
      });
      if (outcome.status !== 'done') throw new Error(`${exchfailoverCommandLine(run.pair, request)} did not complete: ${describeOutcome(outcome)}.`);
    },
  };
}

/** Verify: the run was done, and the engine in test mode finds nothing left to change. */
export async function verifyEngine(context: RunbookContext, stepId: string, request: FailoverRequest, engine: RunFailover = runFailover): Promise<VerifyCheck[]> {
  const line = exchfailoverCommandLine(context.pair, request);
  const recorded = context.recorded(stepId);
  const checks: VerifyCheck[] = [
    {
      what: `${line} completed and verified`,
      ok: recorded?.['status'] === 'done',
      detail: recorded === undefined ? 'Not run in this failback.' : `Status ${String(recorded['status'])}, journal ${String(recorded['journalFile'])}.`,
    },
  ];
  let left = 0;
  try {
    const outcome = await engine({ ...request, test: true }, { connect: () => context.world.connectDirectory(), now: context.world.now, signal: context.signal }, { onPlannedChange: () => (left += 1) });
    checks.push({
      what: `${line} -test finds nothing left to change`,
      ok: outcome.status === 'planned' && left === 0,
      detail: outcome.status === 'planned' ? `${left} change(s) left.` : describeOutcome(outcome),
    });
  } catch (error) {
    checks.push({ what: `${line} -test finds nothing left to change`, ok: false, detail: messageOf(error) });
  }
  return checks;
}
