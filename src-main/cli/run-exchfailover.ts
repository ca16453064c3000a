/**
 * The `exchfailover` command, testable in process: arguments → FailoverRequest and EngineDeps → the engine (or its
 * undo) → log file, plan, summary and exit code. Its whole outside world comes in through {@link ExchfailoverIo}:
 * arguments, environment, current folder, output writers, files, clock, the engine's functions and the directory
 * opener — the entry point (exchfailover.ts) passes the real ones.
 *
 * The password (from -u or --password-file) goes only to the directory opener; every text written anywhere passes
 * through a mask that shows it as `********`. Everything is written one line at a time, each line masked and then
 * escaped (log-text.ts), so no value — an option, a DN or a value read from the directory — can forge a line.
 *
 * Output errors never stop the run: a writer that throws (a closed pipe) is ignored, the log file still gets
 * everything, and the exit code says what was done. Exit 1 ("nothing changed") is returned only before the engine
 * could change anything.
 */
import { dirname, join } from 'node:path';
import { catalogueLines, type ErrorCode } from '../contract/error-catalogue';
import { borrowedDirectory } from '../directory/borrowed-directory';
import { directoryFailure } from '../directory/directory-error';
import { DirectoryError, type DirectoryPort, isDirectoryError } from '../directory/port';
import type { EngineDeps, EngineEvents, FailoverOutcome, RunFailover, UndoFailover } from '../failover/engine-api';
import { type CliFiles, fileErrorReason } from './cli-files';
import { echoCommand } from './command-echo';
import { createDirectorySession, describeDirectoryFailure, type DirectorySession, type OpenDirectory } from './directory-session';
import { type ExchfailoverCommand, parseExchfailoverArguments, type RunSettings, wantsJson } from './exchfailover-arguments';
import { helpText } from './exchfailover-help';
import { ExitCode, exitCodeFor } from './exit-codes';
import { type FailoverLog, type LogLevel, openFailoverLog } from './failover-log';
import { type JsonErrorKind, JsonSummaryWriter } from './json-summary';
import { escapeLine, escapedLines } from './log-text';
import { outcomeLogLines, summaryLines } from './outcome-summary';
import { formatPlannedChange } from './plan-lines';
import { createSecretMask, passwordsInArguments, type SecretMask } from '../shared/redaction';

/** The engine functions the command runs (src-main/failover/engine.ts in production). */
export interface FailoverEngine {
  readonly runFailover: RunFailover;
  readonly undoFailover: UndoFailover;
}

/** Everything the command touches. */
export interface ExchfailoverIo {
  /** The arguments, without the program name. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The current folder: default place of the log file, base of relative paths. */
  readonly cwd: string;
  /** Writes to standard output; may throw (a closed pipe): the run ignores it. */
  readonly stdout: (text: string) => void;
  /** A promise while standard output is full (resolved when it drained), else undefined; none: never full. */
  readonly stdoutReady?: () => Promise<void> | undefined;
  /** Writes to standard error; may throw (a closed pipe): the run ignores it. */
  readonly stderr: (text: string) => void;
  readonly files: CliFiles;
  readonly now: () => Date;
  readonly engine: FailoverEngine;
  readonly openDirectory: OpenDirectory;
  /**
   * Opens the lab's directory in a lab folder for `--lab` (taking the lab's lock: one program at a time); none: the
   * command refuses `--lab`.
   */
  readonly openLab?: (folder: string) => Promise<LabDirectorySession>;
  /** Aborts the run (Ctrl+C); handed to the engine. */
  readonly signal?: AbortSignal;
}

const PROGRAM = 'exchfailover';

/** `20240101T030000Z`: a file-name-safe UTC timestamp. */
export function compactTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** The lab's directory, opened for one run: what `--lab` works on. */
export interface LabDirectorySession {
  readonly directory: DirectoryPort;
  /** Saves the directory and releases the lab. */
  close(): Promise<void>;
}

