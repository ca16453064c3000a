import { INVOKE_CHANNEL, JOB_EVENT_CHANNEL, type JobEvent } from '../contract/channels';
import type { Dispatcher } from '../contract/dispatcher';
import { ContractErrorCode, err, type Result } from '../contract/result';
import type { AppLocation } from './app-location';
import { createProgressThrottle, PROGRESS_INTERVAL_MS } from '../shared/progress-throttle';
import { systemTimers, type Timers } from '../shared/timers';
import type { ShellLog } from './shell-log';
import { checkSender, type SenderContentsLike, type SenderEventLike } from './trusted-sender';

/** The part of Electron's `WebContents` the binding uses: it is checked, and it receives job events. */
export interface EventTargetContents extends SenderContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** The part of Electron's `IpcMainInvokeEvent` the binding uses. */
export interface InvokeEventLike extends SenderEventLike {
  readonly sender: EventTargetContents;
}

/** The part of Electron's `ipcMain` the binding uses (passed in, never imported). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcBindingOptions {
  readonly ipcMain: IpcMainLike;
  readonly dispatcher: Dispatcher;
  /** The program's window's WebContents, or undefined while there is none. Asked on every message. */
  readonly trustedContents: () => SenderContentsLike | undefined;
  readonly location: AppLocation;
  readonly log: ShellLog;
  readonly progressIntervalMs?: number;
  readonly timers?: Timers;
}

/** The reply to a message from a frame that is not the program's own: data, never a throw. */
export const untrustedSenderResult = (): Result<never> =>
  err(ContractErrorCode.UntrustedSender, 'The message did not come from the program’s window and was ignored.');

/**
 * Handles one message from the renderer: sender check, then the dispatcher, with the job's progress throttled and
 * sent to the WebContents that asked. Resolves to a result in every case.
 */
export async function handleInvoke(event: InvokeEventLike, message: unknown, options: IpcBindingOptions): Promise<Result<unknown>> {
  const verdict = checkSender(event, options.trustedContents(), options.location);
  if (!verdict.trusted) {
    options.log.warn('Dropped a message from an untrusted sender', { reason: verdict.reason });
    return untrustedSenderResult();
  }
  const target = event.sender;
  const throttle = createProgressThrottle(
    (jobEvent: JobEvent) => {
      if (!target.isDestroyed()) target.send(JOB_EVENT_CHANNEL, jobEvent);
    },
    options.progressIntervalMs ?? PROGRESS_INTERVAL_MS,
    options.timers ?? systemTimers,
  );
  try {
    return await options.dispatcher.dispatch(message, (jobEvent) => throttle.push(jobEvent));
  } catch (e) {
    // The dispatcher promises never to throw; if it does, the renderer still gets data.
    options.log.error('The dispatcher threw', { error: e instanceof Error ? e.message : String(e) });
    return err(ContractErrorCode.HandlerFailed, 'The program failed to handle the request.');
  } finally {
    throttle.flush();
  }
}

/**
 * Binds the single invoke channel to the dispatcher. Electron objects come in as parameters so tests pass fakes.
 * Returns the function that removes the binding.
 */
export function bindIpc(options: IpcBindingOptions): () => void {
  options.ipcMain.handle(INVOKE_CHANNEL, (event, message) => handleInvoke(event, message, options));
  return () => options.ipcMain.removeHandler(INVOKE_CHANNEL);
}
