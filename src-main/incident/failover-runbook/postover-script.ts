/**
 * `postover.bat`: the script guide section 7's NOTE gives for automating the failover, filled in for this pair — the
 * two exchfailover lines with the pair document's `-r` rules, `-norus` and `-nospn`, the target group brought
 * online, and Double-Take's wait between them. The `-u username:password` switch the routing master may need is
 * never written with a password: the script says, in REM lines, how to add it at the prompt.
 *
 * Values are written for a batch file: an argument with a space is quoted; one holding a character cmd.exe gives a
 * meaning (`"`, `&`, `|`, `<`, `>`, `(`, `)`, `^`, `!`) is quoted and each such character, quotes included, preceded
 * by a caret, so cmd.exe never enters its quote state; a `%` is doubled, as a batch file writes a literal percent
 * sign (Microsoft, "cmd", https://learn.microsoft.com/windows-server/administration/windows-commands/cmd; SS64,
 * "Escape Characters, Delimiters and Quotes", https://ss64.com/nt/syntax-esc.html).
 */
import { assertPastable } from '../../cluster/cmd-exe-argument';
import { quoteWindowsArg } from '../../cluster/windows-command-line';
import type { PairDocument } from '../../pair/pair-document-schema';
import { writeFileAtomic } from '../../shared/write-file-atomic';
import { engineRequest, exchfailoverArguments } from '../runbook/runbook-engine';

const CMD_CHARACTER = /["!^&|<>()]/;

/** One argument as a batch file line carries it. Throws (naming the value) for one no line can carry. */
export function batchArgument(value: string): string {
  assertPastable(value, 'value');
  const special = CMD_CHARACTER.test(value);
  let quoted = quoteWindowsArg(value, /[\s,;=]/.test(value) || special || value === '');
  if (special) quoted = quoted.replace(/["!^&|<>()]/g, (ch) => `^${ch}`);
  return quoted.replace(/%/g, '%%');
}

const line = (program: string, args: readonly string[]): string => [program, ...args.map(batchArgument)].join(' ');

/** The script's text (CRLF line ends, as cmd.exe reads them). */
export function postoverScript(pair: PairDocument, incident: string): string {
  const setup = engineRequest(pair, 'failover', true);
  const full = engineRequest(pair, 'failover', false);
  const dtcl = `${pair.target.cluster.nodes[0]?.doubleTakeFolder ?? 'C:\\Program Files\\DoubleTake'}\\dtcl.exe`;
  const lines = [
    '@echo off',
    `REM postover.bat: guide section 7 for ${full.source} -> ${full.target} (incident ${incident}), written by Exchange HA Wizard.`,
    'REM Run it on the target node that owns the Exchange group, with the permissions of the MS Exchange System',
    'REM Attendant service (System): as a member of Exchange Domain Servers, or in a console opened by "at ... /interactive".',
    'REM The commands are case-sensitive.',
    'REM',
    'REM If the source virtual server is the routing master and System may not write its routing group, exchfailover',
    'REM needs -u DOMAIN\\user:password (an Exchange administrator). Never write the password in this file: type it',
    'REM when the script asks by removing REM from the next line and adding  -u %EXFO_USER%  to both exchfailover lines.',
    'REM set /p EXFO_USER=Exchange administrator as DOMAIN\\user:password: ',
    line('exchfailover.exe', exchfailoverArguments(setup)),
    line('cluster', [`/cluster:${pair.target.cluster.name}`, 'group', pair.target.group.name, '/online']),
    `${batchArgument(dtcl)} wait 25000`,
    line('exchfailover.exe', exchfailoverArguments(full)),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Writes `<incident folder>/postover.bat` (atomically). */
export async function writePostoverScript(file: string, pair: PairDocument, incident: string): Promise<void> {
  await writeFileAtomic(file, [postoverScript(pair, incident)]);
}
