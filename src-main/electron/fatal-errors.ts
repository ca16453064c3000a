import { redactSecrets } from '../shared/redaction';
import type { ShellLog } from './shell-log';

export const COPY_AND_QUIT = 'Copy error and quit';
export const QUIT = 'Quit';

/** The error's stack (or message) and its `cause` chain, as one text. */
export function formatFatalError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    if (current instanceof Error) {
      parts.push(current.stack ?? `${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(typeof current === 'string' ? current : safeStringify(current));
      current = undefined;
    }
    if (current !== undefined && current !== null) parts.push('Caused by:');
  }
  return parts.length > 0 ? parts.join('\n') : String(error);
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export interface FatalDialog {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
}

export interface FatalErrorDeps {
  readonly appVersion: string;
  readonly homeDir?: string;
  /** Shows the dialog and resolves to the index of the button pressed. */
  readonly showDialog: (dialog: FatalDialog) => Promise<number> | number;
  readonly copyToClipboard: (text: string) => void;
  readonly exit: (code: number) => void;
  readonly log: ShellLog;
}

/**
 * Builds the handler for uncaught exceptions and unhandled rejections: one dialog with the redacted error and "Copy
 * error and quit", then the program exits. A second error while the dialog is open is logged, not stacked.
 */
export function createFatalErrorHandler(deps: FatalErrorDeps): (error: unknown, origin: string) => Promise<void> {
  let handling = false;
  return async (error, origin) => {
    const redact = (text: string): string =>
      redactSecrets(text, deps.homeDir === undefined ? {} : { homeDir: deps.homeDir });
    const report = redact(`Exchange HA Wizard ${deps.appVersion}\n${origin}\n\n${formatFatalError(error)}`);
    deps.log.error('Fatal error', { origin, report });
    if (handling) return;
    handling = true;
    try {
      const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      const pressed = await deps.showDialog({
        title: 'Exchange HA Wizard',
        message: `The program hit an error it cannot recover from and will close.\n${redact(firstLine).slice(0, 300)}`,
        detail: report,
        buttons: [COPY_AND_QUIT, QUIT],
      });
      if (pressed === 0) deps.copyToClipboard(report);
    } catch (e) {
      deps.log.error('Could not show the error dialog', { error: String(e) });
    } finally {
      deps.exit(1);
    }
  };
}
