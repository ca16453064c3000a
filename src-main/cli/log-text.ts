/**
 * Text the command line writes (log file, standard output and error) is written one line at a time, and each line
 * passes through {@link escapeLine} first: whatever a value holds — a line break in `-s`, a DN or attribute value
 * read from the directory, a word of an options file — it stays inside its line and can never forge another one
 * (a "Result: done and verified" line, say). The program's own multi-line output (the summary, the help text, the
 * plan) is written deliberately as several lines, each escaped on its own.
 *
 * Escaped, as visible `\n`, `\r`, `\t` or `\uXXXX`:
 *  - the C0 controls U+0000–U+001F, DEL U+007F and the C1 controls U+0080–U+009F (NEL U+0085 among them): line
 *    breaks, and terminal escape sequences that could overwrite a line on screen (ECMA-48);
 *  - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR, which Unicode treats as mandatory line breaks
 *    (UAX #14, https://www.unicode.org/reports/tr14/, classes BK and NL);
 *  - the bidirectional embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069, which reorder
 *    how a line reads on screen (UAX #9, https://www.unicode.org/reports/tr9/; CVE-2021-42574 "Trojan Source");
 *  - a UTF-16 surrogate without its partner, which no UTF-8 file can hold.
 * Backslashes are kept as they are, so Windows paths and `DOMAIN\user` read as typed.
 *
 * JSON text from `JSON.stringify` (no indentation) holds line-breaking characters only inside strings, and every
 * escape written here is also a JSON escape of the same character, so `escapeLine` of such JSON is still JSON with
 * the same values, on one line.
 */

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const EVERY_UNSAFE = new RegExp(UNSAFE.source, 'g');

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text as one line: every character that could break, hide or reorder a line written as a visible escape. */
export function escapeLine(text: string): string {
  return UNSAFE.test(text) ? text.replace(EVERY_UNSAFE, escapeOne) : text;
}

/** The first character {@link escapeLine} would escape: its 0-based index and `U+XXXX`; undefined when none. */
export function firstUnsafeCharacter(text: string): { readonly index: number; readonly code: string } | undefined {
  const found = UNSAFE.exec(text);
  if (found === null) return undefined;
  return { index: found.index, code: `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
}

/** Lines, each escaped, each ending in `\n`: how several lines the program means to write are written. */
export function escapedLines(lines: readonly string[]): string {
  let text = '';
  for (const line of lines) text += `${escapeLine(line)}\n`;
  return text;
}

/** The longest excerpt of a value that a message quotes. */
export const EXCERPT_LENGTH = 60;

/** The start of a value, at most {@link EXCERPT_LENGTH} characters, `…` when cut (never half a surrogate pair). */
export function excerpt(value: string, length: number = EXCERPT_LENGTH): string {
  if (value.length <= length) return value;
  let end = length - 1;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${value.slice(0, end)}…`;
}

/**
 * A value quoted in a message, as a JSON string on one line: `"short value"`, or `"the start…" (5,000 characters)`
 * for a long one.
 */
export function quoteValue(value: string): string {
  const quoted = escapeLine(JSON.stringify(excerpt(value)));
  return value.length <= EXCERPT_LENGTH ? quoted : `${quoted} (${value.length.toLocaleString('en-US')} characters)`;
}
