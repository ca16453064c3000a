/**
 * The `exchfailover` command line as data: the seed's syntax (Appendix I), options case-insensitive, the seed's
 * examples as written in a batch file — including `-r Indy, Sales:Indy_Bkup, Sales` unquoted, which the shell hands
 * over as three words (every word after `-r` up to the next option is one rule) — plus `-o` options files and the
 * connection options. Every refusal is a {@link UsageError} whose one-line message says what and where, and never
 * holds a password. Input is limited (input-limits.ts): options and password files are read no further than their
 * limit, words, values, server names and the number of rules are bounded, and a message quotes at most a short
 * excerpt of a value.
 */
import { resolve } from 'node:path';
import type { FailoverRequest, PairingRule } from '../failover/engine-api';
import { PairingRuleError, parsePairingRule } from '../failover/pairing-rule-syntax';
import { fileErrorReason } from './cli-files';
import { closestOption, findOption, type OptionKey, type OptionSpec, optionName } from './exchfailover-options';
import {
  formatCount,
  MAX_OPTIONS_FILE_BYTES,
  MAX_RULES,
  MAX_SERVER_NAME_LENGTH,
  MAX_WORD_LENGTH,
} from './input-limits';
import { firstUnsafeCharacter } from './log-text';
import { OptionsLineError, optionsFileLines, splitOptionsLine } from './options-file-words';
import { describeOrigin, UsageError, type WordOrigin } from './usage-error';
import { type ArgumentContext, at, type Collected, originOf, quoter, type Seen, shownName } from './exchfailover-collected';
import { connection, type DirectoryConnection, labFolder } from './exchfailover-connection';

export type { ArgumentContext } from './exchfailover-collected';
export { type DirectoryConnection, LDAP_URL_ENV } from './exchfailover-connection';

/** The log file the seed names, in the current folder unless `-l` says otherwise. */
export const DEFAULT_LOG_FILE = 'ExchFailover.log';

/** What every run (failover, failback, undo) needs besides its own request. */
export interface RunSettings {
  readonly connection: DirectoryConnection;
  /** Absolute path of the log file (appended to). */
  readonly logFile: string;
  /** Absolute path of the journal, when `--journal` was given (otherwise one is named per run). */
  readonly journalFile?: string;
  readonly json: boolean;
  /** The password file as given, for the options echo. */
  readonly passwordFile?: string;
  /** `--lab FOLDER`: the lab's directory instead of a domain controller (`connection` then names its file). */
  readonly lab?: string;
}

/** A parsed command line. */
export type ExchfailoverCommand =
  | { readonly kind: 'help'; readonly detailed: boolean }
  | { readonly kind: 'run'; readonly request: FailoverRequest; readonly ruleTexts: readonly string[]; readonly settings: RunSettings }
  /** `test`: preview the undo (read every entry, say what would be restored), change nothing. */
  | { readonly kind: 'undo'; readonly journal: string; readonly test: boolean; readonly settings: RunSettings };

interface Word {
  readonly text: string;
  readonly origin: WordOrigin;
  /** Words of one command line, or of one line of an options file: values and rules never cross it. */
  readonly group: string;
}

const HELP_WORDS = new Map([
  ['-?', false],
  ['/?', false],
  ['-??', true],
  ['/??', true],
  ['--help', true],
]);

/** Refuses a word longer than {@link MAX_WORD_LENGTH}. */
function checkWordLength(text: string, origin: WordOrigin, context: ArgumentContext): void {
  if (text.length <= MAX_WORD_LENGTH) return;
  throw new UsageError(
    `a word of ${formatCount(text.length)} characters ${at(origin)}; a word or value has at most ${formatCount(MAX_WORD_LENGTH)}: ${quoter(context)(text)}`,
  );
}

const looksLikeOption = (text: string): boolean => text.length > 1 && text.startsWith('-');

function splitInline(text: string): { name: string; inline: string | undefined } {
  if (!text.startsWith('--')) return { name: text, inline: undefined };
  const equals = text.indexOf('=');
  return equals === -1 ? { name: text, inline: undefined } : { name: text.slice(0, equals), inline: text.slice(equals + 1) };
}

async function readOptionsFile(path: string, shownAs: string, origin: WordOrigin, context: ArgumentContext): Promise<Word[]> {
  let text: string;
  try {
    text = await context.files.readText(resolve(context.cwd, path), MAX_OPTIONS_FILE_BYTES);
  } catch (error) {
    throw new UsageError(`cannot read the options file ${shownName(path, context)} ${at(origin)}: ${fileErrorReason(error)}`);
  }
  const words: Word[] = [];
  optionsFileLines(text).forEach((line, index) => {
    const fileOrigin: WordOrigin = { kind: 'file', file: shownAs, line: index + 1 };
    let texts: string[];
    try {
      texts = splitOptionsLine(line);
    } catch (error) {
      if (error instanceof OptionsLineError) throw new UsageError(`${describeOrigin(fileOrigin)}: ${error.message}`);
      throw error;
    }
    for (const wordText of texts) {
      checkWordLength(wordText, fileOrigin, context);
      words.push({ text: wordText, origin: fileOrigin, group: `${path}:${index + 1}` });
    }
  });
  return words;
}

