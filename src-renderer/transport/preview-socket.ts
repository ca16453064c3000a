import type { ContractTransport } from '../../src-main/contract';

/**
 * The browser preview's transport: the contract over the preview server's loopback WebSocket. It speaks the frames of
 * src-main/preview/wire.ts (which the renderer may not import): requests `{id, channel, payload}`, replies
 * `{id, result}`, job events `{event}`. The session token and the tab's id travel as offered sub-protocols, never in
 * a URL. A connection that drops is opened again a bounded number of times, with a growing delay, before the
 * transport gives up; a connection the server closes because another tab holds the preview is not retried.
 */

/** Must match src-main/preview/wire.ts (checked by test/unit/renderer/preview-socket.test.ts). */
export const PREVIEW_PROTOCOL = 'exchange-ha-wizard.v1';
export const TOKEN_PROTOCOL_PREFIX = 'token.';
export const TAB_PROTOCOL_PREFIX = 'tab.';
export const SOCKET_PATH = '/ws';
/** The server's close codes (wire.ts `CloseCode`). */
export const CLOSE_IN_OTHER_TAB = 4001;
export const CLOSE_REPLACED = 4002;

/** How long to wait before each new attempt after a drop (ms): about 16 s in all, then the connection is lost. */
export const RECONNECT_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 4000, 8000];

/** The part of a WebSocket this transport uses: the browser's, or `ws` in tests. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'close', listener: (event: { code: number }) => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

/** Where the connection to the preview server stands. */
export type PreviewConnectionStatus =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open' }
  /** It dropped; attempt `attempt` of `of` is waiting or under way. */
  | { readonly kind: 'reconnecting'; readonly attempt: number; readonly of: number }
  /** Final: another tab of this preview holds the connection. */
  | { readonly kind: 'in-other-tab' }
  /** Final: this tab's id connected again elsewhere (a duplicated tab) and took the connection over. */
  | { readonly kind: 'replaced' }
  /** Final: every attempt failed (the preview stopped, or was started again with a new address). */
  | { readonly kind: 'lost' };

export type FinalConnectionStatus = Extract<PreviewConnectionStatus, { kind: 'in-other-tab' | 'replaced' | 'lost' }>;

export interface PreviewSocketTransport extends ContractTransport {
  /** Where the connection stands now (the same object until it changes). */
  status(): PreviewConnectionStatus;
  /** Called on every change of `status()`; returns the unsubscribe function. */
  onStatus(listener: () => void): () => void;
  /** Called once when the transport gives up for good (refused for another tab, replaced, or lost). */
  onClose(listener: (status: FinalConnectionStatus) => void): () => void;
}

export interface PreviewSocketOptions {
  readonly url: string;
  readonly token: string;
  /** This tab's id (kept across reloads), so that the server knows a reloaded page as the same tab. */
  readonly tabId?: string;
  readonly connect: SocketFactory;
  /** The delays before each attempt after a drop (default `RECONNECT_DELAYS_MS`). */
  readonly reconnectDelaysMs?: readonly number[];
  /** Runs `run` after `ms` (default: setTimeout). */
  readonly schedule?: (run: () => void, ms: number) => void;
}

const OPEN = 1;
const DROPPED = 'The connection to the preview server dropped before it answered: what was asked may or may not have been done.';
const GONE = 'The connection to the preview server was lost.';

/** Accepts only the 64 hex digits the preview server issues. */
export const isPreviewToken = (token: string): boolean => /^[0-9a-f]{64}$/.test(token);
/** Accepts only the 32 hex digits a page chooses for its tab. */
export const isTabId = (id: string): boolean => /^[0-9a-f]{32}$/.test(id);

/** Reads `#token=…` from a location hash; undefined when there is none or it is malformed. */
export function tokenFromHash(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? undefined;
  return token !== undefined && isPreviewToken(token) ? token : undefined;
}

/** What the page tells the user about a status; undefined while nothing needs saying (open, connecting). */
export function describeConnection(status: PreviewConnectionStatus): { title: string; text: string } | undefined {
  switch (status.kind) {
    case 'connecting':
    case 'open':
      return undefined;
    case 'reconnecting':
      return {
        title: 'Reconnecting',
        text: `The connection to the preview server dropped. Reconnecting (attempt ${status.attempt} of ${status.of})…`,
      };
    case 'in-other-tab':
      return {
        title: 'The wizard is open in another tab',
        text:
          'This preview serves one tab at a time, and another tab of it is connected. Go on in that tab, or close it ' +
          'and then reload this one.',
      };
    case 'replaced':
      return {
        title: 'The wizard was opened again from this tab',
        text:
          'A copy of this tab (a duplicated tab) connected to the preview and took the connection over. Close the copy ' +
          'and reload this page to go on here.',
      };
    case 'lost':
      return {
        title: 'Disconnected',
        text:
          'The preview server does not answer: it may have stopped. Start it again with npm run preview and open the ' +
          'new address it prints (the old one does not work with a new server).',
      };
  }
}

