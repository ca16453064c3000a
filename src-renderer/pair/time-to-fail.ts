import { MONITOR_INTERVAL, MONITOR_MISSED } from './pair-fields';

/**
 * Time to Fail: how long the source may stay silent before the monitor takes it as failed, the monitor's interval
 * times the replies it may miss in a row (Double-Take's Failover Control Center counts down the same way; 5 s × 5 =
 * 25 s with its defaults).
 */

const DEFAULTS = { interval: MONITOR_INTERVAL.defaultValue ?? 5, missed: MONITOR_MISSED.defaultValue ?? 5 };

/**
 * Time to Fail (seconds) for the monitor's interval and missed replies as the document holds them (a left-out
 * value counts as its default), or undefined when either is no whole positive number.
 */
export function timeToFailSeconds(interval: unknown, missed: unknown): number | undefined {
  const i = interval === undefined ? DEFAULTS.interval : interval;
  const m = missed === undefined ? DEFAULTS.missed : missed;
  if (typeof i !== 'number' || typeof m !== 'number' || !Number.isInteger(i) || !Number.isInteger(m) || i < 1 || m < 1) return undefined;
  return i * m;
}

/** `25 s`, `2 min 5 s`, `1 h 40 min`: a duration in seconds, for a hint. */
export function durationWords(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const h = Math.floor(seconds / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h > 0 ? `${h} h` : '', min > 0 ? `${min} min` : '', s > 0 ? `${s} s` : ''].filter((t) => t !== '').join(' ');
}

/** Time to Fail in words, for the document being edited and for the defaults. */
export function timeToFailText(interval: unknown, missed: unknown): string {
  const withDefaults = `${durationWords(DEFAULTS.interval * DEFAULTS.missed)} with the defaults (${DEFAULTS.interval} s × ${DEFAULTS.missed})`;
  const now = timeToFailSeconds(interval, missed);
  return now === undefined
    ? `Time to Fail = interval × missed replies: ${withDefaults}.`
    : `Time to Fail = interval × missed replies: ${durationWords(now)} here, ${withDefaults}.`;
}
