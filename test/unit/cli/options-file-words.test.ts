import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionsLineError, optionsFileLines, quoteOptionsWord, splitOptionsLine } from '../../../src-main/cli/options-file-words';

describe('options file words', () => {
  it('splits on spaces and tabs, keeps quoted spaces, doubled quotes and backslashes', () => {
    expect(splitOptionsLine('  -failover\t-s EXCHVS  -t EXCHVS-DR ')).toEqual(['-failover', '-s', 'EXCHVS', '-t', 'EXCHVS-DR']);
    expect(splitOptionsLine('-r "First Storage Group:First Storage Group"')).toEqual(['-r', 'First Storage Group:First Storage Group']);
    expect(splitOptionsLine('-l "C:\\Program Files\\DoubleTake\\ExchFailover.log"')).toEqual(['-l', 'C:\\Program Files\\DoubleTake\\ExchFailover.log']);
    expect(splitOptionsLine('-u "admin:pa ""ss"""')).toEqual(['-u', 'admin:pa "ss"']);
    expect(splitOptionsLine('--ldap-url="ldap://dc 1"x')).toEqual(['--ldap-url=ldap://dc 1x']);
    expect(splitOptionsLine('""')).toEqual(['']);
  });

  it('treats # at the start of a word as a comment, elsewhere as a character', () => {
    expect(splitOptionsLine('# the whole line')).toEqual([]);
    expect(splitOptionsLine('-norus   # no RUS change')).toEqual(['-norus']);
    expect(splitOptionsLine('-s Exch#1 "#2"')).toEqual(['-s', 'Exch#1', '#2']);
  });

  it('refuses an unclosed quote with its column', () => {
    expect(() => splitOptionsLine('-r "Indy:Indy')).toThrow(new OptionsLineError(4, 'a double quote that is never closed'));
    expect(() => splitOptionsLine('-r "Indy:Indy')).toThrow('a double quote that is never closed at column 4');
  });

  it('reads CRLF files with a byte-order mark', () => {
    expect(optionsFileLines('\uFEFF-failover\r\n-s A\n')).toEqual(['-failover', '-s A', '']);
  });

  it('quoteOptionsWord → splitOptionsLine gives the words back', () => {
    const word = fc.string({ unit: fc.oneof(fc.constantFrom(' ', '\t', '"', '#', '\\', ':', ','), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) }).filter((w) => !/[\r\n]/.test(w));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), (words) => {
        expect(splitOptionsLine(words.map(quoteOptionsWord).join(' '))).toEqual(words);
      }),
    );
  });

  it('never throws anything but OptionsLineError', () => {
    fc.assert(
      fc.property(fc.string(), (line) => {
        try {
          splitOptionsLine(line);
        } catch (error) {
          expect(error).toBeInstanceOf(OptionsLineError);
        }
      }),
    );
  });
});
