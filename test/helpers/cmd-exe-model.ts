import { parseWindowsCommandLine } from '../../src-main/cluster/windows-command-line';

/**
 * A model of what happens to one line pasted at an interactive cmd.exe prompt, for tests that must prove a plan's
 * copyable command line runs exactly one program with exactly the intended arguments. It is a test oracle, written
 * from the published descriptions of the parser, not from cmd.exe's code:
 *
 * - Microsoft, "cmd" (Windows Commands reference), https://learn.microsoft.com/windows-server/administration/windows-commands/cmd
 *   — `&`, `<`, `>`, `(`, `)`, `@`, `^` and `|` are special and need quotes or a caret; delayed expansion (`/v:on`,
 *   the `!NAME!` form) is off unless asked for.
 * - SS64, "Escape Characters, Delimiters and Quotes", https://ss64.com/nt/syntax-esc.html — the caret escapes the
 *   next character outside quotes and is taken literally inside them; `%` is expanded even inside quotes.
 * - jeb and dbenham, "How does the Windows Command Interpreter (CMD.EXE) parse scripts?", Stack Overflow,
 *   https://stackoverflow.com/questions/4094699 — the phases: (0) read one line, (1) percent expansion, which on the
 *   command line (not in a batch file) keeps an undefined `%NAME%` as it is and resumes the scan at its closing `%`
 *   (their example: with b=a, `%a %b% c%` gives `%a a c%`); (2) special characters: a `"` toggles quoting, inside
 *   quotes only `"` is special; outside, `^` escapes the next character (a caret ending the line asks "More?"),
 *   `&`, `&&`, `||`, `|` separate commands, `<`, `>`, `>>` (optionally with a handle digit) redirect, `(` and `)`
 *   open and close blocks.
 * - Daniel Colascione, "Everyone quotes command line arguments the wrong way" (Microsoft, 2011),
 *   https://learn.microsoft.com/archive/blogs/twistylittlepassagesallalike/everyone-quotes-command-line-arguments-the-wrong-way
 *   — cmd.exe hands the program the rest of the line after these phases; the program splits it itself
 *   (CommandLineToArgvW, `parseWindowsCommandLine`).
 * - microsoft/terminal, src/interactivity/win32/Clipboard.cpp, `FilterCharacterOnPaste` — with "Filter clipboard
 *   contents on paste" (the Windows 10 console's default) a pasted tab is dropped, U+00A0 and U+202F become a space,
 *   U+201C and U+201D become `"`, U+2013 and U+2014 become `-`.
 *
 * Not modelled: delayed expansion (`cmd /v:on`), DOSKEY macros, AutoRun, `FOR` variables, and how built-in commands
 * read their own arguments. The model is deliberately strict where cmd.exe's rules depend on context: every unquoted,
 * unescaped `(` or `)` counts as block syntax.
 */

/** The environment the line is expanded against (names compare without case, as cmd.exe's do). */
export type CmdVariables = Readonly<Record<string, string>>;

/** An environment with the variables an administrator's prompt always has, for tests. */
export const TYPICAL_VARIABLES: CmdVariables = {
  PATH: 'C:\\WINDOWS\\system32;C:\\WINDOWS',
  ComSpec: 'C:\\WINDOWS\\system32\\cmd.exe',
  SystemRoot: 'C:\\WINDOWS',
  USERNAME: 'Administrator',
  CD: 'C:\\Documents and Settings\\Administrator',
  X: 'expanded-x',
};

/** Conhost's paste filter (see the module comment); applied only when the test says the console filters. */
export function conhostPasteFilter(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\t') continue;
    if (ch === '\u00a0' || ch === '\u202f') out += ' ';
    else if (ch === '\u201c' || ch === '\u201d') out += '"';
    else if (ch === '\u2013' || ch === '\u2014') out += '-';
    else out += ch;
  }
  return out;
}

