import { quoteWindowsArg } from './windows-command-line';

/**
 * Arguments written so that a line pasted at an interactive cmd.exe prompt reaches the program as intended. cmd.exe
 * reads the line before the program splits it (CommandLineToArgvW, windows-command-line.ts): it expands `%NAME%`
 * even inside quotes, toggles its quote state on every `"` whatever backslash precedes it, and outside quotes takes
 * `&`, `|`, `<`, `>`, `(`, `)` as syntax and `^` as an escape (Microsoft, "cmd", Windows Commands reference,
 * https://learn.microsoft.com/windows-server/administration/windows-commands/cmd; SS64, "Escape Characters,
 * Delimiters and Quotes", https://ss64.com/nt/syntax-esc.html). So an argument quoted for CommandLineToArgvW alone
 * can end cmd.exe's quoting and start a second command (Daniel Colascione, "Everyone quotes command line arguments
 * the wrong way", 2011, https://learn.microsoft.com/archive/blogs/twistylittlepassagesallalike/everyone-quotes-command-line-arguments-the-wrong-way).
 *
 * The rule: an argument with none of cmd.exe's characters is written as an administrator types it (`"Exchange IP"`,
 * `/group:"Exchange Group"`). Any other is quoted for CommandLineToArgvW and then every cmd.exe character of the
 * result, its quotes included, is preceded by `^`, so cmd.exe never enters its quote state and removes each caret:
 * `^"50%^ ^(main^)^"`. A `%` cannot be escaped with a caret before it (percent expansion runs before carets are
 * read, and `%NAME:~0^%` still expands), so each `%` is followed by a caret instead: every `%...%` pair cmd.exe can
 * find then names a variable beginning with `^`, which no ordinary environment defines, and an interactive cmd.exe
 * keeps an undefined reference as it is (jeb and dbenham, "How does the Windows Command Interpreter (CMD.EXE) parse
 * scripts?", https://stackoverflow.com/questions/4094699). `!` is escaped too; with delayed expansion off (the
 * default, `cmd /?`) the caret only disappears.
 *
 * The console changes some pasted characters before cmd.exe sees them (microsoft/terminal,
 * src/interactivity/win32/Clipboard.cpp, `FilterCharacterOnPaste`: tabs dropped, U+00A0 and U+202F become a space,
 * U+201C and U+201D become `"`, U+2013 and U+2014 become `-`). An argument with a no-break space is therefore always
 * quoted, and the curly double quotes are refused: turned into `"` they would move where arguments end. Control
 * characters are refused: a line break or NUL ends the line, and the console acts on the others (a tab completes a
 * file name or is dropped, Ctrl+Z ends input).
 */

/** Thrown when a value cannot be put on a line an administrator pastes; the message names the value. */
export class CommandLineRefusedError extends Error {
  override readonly name = 'CommandLineRefusedError';
}

/** The characters cmd.exe gives a meaning on an interactive line (outside quotes; `%` and `"` everywhere). */
const CMD_CHARACTER = /["%!^&|<>()]/;
/** Spaces that split arguments once pasted: CommandLineToArgvW's own, and the no-break spaces the console turns into one. */
const ARGUMENT_SPACE = /[ \t\u00a0\u202f]/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const CURLY_DOUBLE_QUOTE = /[\u201c\u201d]/;

/** Shows control characters as `\x0A`, so a message can name a value that holds one. */
export function printableValue(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}

/** Why `value` cannot be written on one pasted cmd.exe line, or undefined. */
export function unpastableValueProblem(value: string): string | undefined {
  const shown = `'${printableValue(value)}'`;
  if (/[\r\n]/.test(value)) return `${shown} holds a line break, which cannot be written on one cmd.exe line.`;
  if (value.includes('\0')) return `${shown} holds a NUL character, which ends a Windows command line.`;
  if (CONTROL.test(value)) {
    return `${shown} holds a control character, which the console acts on when the line is pasted (a tab completes a file name or is dropped).`;
  }
  const curly = CURLY_DOUBLE_QUOTE.exec(value);
  if (curly !== null) {
    return `${shown} holds the curly quote ${curly[0]}, which the console turns into '"' when the line is pasted, changing where the argument ends.`;
  }
  return undefined;
}

/** Throws CommandLineRefusedError when `value` cannot be written on one pasted cmd.exe line. */
export function assertPastable(value: string, what: string): void {
  const problem = unpastableValueProblem(value);
  if (problem !== undefined) throw new CommandLineRefusedError(`The ${what} ${problem}`);
}

/**
 * Precedes every cmd.exe character of `token` with a caret, and follows every `%` with one (escaping the next
 * character, which must exist). The token must hold no control character.
 */
export function caretEscape(token: string): string {
  let out = '';
  let afterPercent = false;
  for (const ch of token) {
    if (ch === '%') {
      if (afterPercent) out += '^';
      out += '%';
      afterPercent = true;
      continue;
    }
    out += afterPercent || CMD_CHARACTER.test(ch) ? `^${ch}` : ch;
    afterPercent = false;
  }
  if (afterPercent) throw new Error(`caretEscape: ${token} ends with '%'; quote it first`);
  return out;
}

/** How an argument is written when it holds no cmd.exe character: quoted always, or only when it must be. */
export type ArgumentQuoting = 'always' | 'when-needed';

/**
 * One argument as it goes on a pasted line: `head` (a literal switch or assignment such as `/group:` or
 * `Description=`, written as it is) then `value`. Plain when the value holds no cmd.exe character, else quoted and
 * caret-escaped whole. Throws CommandLineRefusedError for a value no pasted line can carry.
 */
export function cmdExeArgument(value: string, quoting: ArgumentQuoting = 'when-needed', head = ''): string {
  assertPastable(value, 'value');
  if (CMD_CHARACTER.test(head) || ARGUMENT_SPACE.test(head) || CONTROL.test(head)) {
    throw new Error(`cmdExeArgument: the head ${JSON.stringify(head)} must be a plain switch or assignment`);
  }
  if (CMD_CHARACTER.test(value)) return caretEscape(head + quoteWindowsArg(value, true));
  const quote = quoting === 'always' || ARGUMENT_SPACE.test(value);
  return head + quoteWindowsArg(value, quote);
}

/** Whether a string cmd.exe reads as a program name can be written as it is (no cmd.exe character or control). */
function plainProgram(program: string): boolean {
  return program !== '' && !CMD_CHARACTER.test(program) && !CONTROL.test(program) && !CURLY_DOUBLE_QUOTE.test(program);
}

/** A whole line: the program (quoted when it has a space) and the arguments, each already written by cmdExeArgument. */
export function cmdExeLine(program: string, args: readonly string[]): string {
  if (!plainProgram(program)) throw new CommandLineRefusedError(`The program name '${printableValue(program)}' cannot be written on a cmd.exe line.`);
  return [ARGUMENT_SPACE.test(program) ? `"${program}"` : program, ...args].join(' ');
}

