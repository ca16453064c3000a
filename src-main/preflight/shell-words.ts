/**
 * Command lines shown with the checks, written so they can be pasted: `ldapsearch` lines for a POSIX shell (OpenLDAP's
 * ldapsearch(1)), cluster.exe and dtcl.exe lines for cmd.exe (see src-main/cluster/cmd-exe-argument.ts).
 */
import { quoteWindowsArg } from '../cluster/windows-command-line';

/** One word for a POSIX shell: as it is when it holds only safe characters, else in single quotes. */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A configured program (its path, maybe after an interpreter) as it starts a cmd.exe line. */
export function programWords(command: readonly string[]): string {
  return command.map((word) => quoteWindowsArg(word)).join(' ');
}