/** A session over the lab's directory, with the same face as an LDAP session (probe opens the lab). */
function labSession(folder: string, openLab: ExchfailoverIo['openLab']): DirectorySession {
  let opened: LabDirectorySession | undefined;
  return {
    async probe() {
      if (openLab === undefined) throw new DirectoryError('other', '--lab is not available in this program');
      opened ??= await openLab(folder);
    },
    async connect() {
      if (opened === undefined) throw new DirectoryError('unavailable', `the lab in ${folder} is not open`);
      // The engine closes what it was given at the end of a run; the lab is saved and released once, by closeAll.
      return borrowedDirectory(opened.directory);
    },
    async closeAll() {
      await opened?.close();
    },
  };
}

/** The journals a run's names follow: `ExchFailover-<time>.journal` (see defaultJournalFile). */
const RUN_JOURNAL_NAME = /^ExchFailover-\d{8}T\d{6}Z\.journal$/;

/**
 * The journals of earlier runs a re-run should look at (SPNs an interrupted run removed and never added): the one
 * --journal names, when it exists, and the runs' journals beside the log file.
 */
async function priorJournals(files: CliFiles, settings: RunSettings): Promise<string[]> {
  const found = await files.listFiles(dirname(settings.logFile), RUN_JOURNAL_NAME);
  if (settings.journalFile !== undefined && (await files.isFile(settings.journalFile))) found.push(settings.journalFile);
  return Array.from(new Set(found));
}

/** Where a run journals when `--journal` is not given: beside the log file, one file per run. */
export function defaultJournalFile(logFile: string, now: Date): string {
  return join(dirname(logFile), `ExchFailover-${compactTimestamp(now)}.journal`);
}

type RunCommand = Exclude<ExchfailoverCommand, { kind: 'help' }>;

function titleOf(command: RunCommand): string {
  if (command.kind === 'undo') return `--undo ${command.journal}${command.test ? ' (-test)' : ''}`;
  const { request } = command;
  const arrow = request.direction === 'failover' ? `${request.source} -> ${request.target}` : `${request.target} -> ${request.source}`;
  return `${request.direction === 'failover' ? '-FAILOVER' : '-FAILBACK'} ${arrow}${request.setupOnly ? ' (-SETUP)' : ''}${request.test ? ' (-test)' : ''}`;
}

interface Output {
  readonly mask: SecretMask;
  readonly json: JsonSummaryWriter | undefined;
  /** Lines on standard output, each masked and escaped. */
  out(lines: readonly string[]): void;
  /** Text already masked and escaped, on standard output (the plan, in batches). */
  outEscaped(text: string): void;
  /** One line on standard error, masked and escaped. */
  err(line: string): void;
}

/** A writer whose failure (a closed pipe, a closed terminal) is ignored: output errors never stop the run. */
function ignoringErrors(write: (text: string) => void): (text: string) => void {
  return (text) => {
    try {
      write(text);
    } catch {
      // The reader is gone; the log file still gets everything.
    }
  };
}

/** The output of a run over `io`: masked, escaped, line by line, and never throwing. */
function createOutput(io: ExchfailoverIo, mask: SecretMask): Output {
  const stdout = ignoringErrors(io.stdout);
  const stderr = ignoringErrors(io.stderr);
  return {
    mask,
    json: wantsJson(io.argv) ? new JsonSummaryWriter(stdout, mask) : undefined,
    out: (lines) => stdout(escapedLines(lines.map((line) => mask.text(line)))),
    outEscaped: stdout,
    err: (line) => stderr(`${escapeLine(mask.text(line))}\n`),
  };
}

/**
 * Ends a run that produced no outcome: one line on standard error (and the JSON document with --json), then, for an
 * error the catalogue names, its title, explanation and next step, as the wizard and exchange-ha print them.
 */