/** One variable reference's value, or undefined when cmd.exe leaves the reference as it is. */
function variableValue(reference: string, variables: CmdVariables): string | undefined {
  const colon = reference.indexOf(':');
  const name = colon < 0 ? reference : reference.slice(0, colon);
  const key = Object.keys(variables).find((k) => k.toLowerCase() === name.toLowerCase());
  if (name === '' || key === undefined) return undefined;
  const value = variables[key] ?? '';
  if (colon < 0) return value;
  const modifier = reference.slice(colon + 1);
  if (modifier.startsWith('~')) {
    // %NAME:~start[,length]% (set /?): numbers read leniently; a negative start counts from the end.
    const [startText = '', lengthText] = modifier.slice(1).split(',');
    const start = leadingInteger(startText);
    const from = start < 0 ? Math.max(0, value.length + start) : Math.min(start, value.length);
    if (lengthText === undefined) return value.slice(from);
    const length = leadingInteger(lengthText);
    return length < 0 ? value.slice(from, Math.max(from, value.length + length)) : value.slice(from, from + length);
  }
  const equals = modifier.indexOf('=');
  if (equals > 0) {
    // %NAME:find=replace% (set /?): case-insensitive; `*find` replaces through the first match.
    const find = modifier.slice(0, equals);
    const replace = modifier.slice(equals + 1);
    if (find.startsWith('*')) {
      const at = value.toLowerCase().indexOf(find.slice(1).toLowerCase());
      return at < 0 ? value : replace + value.slice(at + find.length - 1);
    }
    return value.split(new RegExp(escapeRegExp(find), 'i')).join(replace);
  }
  // Strict: a modifier the model does not know still counts as an expansion.
  return value;
}

function leadingInteger(text: string): number {
  const m = /^\s*(-?\d+)/.exec(text);
  return m === null ? 0 : Number(m[1]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Phase 1 on an interactive line: `%NAME%` (and `%NAME:...%`) of a defined variable is replaced and the scan goes
 * on after it; an undefined one is kept and the scan resumes at its closing `%`, which may open the next reference.
 * A `%` with no closing one is kept. Quotes and carets mean nothing here.
 */
export function expandPercents(line: string, variables: CmdVariables): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const ch = line[i] as string;
    if (ch !== '%') {
      out += ch;
      i += 1;
      continue;
    }
    const close = line.indexOf('%', i + 1);
    if (close < 0) {
      out += line.slice(i);
      break;
    }
    const reference = line.slice(i + 1, close);
    const value = variableValue(reference, variables);
    if (value === undefined) {
      out += `%${reference}`;
      i = close;
    } else {
      out += value;
      i = close + 1;
    }
  }
  return out;
}

/** One command of a line after phase 2: its text (carets removed, quotes kept) and the redirections taken out of it. */
export interface CmdCommand {
  readonly text: string;
  readonly redirections: readonly string[];
}

/** What phase 2 made of a line. */
export interface CmdLineStructure {
  readonly commands: readonly CmdCommand[];
  /** The separators between the commands: `&`, `&&`, `||`, `|`. */
  readonly separators: readonly string[];
  /** Unquoted, unescaped `(` or `)` seen: block syntax. */
  readonly blockSyntax: boolean;
  /** The line ends with an unescaped caret: cmd.exe would ask "More?" and join the next line. */
  readonly continues: boolean;
}

const REDIRECTION_TARGET_END = /[ \t&|<>]/;

