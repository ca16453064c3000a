/**
 * The options of a run written back as a command line, for the log file and the human summary: canonical option
 * names, values quoted when they hold spaces, and the password always shown as `********`.
 */
import type { ExchfailoverCommand, RunSettings } from './exchfailover-arguments';
import { quoteOptionsWord } from './options-file-words';
import { REDACTED } from '../shared/redaction';

/** What stands for a password wherever options are echoed: the program's one mask. */
export const PASSWORD_MASK = REDACTED;

function connectionWords(settings: RunSettings): string[] {
  const { connection } = settings;
  const words = settings.lab === undefined ? ['--ldap-url', connection.url] : ['--lab', settings.lab];
  if (connection.passwordSource === 'user-option') words.push('-u', `${connection.bindDn ?? ''}:${PASSWORD_MASK}`);
  if (connection.passwordSource === 'password-file') words.push('--bind-dn', connection.bindDn ?? '', '--password-file', settings.passwordFile ?? '');
  if (connection.startTls) words.push('--starttls');
  if (connection.caFile !== undefined) words.push('--ca-file', connection.caFile);
  words.push('-l', settings.logFile);
  if (settings.journalFile !== undefined) words.push('--journal', settings.journalFile);
  if (settings.json) words.push('--json');
  return words;
}

/** The command as one line; never holds the password. */
export function echoCommand(command: Exclude<ExchfailoverCommand, { kind: 'help' }>): string {
  const words: string[] = [];
  if (command.kind === 'undo') {
    words.push('--undo', command.journal);
    if (command.test) words.push('-test');
  } else {
    const { request } = command;
    words.push(request.direction === 'failover' ? '-FAILOVER' : '-FAILBACK', '-s', request.source, '-t', request.target);
    if (request.setupOnly) words.push('-SETUP');
    if (request.test) words.push('-test');
    if (request.noRus) words.push('-norus');
    if (request.noSpn) words.push('-nospn');
    for (const text of command.ruleTexts) words.push('-r', ...(text.trim() === '' ? [] : [text]));
  }
  words.push(...connectionWords(command.settings));
  return words.map(quoteOptionsWord).join(' ');
}
