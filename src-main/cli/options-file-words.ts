/**
 * Words of one line of an `-o` options file. Words are separated by spaces or tabs; double quotes hold a value with
 * spaces (`-r "First Storage Group:First Storage Group"`, `-l "C:\Program Files\DoubleTake\ExchFailover.log"`), a
 * doubled `""` inside quotes is one quote character, and backslashes are plain characters (Windows paths). A `#`
 * that starts a word starts a comment that runs to the end of the line.
 */

/** A line that cannot be split: what is wrong and at which 1-based column. */
export class OptionsLineError extends Error {
  override readonly name = 'OptionsLineError';
  constructor(
    readonly column: number,
    readonly problem: string,
  ) {
    super(`${problem} at column ${column}`);
  }
}

const isSpace = (char: string | undefined): boolean => char === ' ' || char === '\t';

/** Splits one line (without its line ending) into words; throws {@link OptionsLineError} on an unclosed quote. */
export function splitOptionsLine(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (isSpace(line[i])) i += 1;
    if (i >= line.length || line[i] === '#') break;
    let word = '';
    while (i < line.length && !isSpace(line[i])) {
      if (line[i] !== '"') {
        word += line[i];
        i += 1;
        continue;
      }
      const open = i;
      i += 1;
      for (;;) {
        if (i >= line.length) throw new OptionsLineError(open + 1, 'a double quote that is never closed');
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            word += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        word += line[i];
        i += 1;
      }
    }
    words.push(word);
  }
  return words;
}

/** Writes a word so that `splitOptionsLine` reads it back unchanged (quoted only when it has to be). */
export function quoteOptionsWord(word: string): string {
  if (word !== '' && !/[\s"#]/.test(word)) return word;
  return `"${word.replaceAll('"', '""')}"`;
}

/** The lines of an options file: a UTF-8 byte-order mark dropped, CRLF or LF endings. */
export function optionsFileLines(text: string): string[] {
  return (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r?\n/);
}
