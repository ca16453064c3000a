/**
 * The seed's log file (`ExchFailover.log`, or `-l FILE`): appended to, one timestamped line per event, every line
 * masked for the password and then escaped (log-text.ts): each `write` is exactly one line, whatever its text holds,
 * so a value with a line break in it can never forge a line ("Result: done and verified"). The program writes
 * several lines by writing several times. Lines are batched into few appends, so an engine that logs a lot does not
 * wait on disk.
 */
import type { CliFiles } from './cli-files';
import { escapeLine } from './log-text';
import type { SecretMask } from '../shared/redaction';

export type LogLevel = 'info' | 'warn' | 'error';

/** An open log file. */
export interface FailoverLog {
  /** Queues one line: line breaks and other control characters in `text` are escaped; never throws. */
  write(level: LogLevel, text: string): void;
  /** Resolves when every queued line has been appended (or has failed to be). */
  flush(): Promise<void>;
}

export interface OpenLogOptions {
  readonly path: string;
  readonly files: CliFiles;
  readonly now: () => Date;
  readonly mask: SecretMask;
  /** Told once when an append fails after the log was opened. */
  readonly onError: (error: unknown) => void;
}

const LEVEL_TEXT: Record<LogLevel, string> = { info: 'INFO ', warn: 'WARN ', error: 'ERROR' };

/**
 * Opens the log by appending its first lines at once, so a log file that cannot be written is refused before
 * anything else happens (the caller turns the rejection into a usage error).
 */
export async function openFailoverLog(options: OpenLogOptions, firstLines: readonly string[]): Promise<FailoverLog> {
  const format = (level: LogLevel, text: string): string => `${options.now().toISOString()} ${LEVEL_TEXT[level]} ${escapeLine(options.mask.text(text))}\n`;
  await options.files.appendText(options.path, firstLines.map((line) => format('info', line)).join(''));

  let pending = '';
  let writing: Promise<void> = Promise.resolve();
  let failed = false;
  const drain = async (): Promise<void> => {
    const text = pending;
    pending = '';
    if (text === '' || failed) return;
    try {
      await options.files.appendText(options.path, text);
    } catch (error) {
      failed = true;
      options.onError(error);
    }
  };
  return {
    write(level, text) {
      const wasEmpty = pending === '';
      pending += format(level, text);
      if (wasEmpty) writing = writing.then(drain);
    },
    async flush() {
      for (;;) {
        const current = writing;
        await current;
        if (current === writing && pending === '') return;
      }
    },
  };
}
