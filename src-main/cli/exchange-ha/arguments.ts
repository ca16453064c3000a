/**
 * The `exchange-ha` command line, parsed into data: `lab init DIR`, `pair new|check`, `setup plan|apply|verify` with
 * their options, and `check` (check-arguments.ts).
 * Parsing is pure (argv, environment, working folder in; a command or a UsageError out); nothing is read from disk
 * here, and no password is ever taken from the command line (only from the environment or a file).
 */
import { resolve } from 'node:path';
import { STEP_CATALOGUE, findCatalogueEntry } from '../../setup/step-catalogue';
import { UsageError } from '../usage-error';
import { parseCheckCommand, profileWorld, type CheckCommand, type ProfilePasswordSources } from './check-arguments';
import { at, readOptionWords, type Given, type OptionSpec as WordSpec } from './option-words';
import { BIND_PASSWORD_ENV, DT_PASSWORD_ENV, secretSource as secretSourceOf, type SecretSource } from './password-options';

export { BIND_PASSWORD_ENV, DT_PASSWORD_ENV, type SecretSource } from './password-options';
export type { CheckCommand, ProfilePasswordSources } from './check-arguments';

/** How the real tools are reached (no --lab). */
export interface RealToolArguments {
  readonly clusterExe: string;
  readonly dtclExe: string;
  readonly dtUser: string;
  readonly dtPassword: SecretSource;
  readonly ldapUrl: string;
  readonly bindDn?: string;
  readonly bindPassword?: SecretSource;
  readonly startTls: boolean;
  readonly caFile?: string;
}

/**
 * `--confirm STEP=NOTE`: the administrator says a step done by hand is done (the backups, step 3), or that they did
 * the part of an automated step only they can do (step 6: the monitor entered on each target node).
 */
export interface Confirmation {
  readonly stepId: string;
  readonly note: string;
}

export type SetupVerb = 'plan' | 'apply' | 'verify';

export interface SetupCommand {
  readonly kind: 'setup';
  readonly verb: SetupVerb;
  /** Absolute path of the pair document. */
  readonly pair: string;
  /** Absolute path of the lab folder (the lab's own tools), or undefined for the real tools. */
  readonly lab?: string;
  /** The real tools through a connection profile (`--profile FILE`): its file and where its passwords come from. */
  readonly profile?: { readonly file: string; readonly passwords: ProfilePasswordSources };
  /** The real tools through their own options (`--dt-user`, `--ldap-url`, ...), when neither --lab nor --profile. */
  readonly real?: RealToolArguments;
  readonly step?: string;
  readonly confirmations: readonly Confirmation[];
  readonly json: boolean;
  /** (plan) Absolute path of the plan file to write (`--out`). */
  readonly out?: string;
  /** (apply) Absolute path of the plan file to apply exactly (`--plan`). */
  readonly planFile?: string;
}

/** `pair new FILE` / `pair check FILE [--json]` (FILE absolute). */
export type PairCommand = { readonly kind: 'pair-new'; readonly file: string } | { readonly kind: 'pair-check'; readonly file: string; readonly json: boolean };

export type ExchangeHaCommand = { readonly kind: 'help' } | { readonly kind: 'lab-init'; readonly folder: string } | PairCommand | SetupCommand | CheckCommand;

type OptionKey =
  | 'pair'
  | 'lab'
  | 'profile'
  | 'step'
  | 'confirm'
  | 'json'
  | 'out'
  | 'planFile'
  | 'clusterExe'
  | 'dtclExe'
  | 'dtUser'
  | 'dtPasswordFile'
  | 'ldapUrl'
  | 'bindDn'
  | 'bindPasswordFile'
  | 'caFile'
  | 'startTls';

interface OptionSpec extends WordSpec<OptionKey> {
  /** The verbs it belongs to (all setup verbs when absent). */
  readonly verbs?: readonly SetupVerb[];
  /** For the real tools only (refused with --lab). */
  readonly realOnly?: boolean;
  /** Says how the real tools are reached, which a connection profile says instead (refused with --profile). */
  readonly profileSays?: boolean;
}

