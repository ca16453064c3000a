import { z } from 'zod';
import { errorCodeSchema, type ErrorCode } from './error-catalogue';

/**
 * Every reply across the process boundary is a result, never a thrown error: the renderer always gets data. The code
 * is one of the catalogue's (error-catalogue.ts), which says what it means and what to do next; a reply with any
 * other code does not match the contract.
 */
export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  detail: z.string().optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err = { readonly ok: false; readonly error: AppError };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, detail?: string): Err => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});

/** Builds the zod schema of a result whose value has the given schema. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

/** Error codes the contract itself produces (services add their own). */
export const ContractErrorCode = {
  UnknownChannel: 'contract/unknown-channel',
  InvalidRequest: 'contract/invalid-request',
  InvalidReply: 'contract/invalid-reply',
  UntrustedSender: 'contract/untrusted-sender',
  HandlerFailed: 'contract/handler-failed',
  Cancelled: 'job/cancelled',
  Busy: 'job/busy',
} as const satisfies Readonly<Record<string, ErrorCode>>;
