/**
 * The Time to Fail countdown, pure: every function takes the time (`now`, milliseconds on the monitor's clock) and
 * returns a new state; no timers here (monitor-service.ts drives it).
 *
 * Time to Fail (TTF) = interval × missed replies (the pair document's monitor; Double-Take's Failover Control Center
 * counts the same way). It counts down from the last reply and restarts on every reply. The status, as Double-Take
 * colours its bullets (https://download.doubletake.com/_download/7.0/7.0.0.2/Docs/LinuxUsersGuide/Content/MonitoringFailover.htm:
 * "When the Time to Fail value has decreased by 25% of the entire timeout period, the bullet changes from green to
 * yellow, indicating that the target has not received a response from the source"):
 *
 * - green: replies arrive. A quarter of TTF passing between two replies of a healthy source (an interval longer than
 *   a quarter of TTF, as with fewer than 4 missed replies) is not yellow: yellow needs a reply missed as well.
 * - yellow: a reply was missed and a quarter of TTF is used.
 * - red: TTF reached zero; the second path is being asked.
 * - vetoed: TTF reached zero but the second path found the source up (`veto` says which path and what it found).
 *   Nothing is raised; probing goes on, the second path is asked again on each later miss, and a reply resets.
 * - raised: TTF reached zero and the second path agreed: the manual intervention prompt is raised. Final.
 */
import { flappingReport, recordOutage, type FlappingReport, type FlappingRule, type Outage, DEFAULT_FLAPPING_RULE } from './flapping';

export interface CountdownConfig {
  /** The monitor interval, in milliseconds (fractions of a second are taken here; the pair document gives seconds). */
  readonly intervalMs: number;
  readonly missedReplies: number;
  readonly flapping?: FlappingRule;
}

export type CountdownStatus = 'green' | 'yellow' | 'red' | 'vetoed' | 'raised';

export interface CountdownState {
  readonly config: CountdownConfig;
  readonly status: CountdownStatus;
  /** Where Time to Fail counts from: the last reply, or the start. */
  readonly countFrom: number;
  readonly lastReplyAt?: number;
  /** When the first probe of the current run of misses was sent (the source was not answering from then). */
  readonly firstMissedAt?: number;
  readonly missesInRow: number;
  /** Which path vetoed and what it found (status vetoed). */
  readonly veto?: string;
  /** The second path's answer that agreed, and when the prompt was raised (status raised). */
  readonly agreed?: { readonly at: number; readonly detail: string };
  readonly outages: readonly Outage[];
  readonly counts: { readonly probes: number; readonly replies: number; readonly misses: number; readonly vetoes: number };
}

/** What a probe result or a timer did to the countdown, for the monitor to act on. */
export type CountdownEvent =
  | { readonly kind: 'first-miss'; readonly at: number }
  | { readonly kind: 'recovered'; readonly outage?: Outage }
  | { readonly kind: 'ask-second-path' };

export const ttfMs = (config: CountdownConfig): number => config.intervalMs * config.missedReplies;

export function checkCountdownConfig(config: CountdownConfig): void {
  if (!(Number.isFinite(config.intervalMs) && config.intervalMs > 0)) throw new RangeError(`The monitor interval must be more than 0 ms, not ${config.intervalMs}.`);
  if (!(Number.isInteger(config.missedReplies) && config.missedReplies >= 1)) throw new RangeError(`The missed replies must be a whole number of at least 1, not ${config.missedReplies}.`);
}

export function startCountdown(config: CountdownConfig, now: number): CountdownState {
  checkCountdownConfig(config);
  return { config, status: 'green', countFrom: now, missesInRow: 0, outages: [], counts: { probes: 0, replies: 0, misses: 0, vetoes: 0 } };
}

/** Time to Fail left at `now`, in milliseconds (0 once reached). */
export function msLeft(state: CountdownState, now: number): number {
  if (state.status === 'raised') return 0;
  return Math.max(0, ttfMs(state.config) - (now - state.countFrom));
}

/** The status the time alone gives at `now` (before a reply, a miss or the second path changes it). */
function timedStatus(state: CountdownState, now: number): CountdownStatus {
  if (state.status === 'raised' || state.status === 'vetoed') return state.status;
  const used = now - state.countFrom;
  const ttf = ttfMs(state.config);
  if (used >= ttf) return 'red';
  if (state.firstMissedAt !== undefined && used >= ttf / 4) return 'yellow';
  return 'green';
}

/**
 * The countdown at `now`: yellow or red as the time says. Turning red asks for the second path (the event); a state
 * already red, vetoed or raised does not ask again here (a later miss does, see `onProbe`).
 */