const OPTIONS: readonly OptionSpec[] = [
  { name: '--pair', key: 'pair', takesValue: true },
  { name: '--lab', key: 'lab', takesValue: true },
  { name: '--profile', key: 'profile', takesValue: true },
  { name: '--step', key: 'step', takesValue: true },
  { name: '--confirm', key: 'confirm', takesValue: true, repeatable: true, verbs: ['apply'] },
  { name: '--json', key: 'json', takesValue: false, verbs: ['plan', 'verify'] },
  { name: '--out', key: 'out', takesValue: true, verbs: ['plan'] },
  { name: '--plan', key: 'planFile', takesValue: true, verbs: ['apply'] },
  { name: '--cluster-exe', key: 'clusterExe', takesValue: true, realOnly: true, profileSays: true },
  { name: '--dtcl-exe', key: 'dtclExe', takesValue: true, realOnly: true, profileSays: true },
  { name: '--dt-user', key: 'dtUser', takesValue: true, realOnly: true, profileSays: true },
  { name: '--dt-password-file', key: 'dtPasswordFile', takesValue: true, realOnly: true },
  { name: '--ldap-url', key: 'ldapUrl', takesValue: true, realOnly: true, profileSays: true },
  { name: '--bind-dn', key: 'bindDn', takesValue: true, realOnly: true, profileSays: true },
  { name: '--bind-password-file', key: 'bindPasswordFile', takesValue: true, realOnly: true },
  { name: '--ca-file', key: 'caFile', takesValue: true, realOnly: true, profileSays: true },
  { name: '--starttls', key: 'startTls', takesValue: false, realOnly: true, profileSays: true },
];

/** Asks for the usage anywhere on the line; `help` only as the first word (elsewhere it could be a value). */
const HELP_OPTIONS = new Set(['--help', '-h', '-?']);
const VERBS: readonly SetupVerb[] = ['plan', 'apply', 'verify'];

/** Parses the words after the program name. Throws UsageError naming the offending argument. */
export function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): ExchangeHaCommand {
  if (argv.length === 0) throw new UsageError(`no command given; the commands are ${COMMANDS}`);
  if (argv[0] === 'help' || argv.some((word) => HELP_OPTIONS.has(word))) return { kind: 'help' };
  const [command, verb, ...rest] = argv;
  if (command === 'lab') return parseLabCommand(verb, rest, cwd);
  if (command === 'pair') return parsePairCommand(verb, rest, cwd);
  if (command === 'setup') return parseSetupCommand(argv, env, cwd);
  if (command === 'check') return parseCheckCommand(argv, env, cwd);
  throw new UsageError(`unknown command "${command ?? ''}" (${at(0)}); the commands are ${COMMANDS}`);
}

const COMMANDS = '"lab init DIR", "pair new|check FILE", "setup plan|apply|verify --pair FILE" and "check --pair FILE --profile FILE"';

function parsePairCommand(verb: string | undefined, rest: readonly string[], cwd: string): PairCommand {
  if (verb !== 'new' && verb !== 'check') {
    throw new UsageError(verb === undefined ? 'pair needs a command: "pair new FILE" or "pair check FILE"' : `unknown pair command "${verb}" (${at(1)}); use "pair new FILE" or "pair check FILE"`);
  }
  let file: string | undefined;
  let json = false;
  for (const [i, word] of rest.entries()) {
    const index = i + 2;
    if (word === '--json' && verb === 'check') {
      if (json) throw new UsageError(`--json is given twice (${at(index)}); give it once`);
      json = true;
    } else if (word.startsWith('-')) {
      throw new UsageError(`unknown option ${word} (${at(index)}); pair ${verb} takes ${verb === 'check' ? 'a file and --json' : 'only a file'}`);
    } else if (file !== undefined) {
      throw new UsageError(`unexpected "${word}" (${at(index)}); pair ${verb} takes one file`);
    } else if (word === '') {
      throw new UsageError(`the file (${at(index)}) is empty`);
    } else {
      file = word;
    }
  }
  if (file === undefined) throw new UsageError(`pair ${verb} needs the pair document's file: "pair ${verb} FILE"`);
  const absolute = resolve(cwd, file);
  return verb === 'new' ? { kind: 'pair-new', file: absolute } : { kind: 'pair-check', file: absolute, json };
}

function parseLabCommand(verb: string | undefined, rest: readonly string[], cwd: string): ExchangeHaCommand {
  if (verb !== 'init') {
    throw new UsageError(verb === undefined ? 'lab needs a command: "lab init DIR"' : `unknown lab command "${verb}" (${at(1)}); the only one is "lab init DIR"`);
  }
  const [folder, ...extra] = rest;
  if (folder === undefined || folder === '') throw new UsageError('lab init needs the folder of the new lab: "lab init DIR"');
  if (folder.startsWith('-')) throw new UsageError(`unknown option ${folder} (${at(2)}); lab init takes only a folder`);
  if (extra[0] !== undefined) throw new UsageError(`unexpected "${extra[0]}" (${at(3)}); lab init takes one folder`);
  return { kind: 'lab-init', folder: resolve(cwd, folder) };
}

