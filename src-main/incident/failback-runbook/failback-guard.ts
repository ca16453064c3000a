/**
 * A new failover soon after a failback asks for an explicit reason: within `incident.guardMinutes` of the last
 * failback's end, the source has just come back, and failing over again is more likely a flapping source or a
 * mistake than a new disaster. Pure: the failover's caller asks the operator (question kind `guard`) when it says so.
 */
import type { OperatorQuestion } from '../runbook/runbook-step';

export type FailbackGuard =
  | { readonly kind: 'clear' }
  | {
      readonly kind: 'reason-needed';
      /** Minutes (rounded up) until the guard period ends. */
      readonly minutesLeft: number;
      readonly question: Extract<OperatorQuestion, { kind: 'guard' }>;
    };

/** Thrown for input that is not a time or a period: says which argument and what it was. */
export class FailbackGuardInputError extends Error {
  override readonly name = 'FailbackGuardInputError';
}

function time(value: Date | string, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new FailbackGuardInputError(`failbackGuard: ${name} is not a date and time (${String(value)}).`);
  return ms;
}

/**
 * Whether a failover now needs a reason: `lastFailbackEnd` (ISO 8601 or a Date; undefined when there was none) is
 * less than `guardMinutes` before `now`. A failback that ended "in the future" (a clock set back) counts as just now.
 */
export function failbackGuard(lastFailbackEnd: Date | string | undefined, now: Date, guardMinutes: number): FailbackGuard {
  if (!Number.isFinite(guardMinutes) || guardMinutes < 0) throw new FailbackGuardInputError(`failbackGuard: guardMinutes must be 0 or more, not ${guardMinutes}.`);
  const nowMs = time(now, 'now');
  if (lastFailbackEnd === undefined || guardMinutes === 0) return { kind: 'clear' };
  const endMs = time(lastFailbackEnd, 'lastFailbackEnd');
  const leftMs = endMs + guardMinutes * 60_000 - nowMs;
  if (leftMs <= 0) return { kind: 'clear' };
  const since = Math.max(0, Math.floor((nowMs - endMs) / 60_000));
  const minutesLeft = Math.ceil(leftMs / 60_000);
  return {
    kind: 'reason-needed',
    minutesLeft,
    question: {
      kind: 'guard',
      text:
        `A failback ended ${since} min ago (at ${new Date(endMs).toISOString()}), within the guard period of ${guardMinutes} min ` +
        `(incident.guardMinutes). Failing over again so soon is often a flapping source or a mistake: give the reason for this failover to go on.`,
    },
  };
}
