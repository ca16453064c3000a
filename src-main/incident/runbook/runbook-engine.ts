/**
 * The failover engine (src-main/failover/engine.ts, the `exchfailover` utility's services) run as a runbook step's
 * action: the request built from the pair document (its `-r` rules, `-norus`, `-nospn`), the exact `exchfailover`
 * line shown, its write-ahead journal in the run's journal folder (one per incident and step, appended to by a
 * resumed run, and given back to the engine as a prior journal), and the outcome recorded for the step's
 * verification and for the report.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Direction, FailoverOutcome, FailoverRequest, RunFailover } from '../../failover/engine-api';
import { formatPairingRule, parsePairingRule, PairingRuleError } from '../../failover/pairing-rule-syntax';
import type { PairDocument } from '../../pair/pair-document-schema';
import type { VerifyCheck } from '../../contract/steps';
import { RunbookCancelled } from './runbook-helpers';
import type { RunbookAction, RunbookContext } from './runbook-step';

/**
 * The engine's request for one direction, from the pair document; a rule that does not parse is refused naming it.
 * An empty `incident.rules` is the pair document's default, one-to-one by storage group and store name (`-r`
 * alone: the schema refuses an empty rule text for that reason), so the request then holds the one-to-one rule.
 */
export function engineRequest(pair: PairDocument, direction: Direction, setupOnly: boolean, test = false): FailoverRequest {
  const texts = pair.incident.rules.length === 0 ? [''] : pair.incident.rules;
  const rules = texts.map((text, index) => {
    try {
      return parsePairingRule(text);
    } catch (e) {
      if (e instanceof PairingRuleError) throw new Error(`incident.rules[${index}]: ${e.message}`, { cause: e });
      throw e;
    }
  });
  return {
    direction,
    source: pair.source.networkName.name,
    target: pair.target.networkName.name,
    rules,
    setupOnly,
    test,
    noRus: pair.incident.noRus,
    noSpn: pair.incident.noSpn,
  };
}

/** The utility's arguments for a request, as the seed writes them (`-setup -failover -s SRC -t TGT -r "…" -norus`). */
export function exchfailoverArguments(request: FailoverRequest): string[] {
  const args: string[] = [];
  if (request.setupOnly) args.push('-setup');
  args.push(request.direction === 'failover' ? '-failover' : '-failback', '-s', request.source, '-t', request.target);
  for (const rule of request.rules) {
    const text = formatPairingRule(rule);
    args.push('-r');
    if (text !== '') args.push(text);
  }
  if (request.noRus) args.push('-norus');
  if (request.noSpn) args.push('-nospn');
  if (request.test) args.push('-test');
  return args;
}

