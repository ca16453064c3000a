/**
 * One run of `exchange-ha`: parse, do the command, return the exit code. Everything from outside (arguments,
 * environment, streams, the steps, the clock, cancel) is passed in, so it runs in process in tests as well as in a
 * process of its own. Every line written passes through the secret mask.
 */
import { PairDocumentError } from '../../pair/pair-problems';
import { ProgressFileError } from '../../setup/progress-store';
import type { SetupStep } from '../../setup/setup-step';
import { createSecretMask } from '../../shared/redaction';
import { UsageError } from '../usage-error';
import { LabInUseError } from '../../lab/lab-lock';
import { LabFailuresFileError } from '../../lab/failures/lab-failures-file';
import { LabExchangeStateError } from '../../lab/exchange/lab-exchange-file';
import { ConnectionProfileError } from '../../profile/connection-profile-file';
import { parseArguments, type SetupCommand } from './arguments';
import { checkCommand } from './check-command';
import { USAGE } from './help';
import { initLab } from './lab-init';
import { checkPairFile, formatPairCheck, newPairDocument } from './pair-commands';
import { readPlanFile } from './plan-file';
import { applyCommand } from './setup-apply-command';
import { planCommand, verifyCommand, type SetupOutput } from './setup-commands';
import { composeSetup } from './setup-composition';
import { openDiagnosticLog, takeLogOption } from './log-option';
import type { Logger } from '../../shared/log-port';
import { incidentCommand } from './incident-command';
import { labFailureCommand } from './lab-failure-command';
import type { SubcommandIo } from './subcommand';

export const ExchangeHaExit = {
  ok: 0,
  /** A step failed, was not confirmed, or did not verify. */
  failed: 1,
  /** Bad usage, an invalid pair document or plan file, a lab folder in use: nothing changed. */
  usage: 2,
  /** A step's plan changed since it was shown or saved: nothing of that step ran. */
  planChanged: 3,
  /** (check) A check failed or could not run: each failure says what, where and what to do next. */
  checkFailed: 4,
  /** (check) Cancelled with Ctrl+C before every check finished, as a shell reports an interrupted program. */
  cancelled: 130,
} as const;

export interface ExchangeHaIo {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  readonly signal: AbortSignal;
  /** The setup steps by id (loaded only when a setup command runs). */
  readonly steps: () => ReadonlyMap<string, SetupStep>;
}

const PROGRAM = 'exchange-ha';

export async function runExchangeHa(io: ExchangeHaIo): Promise<number> {
  const opened: { close(): void }[] = [];
  try {
    return await runCommand(io, opened);
  } finally {
    // The diagnostic log (--log FILE), written line by line, is closed whatever the outcome.
    opened.forEach((log) => log.close());
  }
}

