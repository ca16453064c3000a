import type { ContractTransport } from '../../src-main/contract';

/**
 * The browser preview's transport: the contract over the preview server's loopback WebSocket. It speaks the frames of
 * src-main/preview/wire.ts (which the renderer may not import): requests `{id, channel, payload}`, replies
 * `{id, result}`, job events `{event}`. The one-time token travels as an offered sub-protocol, never in a URL.
 */

/** Must match src-main/preview/wire.ts (checked by test/unit/renderer/preview-socket.test.ts). */
export const PREVIEW_PROTOCOL = 'exchange-ha-wizard.v1';
export const TOKEN_PROTOCOL_PREFIX = 'token.';
export const SOCKET_PATH = '/ws';

/** The part of a WebSocket this transport uses: the browser's, or `ws` in tests. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

export interface PreviewSocketTransport extends ContractTransport {
  /** Called once when the socket closes (server stopped, token refused). */
  onClose(listener: () => void): () => void;
}

const OPEN = 1;

/** Accepts only the 64 hex digits the preview server issues. */
export const isPreviewToken = (token: string): boolean => /^[0-9a-f]{64}$/.test(token);

/** Reads `#token=…` from a location hash; undefined when there is none or it is malformed. */
export function tokenFromHash(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? undefined;
  return token !== undefined && isPreviewToken(token) ? token : undefined;
}

export function createPreviewSocketTransport(options: { url: string; token: string; connect: SocketFactory }): PreviewSocketTransport {
  const socket = options.connect(options.url, [PREVIEW_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${options.token}`]);
  let nextId = 1;
  let closed = false;
  const waiting: string[] = [];
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const eventListeners = new Set<(event: unknown) => void>();
  const closeListeners = new Set<() => void>();

  socket.addEventListener('open', () => {
    for (const text of waiting.splice(0)) socket.send(text);
  });
  socket.addEventListener('message', ({ data }) => {
    if (typeof data !== 'string') return;
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
  const onGone = (): void => {
    if (closed) return;
    closed = true;
    waiting.length = 0;
    for (const entry of pending.values()) entry.reject(new Error('The connection to the preview server was lost.'));
    pending.clear();
    for (const listener of closeListeners) listener();
  };
  socket.addEventListener('close', onGone);
  socket.addEventListener('error', onGone);

  return {
    invoke({ channel, payload }) {
      if (closed) return Promise.reject(new Error('The connection to the preview server was lost.'));
      const id = nextId++;
      const text = JSON.stringify({ id, channel, payload });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (socket.readyState === OPEN) socket.send(text);
        else waiting.push(text);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onClose(listener) {
      if (closed) {
        listener();
        return () => undefined;
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };
}