function parseSetupCommand(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): SetupCommand {
  const verb = argv[1];
  if (verb === undefined) throw new UsageError('setup needs a command: plan, apply or verify');
  if (!VERBS.includes(verb as SetupVerb)) throw new UsageError(`unknown setup command "${verb}" (${at(1)}); use plan, apply or verify`);
  const setupVerb = verb as SetupVerb;
  const values = readOptionWords(argv, 2, OPTIONS, {
    accept: (spec, index) => {
      if (spec.verbs !== undefined && !spec.verbs.includes(setupVerb)) {
        throw new UsageError(`${spec.name} (${at(index)}) is for setup ${spec.verbs.join(' and ')}, not setup ${setupVerb}`);
      }
    },
  });
  const one = (key: OptionKey): Given | undefined => values.get(key)?.[0];

  const pair = one('pair');
  if (pair === undefined) throw new UsageError(`setup ${setupVerb} needs --pair FILE (the pair document)`);
  const lab = one('lab');
  const step = one('step');
  if (step !== undefined) checkStepId(step.value, `--step ${step.value} (${at(step.index)})`);
  const out = one('out');
  const planFile = one('planFile');
  if (planFile !== undefined && step !== undefined) {
    throw new UsageError(
      `--plan (${at(planFile.index)}) applies the steps its file holds, and --step (${at(step.index)}) would pick one: plan that step alone with "setup plan --step ${step.value} --out FILE", then apply that file`,
    );
  }
  const confirmations = (values.get('confirm') ?? []).map((given) => parseConfirmation(given.value, given.index));
  const seen = new Map<string, number>();
  for (const [n, confirmation] of confirmations.entries()) {
    const earlier = seen.get(confirmation.stepId);
    const index = values.get('confirm')?.[n]?.index ?? 0;
    if (earlier !== undefined) throw new UsageError(`--confirm ${confirmation.stepId} is given twice (${at(earlier)} and ${at(index)})`);
    seen.set(confirmation.stepId, index);
  }

  const profile = one('profile');
  if (profile !== undefined && lab !== undefined) {
    throw new UsageError(`--profile (${at(profile.index)}) and --lab (${at(lab.index)}) name two worlds; set up one: the pair through its profile, or the lab`);
  }
  /** The first option given of those `which` picks, with its spec. */
  const firstGiven = (which: (spec: OptionSpec) => boolean) =>
    OPTIONS.filter(which)
      .flatMap((spec) => {
        const given = one(spec.key);
        return given === undefined ? [] : [{ spec, given }];
      })
      .sort((a, b) => a.given.index - b.given.index)[0];

  let real: RealToolArguments | undefined;
  let profileArgument: SetupCommand['profile'];
  if (lab !== undefined) {
    const realGiven = firstGiven((spec) => spec.realOnly === true);
    if (realGiven !== undefined) {
      throw new UsageError(`${realGiven.spec.name} (${at(realGiven.given.index)}) is for the real tools; with --lab the lab's own tools are used`);
    }
  } else if (profile !== undefined) {
    const instead = firstGiven((spec) => spec.profileSays === true);
    if (instead !== undefined) {
      throw new UsageError(
        `${instead.spec.name} (${at(instead.given.index)}) and --profile (${at(profile.index)}) both say how the real tools are reached; ` +
          'give the connection profile alone (it names the tools, the Double-Take user and the directory), or the options without --profile',
      );
    }
    const { file, passwords } = profileWorld(profile, one('dtPasswordFile'), one('bindPasswordFile'), env, cwd);
    profileArgument = { file, passwords };
  } else {
    real = realToolArguments(one, env, cwd);
  }

  return {
    kind: 'setup',
    verb: setupVerb,
    pair: resolve(cwd, pair.value),
    ...(lab === undefined ? {} : { lab: resolve(cwd, lab.value) }),
    ...(profileArgument === undefined ? {} : { profile: profileArgument }),
    ...(real === undefined ? {} : { real }),
    ...(step === undefined ? {} : { step: step.value }),
    confirmations,
    json: one('json') !== undefined,
    ...(out === undefined ? {} : { out: resolve(cwd, out.value) }),
    ...(planFile === undefined ? {} : { planFile: resolve(cwd, planFile.value) }),
  };
}

/** Throws UsageError when the guide has no such step. */
function checkStepId(id: string, where: string): void {
  if (findCatalogueEntry(id) === undefined) {
    throw new UsageError(`${where}: the guide has no step ${id}; the steps are ${STEP_CATALOGUE.map((e) => e.id).join(', ')}`);
  }
}

