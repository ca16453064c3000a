/**
 * Windows command-line quoting. A Windows program receives one string and splits it itself; cluster.exe (like
 * most) splits it as CommandLineToArgvW does. `quoteWindowsArg` writes an argument so that it splits back to
 * exactly itself; `parseWindowsCommandLine` is that split, so plans shown to the user can be checked to mean what
 * will run. This is the program's half only: a line typed or pasted at a cmd.exe prompt is read by cmd.exe first
 * (`%` expansion, `"` toggling, `&` and the like), which quoting for CommandLineToArgvW does not survive; lines
 * offered to copy are written by cmd-exe-argument.ts on top of this.
 */

const NEEDS_QUOTES = /[ \t\n\v"]/;

/**
 * One argument as it must be typed: unchanged when it needs no quotes (and `force` is false), else in double quotes
 * with embedded quotes escaped (`\"`) and the backslashes before a quote or the closing quote doubled.
 */
export function quoteWindowsArg(arg: string, force = false): string {
  if (!force && arg !== '' && !NEEDS_QUOTES.test(arg)) return arg;
  let out = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      backslashes += 1;
      continue;
    }
    if (ch === '"') out += '\\'.repeat(backslashes * 2 + 1) + '"';
    else out += '\\'.repeat(backslashes) + ch;
    backslashes = 0;
  }
  return out + '\\'.repeat(backslashes * 2) + '"';
}

/**
 * Splits a command line as CommandLineToArgvW does (Wine's reading of it): the program name ends at the next
 * space or, when it starts with a quote, at the next quote; after it, 2n backslashes before a quote give n and the
 * quote opens or closes quoting, 2n+1 give n and a literal quote, other backslashes are literal, and inside quotes
 * a run of three quotes gives a literal one. Whitespace (space, tab) outside quotes separates arguments.
 */
export function parseWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  const n = line.length;
  if (n === 0) return args;
  // argv[0]: no escapes
  if (line[0] === '"') {
    const close = line.indexOf('"', 1);
    args.push(close < 0 ? line.slice(1) : line.slice(1, close));
    i = close < 0 ? n : close + 1;
  } else {
    while (i < n && line[i] !== ' ' && line[i] !== '\t') i += 1;
    args.push(line.slice(0, i));
  }
  let current = '';
  let inArg = false;
  let quotes = 0;
  let backslashes = 0;
  while (i < n) {
    const ch = line[i] as string;
    if ((ch === ' ' || ch === '\t') && quotes === 0) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
      backslashes = 0;
      i += 1;
      continue;
    }
    inArg = true;
    if (ch === '\\') {
      current += ch;
      backslashes += 1;
      i += 1;
    } else if (ch === '"') {
      if (backslashes % 2 === 0) {
        current = current.slice(0, current.length - backslashes / 2);
        quotes += 1;
      } else {
        current = current.slice(0, current.length - (backslashes + 1) / 2) + '"';
      }
      i += 1;
      backslashes = 0;
      while (line[i] === '"') {
        quotes += 1;
        if (quotes === 3) {
          current += '"';
          quotes = 0;
        }
        i += 1;
      }
      if (quotes === 2) quotes = 0;
    } else {
      current += ch;
      backslashes = 0;
      i += 1;
    }
  }
  if (inArg) args.push(current);
  return args;
}