/** Phase 2 with delayed expansion off: quotes, carets, command separators, redirections and blocks. */
export function splitCommands(line: string): CmdLineStructure {
  const commands: CmdCommand[] = [];
  const separators: string[] = [];
  let blockSyntax = false;
  let text = '';
  let redirections: string[] = [];
  let quoted = false;
  let i = 0;
  const endCommand = (separator: string): void => {
    commands.push({ text, redirections });
    separators.push(separator);
    text = '';
    redirections = [];
  };
  while (i < line.length) {
    const ch = line[i] as string;
    if (quoted) {
      text += ch;
      if (ch === '"') quoted = false;
      i += 1;
      continue;
    }
    if (ch === '^') {
      if (i + 1 >= line.length) {
        commands.push({ text, redirections });
        return { commands, separators, blockSyntax, continues: true };
      }
      text += line[i + 1] as string;
      i += 2;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      text += ch;
      i += 1;
      continue;
    }
    if (ch === '&' || ch === '|') {
      const doubled = line[i + 1] === ch;
      endCommand(doubled ? ch + ch : ch);
      i += doubled ? 2 : 1;
      continue;
    }
    if (ch === '<' || ch === '>') {
      // An optional handle digit right before the operator belongs to it (`2>file`).
      let operator = ch;
      const handle = /(^|[ \t])([0-9])$/.exec(text);
      if (handle !== null) {
        text = text.slice(0, text.length - 1);
        operator = (handle[2] ?? '') + operator;
      }
      i += 1;
      if (ch === '>' && line[i] === '>') {
        operator += '>';
        i += 1;
      }
      if (line[i] === '&') {
        operator += '&';
        i += 1;
      }
      while (line[i] === ' ' || line[i] === '\t') i += 1;
      let target = '';
      let targetQuoted = false;
      while (i < line.length && (targetQuoted || !REDIRECTION_TARGET_END.test(line[i] as string))) {
        const t = line[i] as string;
        if (t === '"') targetQuoted = !targetQuoted;
        if (t === '^' && !targetQuoted && i + 1 < line.length) {
          target += line[i + 1] as string;
          i += 2;
          continue;
        }
        target += t;
        i += 1;
      }
      redirections.push(`${operator}${target}`);
      continue;
    }
    if (ch === '(' || ch === ')') blockSyntax = true;
    text += ch;
    i += 1;
  }
  commands.push({ text, redirections });
  return { commands, separators, blockSyntax, continues: false };
}

/** Characters that end cmd.exe's command-name token (SS64: delimiters), besides the end of the line. */
const COMMAND_TOKEN_END = /[ \t,;=]/;

/** The program cmd.exe runs for a command's text: its first token, quotes removed. */
export function programToken(text: string): string {
  const rest = text.replace(/^[ \t,;=]+/, '');
  let token = '';
  let quoted = false;
  for (const ch of rest) {
    if (ch === '"') {
      quoted = !quoted;
      continue;
    }
    if (!quoted && COMMAND_TOKEN_END.test(ch)) break;
    token += ch;
  }
  return token;
}

/** How a pasted line ran: exactly one program and its argv, or why it did not run as one command. */
export type CmdLineOutcome =
  | { readonly kind: 'one-command'; readonly program: string; readonly argv: readonly string[] }
  | { readonly kind: 'not-one-command'; readonly reason: string };

/** Options for reading one pasted line. */
export interface CmdPasteOptions {
  readonly variables?: CmdVariables;
  /** Whether the console filters pasted text (conhost's "Filter clipboard contents on paste"). */
  readonly pasteFilter?: boolean;
}

/**
 * Reads `pasted` as an interactive cmd.exe would: one line, percent expansion, phase 2; when that leaves exactly one
 * command with no redirection, no block syntax and no continuation, the program cmd.exe starts and the argv that
 * program's CommandLineToArgvW gives.
 */
export function runPastedLine(pasted: string, options: CmdPasteOptions = {}): CmdLineOutcome {
  const line = options.pasteFilter === true ? conhostPasteFilter(pasted) : pasted;
  // Phase 0: a line ends at a line feed; a carriage return is dropped (phase 1.5) — the rest would be another line.
  if (/[\r\n]/.test(line)) return { kind: 'not-one-command', reason: 'the text holds more than one line' };
  if (line.includes('\0')) return { kind: 'not-one-command', reason: 'the text holds a NUL, which ends the line' };
  const expanded = expandPercents(line, options.variables ?? TYPICAL_VARIABLES);
  const structure = splitCommands(expanded);
  if (structure.continues) return { kind: 'not-one-command', reason: 'the line ends with a caret: cmd.exe asks "More?"' };
  if (structure.commands.length !== 1) {
    return { kind: 'not-one-command', reason: `${structure.commands.length} commands joined by ${structure.separators.join(' ')}` };
  }
  const [command] = structure.commands;
  if (command === undefined) return { kind: 'not-one-command', reason: 'no command' };
  if (command.redirections.length > 0) return { kind: 'not-one-command', reason: `redirection ${command.redirections.join(' ')}` };
  if (structure.blockSyntax) return { kind: 'not-one-command', reason: 'an unescaped ( or ) outside quotes' };
  const text = command.text.replace(/^[ \t]+/, '');
  return { kind: 'one-command', program: programToken(text), argv: parseWindowsCommandLine(text) };
}
