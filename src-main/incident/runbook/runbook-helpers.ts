/**
 * What a runbook step needs besides the world: the default time each tool may take, the errors that end a step as
 * cancelled or timed out, waiting for a condition with a timeout and live progress, and asking the operator.
 */
import type { OperatorAnswer, OperatorQuestion, RunbookContext, RunbookProgress, RunbookTool } from './runbook-step';

/**
 * How long one action may take before its step fails as timed out, by tool, when the action does not say: 2 min for
 * a cluster.exe or DTCL command or a directory read, 30 s for a probe, 10 min for the failover engine and for a wait
 * (the stores mounting, a queue draining). An operator's answer has no limit: people take the time they need.
 */
export const DEFAULT_ACTION_TIMEOUT_MS: Readonly<Record<RunbookTool, number>> = {
  cluster: 2 * 60_000,
  dtcl: 2 * 60_000,
  directory: 2 * 60_000,
  probe: 30_000,
  exchfailover: 10 * 60_000,
  wait: 10 * 60_000,
  operator: Number.POSITIVE_INFINITY,
};

/** The operator declined, or the run was aborted: the step (and the run) ends as cancelled. */
export class RunbookCancelled extends Error {
  override readonly name = 'RunbookCancelled';
}

/** An action or a wait took longer than it may. */
export class RunbookTimeout extends Error {
  override readonly name = 'RunbookTimeout';
}

/** "2 min", "45 s", "1 h 5 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'no limit';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m < 60) return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export interface WaitPoll<T> {
  /** True when the condition holds. */
  readonly done: boolean;
  readonly value: T;
  /** Shown after every poll ("2 of 3 stores mounted; Mailbox Store (EXCHVS-DR): event 1087 …"). */
  readonly progress?: RunbookProgress;
}

export interface WaitOptions<T> {
  /** What is waited for, for the timeout's message ("the stores of EXCHVS-DR to mount"). */
  readonly what: string;
  readonly timeoutMs: number;
  /** Between two polls (world time: the lab's time passes with it). */
  readonly intervalMs: number;
  readonly poll: (signal: AbortSignal) => Promise<WaitPoll<T>>;
  /** Adds to the timeout's message what the last poll found. */
  readonly describe?: (last: T) => string;
}

/**
 * Polls until the condition holds, showing progress after each poll; throws RunbookTimeout (with what the last poll
 * found) when `timeoutMs` of world time passed, RunbookCancelled when the run is aborted.
 */
export async function waitUntil<T>(context: RunbookContext, options: WaitOptions<T>): Promise<T> {
  const { world, signal } = context;
  const start = world.now().getTime();
  for (;;) {
    if (signal.aborted) throw new RunbookCancelled(`Cancelled while waiting for ${options.what}.`);
    const polled = await options.poll(signal);
    if (polled.progress !== undefined) context.progress(polled.progress);
    if (polled.done) return polled.value;
    const elapsed = world.now().getTime() - start;
    if (elapsed >= options.timeoutMs) {
      const found = options.describe === undefined ? '' : `: ${options.describe(polled.value)}`;
      throw new RunbookTimeout(`Timed out after ${formatDuration(options.timeoutMs)} waiting for ${options.what}${found}.`);
    }
    try {
      await world.sleep(Math.min(options.intervalMs, Math.max(1, options.timeoutMs - elapsed)), signal);
    } catch {
      throw new RunbookCancelled(`Cancelled while waiting for ${options.what}.`);
    }
  }
}

/**
 * Asks the operator and returns an acceptance (or a scheduled time); a refusal ends the step as cancelled, saying
 * who declined and why.
 */
export async function askOperator(context: RunbookContext, question: OperatorQuestion): Promise<Exclude<OperatorAnswer, { kind: 'declined' }>> {
  const answer = await context.ask(question);
  if (answer.kind === 'declined') {
    throw new RunbookCancelled(`${answer.by} declined: ${question.text}${answer.note === undefined ? '' : ` (${answer.note})`}`);
  }
  return answer;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