interface Pending {
  readonly text: string;
  sent: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export function createPreviewSocketTransport(options: PreviewSocketOptions): PreviewSocketTransport {
  const protocols = [
    PREVIEW_PROTOCOL,
    `${TOKEN_PROTOCOL_PREFIX}${options.token}`,
    ...(options.tabId !== undefined && isTabId(options.tabId) ? [`${TAB_PROTOCOL_PREFIX}${options.tabId}`] : []),
  ];
  const delays = options.reconnectDelaysMs ?? RECONNECT_DELAYS_MS;
  const schedule = options.schedule ?? ((run: () => void, ms: number) => void setTimeout(run, ms));
  let nextId = 1;
  let socket: SocketLike | undefined;
  /** Attempts since the last open. */
  let failures = 0;
  let current: PreviewConnectionStatus = { kind: 'connecting' };
  let final: FinalConnectionStatus | undefined;
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(event: unknown) => void>();
  const statusListeners = new Set<() => void>();
  const closeListeners = new Set<(status: FinalConnectionStatus) => void>();

  const setStatus = (status: PreviewConnectionStatus): void => {
    current = status;
    for (const listener of [...statusListeners]) listener();
  };

  const sendWaiting = (): void => {
    if (socket === undefined || socket.readyState !== OPEN) return;
    for (const entry of pending.values()) {
      if (entry.sent) continue;
      entry.sent = true;
      socket.send(entry.text);
    }
  };

  const rejectPending = (which: 'sent' | 'all', message: string): void => {
    for (const [id, entry] of pending) {
      if (which === 'sent' && !entry.sent) continue;
      pending.delete(id);
      entry.reject(new Error(message));
    }
  };

  const giveUp = (status: FinalConnectionStatus): void => {
    final = status;
    rejectPending('all', GONE);
    setStatus(status);
    for (const listener of [...closeListeners]) listener(status);
    closeListeners.clear();
  };

  /** The socket closed (`code` undefined when it could not even be created). */
  const dropped = (code: number | undefined): void => {
    socket = undefined;
    // A request sent on the dropped socket has no answer coming: the server cancels what that socket had running.
    rejectPending('sent', DROPPED);
    if (code === CLOSE_IN_OTHER_TAB) return giveUp({ kind: 'in-other-tab' });
    if (code === CLOSE_REPLACED) return giveUp({ kind: 'replaced' });
    if (failures >= delays.length) return giveUp({ kind: 'lost' });
    const delay = delays[failures] ?? 0;
    failures += 1;
    setStatus({ kind: 'reconnecting', attempt: failures, of: delays.length });
    schedule(open, delay);
  };

  function open(): void {
    let made: SocketLike;
    try {
      made = options.connect(options.url, protocols);
    } catch {
      dropped(undefined);
      return;
    }
    socket = made;
    made.addEventListener('open', () => {
      if (socket !== made) return;
      failures = 0;
      setStatus({ kind: 'open' });
      sendWaiting();
    });
    made.addEventListener('message', ({ data }) => {
      if (socket !== made || typeof data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(data);
      } catch {
        return;
      }
      if (typeof frame !== 'object' || frame === null) return;
      if ('event' in frame) {
        for (const listener of eventListeners) listener(frame.event);
        return;
      }
      if ('id' in frame && 'result' in frame && typeof frame.id === 'number') {
        const entry = pending.get(frame.id);
        pending.delete(frame.id);
        entry?.resolve(frame.result);
      }
    });
    // A failed socket fires `error` then `close`; only `close` carries the code, so it alone decides. (The error
    // listener is still needed: Node's `ws`, which the tests use, throws an error nobody listens to.)
    made.addEventListener('error', () => undefined);
    made.addEventListener('close', (event) => {
      if (socket !== made) return;
      dropped(event.code);
    });
  }

  open();

  return {
    invoke({ channel, payload }) {
      if (final !== undefined) return Promise.reject(new Error(GONE));
      const id = nextId++;
      const text = JSON.stringify({ id, channel, payload });
      return new Promise((resolve, reject) => {
        // Asked while the connection is down: sent once it is open again (or failed when it is given up).
        pending.set(id, { text, sent: false, resolve, reject });
        sendWaiting();
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    status: () => current,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onClose(listener) {
      if (final !== undefined) {
        listener(final);
        return () => undefined;
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };
}