function refuse(
  output: Output,
  kind: JsonErrorKind,
  message: string,
  exitCode: number,
  extra: { command?: string; logFile?: string } = {},
  code?: ErrorCode,
): number {
  output.err(`${PROGRAM}: ${message}`);
  if (code !== undefined) catalogueLines(code).forEach((line) => output.err(line));
  output.json?.end({ ...extra, outcome: null, error: { kind, message }, exitCode });
  return exitCode;
}

function isFailoverInputError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'FailoverInputError';
}

/** Runs the command; resolves to the exit code (it never rejects for bad input or directory failures). */
export async function runExchfailover(io: ExchfailoverIo): Promise<number> {
  const mask = createSecretMask(passwordsInArguments(io.argv));
  const output = createOutput(io, mask);
  let parsed;
  try {
    parsed = await parseExchfailoverArguments(io.argv, { cwd: io.cwd, env: io.env, files: io.files, mask });
  } catch (error) {
    return refuse(output, 'internal', `could not read the command line: ${error instanceof Error ? error.message : String(error)}`, ExitCode.usage);
  }
  if (!parsed.ok) return refuse(output, 'usage', parsed.message, ExitCode.usage);
  const command = parsed.command;
  if (command.kind === 'help') {
    output.out(helpText(command.detailed).replace(/\n$/, '').split('\n'));
    return ExitCode.ok;
  }
  mask.add(command.settings.connection.password);
  return runCommand(io, output, command);
}

