/**
 * Which world an `exchange-ha incident …` command works on: `--lab DIR` or `--profile FILE` (with its password
 * files), read the same way by `incident watch` and by the runbook commands. Problems are added to `problems`, each
 * naming the argument and where it was given.
 */
import { resolve } from 'node:path';
import { profileWorld, type ProfilePasswordSources } from './check-arguments';
import { at, type Given } from './option-words';

export type IncidentWorldArgument =
  | { readonly kind: 'lab'; readonly folder: string }
  | { readonly kind: 'profile'; readonly file: string; readonly passwords: ProfilePasswordSources };

export interface IncidentWorldWords {
  readonly lab: Given | undefined;
  readonly profile: Given | undefined;
  readonly dtPasswordFile: Given | undefined;
  readonly bindPasswordFile: Given | undefined;
}

export function incidentWorldArgument(
  words: IncidentWorldWords,
  options: {
    /** `incident watch`, `incident failover`: how the refusals name the command. */
    readonly command: string;
    /** The verb of "name two worlds; … one" (`give`, `watch`). */
    readonly oneVerb: string;
    /** Whether a world must be named (`incident status` reads without one). */
    readonly required: boolean;
    /** Whether the profile's passwords are read (`incident status` needs none). */
    readonly passwords: boolean;
    readonly env: NodeJS.ProcessEnv;
    readonly cwd: string;
  },
  problems: string[],
): IncidentWorldArgument | undefined {
  const { lab, profile, dtPasswordFile: dtFile, bindPasswordFile: bindFile } = words;
  const where = (name: string, given: Given): string => `${name} (${at(given.index)})`;
  if (lab !== undefined && profile !== undefined) {
    problems.push(`${where('--lab', lab)} and ${where('--profile', profile)} name two worlds; ${options.oneVerb} one`);
    return undefined;
  }
  if (lab !== undefined) {
    const passwordFile = dtFile ?? bindFile;
    if (passwordFile !== undefined) problems.push(`${where(passwordFile === dtFile ? '--dt-password-file' : '--bind-password-file', passwordFile)} is for a profile's accounts; the lab needs no password`);
    return { kind: 'lab', folder: resolve(options.cwd, lab.value) };
  }
  if (profile !== undefined) {
    return options.passwords ? profileWorld(profile, dtFile, bindFile, options.env, options.cwd) : { kind: 'profile', file: resolve(options.cwd, profile.value), passwords: {} };
  }
  if (options.required) problems.push(`${options.command} needs --lab DIR (a lab made by "lab init") or --profile FILE (the connection profile of the pair)`);
  return undefined;
}
