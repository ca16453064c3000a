/**
 * `--log FILE` for `exchange-ha setup`, `check` and `incident`: the diagnostic log, one JSON line per call to the
 * outside world (cluster.exe, dtcl.exe, the directory, the nodes' files), per setup action and per preflight check,
 * appended to FILE. None by default. Taken out of the arguments before the command's own parser reads them, so
 * every command keeps its parser; another command given `--log` is refused by its parser as an unknown option.
 */
import { isAbsolute, resolve } from 'node:path';
import { createLogger, openLogFile } from '../../shared/logger';
import type { Logger } from '../../shared/log-port';
import { UsageError } from '../usage-error';

/** The commands that take `--log`. */
const LOGGING_COMMANDS: ReadonlySet<string> = new Set(['setup', 'check', 'incident']);

export interface LogOption {
  /** The arguments without `--log FILE`. */
  readonly argv: readonly string[];
  /** Absolute path of the log file, when `--log` was given. */
  readonly file?: string;
}

/**
 * Takes `--log FILE` (or `--log=FILE`) out of a setup or check command line. Throws UsageError naming the argument
 * when FILE is missing or given twice; leaves any other command's arguments as they are.
 */
export function takeLogOption(argv: readonly string[], cwd: string): LogOption {
  if (!LOGGING_COMMANDS.has(argv[0] ?? '')) return { argv };
  const rest: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    let value: string | undefined;
    if (arg === '--log') {
      value = argv[i + 1];
      if (value === undefined || value === '' || value.startsWith('--')) {
        throw new UsageError(`--log (argument ${i + 1}) needs a FILE: the diagnostic log to append to`);
      }
      i += 1;
    } else if (arg.startsWith('--log=')) {
      value = arg.slice('--log='.length);
      if (value === '') throw new UsageError(`--log= (argument ${i + 1}) needs a FILE: the diagnostic log to append to`);
    } else {
      rest.push(arg);
      continue;
    }
    if (file !== undefined) throw new UsageError(`--log (argument ${i + 1}) is given twice; give one FILE`);
    file = isAbsolute(value) ? value : resolve(cwd, value);
  }
  return file === undefined ? { argv: rest } : { argv: rest, file };
}

/** The diagnostic logger appending to `file` (its folder created when missing), and how to close it. */
export function openDiagnosticLog(file: string, homeDir?: string): { readonly logger: Logger; close(): void } {
  const destination = openLogFile(file);
  const logger = createLogger({ destination, ...(homeDir === undefined ? {} : { homeDir }) });
  return {
    logger,
    close: () => {
      logger.flush();
      destination.end();
    },
  };
}