async function collect(words: readonly Word[], collected: Collected, context: ArgumentContext, inOptionsFile: boolean): Promise<void> {
  let i = 0;
  let afterUserValue = false;
  while (i < words.length) {
    const word = words[i] as Word;
    const { name, inline } = splitInline(word.text);
    const spec = findOption(name);
    if (spec === undefined) {
      if (afterUserValue && !looksLikeOption(word.text)) {
        throw new UsageError(`unexpected word after the value of -u ${at(word.origin)}: a password with spaces needs double quotes`);
      }
      const quote = quoter(context);
      if (looksLikeOption(word.text)) {
        const hint = closestOption(name);
        throw new UsageError(`unknown option ${quote(name)} ${at(word.origin)}${hint === undefined ? '' : `; did you mean ${hint}?`}`);
      }
      throw new UsageError(`unexpected word ${quote(word.text)} ${at(word.origin)}: a name with spaces needs double quotes`);
    }
    afterUserValue = false;
    i += 1;
    if (spec.arity !== 'value' && inline !== undefined) throw new UsageError(`${spec.name} takes no value ${at(word.origin)}`);
    if (spec.arity === 'flag') {
      if (!collected.flags.has(spec.key)) collected.flags.set(spec.key, word.origin);
      continue;
    }
    if (spec.arity === 'rule') {
      const parts: string[] = [];
      while (i < words.length && (words[i] as Word).group === word.group && !looksLikeOption((words[i] as Word).text)) {
        parts.push((words[i] as Word).text);
        i += 1;
      }
      const text = parts.join(' ');
      if (collected.rules.length === MAX_RULES) throw new UsageError(`-r ${at(word.origin)}: more than ${MAX_RULES} rules; a run takes at most ${MAX_RULES}`);
      if (text.length > MAX_WORD_LENGTH) {
        throw new UsageError(`-r ${at(word.origin)}: a rule of ${formatCount(text.length)} characters; a rule has at most ${formatCount(MAX_WORD_LENGTH)}`);
      }
      collected.rules.push({ text, origin: word.origin });
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = words[i];
      const usable =
        next !== undefined &&
        next.group === word.group &&
        (!looksLikeOption(next.text) || (spec.key === 'user' && next.text.includes(':') && findOption(next.text) === undefined));
      if (!usable) throw new UsageError(`${spec.name} needs ${spec.value ?? 'a value'} after it ${at(word.origin)}`);
      value = next.text;
      i += 1;
    }
    if (spec.key === 'user') afterUserValue = true;
    await take(spec, value, word.origin, collected, context, inOptionsFile);
  }
}

async function take(spec: OptionSpec, value: string, origin: WordOrigin, collected: Collected, context: ArgumentContext, inOptionsFile: boolean): Promise<void> {
  if (spec.key === 'optionsFile') {
    if (inOptionsFile) throw new UsageError(`-o cannot be used inside an options file ${at(origin)}`);
    if (value === '') throw new UsageError(`-o needs a file name ${at(origin)}`);
    await collect(await readOptionsFile(value, shownName(value, context), origin, context), collected, context, true);
    return;
  }
  const earlier = collected.values.get(spec.key);
  if (earlier !== undefined) {
    throw new UsageError(`${spec.name} is given twice (${describeOrigin(earlier.origin)} and ${describeOrigin(origin)})`);
  }
  collected.values.set(spec.key, { value, origin });
}

function requiredName(collected: Collected, key: 'source' | 'target', what: string, context: ArgumentContext): string {
  const seen = collected.values.get(key);
  if (seen === undefined) throw new UsageError(`${optionName(key)} ${key === 'source' ? '<source>' : '<target>'} is missing: name ${what}`);
  const name = seen.value.trim();
  if (name === '') throw new UsageError(`${optionName(key)} has an empty server name ${at(seen.origin)}`);
  if (name.length > MAX_SERVER_NAME_LENGTH) {
    throw new UsageError(
      `${optionName(key)} names a server of ${formatCount(name.length)} characters ${at(seen.origin)}; a server's DNS name has at most ${MAX_SERVER_NAME_LENGTH}: ${quoter(context)(name)}`,
    );
  }
  const unsafe = firstUnsafeCharacter(name);
  if (unsafe !== undefined) {
    throw new UsageError(
      `${optionName(key)} ${at(seen.origin)} holds a control character or line break (${unsafe.code}) at character ${unsafe.index + 1}, which no server name has: ${quoter(context)(name)}`,
    );
  }
  return name;
}

function parseRules(collected: Collected, context: ArgumentContext): PairingRule[] {
  return collected.rules.map(({ text, origin }) => {
    try {
      return parsePairingRule(text);
    } catch (error) {
      if (error instanceof PairingRuleError) {
        throw new UsageError(`-r ${at(origin)}: pairing rule ${quoter(context)(error.rule)}: ${error.problem} at character ${error.position}`);
      }
      throw error;
    }
  });
}

