/**
 * How the benchmark runs the `exchfailover` command line: the built CLI (`node out/main/exchfailover.js`) when it
 * exists, else the TypeScript source through tsx (`node --import tsx src-main/cli/exchfailover.ts`), or any command
 * given with `--command "..."` / EXCHFAILOVER_BENCH_COMMAND (split on spaces; relative paths are relative to the
 * repository root, which is the child's working folder).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The argv prefix that starts the command line, and where it came from. */
export interface ExchfailoverCommand {
  readonly argv: readonly string[];
  readonly origin: 'built' | 'source' | 'given';
}

/** What the benchmark passes for one run. */
export interface ExchfailoverRun {
  readonly url: string;
  readonly bindDn: string;
  readonly passwordFile: string;
  readonly source: string;
  readonly target: string;
  readonly logFile: string;
  /** Omitted for -test (nothing is applied). */
  readonly journalFile?: string;
  /** `-test --json`: plan only. */
  readonly planOnly?: boolean;
}

/** Relative paths of the built CLI and of its source. */
export const BUILT_CLI = join('out', 'main', 'exchfailover.js');
export const SOURCE_CLI = join('src-main', 'cli', 'exchfailover.ts');
/** The engine the source CLI imports: until it exists, the source CLI cannot run. */
export const SOURCE_ENGINE = join('src-main', 'failover', 'engine.ts');

/** The command to run, or undefined when neither the built CLI nor its source (with the engine) exists and none was given. */
export function resolveExchfailoverCommand(repoRoot: string, given: string | undefined): ExchfailoverCommand | undefined {
  if (given !== undefined && given.trim() !== '') return { argv: given.trim().split(/\s+/), origin: 'given' };
  if (existsSync(join(repoRoot, BUILT_CLI))) return { argv: [process.execPath, join(repoRoot, BUILT_CLI)], origin: 'built' };
  if (existsSync(join(repoRoot, SOURCE_CLI)) && existsSync(join(repoRoot, SOURCE_ENGINE))) return { argv: [process.execPath, '--import', 'tsx', join(repoRoot, SOURCE_CLI)], origin: 'source' };
  return undefined;
}

/** The full argv of a `-failover -r` run (or its `-test --json` plan). */
export function exchfailoverArgv(command: ExchfailoverCommand, run: ExchfailoverRun): string[] {
  return [
    ...command.argv,
    '-failover',
    '-s',
    run.source,
    '-t',
    run.target,
    '-r',
    ...(run.planOnly === true ? ['-test', '--json'] : []),
    '-l',
    run.logFile,
    ...(run.journalFile === undefined ? [] : ['--journal', run.journalFile]),
    '--ldap-url',
    run.url,
    '--bind-dn',
    run.bindDn,
    '--password-file',
    run.passwordFile,
  ];
}