/** The line shown: arguments with a space or a comma quoted, as typed at a prompt. */
export function exchfailoverCommandLine(request: FailoverRequest): string {
  return ['exchfailover', ...exchfailoverArguments(request).map((a) => (/[\s,"]/.test(a) ? `"${a.replace(/"/g, '\\"')}"` : a))].join(' ');
}

/** What a step records of the engine's run, for its verification and for the report. */
export interface EngineRecord {
  readonly status: FailoverOutcome['status'];
  readonly errors: readonly string[];
  readonly conflicts: number;
  readonly verification: readonly { readonly what: string; readonly ok: boolean; readonly detail?: string }[];
  readonly journalFile?: string;
  /** The stores the engine paired (the target's become active on a failover, the source's on a failback). */
  readonly pairs: readonly { readonly sourceGroup: string; readonly sourceStore: string; readonly targetGroup: string; readonly targetStore: string }[];
  readonly applied: number;
  readonly skipped: number;
  readonly durationMs: number;
}

const journalPrefix = (incident: string, stepId: string) => `ExchFailover-incident-${incident}-${stepId}`;

export interface EngineActionOptions {
  readonly stepId: string;
  readonly request: FailoverRequest;
  readonly description: string;
  readonly needed: boolean;
  /** The incident's id (names the journal). */
  readonly incident: string;
  readonly runFailover: RunFailover;
  readonly timeoutMs?: number;
}

/** An action that runs the engine and records its outcome under the step's id; a run that does not end `done` fails it. */
export function engineAction(options: EngineActionOptions): RunbookAction {
  const { request, stepId } = options;
  return {
    tool: 'exchfailover',
    target: `${request.source} → ${request.target}`,
    command: exchfailoverCommandLine(request),
    description: options.description,
    needed: options.needed,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    async run(context) {
      await mkdir(context.journalFolder, { recursive: true });
      const prefix = journalPrefix(options.incident, stepId);
      const journalFile = join(context.journalFolder, `${prefix}.journal`);
      const prior = (await readdir(context.journalFolder)).filter((name) => name.startsWith('ExchFailover-incident-')).map((name) => join(context.journalFolder, name));
      const started = context.world.now().getTime();
      const startedReal = performance.now();
      let outcome: FailoverOutcome;
      try {
        outcome = await options.runFailover(
          request,
          { connect: () => context.world.connectDirectory(), journalFile, now: context.world.now, signal: context.signal, priorJournals: prior },
          { onLog: (level, line) => context.log(level, `exchfailover: ${line}`) },
        );
      } catch (e) {
        if (context.signal.aborted) throw new RunbookCancelled(`exchfailover stopped: the run was cancelled (journal ${journalFile}).`);
        throw e;
      }
      const record: EngineRecord = {
        status: outcome.status,
        errors: [...outcome.errors],
        conflicts: outcome.conflicts.length,
        verification: outcome.verification.map((v) => ({ what: v.what, ok: v.ok, ...(v.detail === undefined ? {} : { detail: v.detail }) })),
        ...(outcome.journalFile === undefined ? { journalFile } : { journalFile: outcome.journalFile }),
        pairs: outcome.pairs.map((p) => ({ sourceGroup: p.sourceGroup, sourceStore: p.sourceStore, targetGroup: p.targetGroup, targetStore: p.targetStore })),
        applied: outcome.phases.reduce((n, p) => n + p.applied, 0),
        skipped: outcome.phases.reduce((n, p) => n + p.skipped, 0),
        durationMs: Math.max(Math.round(performance.now() - startedReal), context.world.now().getTime() - started),
      };
      await context.record(stepId, { engine: record });
      if (outcome.status !== 'done') {
        if (context.signal.aborted) throw new RunbookCancelled(`exchfailover stopped: the run was cancelled (journal ${record.journalFile ?? journalFile}).`);
        const why = [...outcome.errors, ...outcome.conflicts.map((c) => `conflict on ${c.dn} ${c.attribute}`)].slice(0, 5).join('; ');
        throw new Error(`exchfailover ended ${outcome.status}${why === '' ? '' : `: ${why}`} (journal ${record.journalFile ?? journalFile}).`);
      }
    },
  };
}

/** The engine's record kept by a step, when it ran. */
export function engineRecord(context: RunbookContext, stepId: string): EngineRecord | undefined {
  const data = context.recorded(stepId);
  const engine = data?.['engine'];
  return typeof engine === 'object' && engine !== null ? (engine as EngineRecord) : undefined;
}

/** The checks of an engine run: its status and each of its own verification checks. */
export function engineChecks(record: EngineRecord | undefined, line: string): VerifyCheck[] {
  if (record === undefined) return [{ what: `${line} ran`, ok: false, detail: 'It has no recorded outcome in this run.' }];
  return [
    {
      what: `${line} ended done`,
      ok: record.status === 'done',
      ...(record.status === 'done' ? {} : { detail: `It ended ${record.status}${record.errors.length > 0 ? `: ${record.errors.slice(0, 3).join('; ')}` : ''}.` }),
    },
    ...record.verification.map((v) => ({ what: `exchfailover: ${v.what}`, ok: v.ok, ...(v.detail === undefined ? {} : { detail: v.detail }) })),
  ];
}