/** Options of a failover or failback that mean nothing to --undo (-test does: it previews the undo). */
const RUN_ONLY: readonly OptionKey[] = ['failover', 'failback', 'source', 'target', 'rule', 'setup', 'norus', 'nospn'];

async function command(argv: readonly string[], context: ArgumentContext): Promise<ExchfailoverCommand> {
  for (const word of argv) {
    const detailed = HELP_WORDS.get(word.toLowerCase());
    if (detailed !== undefined) return { kind: 'help', detailed };
  }
  if (argv.length === 0) throw new UsageError('nothing to do: give -failover or -failback with -s <source> -t <target> (exchfailover -? shows the syntax)');
  const words = argv.map((text, index): Word => {
    const origin: WordOrigin = { kind: 'argument', index: index + 1 };
    checkWordLength(text, origin, context);
    return { text, origin, group: 'argv' };
  });
  const collected: Collected = { values: new Map(), flags: new Map(), rules: [] };
  await collect(words, collected, context, false);

  const undo = collected.values.get('undo');
  if (undo !== undefined) {
    for (const key of RUN_ONLY) {
      const origin = originOf(collected, key);
      if (origin !== undefined) throw new UsageError(`${optionName(key)} ${at(origin)} cannot be used with --undo ${at(undo.origin)}`);
    }
  } else {
    const failover = collected.flags.get('failover');
    const failback = collected.flags.get('failback');
    if (failover !== undefined && failback !== undefined) {
      throw new UsageError(`give -FAILOVER ${at(failover)} or -FAILBACK ${at(failback)}, not both`);
    }
    if (failover === undefined && failback === undefined) throw new UsageError('give -FAILOVER or -FAILBACK (exchfailover -? shows the syntax)');
  }
  const request = undo === undefined ? runRequest(collected, context) : undefined;
  const lab = await labFolder(collected, context);
  const { connection: directory, passwordFile } = lab === undefined ? await connection(collected, context) : { connection: lab.connection, passwordFile: undefined };
  const log = collected.values.get('log');
  if (log !== undefined && log.value.trim() === '') throw new UsageError(`-l needs a file name ${at(log.origin)}`);
  const journal = collected.values.get('journal');
  if (journal !== undefined && journal.value.trim() === '') throw new UsageError(`--journal needs a file name ${at(journal.origin)}`);
  const settings: RunSettings = {
    connection: directory,
    logFile: resolve(context.cwd, log?.value ?? DEFAULT_LOG_FILE),
    ...(journal === undefined ? {} : { journalFile: resolve(context.cwd, journal.value) }),
    json: collected.flags.has('json'),
    ...(passwordFile === undefined ? {} : { passwordFile }),
    ...(lab === undefined ? {} : { lab: lab.folder }),
  };
  if (undo !== undefined) {
    const path = resolve(context.cwd, undo.value);
    if (undo.value.trim() === '' || !(await context.files.isFile(path))) {
      throw new UsageError(`the journal ${quoter(context)(undo.value)} to undo does not exist ${at(undo.origin)}`);
    }
    return { kind: 'undo', journal: path, test: collected.flags.has('test'), settings };
  }
  if (request === undefined) throw new UsageError('internal: no request');
  return { kind: 'run', request: request.request, ruleTexts: request.ruleTexts, settings };
}

function runRequest(collected: Collected, context: ArgumentContext): { request: FailoverRequest; ruleTexts: string[] } {
  const source = requiredName(collected, 'source', 'the original source Exchange virtual server', context);
  const target = requiredName(collected, 'target', 'the original target Exchange virtual server', context);
  if (source.toLowerCase() === target.toLowerCase()) {
    throw new UsageError(`-s and -t name the same server ${quoter(context)(source)} ${at((collected.values.get('target') as Seen).origin)}`);
  }
  const rules = parseRules(collected, context);
  return {
    request: {
      direction: collected.flags.has('failback') ? 'failback' : 'failover',
      source,
      target,
      rules,
      setupOnly: collected.flags.has('setup'),
      test: collected.flags.has('test'),
      noRus: collected.flags.has('norus'),
      noSpn: collected.flags.has('nospn'),
    },
    ruleTexts: collected.rules.map((rule) => rule.text),
  };
}

/** The outcome of parsing: a command, or the one-line refusal. */
export type ParsedArguments = { readonly ok: true; readonly command: ExchfailoverCommand } | { readonly ok: false; readonly message: string };

/**
 * Parses the arguments (without the program name). Reads the options file (`-o`), the password file, and checks
 * that the CA file and the journal to undo exist, through `context.files`; changes nothing.
 */
export async function parseExchfailoverArguments(argv: readonly string[], context: ArgumentContext): Promise<ParsedArguments> {
  try {
    return { ok: true, command: await command(argv, context) };
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, message: error.message };
    throw error;
  }
}

/** Whether the raw arguments ask for JSON output (so even a refusal can be answered in JSON). */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.some((word) => word.toLowerCase() === '--json');
}

