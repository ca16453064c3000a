import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapedLines, escapeLine, EXCERPT_LENGTH, excerpt, firstUnsafeCharacter, quoteValue } from '../../../src-main/cli/log-text';
import { anyString } from './any-code-point';

/** Everything a reader (a terminal, an editor, a log viewer) might take for the end of a line. */
const LINE_END = /[\n\v\f\r\u0085\u2028\u2029]/;
/** Characters that must never come out of escapeLine. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const nasty = fc.oneof(
  anyString(),
  fc.constantFrom('\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\u001b[1A', '\u202e', '\ud800', '\udc00', '\\n'),
);
const value = fc.array(nasty, { maxLength: 6 }).map((parts) => parts.join(''));

describe('escapeLine', () => {
  it('writes line breaks, controls, separators and bidi controls as visible escapes; keeps the rest', () => {
    expect(escapeLine('EXCHVS\n2024-05-01T03:00:00.000Z INFO  Result: done')).toBe('EXCHVS\\n2024-05-01T03:00:00.000Z INFO  Result: done');
    expect(escapeLine('a\r\nb\tc\u2028d\u2029e\u0085f\u0000g\u007fh\u001b[2Ki\u202ej')).toBe('a\\r\\nb\\tc\\u2028d\\u2029e\\u0085f\\u0000g\\u007fh\\u001b[2Ki\\u202ej');
    expect(escapeLine('lone \ud800 and \udc00, pair 😀')).toBe('lone \\ud800 and \\udc00, pair 😀');
    expect(escapeLine('C:\\Program Files\\DoubleTake\\ExchFailover.log')).toBe('C:\\Program Files\\DoubleTake\\ExchFailover.log');
    expect(escapeLine('CN=Zoë Ångström,CN=Users,DC=lab,DC=local — שלום')).toBe('CN=Zoë Ångström,CN=Users,DC=lab,DC=local — שלום');
  });

  it('never lets a line end or a control character through, whatever the value', () => {
    fc.assert(
      fc.property(value, (text) => {
        const line = escapeLine(text);
        expect(line).not.toMatch(LINE_END);
        expect(line).not.toMatch(UNSAFE);
        expect(firstUnsafeCharacter(line)).toBeUndefined();
        expect(escapeLine(line)).toBe(line);
      }),
    );
  });

  it('keeps JSON valid and its values unchanged, on one line', () => {
    fc.assert(
      fc.property(fc.jsonValue(), value, (json, text) => {
        const document = { json, text, [text]: [text] };
        const line = escapeLine(JSON.stringify(document));
        expect(line).not.toMatch(LINE_END);
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(document)));
      }),
    );
  });

  it('escapedLines writes exactly one line per line given', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5 }), (lines) => {
        const text = escapedLines(lines);
        expect(text.split(/\r\n|[\n\v\f\r\u0085\u2028\u2029]/)).toHaveLength(lines.length + 1);
      }),
    );
  });
});

describe('firstUnsafeCharacter', () => {
  it('names the first character escapeLine would escape', () => {
    expect(firstUnsafeCharacter('EXCHVS')).toBeUndefined();
    expect(firstUnsafeCharacter('EXCH\nVS')).toEqual({ index: 4, code: 'U+000A' });
    expect(firstUnsafeCharacter('EXCHVS\u2028')).toEqual({ index: 6, code: 'U+2028' });
  });
});

describe('excerpt and quoteValue', () => {
  it('quote short values whole and long ones as a short start with their length', () => {
    expect(quoteValue('Indy,:X')).toBe('"Indy,:X"');
    expect(quoteValue('x'.repeat(1_000_000))).toBe(`"${'x'.repeat(EXCERPT_LENGTH - 1)}…" (1,000,000 characters)`);
    expect(excerpt('ab', 2)).toBe('ab');
    expect(excerpt(`${'a'.repeat(EXCERPT_LENGTH - 2)}😀tail`)).toBe(`${'a'.repeat(EXCERPT_LENGTH - 2)}…`);
  });

  it('never quote more than a short excerpt, and never half a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const cut = excerpt(text);
        expect(cut.length).toBeLessThanOrEqual(EXCERPT_LENGTH);
        expect(cut).not.toMatch(/[\ud800-\udbff]$/);
        expect(quoteValue(text).length).toBeLessThanOrEqual(2 * EXCERPT_LENGTH + 40);
      }),
    );
  });
});
