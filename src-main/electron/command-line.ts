import { isAbsolute, join, resolve } from 'node:path';

/** What the desktop program reads from its command line (Chromium's own switches are left alone). */
export interface ShellArguments {
  /** `--lab <folder>` or `--lab=<folder>`: where the lab lives instead of the user-data folder. */
  readonly labFolder?: string;
}

/** A command line the program cannot start with; shown to the user as it is. */
export class CommandLineError extends Error {
  override readonly name = 'CommandLineError';
}

/** Parses the program's arguments (without the executable). Throws {@link CommandLineError} on `--lab` without a folder. */
export function parseShellArguments(argv: readonly string[]): ShellArguments {
  let labFolder: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--lab') {
      const next = argv[i + 1];
      if (next === undefined || next === '' || next.startsWith('--')) {
        throw new CommandLineError('The --lab option needs a folder, for example: --lab C:\\Labs\\pair1');
      }
      labFolder = next;
      i += 1;
    } else if (arg.startsWith('--lab=')) {
      const value = arg.slice('--lab='.length);
      if (value === '') throw new CommandLineError('The --lab option needs a folder, for example: --lab=C:\\Labs\\pair1');
      labFolder = value;
    }
  }
  return labFolder === undefined ? {} : { labFolder };
}

/** The lab folder: the one given (relative to the working folder), else `<userData>/lab`. */
export function resolveLabFolder(args: ShellArguments, userDataPath: string, cwd: string): string {
  if (args.labFolder === undefined) return join(userDataPath, 'lab');
  return isAbsolute(args.labFolder) ? args.labFolder : resolve(cwd, args.labFolder);
}