async function runCommand(io: ExchangeHaIo, opened: { close(): void }[]): Promise<number> {
  const mask = createSecretMask();
  const line = (text: string): void => io.stdout(mask.text(`${text}\n`));
  const problem = (text: string): void => io.stderr(mask.text(`${text}\n`));
  try {
    // --log FILE (setup, check): the diagnostic log, taken out before the command's parser reads the arguments.
    const logOption = takeLogOption(io.argv, io.cwd);
    const diagnostic = logOption.file === undefined ? undefined : openDiagnosticLog(logOption.file);
    if (diagnostic !== undefined) opened.push(diagnostic);
    const logger = diagnostic === undefined ? {} : { logger: diagnostic.logger };
    // Commands that parse their own words: the lab's failures, and the incidents.
    const [first, second, ...rest] = logOption.argv;
    const sub = (args: readonly string[]): SubcommandIo => ({
      args,
      env: io.env,
      cwd: io.cwd,
      now: io.now,
      signal: io.signal,
      line,
      problem,
      json: (value) => io.stdout(`${mask.json(value)}\n`),
      mask,
      ...logger,
    });
    const wantsHelp = logOption.argv.some((word) => word === '--help' || word === '-h');
    if (wantsHelp && (first === 'incident' || (first === 'lab' && (second === 'fail' || second === 'restore')))) {
      io.stdout(USAGE);
      return ExchangeHaExit.ok;
    }
    if (first === 'lab' && (second === 'fail' || second === 'restore')) return await labFailureCommand(second, sub(rest));
    if (first === 'incident') return await incidentCommand(sub(logOption.argv.slice(1)));
    const command = parseArguments(logOption.argv, io.env, io.cwd);
    switch (command.kind) {
      case 'help':
        io.stdout(USAGE);
        return ExchangeHaExit.ok;
      case 'lab-init':
        (await initLab(command.folder)).forEach(line);
        return ExchangeHaExit.ok;
      case 'pair-new':
        (await newPairDocument(command.file)).forEach(line);
        return ExchangeHaExit.ok;
      case 'pair-check': {
        const report = await checkPairFile(command.file);
        if (command.json) io.stdout(`${mask.json(report)}\n`);
        else formatPairCheck(report).forEach(report.valid ? line : problem);
        // An invalid document is bad input, as for setup: exit 2.
        return report.valid ? ExchangeHaExit.ok : ExchangeHaExit.usage;
      }
      case 'check': {
        const result = await checkCommand(command, { line, problem, json: (value) => io.stdout(`${mask.json(value)}\n`) }, { env: io.env, cwd: io.cwd, now: io.now, mask, signal: io.signal, ...logger });
        return result === 'passed' ? ExchangeHaExit.ok : result === 'cancelled' ? ExchangeHaExit.cancelled : ExchangeHaExit.checkFailed;
      }
      case 'setup':
        return await runSetup(command, io, {
          line,
          problem,
          json: (value) => io.stdout(`${mask.json(value)}\n`),
        }, mask, logger);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      problem(`${PROGRAM}: ${e.message}\nRun "${PROGRAM} --help" for the usage.`);
      return ExchangeHaExit.usage;
    }
    if (e instanceof PairDocumentError) {
      problem(`${PROGRAM}: ${e.message}\nNothing was changed; fix the document and run again.`);
      return ExchangeHaExit.usage;
    }
    if (e instanceof ConnectionProfileError) {
      problem(`${PROGRAM}: ${e.message}\nNothing was run; fix the profile and run again.`);
      return ExchangeHaExit.usage;
    }
    if (e instanceof LabInUseError) {
      problem(`${PROGRAM}: ${e.message}`);
      return ExchangeHaExit.usage;
    }
    if (e instanceof LabFailuresFileError || e instanceof LabExchangeStateError) {
      problem(`${PROGRAM}: a lab file is damaged: ${e.message}\nNothing was changed.`);
      return ExchangeHaExit.usage;
    }
    if (e instanceof ProgressFileError) {
      problem(`${PROGRAM}: the progress file is damaged: ${e.message}`);
      return ExchangeHaExit.usage;
    }
    problem(`${PROGRAM}: unexpected error: ${e instanceof Error ? e.message : String(e)}`);
    return ExchangeHaExit.failed;
  }
}

async function runSetup(
  command: SetupCommand,
  io: ExchangeHaIo,
  out: SetupOutput,
  mask: ReturnType<typeof createSecretMask>,
  logger: { readonly logger?: Logger },
): Promise<number> {
  // A plan file that cannot be applied is refused before anything is opened.
  const planFile = command.planFile === undefined ? undefined : await readPlanFile(command.planFile);
  const composed = await composeSetup(command, { env: io.env, cwd: io.cwd, now: io.now, mask, steps: io.steps, ...logger });
  try {
    composed.warnings.forEach((warning) => out.problem(`warning: ${warning}`));
    if (!command.json) {
      out.line(`${PROGRAM} setup ${command.verb}: pair document ${command.pair}, on ${composed.where}`);
      out.line('');
    }
    switch (command.verb) {
      case 'plan':
        return await planCommand(composed.service, command, out, { madeAt: io.now().toISOString(), where: composed.where, mask: (text) => mask.text(text) });
      case 'apply':
        return await applyCommand(composed.service, command, out, io.signal, planFile);
      case 'verify':
        return await verifyCommand(composed.service, command, out);
    }
  } finally {
    await composed.close();
  }
}
