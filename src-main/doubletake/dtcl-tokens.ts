/**
 * DTCL (Double-Take Command Language) split into tokens with their line and column, so every later error can say
 * where it is. [assumed] lexical rules, none confirmed beyond the guide's transcript: `#` starts a comment to the end
 * of the line, strings are in double quotes without escapes (Windows paths keep their backslashes), `$name` is a
 * variable, a statement ends at `;` or at the end of a line.
 */

export interface DtclPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
}

/** Token classes; `end` closes a statement (a `;` or a line break). */
export type DtclTokenKind = 'word' | 'number' | 'string' | 'variable' | 'punct' | 'end';

/** One token and where it starts. */
export interface DtclToken {
  readonly kind: DtclTokenKind;
  /** The word, the digits, the string's content without quotes, the variable's name without `$`, the punctuation. */
  readonly text: string;
  readonly position: DtclPosition;
}

/** A script DTCL cannot read; the message starts with the line and column. */
export class DtclSyntaxError extends Error {
  override readonly name = 'DtclSyntaxError';
  constructor(
    readonly position: DtclPosition,
    readonly reason: string,
  ) {
    super(`line ${position.line}, column ${position.column}: ${reason}`);
  }
}

const PUNCTUATION = ['<>', '<=', '>=', ';', ',', '=', '(', ')', '+', '<', '>'] as const;
const WORD_CHARACTER = /[A-Za-z0-9_.\-\\:/]/;

/**
 * Tokenises a script. An `end` token (text `;` or newline) closes every statement, including the last; comments
 * and blank space produce nothing. Throws DtclSyntaxError for an unterminated string, a lone `$` or a stray character
 * — never quoting the text around it, which may be a password.
 */
export function tokenizeDtcl(source: string): DtclToken[] {
  const tokens: DtclToken[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const at = (index: number): DtclPosition => ({ line, column: index - lineStart + 1 });
  const end = (index: number, text: string) => {
    const last = tokens[tokens.length - 1];
    if (last !== undefined && last.kind !== 'end') tokens.push({ kind: 'end', text, position: at(index) });
  };

  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === ' ' || ch === '\t' || ch === '\ufeff') {
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      end(i, '\n');
      i += ch === '\r' && source.charAt(i + 1) === '\n' ? 2 : 1;
      line += 1;
      lineStart = i;
    } else if (ch === '#') {
      while (i < source.length && source.charAt(i) !== '\r' && source.charAt(i) !== '\n') i += 1;
    } else if (ch === '"') {
      const close = findClosingQuote(source, i + 1);
      if (close < 0) throw new DtclSyntaxError(at(i), 'a string is not closed: the closing " is missing on this line');
      tokens.push({ kind: 'string', text: source.slice(i + 1, close), position: at(i) });
      i = close + 1;
    } else if (ch === '$') {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i + 1))?.[0];
      if (name === undefined) throw new DtclSyntaxError(at(i), '$ must be followed by a variable name');
      tokens.push({ kind: 'variable', text: name, position: at(i) });
      i += 1 + name.length;
    } else if (WORD_CHARACTER.test(ch)) {
      let j = i;
      while (j < source.length && WORD_CHARACTER.test(source.charAt(j))) j += 1;
      const text = source.slice(i, j);
      tokens.push({ kind: /^[0-9]+$/.test(text) ? 'number' : 'word', text, position: at(i) });
      i = j;
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (punct === undefined) throw new DtclSyntaxError(at(i), `unexpected character (code ${ch.codePointAt(0) ?? 0})`);
      if (punct === ';') end(i, ';');
      else tokens.push({ kind: 'punct', text: punct, position: at(i) });
      i += punct.length;
    }
  }
  end(i, '\n');
  return tokens;
}

function findClosingQuote(source: string, from: number): number {
  for (let j = from; j < source.length; j += 1) {
    const ch = source.charAt(j);
    if (ch === '"') return j;
    if (ch === '\r' || ch === '\n') return -1;
  }
  return -1;
}
