/**
 * Runs preflight checks one at a time with a time limit each, honouring an AbortSignal, and turns whatever a check
 * throws (a tool that prints garbage, a library bug) into a failed check: the preflight never hangs or crashes on
 * the world it reads.
 */
import {
  SKIPPED_CANCELLED,
  errorText,
  type CheckOutcome,
  type CheckSpec,
  type PreflightCheck,
} from './preflight-check';

/** How one body ended: with a value, by throwing, by running out of time, or by cancellation. */
export type Attempt<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'cancelled' };

export interface CheckRunnerOptions {
  readonly signal?: AbortSignal;
  /** The time limit of each check, in milliseconds. */
  readonly timeoutMs: number;
  /** Told of each check as soon as its result is known. */
  readonly onCheck?: (check: PreflightCheck) => void;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export class CheckRunner {
  readonly #options: CheckRunnerOptions;
  readonly #checks: PreflightCheck[] = [];

  constructor(options: CheckRunnerOptions) {
    this.#options = options;
  }

  get checks(): readonly PreflightCheck[] {
    return this.#checks;
  }

  get cancelled(): boolean {
    return this.#options.signal?.aborted === true;
  }

  get timeoutText(): string {
    return seconds(this.#options.timeoutMs);
  }

  /**
   * Runs `body` under the time limit and the signal (the body gets a signal that fires on either). A body still
   * running when the time is up is left to its own adapter's timeout; its result is ignored.
   */
  async attempt<T>(body: (signal: AbortSignal) => Promise<T>): Promise<Attempt<T>> {
    if (this.cancelled) return { kind: 'cancelled' };
    const controller = new AbortController();
    const outer = this.#options.signal;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const stop = new Promise<Attempt<T>>((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new Error(`no answer within ${this.timeoutText}`));
        resolve({ kind: 'timeout' });
      }, this.#options.timeoutMs);
      onAbort = () => {
        controller.abort(outer?.reason);
        resolve({ kind: 'cancelled' });
      };
      outer?.addEventListener('abort', onAbort, { once: true });
    });
    const run = (async (): Promise<Attempt<T>> => {
      try {
        return { kind: 'value', value: await body(controller.signal) };
      } catch (error) {
        return { kind: 'error', error };
      }
    })();
    try {
      const first = await Promise.race([run, stop]);
      // A body that failed because the run was cancelled or timed out reports that, not its own error.
      if (first.kind === 'error' && controller.signal.aborted) return this.cancelled ? { kind: 'cancelled' } : { kind: 'timeout' };
      return first;
    } finally {
      clearTimeout(timer);
      if (onAbort !== undefined) outer?.removeEventListener('abort', onAbort);
    }
  }

  /** Records a finished check and tells the listener. */
  record(check: PreflightCheck): PreflightCheck {
    this.#checks.push(check);
    this.#options.onCheck?.(check);
    return check;
  }

  /** Records `spec` as skipped: because an earlier check it needs (named by id) did not pass, or `cancelled`. */
  skip(spec: CheckSpec, because: string): PreflightCheck {
    return this.record({ ...spec, result: 'skipped', skippedBecause: because });
  }

  /** Records the outcome of a body. */
  outcome(spec: CheckSpec, outcome: CheckOutcome): PreflightCheck {
    return outcome.ok
      ? this.record({ ...spec, result: 'ok', detail: outcome.detail })
      : this.record({ ...spec, result: 'failed', failure: { what: outcome.what, where: outcome.where ?? spec.where, next: outcome.next } });
  }

  /**
   * Runs one check: skipped when a check it needs did not pass (or the run is cancelled); otherwise `body` under the
   * time limit, a throw or a timeout becoming a failure with `onError`'s words (or generic ones).
   */
  async check(
    spec: CheckSpec,
    needs: readonly PreflightCheck[],
    body: (signal: AbortSignal) => Promise<CheckOutcome>,
    onError?: (error: unknown) => CheckOutcome,
  ): Promise<PreflightCheck> {
    const blocker = needs.find((need) => need.result !== 'ok');
    if (blocker !== undefined) return this.skip(spec, blocker.result === 'skipped' ? blocker.skippedBecause : blocker.id);
    const attempt = await this.attempt(body);
    switch (attempt.kind) {
      case 'value':
        return this.outcome(spec, attempt.value);
      case 'cancelled':
        return this.skip(spec, SKIPPED_CANCELLED);
      case 'timeout':
        return this.outcome(spec, {
          ok: false,
          what: `No answer from ${spec.where} within the time limit of ${this.timeoutText}.`,
          next: `Check that ${spec.where} is up and reachable from this computer, then run the check again.`,
        });
      case 'error':
        return this.outcome(
          spec,
          onError?.(attempt.error) ?? {
            ok: false,
            what: `The check failed unexpectedly: ${errorText(attempt.error)}`,
            next: `Run the command shown by hand to see what ${spec.where} answers, and fix what it reports.`,
          },
        );
    }
  }
}