export function evaluate(state: CountdownState, now: number): { readonly state: CountdownState; readonly events: readonly CountdownEvent[] } {
  const status = timedStatus(state, now);
  if (status === state.status) return { state, events: [] };
  if (status === 'red') {
    // Zero reached with no probe answered as missed yet (every probe still in flight): the source was silent from
    // one interval after the last reply.
    const firstMissedAt = state.firstMissedAt ?? Math.min(now, state.countFrom + state.config.intervalMs);
    const events: CountdownEvent[] = state.firstMissedAt === undefined ? [{ kind: 'first-miss', at: firstMissedAt }] : [];
    return { state: { ...state, status, firstMissedAt }, events: [...events, { kind: 'ask-second-path' }] };
  }
  return { state: { ...state, status }, events: [] };
}

/**
 * A probe's result, known at `now`, for a probe sent at `sentAt`. A reply restarts Time to Fail (and ends an outage
 * when the countdown had reached yellow); a miss starts or continues a run of misses, and while vetoed asks the
 * second path again. Nothing changes once raised.
 */
export function onProbe(state: CountdownState, now: number, sentAt: number, ok: boolean): { readonly state: CountdownState; readonly events: readonly CountdownEvent[] } {
  if (state.status === 'raised') return { state, events: [] };
  const counts = { ...state.counts, probes: state.counts.probes + 1 };
  if (ok) {
    const before = timedStatus(state, now);
    const reached = state.status === 'vetoed' ? 'vetoed' : before;
    const wasOutage = state.firstMissedAt !== undefined && reached !== 'green';
    const outage: Outage | undefined = wasOutage ? { from: state.countFrom, to: now, worst: reached === 'yellow' ? 'yellow' : reached === 'vetoed' ? 'vetoed' : 'red' } : undefined;
    const { veto: _veto, firstMissedAt: _first, ...rest } = state;
    void _veto;
    void _first;
    const next: CountdownState = {
      ...rest,
      status: 'green',
      countFrom: now,
      lastReplyAt: now,
      missesInRow: 0,
      outages: outage === undefined ? state.outages : recordOutage(state.outages, outage, state.config.flapping ?? DEFAULT_FLAPPING_RULE),
      counts: { ...counts, replies: counts.replies + 1 },
    };
    return { state: next, events: state.firstMissedAt === undefined ? [] : [outage === undefined ? { kind: 'recovered' } : { kind: 'recovered', outage }] };
  }
  const first = state.firstMissedAt === undefined;
  const missed: CountdownState = {
    ...state,
    firstMissedAt: state.firstMissedAt ?? sentAt,
    missesInRow: state.missesInRow + 1,
    counts: { ...counts, misses: counts.misses + 1 },
  };
  const evaluated = evaluate(missed, now);
  const events: CountdownEvent[] = [...(first ? [{ kind: 'first-miss', at: sentAt } as const] : []), ...evaluated.events.filter((e) => e.kind !== 'first-miss')];
  if (state.status === 'vetoed') events.push({ kind: 'ask-second-path' });
  return { state: evaluated.state, events };
}

/** The second path's answer, asked when the countdown turned red (or on a miss while vetoed). */
export function onSecondPath(state: CountdownState, now: number, path: string, reply: { readonly down: boolean; readonly detail: string }): CountdownState {
  if (state.status !== 'red' && state.status !== 'vetoed') return state;
  if (reply.down) {
    const { veto: _veto, ...rest } = state;
    void _veto;
    return { ...rest, status: 'raised', agreed: { at: now, detail: reply.detail } };
  }
  return {
    ...state,
    status: 'vetoed',
    veto: `${path} vetoed: ${reply.detail}`,
    counts: { ...state.counts, vetoes: state.counts.vetoes + 1 },
  };
}

/** The next time the status may change with no probe result (a quarter of TTF used after a miss, or zero). */
export function nextDeadline(state: CountdownState, now: number): number | undefined {
  if (state.status !== 'green' && state.status !== 'yellow') return undefined;
  const ttf = ttfMs(state.config);
  const quarter = state.countFrom + ttf / 4;
  const zero = state.countFrom + ttf;
  if (state.status === 'green' && state.firstMissedAt !== undefined && quarter > now) return quarter;
  return zero > now ? zero : now;
}

/** The flapping report of this countdown at `now` (see flapping.ts). */
export function flapping(state: CountdownState, now: number): FlappingReport | undefined {
  return flappingReport(state.outages, now, state.config, state.config.flapping ?? DEFAULT_FLAPPING_RULE);
}