async function runCommand(io: ExchfailoverIo, output: Output, command: RunCommand): Promise<number> {
  const { settings } = command;
  const echoed = echoCommand(command);
  const started = io.now();
  let log: FailoverLog;
  try {
    log = await openFailoverLog(
      {
        path: settings.logFile,
        files: io.files,
        now: io.now,
        mask: output.mask,
        onError: (error) => output.err(`${PROGRAM}: warning: cannot write the log file ${settings.logFile}: ${fileErrorReason(error)}`),
      },
      [`---- ExchFailover started: ${titleOf(command)}`, `Options: ${echoed}`, `Current folder: ${io.cwd}`],
    );
  } catch (error) {
    return refuse(output, 'usage', `cannot write the log file ${settings.logFile}: ${fileErrorReason(error)}`, ExitCode.usage, { command: echoed });
  }

  const test = command.kind === 'run' ? command.request.test : command.test;
  const journalFile = test ? undefined : (settings.journalFile ?? defaultJournalFile(settings.logFile, started));
  const session = settings.lab === undefined ? createDirectorySession(settings.connection, io.openDirectory) : labSession(settings.lab, io.openLab);
  const end = { command: echoed, logFile: settings.logFile };
  const fail = (kind: JsonErrorKind, message: string, exitCode: number, level: LogLevel = 'error', code?: ErrorCode): number => {
    log.write(level, message);
    log.write('error', `Result: ${kind === 'input' || kind === 'usage' ? 'refused, nothing changed' : 'stopped'} (exit code ${exitCode})`);
    return refuse(output, kind, message, exitCode, end, code);
  };
  /** The catalogue's code of a directory that did not answer or refused (undefined for the engine's own outcomes). */
  const directoryCode = (error: DirectoryError): ErrorCode | undefined => {
    const failure = directoryFailure(error.code);
    return failure === undefined ? undefined : `directory/${failure}`;
  };

  try {
    if (!test && settings.lab === undefined && settings.connection.bindDn === undefined) {
      return fail(
        'usage',
        'refused, nothing changed: no credentials were given, and an anonymous bind has no right to write to Active Directory; give -u <username>:<password>, or --bind-dn with --password-file (-test works without them where the directory allows anonymous reads)',
        ExitCode.usage,
      );
    }
    try {
      await session.probe();
    } catch (error) {
      if (isDirectoryError(error)) return fail('directory', describeDirectoryFailure(error, settings.connection), ExitCode.stopped, 'error', directoryCode(error));
      throw error;
    }
    log.write(
      'info',
      settings.lab !== undefined
        ? `Opened the lab's directory ${settings.connection.url}`
        : `Connected to ${settings.connection.url}${settings.connection.bindDn === undefined ? ' (anonymous)' : ` as ${settings.connection.bindDn}`}`,
    );

    let plannedChanges = 0;
    let planBuffer = '';
    const flushPlan = (): void => {
      if (planBuffer !== '') output.outEscaped(planBuffer);
      planBuffer = '';
    };
    /** Set once a phase of a real run (not -test) started: from then on something may have changed. */
    let changesMayHaveStarted = false;
    if (test) output.json?.startPlan();
    const events: EngineEvents = {
      onPlannedChange(change) {
        if (!test) return;
        plannedChanges += 1;
        if (output.json !== undefined) {
          output.json.planned(change);
          return;
        }
        if (plannedChanges === 1) planBuffer += 'Plan (test mode: nothing is changed):\n';
        planBuffer += `${escapeLine(output.mask.text(`  ${formatPlannedChange(change)}`))}\n`;
        if (planBuffer.length >= 64 * 1024) flushPlan();
      },
      onPhase(phase, state) {
        log.write('info', `Phase ${phase}: ${state}`);
        if (!test) changesMayHaveStarted = true;
        if (output.json === undefined && !test) output.out([`Phase ${phase}: ${state === 'start' ? 'started' : 'finished'}`]);
      },
      ...(io.stdoutReady === undefined ? {} : { whenReady: io.stdoutReady }),
      onLog(level, line) {
        log.write(level, line);
        if (output.json === undefined && level !== 'info') output.err(`${PROGRAM}: ${level === 'warn' ? 'warning' : 'error'}: ${line}`);
      },
    };
    const deps: EngineDeps = {
      connect: session.connect,
      now: io.now,
      ...(command.kind === 'run' ? { priorJournals: await priorJournals(io.files, settings) } : {}),
      ...(journalFile === undefined ? {} : { journalFile }),
      ...(io.signal === undefined ? {} : { signal: io.signal }),
    };
    if (journalFile !== undefined) log.write('info', `Journal: ${journalFile}`);

    let outcome: FailoverOutcome;
    try {
      outcome =
        command.kind === 'undo'
          ? await io.engine.undoFailover(command.journal, deps, events, { test })
          : await io.engine.runFailover(command.request, deps, events);
    } catch (error) {
      flushPlan();
      const journalled = (what: string): string => (journalFile === undefined ? what : `${what} (what was done is journalled in ${journalFile})`);
      if (isFailoverInputError(error)) {
        // A refusal is "nothing changed" (exit 1) only while no phase of a real run had started.
        if (!changesMayHaveStarted) return fail('input', `refused, nothing changed: ${error.message}`, ExitCode.usage);
        return fail('internal', journalled(`stopped by a refusal after the changes had begun: ${error.message}`), ExitCode.stopped);
      }
      if (isDirectoryError(error)) {
        return fail(
          'directory',
          journalled(`stopped by a directory error: ${describeDirectoryFailure(error, settings.connection)}`),
          ExitCode.stopped,
          'error',
          directoryCode(error),
        );
      }
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return fail('internal', journalled(`stopped by an unexpected error: ${message}`), ExitCode.stopped);
    }
    flushPlan();

    const exitCode = exitCodeFor(outcome);
    for (const line of outcomeLogLines(outcome, exitCode)) log.write(line.level, line.text);
    if (output.json !== undefined) {
      output.json.end({ ...end, outcome, error: null, exitCode });
    } else {
      output.out(
        summaryLines(outcome, {
          title: titleOf(command),
          exitCode,
          logFile: settings.logFile,
          ...(test ? { plannedChanges } : {}),
        }),
      );
    }
    return exitCode;
  } finally {
    await session.closeAll();
    await log.flush();
  }
}
