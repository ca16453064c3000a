import type { ContractTransport } from '../contract/client';
import { INVOKE_CHANNEL, JOB_EVENT_CHANNEL } from '../contract/channel-names';

/** The part of Electron's `ipcRenderer` the preload uses (passed in so the API can be tested without Electron). */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Exactly the contract's transport: one invoke, one event stream. The renderer never sees `ipcRenderer`, an IPC event
 * object or a channel name; it cannot reach any channel but the two the contract owns.
 */
export function createPreloadApi(ipc: PreloadIpc): ContractTransport {
  return {
    invoke(message) {
      const envelope =
        typeof message === 'object' && message !== null ? { channel: message.channel, payload: message.payload } : message;
      return ipc.invoke(INVOKE_CHANNEL, envelope);
    },
    onEvent(listener) {
      const forward = (_event: unknown, jobEvent: unknown): void => listener(jobEvent);
      ipc.on(JOB_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(JOB_EVENT_CHANNEL, forward);
      };
    },
  };
}
