import { z } from 'zod';

/** Every reply across the process boundary is a result, never a thrown error: the renderer always gets data. */
export const appErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  detail: z.string().optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err = { readonly ok: false; readonly error: AppError };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: string, message: string, detail?: string): Err => ({
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
} as const;
