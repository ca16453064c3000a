import { z } from 'zod';
import type { JobEvent } from '../contract/channels';
import type { Result } from '../contract/result';

/**
 * The browser preview's wire format over its loopback WebSocket. The renderer's preview transport
 * (src-renderer/transport/preview-socket.ts) speaks the same frames; it may not import this file (the renderer
 * imports only the contract), so test/unit/renderer/preview-socket.test.ts runs one against the other.
 */

/** The sub-protocol the server selects; the token travels as a second offered sub-protocol and is never echoed. */
export const PREVIEW_PROTOCOL = 'exchange-ha-wizard.v1';
/** Prefix of the offered sub-protocol that carries the session token: `token.<64 hex digits>`. */
export const TOKEN_PROTOCOL_PREFIX = 'token.';
/**
 * Prefix of the offered sub-protocol that names the browser tab: `tab.<32 hex digits>`, chosen by the page and kept
 * in the tab's sessionStorage, so a reloaded page is known as the same tab. Not a secret: the token is.
 */
export const TAB_PROTOCOL_PREFIX = 'tab.';
/** A tab id as the page sends it. */
export const isTabId = (id: string): boolean => /^[0-9a-f]{32}$/.test(id);

/**
 * Close codes (RFC 6455 section 7.4.2: 4000-4999 are the application's) the server ends a socket with when it will
 * not serve it. Browsers do not show a page the HTTP status of a refused handshake, only the close code and reason
 * of a socket that opened, so these refusals open the socket, close it at once and dispatch nothing from it.
 */
export const CloseCode = {
  /** Another tab holds the preview's connection: this one is refused until that one closes. */
  InOtherTab: 4001,
  /** The same tab connected again (a reload, or a duplicated tab): this older connection gives way to it. */
  Replaced: 4002,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
/** The reason sent with each close code (at most 123 bytes, RFC 6455 section 5.5); the page words it its own way. */
export const CLOSE_REASONS: Readonly<Record<CloseCode, string>> = {
  [CloseCode.InOtherTab]: 'The wizard is open in another tab of this preview.',
  [CloseCode.Replaced]: 'This tab connected again; this older connection is closed.',
};
/** The WebSocket endpoint's path. */
export const SOCKET_PATH = '/ws';
/** Larger messages close the socket (1009): nothing in the contract comes near it. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** A request id: the client's to choose, echoed in the reply. */
export const frameIdSchema = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(64)]);

/** Client → server: one contract invocation. */
export const requestFrameSchema = z
  .object({ id: frameIdSchema, channel: z.string().max(200), payload: z.unknown() })
  .strict();
export type RequestFrame = z.infer<typeof requestFrameSchema>;

/** Server → client: the reply to one request (`id` null when the request was too malformed to have one), or a job event. */
export type ServerFrame =
  | { readonly id: string | number | null; readonly result: Result<unknown> }
  | { readonly event: JobEvent };
