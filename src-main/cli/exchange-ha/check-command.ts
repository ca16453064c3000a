/**
 * `exchange-ha check`: the preflight of a pair (or a lab) from the command line. Reads the pair document and the
 * connection profile (bad ones are refused naming the file and the field, before anything is run), the passwords
 * from their files or variables, composes the world as the desktop program does (app/compose-world.ts), runs every
 * check with a line as each finishes, and ends with a summary. It only reads: nothing is changed anywhere.
 */
import type { PairDocument } from '../../pair';
import { PairDocumentError } from '../../pair/pair-problems';
import { runPreflight } from '../../preflight/run-preflight';
import { openPairStore } from '../../setup/pair-store';
import type { CheckCommand } from './check-arguments';
import { countChecks, formatCheck, formatSummary } from './check-output';
import { openCommandWorld } from './command-world';
import type { PasswordReading } from './profile-passwords';
import { logPreflightCheck } from '../../app/diagnostic-events';
import type { Logger } from '../../shared/log-port';

/** How a check run ended: every check passed, one failed (or could not run), or Ctrl+C cancelled it. */
export type CheckRunResult = 'passed' | 'failed' | 'cancelled';

export interface CheckCommandOutput {
  /** A line on standard output. */
  line(text: string): void;
  /** A line on standard error (warnings). */
  problem(text: string): void;
  /** One JSON value on standard output. */
  json(value: unknown): void;
}

export interface CheckCommandDeps extends PasswordReading {
  readonly now: () => Date;
  readonly cwd?: string;
  /** Ctrl+C: the checks not finished are not run. */
  readonly signal: AbortSignal;
  /** The diagnostic log (`--log FILE`): the tools' calls and one line per check; none when absent. */
  readonly logger?: Logger;
}

/** The pair document, valid; an invalid or unreadable one is a PairDocumentError naming every problem's field. */
async function readPair(file: string): Promise<PairDocument> {
  const loaded = await openPairStore(file).load();
  if (!loaded.ok) throw new PairDocumentError(file, loaded.problems);
  return loaded.document;
}

export async function checkCommand(command: CheckCommand, out: CheckCommandOutput, deps: CheckCommandDeps): Promise<CheckRunResult> {
  const document = await readPair(command.pair);
  const { world, where } = await openCommandWorld(command.pair, document, command.world, deps);
  try {
    world.warnings.forEach((warning) => out.problem(`warning: ${warning}`));
    if (!command.json) {
      out.line(`exchange-ha check: pair document ${command.pair}, through ${where}`);
      out.line(`${document.source.cluster.name} → ${document.target.cluster.name}; each check has ${command.timeoutMs / 1000} s. Nothing is changed.`);
      out.line('');
    }
    const preflightLog = deps.logger?.child({ subsystem: 'preflight' });
    const report = await runPreflight(world.preflight, document, {
      signal: deps.signal,
      timeoutMs: command.timeoutMs,
      onCheck: (check) => {
        if (preflightLog !== undefined) logPreflightCheck(preflightLog, check);
        if (!command.json) formatCheck(check).forEach((text) => out.line(text));
      },
    });
    const summary = formatSummary(report);
    if (command.json) {
      out.json({ pair: command.pair, world: where, passed: report.passed, cancelled: report.cancelled, counts: countChecks(report), summary, checks: report.checks });
    } else {
      out.line('');
      summary.forEach((text) => out.line(text));
    }
    return report.passed ? 'passed' : report.cancelled ? 'cancelled' : 'failed';
  } finally {
    await world.close();
  }
}
