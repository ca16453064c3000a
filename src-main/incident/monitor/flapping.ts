/**
 * Flapping: a source that fails and recovers again and again. Pure; times are milliseconds on the monitor's clock.
 *
 * Precisely:
 * - An **outage** is a run of missed replies that reached at least yellow (a quarter of Time to Fail used with a
 *   reply missed; see monitor-countdown.ts) and ended with a reply, before the manual intervention prompt was raised.
 *   Its **silence** is the time from the last reply before it to the reply that ended it: what Time to Fail would have
 *   had to exceed for the outage to pass unnoticed. A run of misses that never reached yellow is not an outage.
 * - The source is **flapping** when at least `count` outages (3) ended within the last `windowMs` (30 minutes).
 * - The **suggestion** keeps the interval and raises the missed replies so that Time to Fail is at least twice what it
 *   is and at least one and a half times the longest silence seen in the window plus one interval:
 *   `needed = max(2 × TTF, 1.5 × longest + interval)`, `missed = ceil(needed / interval)`. When that is over 1000
 *   missed replies (the pair document's limit), the missed replies stay 1000 and the interval is raised instead to
 *   `ceil(needed / 1000)` seconds (at most 3600).
 *
 * Flapping is reported, never acted on: a flapping source that then stays down until Time to Fail reaches zero is
 * raised as any other.
 */

export interface FlappingRule {
  /** Outages within the window that make a source flapping. */
  readonly count: number;
  readonly windowMs: number;
}

export const DEFAULT_FLAPPING_RULE: FlappingRule = { count: 3, windowMs: 30 * 60_000 };

/** The largest values the pair document takes (pair-document-schema.ts). */
const MAX_MISSED = 1000;
const MAX_INTERVAL_SECONDS = 3600;

export interface Outage {
  /** The last reply before it (or when the monitor started). */
  readonly from: number;
  /** The reply that ended it. */
  readonly to: number;
  /** How far the countdown went: yellow, red (zero reached, the second path being asked) or vetoed. */
  readonly worst: 'yellow' | 'red' | 'vetoed';
}

export interface FlappingReport {
  /** Outages that ended within the window. */
  readonly count: number;
  readonly windowMinutes: number;
  readonly longestSilenceSeconds: number;
  readonly suggestedIntervalSeconds: number;
  readonly suggestedMissedReplies: number;
  /** One sentence: how often, the longest silence, and what to set instead. */
  readonly suggestion: string;
}

/** The outages still inside the window at `now`, with `outage` added. */
export function recordOutage(outages: readonly Outage[], outage: Outage, rule: FlappingRule = DEFAULT_FLAPPING_RULE): Outage[] {
  return [...outages, outage].filter((o) => o.to >= outage.to - rule.windowMs);
}

const seconds = (ms: number): string => {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s}` : s.toFixed(1);
};

/** The larger interval × missed replies suggested for a longest silence of `longestMs` (see the module comment). */
export function suggestTiming(intervalMs: number, missedReplies: number, longestMs: number): { readonly intervalSeconds: number; readonly missedReplies: number } {
  const needed = Math.max(2 * intervalMs * missedReplies, 1.5 * longestMs + intervalMs);
  const missed = Math.ceil(needed / intervalMs);
  if (missed <= MAX_MISSED) return { intervalSeconds: intervalMs / 1000, missedReplies: missed };
  return { intervalSeconds: Math.min(MAX_INTERVAL_SECONDS, Math.ceil(needed / 1000 / MAX_MISSED)), missedReplies: MAX_MISSED };
}

/** The flapping report at `now`, or undefined when fewer than `rule.count` outages ended within the window. */
export function flappingReport(
  outages: readonly Outage[],
  now: number,
  timing: { readonly intervalMs: number; readonly missedReplies: number },
  rule: FlappingRule = DEFAULT_FLAPPING_RULE,
): FlappingReport | undefined {
  const recent = outages.filter((o) => o.to >= now - rule.windowMs && o.to <= now);
  if (recent.length < rule.count) return undefined;
  const longest = Math.max(...recent.map((o) => o.to - o.from));
  const suggested = suggestTiming(timing.intervalMs, timing.missedReplies, longest);
  const windowMinutes = Math.round(rule.windowMs / 60_000);
  const ttf = timing.intervalMs * timing.missedReplies;
  const newTtf = suggested.intervalSeconds * 1000 * suggested.missedReplies;
  return {
    count: recent.length,
    windowMinutes,
    longestSilenceSeconds: longest / 1000,
    suggestedIntervalSeconds: suggested.intervalSeconds,
    suggestedMissedReplies: suggested.missedReplies,
    suggestion:
      `the source stopped answering and recovered ${recent.length} times in the last ${windowMinutes} min (the longest silence ${seconds(longest)} s): ` +
      `Time to Fail ${seconds(ttf)} s (${seconds(timing.intervalMs)} s × ${timing.missedReplies}) is short for it; ` +
      `set the interval to ${suggested.intervalSeconds} s and the missed replies to ${suggested.missedReplies} (Time to Fail ${seconds(newTtf)} s)`,
  };
}
