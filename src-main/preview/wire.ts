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
/** Prefix of the offered sub-protocol that carries the one-time token: `token.<64 hex digits>`. */
export const TOKEN_PROTOCOL_PREFIX = 'token.';
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
