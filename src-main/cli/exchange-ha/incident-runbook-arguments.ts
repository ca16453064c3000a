/**
 * `exchange-ha incident failover|failback|resume|status`, parsed into data. Pure: nothing is read here. Every bad
 * word is named in one message (each with its argument), so one run shows them all.
 *
 *   incident failover --pair FILE (--lab DIR | --profile FILE) [--dry-run] [--yes] [--reason TEXT] [--json]
 *   incident failback --pair FILE (--lab DIR | --profile FILE) [--dry-run] [--yes] [--at HH:MM] [--json]
 *   incident resume   --pair FILE (--lab DIR | --profile FILE) [--yes] [--at HH:MM] [--json]
 *   incident status   --pair FILE [--lab DIR | --profile FILE] [--json]
 */
import { resolve } from 'node:path';
import { UsageError } from '../usage-error';
import { incidentWorldArgument } from './incident-world-argument';
import { at, readOptionWords, type Given, type OptionSpec } from './option-words';
import type { WatchWorldArgument } from './incident-watch-arguments';

export type IncidentRunbookVerb = 'failover' | 'failback' | 'status' | 'resume';

export interface IncidentRunbookCommand {
  readonly verb: IncidentRunbookVerb;
  /** Absolute path of the pair document. */
  readonly pair: string;
  /** The world; `status` may go without one (a real pair's incidents are beside its pair document). */
  readonly world?: WatchWorldArgument;
  readonly dryRun: boolean;
  /** Accepts the manual intervention (and, for a failback, the downtime) without asking. */
  readonly yes: boolean;
  /** A failback's downtime: `HH:MM` (local time, today or tomorrow); now when absent. */
  readonly downtimeAt?: { readonly hours: number; readonly minutes: number };
  /** Why a failover must run within the guard period after a failback. */
  readonly reason?: string;
  readonly json: boolean;
}

type Key = 'pair' | 'lab' | 'profile' | 'dryRun' | 'yes' | 'at' | 'reason' | 'json' | 'dtPasswordFile' | 'bindPasswordFile';

const OPTIONS: readonly OptionSpec<Key>[] = [
  { name: '--pair', key: 'pair', takesValue: true },
  { name: '--lab', key: 'lab', takesValue: true },
  { name: '--profile', key: 'profile', takesValue: true },
  { name: '--dry-run', key: 'dryRun', takesValue: false },
  { name: '--yes', key: 'yes', takesValue: false },
  { name: '--at', key: 'at', takesValue: true },
  { name: '--reason', key: 'reason', takesValue: true },
  { name: '--json', key: 'json', takesValue: false },
  { name: '--dt-password-file', key: 'dtPasswordFile', takesValue: true },
  { name: '--bind-password-file', key: 'bindPasswordFile', takesValue: true },
];

/** Which options each verb takes. */
const TAKES: Readonly<Record<IncidentRunbookVerb, readonly Key[]>> = {
  failover: ['pair', 'lab', 'profile', 'dryRun', 'yes', 'reason', 'json', 'dtPasswordFile', 'bindPasswordFile'],
  failback: ['pair', 'lab', 'profile', 'dryRun', 'yes', 'at', 'json', 'dtPasswordFile', 'bindPasswordFile'],
  resume: ['pair', 'lab', 'profile', 'yes', 'at', 'json', 'dtPasswordFile', 'bindPasswordFile'],
  status: ['pair', 'lab', 'profile', 'json'],
};

const short = (value: string): string => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

export function parseIncidentRunbook(verb: IncidentRunbookVerb, words: readonly string[], env: NodeJS.ProcessEnv, cwd: string): IncidentRunbookCommand {
  const read = readOptionWords(['incident', verb, ...words], 2, OPTIONS, {
    unknownSuffix: ` for incident ${verb}`,
    accept: (spec, index) => {
      if (!TAKES[verb].includes(spec.key)) throw new UsageError(`${spec.name} (${at(index)}) is not an option of incident ${verb}`);
    },
  });
  const one = (key: Key): Given | undefined => read.get(key)?.[0];
  const where = (name: string, given: Given): string => `${name} (${at(given.index)})`;
  const problems: string[] = [];

  const pair = one('pair');
  if (pair === undefined) problems.push(`incident ${verb} needs --pair FILE (the pair document)`);
  const world = incidentWorldArgument(
    { lab: one('lab'), profile: one('profile'), dtPasswordFile: one('dtPasswordFile'), bindPasswordFile: one('bindPasswordFile') },
    { command: `incident ${verb}`, oneVerb: 'give', required: verb !== 'status', passwords: verb !== 'status', env, cwd },
    problems,
  );

  let downtimeAt: IncidentRunbookCommand['downtimeAt'];
  const atGiven = one('at');
  if (atGiven !== undefined) {
    const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(atGiven.value);
    if (match === null) problems.push(`${where('--at', atGiven)} ${short(atGiven.value)} is not a time of day HH:MM (24-hour clock, e.g. --at 22:30)`);
    else downtimeAt = { hours: Number(match[1]), minutes: Number(match[2]) };
    if (one('yes') === undefined) problems.push(`${where('--at', atGiven)} answers the downtime question, which only --yes answers from the command line; add --yes`);
  }
  const reasonGiven = one('reason');
  if (reasonGiven !== undefined && reasonGiven.value.trim() === '') problems.push(`${where('--reason', reasonGiven)} is empty; say why the failover must run`);

  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return {
    verb,
    pair: resolve(cwd, (pair as Given).value),
    ...(world === undefined ? {} : { world }),
    dryRun: one('dryRun') !== undefined,
    yes: one('yes') !== undefined,
    ...(downtimeAt === undefined ? {} : { downtimeAt }),
    ...(reasonGiven === undefined ? {} : { reason: reasonGiven.value.trim() }),
    json: one('json') !== undefined,
  };
}

export { nextTimeOfDay } from '../../incident/runbook/time-of-day';