/** `STEP=NOTE` (the shell has removed the quotes around the note). Throws UsageError naming the argument. */
export function parseConfirmation(text: string, index: number): Confirmation {
  const where = `--confirm (${at(index)})`;
  const equals = text.indexOf('=');
  if (equals === -1) throw new UsageError(`${where} needs STEP="note", e.g. --confirm 3="Full backups on \\\\backup1\\exchange"; no '=' in "${text}"`);
  const stepId = text.slice(0, equals).trim();
  const note = text.slice(equals + 1).trim();
  if (stepId === '') throw new UsageError(`${where} names no step before '='`);
  checkStepId(stepId, `${where} step ${stepId}`);
  const entry = findCatalogueEntry(stepId);
  if (entry?.kind !== 'manual' && entry?.handwork === undefined) {
    const manual = STEP_CATALOGUE.filter((e) => e.kind === 'manual').map((e) => e.id);
    const handwork = STEP_CATALOGUE.filter((e) => e.handwork !== undefined).map((e) => e.id);
    throw new UsageError(
      `${where}: step ${stepId} is applied by the program; --confirm is for the steps done by hand (${manual.join(', ')}) and the parts of steps done by hand (${handwork.join(', ')})`,
    );
  }
  if (note.length < 3) throw new UsageError(`${where}: the note for step ${stepId} must say what was done and where (at least 3 characters)`);
  return { stepId, note };
}

const LDAP_URL = /^ldaps?:\/\/[^/\s?#]+\/?$/i;

function realToolArguments(one: (key: OptionKey) => Given | undefined, env: NodeJS.ProcessEnv, cwd: string): RealToolArguments {
  const dtUser = one('dtUser');
  if (dtUser === undefined) throw new UsageError('without --lab, the real tools need --profile FILE (a connection profile), or --dt-user USER (the Double-Take account) and their other options; or give --lab DIR');
  const dtPassword = secretSource(one('dtPasswordFile'), DT_PASSWORD_ENV, env, cwd);
  if (dtPassword === undefined) {
    throw new UsageError(`without --lab, the Double-Take password is needed: set ${DT_PASSWORD_ENV} or give --dt-password-file FILE (never on the command line)`);
  }
  const urlGiven = one('ldapUrl');
  const domain = env.USERDNSDOMAIN ?? '';
  const ldapUrl = urlGiven?.value ?? (domain !== '' ? `ldap://${domain.toLowerCase()}` : undefined);
  if (ldapUrl === undefined) throw new UsageError('without --lab, the directory is needed: give --ldap-url ldap[s]://HOST[:PORT] (USERDNSDOMAIN is not set)');
  const urlWhere = urlGiven === undefined ? '(from USERDNSDOMAIN)' : `(${at(urlGiven.index)})`;
  if (!LDAP_URL.test(ldapUrl)) throw new UsageError(`--ldap-url "${ldapUrl}" ${urlWhere} is not ldap://HOST[:PORT] or ldaps://HOST[:PORT]`);
  const startTls = one('startTls');
  const secure = ldapUrl.toLowerCase().startsWith('ldaps:');
  if (startTls !== undefined && secure) throw new UsageError(`--starttls (${at(startTls.index)}) is for ldap:// URLs; ldaps:// is TLS from the start`);
  const caFile = one('caFile');
  if (caFile !== undefined && !secure && startTls === undefined) {
    throw new UsageError(`--ca-file (${at(caFile.index)}) is used only with an ldaps:// URL or --starttls`);
  }
  const bindDn = one('bindDn');
  const bindPasswordFile = one('bindPasswordFile');
  if (bindPasswordFile !== undefined && bindDn === undefined) {
    throw new UsageError(`--bind-password-file (${at(bindPasswordFile.index)}) needs --bind-dn DN to say whose password it is`);
  }
  const bindPassword = bindDn === undefined ? undefined : secretSource(bindPasswordFile, BIND_PASSWORD_ENV, env, cwd);
  if (bindDn !== undefined && bindPassword === undefined) {
    throw new UsageError(`--bind-dn (${at(bindDn.index)}) needs its password: set ${BIND_PASSWORD_ENV} or give --bind-password-file FILE`);
  }
  return {
    clusterExe: one('clusterExe')?.value ?? 'cluster.exe',
    dtclExe: one('dtclExe')?.value ?? 'dtcl.exe',
    dtUser: dtUser.value,
    dtPassword,
    ldapUrl: ldapUrl.replace(/\/$/, ''),
    ...(bindDn === undefined ? {} : { bindDn: bindDn.value }),
    ...(bindPassword === undefined ? {} : { bindPassword }),
    startTls: startTls !== undefined,
    ...(caFile === undefined ? {} : { caFile: resolve(cwd, caFile.value) }),
  };
}

/** The file when given, else the environment variable when set and not empty. */
function secretSource(file: Given | undefined, variable: string, env: NodeJS.ProcessEnv, cwd: string): SecretSource | undefined {
  return secretSourceOf(file?.value, variable, env, cwd);
}
