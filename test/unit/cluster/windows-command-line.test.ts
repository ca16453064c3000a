import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWindowsCommandLine, quoteWindowsArg } from '../../../src-main/cluster/windows-command-line';

describe('CommandLineToArgvW splitting', () => {
  // Microsoft's documented examples for CommandLineToArgvW / the C runtime
  it.each([
    ['prog "abc" d e', ['prog', 'abc', 'd', 'e']],
    ['prog a\\\\\\b d"e f"g h', ['prog', 'a\\\\\\b', 'de fg', 'h']],
    ['prog a\\\\\\"b c d', ['prog', 'a\\"b', 'c', 'd']],
    ['prog a\\\\\\\\"b c" d e', ['prog', 'a\\\\b c', 'd', 'e']],
    ['"C:\\Program Files\\x.exe" "" x', ['C:\\Program Files\\x.exe', '', 'x']],
    ['prog  \t spaced   out\t', ['prog', 'spaced', 'out']],
    ['prog "a""b"', ['prog', 'a"b']],
    ['prog """a"""', ['prog', '"a"']],
  ])('%s', (line, argv) => {
    expect(parseWindowsCommandLine(line)).toEqual(argv);
  });

  it('quotes only what needs it', () => {
    expect(quoteWindowsArg('SRC1')).toBe('SRC1');
    expect(quoteWindowsArg('C:\\dir\\')).toBe('C:\\dir\\');
    expect(quoteWindowsArg('')).toBe('""');
    expect(quoteWindowsArg('a b')).toBe('"a b"');
    expect(quoteWindowsArg('E:\\Exchsrvr\\', true)).toBe('"E:\\Exchsrvr\\\\"');
    expect(quoteWindowsArg('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('splits any quoted argument list back to itself', () => {
    const tricky = fc.constantFrom('\\', '"', ' ', '\t', 'a', '=', ':', '/', 'é', '\n');
    const arg = fc.oneof(
      fc.string({ unit: tricky, maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes('\0')),
    );
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 8 }), fc.boolean(), (args, force) => {
        const line = ['prog', ...args.map((a) => quoteWindowsArg(a, force))].join(' ');
        expect(parseWindowsCommandLine(line)).toEqual(['prog', ...args]);
      }),
      { numRuns: 2000 },
    );
  });
});
