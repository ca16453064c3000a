import { isAbsolute, join, resolve } from 'node:path';

/** What the desktop program reads from its command line (Chromium's own switches are left alone). */
export interface ShellArguments {
  /** `--lab <folder>` or `--lab=<folder>`: where the lab lives instead of the user-data folder. */
  readonly labFolder?: string;
  /** `--pair <file>` or `--pair=<file>`: where the pair document lives instead of `<lab>/pair.json`. */
  readonly pairFile?: string;
  /**
   * `--profile <file>` or `--profile=<file>`: the connection profile of a real pair. With it the program works on
   * the real clusters, directory and nodes the profile names, from the pair document `--pair` gives (required then).
   */
  readonly profileFile?: string;
}

/** A command line the program cannot start with; shown to the user as it is. */
export class CommandLineError extends Error {
  override readonly name = 'CommandLineError';
}

const OPTIONS = {
  '--lab': { key: 'labFolder', example: 'C:\\Labs\\pair1', what: 'a folder' },
  '--pair': { key: 'pairFile', example: 'C:\\HA\\pair.json', what: 'a file' },
  '--profile': { key: 'profileFile', example: 'C:\\HA\\profile.json', what: 'a file' },
} as const;
type OptionName = keyof typeof OPTIONS;

/** Parses the program's arguments (without the executable). Throws {@link CommandLineError} on an option without its value. */
export function parseShellArguments(argv: readonly string[]): ShellArguments {
  const found: { labFolder?: string; pairFile?: string; profileFile?: string } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    for (const name of Object.keys(OPTIONS) as OptionName[]) {
      const option = OPTIONS[name];
      if (arg === name) {
        const next = argv[i + 1];
        if (next === undefined || next === '' || next.startsWith('--')) {
          throw new CommandLineError(`The ${name} option needs ${option.what}, for example: ${name} ${option.example}`);
        }
        found[option.key] = next;
        i += 1;
      } else if (arg.startsWith(`${name}=`)) {
        const value = arg.slice(name.length + 1);
        if (value === '') throw new CommandLineError(`The ${name} option needs ${option.what}, for example: ${name}=${option.example}`);
        found[option.key] = value;
      }
    }
  }
  if (found.profileFile !== undefined && found.pairFile === undefined) {
    throw new CommandLineError('A connection profile (--profile) works on a pair document: give it with --pair, for example: --pair C:\\HA\\pair.json --profile C:\\HA\\profile.json');
  }
  return found;
}

/** The lab folder: the one given (relative to the working folder), else `<userData>/lab`. */
export function resolveLabFolder(args: ShellArguments, userDataPath: string, cwd: string): string {
  if (args.labFolder === undefined) return join(userDataPath, 'lab');
  return isAbsolute(args.labFolder) ? args.labFolder : resolve(cwd, args.labFolder);
}

/** The pair document's file when one was given (relative to the working folder), else undefined (the lab's). */
export function resolvePairFile(args: ShellArguments, cwd: string): string | undefined {
  if (args.pairFile === undefined) return undefined;
  return isAbsolute(args.pairFile) ? args.pairFile : resolve(cwd, args.pairFile);
}

/** The connection profile's file when one was given (relative to the working folder), else undefined (the lab). */
export function resolveProfileFile(args: ShellArguments, cwd: string): string | undefined {
  if (args.profileFile === undefined) return undefined;
  return isAbsolute(args.profileFile) ? args.profileFile : resolve(cwd, args.profileFile);
}
