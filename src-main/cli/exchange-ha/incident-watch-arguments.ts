/**
 * `exchange-ha incident watch --pair FILE (--lab DIR | --profile FILE) [--probe icmp[:HOST]|tcp:[HOST:]PORT]
 * [--interval S] [--missed N] [--json]`, parsed into data. Pure: nothing is read here. Every bad value is named in one
 * message (each with its argument), so one run shows them all.
 */
import { resolve } from 'node:path';
import { UsageError } from '../usage-error';
import { probeHostProblem } from '../../incident/probes/probe-host';
import { incidentWorldArgument, type IncidentWorldArgument } from './incident-world-argument';
import { at, readOptionWords, type Given, type OptionSpec } from './option-words';

/** The probe named on the command line; an absent host is the pair document's monitored address. */
export type WatchProbeArgument = { readonly kind: 'icmp'; readonly host?: string } | { readonly kind: 'tcp'; readonly host?: string; readonly port: number };

export type WatchWorldArgument = IncidentWorldArgument;

export interface IncidentWatchCommand {
  /** Absolute path of the pair document. */
  readonly pair: string;
  readonly world: WatchWorldArgument;
  readonly probe?: WatchProbeArgument;
  /** Milliseconds (the option takes seconds, fractions allowed). */
  readonly intervalMs?: number;
  readonly missedReplies?: number;
  readonly json: boolean;
}

/** The pair document's own limits (pair-document-schema.ts): an interval of at most an hour, at most 1000 missed replies. */
export const MAX_WATCH_INTERVAL_SECONDS = 3600;
export const MAX_WATCH_MISSED = 1000;

type Key = 'pair' | 'lab' | 'profile' | 'probe' | 'interval' | 'missed' | 'json' | 'dtPasswordFile' | 'bindPasswordFile';

const OPTIONS: readonly OptionSpec<Key>[] = [
  { name: '--pair', key: 'pair', takesValue: true },
  { name: '--lab', key: 'lab', takesValue: true },
  { name: '--profile', key: 'profile', takesValue: true },
  { name: '--probe', key: 'probe', takesValue: true },
  { name: '--interval', key: 'interval', takesValue: true },
  { name: '--missed', key: 'missed', takesValue: true },
  { name: '--json', key: 'json', takesValue: false },
  { name: '--dt-password-file', key: 'dtPasswordFile', takesValue: true },
  { name: '--bind-password-file', key: 'bindPasswordFile', takesValue: true },
];

const short = (value: string): string => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** `--probe icmp`, `icmp:HOST`, `tcp:PORT`, `tcp:HOST:PORT`; a problem, or the probe. */
export function parseWatchProbe(value: string): WatchProbeArgument | string {
  const [kind, ...rest] = value.split(':');
  const hostProblem = (host: string): string | undefined => {
    const problem = probeHostProblem(host);
    return problem === undefined ? undefined : `its host: ${problem}`;
  };
  if (kind === 'icmp') {
    if (rest.length === 0) return { kind: 'icmp' };
    if (rest.length > 1) return `${short(value)} is icmp or icmp:HOST (one host, an IPv4 address or a DNS name)`;
    const host = rest[0] ?? '';
    return hostProblem(host) ?? { kind: 'icmp', host };
  }
  if (kind === 'tcp') {
    if (rest.length === 0 || rest.length > 2) return `${short(value)} is tcp:PORT or tcp:HOST:PORT`;
    const portText = rest[rest.length - 1] ?? '';
    const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) return `${short(value)}: the port ${short(portText)} is not a TCP port (1 to 65535)`;
    if (rest.length === 1) return { kind: 'tcp', port };
    const host = rest[0] ?? '';
    return hostProblem(host) ?? { kind: 'tcp', host, port };
  }
  return `${short(value)} is not a probe: give icmp, icmp:HOST, tcp:PORT or tcp:HOST:PORT`;
}

/** Parses the words after `incident watch`. Throws UsageError naming each offending argument. */
export function parseIncidentWatch(words: readonly string[], env: NodeJS.ProcessEnv, cwd: string): IncidentWatchCommand {
  // Messages count arguments as a person does after the program's name: `incident` is argument 1.
  const read = readOptionWords(['incident', 'watch', ...words], 2, OPTIONS, { unknownSuffix: ' for incident watch' });
  const one = (key: Key): Given | undefined => read.get(key)?.[0];
  const where = (name: string, given: Given): string => `${name} (${at(given.index)})`;
  const problems: string[] = [];

  const pair = one('pair');
  if (pair === undefined) problems.push('incident watch needs --pair FILE (the pair document)');
  const world = incidentWorldArgument(
    { lab: one('lab'), profile: one('profile'), dtPasswordFile: one('dtPasswordFile'), bindPasswordFile: one('bindPasswordFile') },
    { command: 'incident watch', oneVerb: 'watch', required: true, passwords: true, env, cwd },
    problems,
  );

  let probe: WatchProbeArgument | undefined;
  const probeGiven = one('probe');
  if (probeGiven !== undefined) {
    const parsed = parseWatchProbe(probeGiven.value);
    if (typeof parsed === 'string') problems.push(`${where('--probe', probeGiven)} ${parsed}`);
    else probe = parsed;
  }

  let intervalMs: number | undefined;
  const interval = one('interval');
  if (interval !== undefined) {
    const seconds = /^\d+(\.\d+)?$/.test(interval.value) ? Number(interval.value) : NaN;
    if (!(seconds > 0 && seconds <= MAX_WATCH_INTERVAL_SECONDS)) {
      problems.push(`${where('--interval', interval)} ${short(interval.value)} is not a number of seconds more than 0 and at most ${MAX_WATCH_INTERVAL_SECONDS} (e.g. --interval 5, --interval 0.5)`);
    } else intervalMs = Math.round(seconds * 1000);
    if (intervalMs === 0) {
      problems.push(`${where('--interval', interval)} ${short(interval.value)} is less than a millisecond`);
      intervalMs = undefined;
    }
  }

  let missedReplies: number | undefined;
  const missed = one('missed');
  if (missed !== undefined) {
    const n = /^\d{1,4}$/.test(missed.value) ? Number(missed.value) : NaN;
    if (!(n >= 1 && n <= MAX_WATCH_MISSED)) problems.push(`${where('--missed', missed)} ${short(missed.value)} is not a whole number of missed replies from 1 to ${MAX_WATCH_MISSED}`);
    else missedReplies = n;
  }

  if (problems.length > 0 || pair === undefined || world === undefined) throw new UsageError(problems.join('; '));
  return {
    pair: resolve(cwd, pair.value),
    world,
    ...(probe === undefined ? {} : { probe }),
    ...(intervalMs === undefined ? {} : { intervalMs }),
    ...(missedReplies === undefined ? {} : { missedReplies }),
    json: one('json') !== undefined,
  };
}
