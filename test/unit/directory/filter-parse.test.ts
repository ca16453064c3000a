import { AndFilter, EqualityFilter, SubstringFilter } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { escapeFilter, escapeFilterValue } from '../../../src-main/directory/filter-escape';
import { parseFilter } from '../../../src-main/directory/filter-parse';

describe('filter escaping and parsing', () => {
  it('escapes parentheses, stars, backslashes and NUL, and bytes of a Buffer', () => {
    expect(escapeFilterValue('Mailbox Store (EXCHVS)')).toBe('Mailbox Store \\28EXCHVS\\29');
    expect(escapeFilterValue('a*b\\c\0')).toBe('a\\2ab\\5cc\\00');
    expect(escapeFilterValue(Buffer.from([0, 0xff, 0x28]))).toBe('\\00\\ff\\28');
    expect(escapeFilter`(&(objectClass=msExchMDB)(cn=${'Sales (1)'}))`).toBe('(&(objectClass=msExchMDB)(cn=Sales \\281\\29))');
  });

  it('gives back the original value for escaped names', () => {
    const filter = parseFilter(escapeFilter`(cn=${'Mailbox Store (EXCHVS)'})`);
    expect(filter).toBeInstanceOf(EqualityFilter);
    expect((filter as EqualityFilter).value).toBe('Mailbox Store (EXCHVS)');
  });

  it('decodes UTF-8, raw or hex-escaped, for text attributes', () => {
    expect((parseFilter('(sn=Müller)') as EqualityFilter).value).toBe('Müller');
    expect((parseFilter('(sn=M\\c3\\bcller)') as EqualityFilter).value).toBe('Müller');
    const substring = parseFilter('(cn=Zoë*Br\\c3\\b6wn)') as SubstringFilter;
    expect([substring.initial, substring.final]).toEqual(['Zoë', 'Bröwn']);
  });

  it('turns escaped bytes of binary attributes into a Buffer', () => {
    const guid = Buffer.from([0xef, 0xbb, 0xbf, 0x00, 0xff, 0x80, 0x28, 0x29]);
    const filter = parseFilter(`(&(objectClass=user)(msExchMailboxGuid=${escapeFilterValue(guid)}))`) as AndFilter;
    const equality = filter.filters[1] as EqualityFilter;
    expect(Buffer.isBuffer(equality.value)).toBe(true);
    expect((equality.value as Buffer).equals(guid)).toBe(true);
  });

  it('refuses a filter with an unescaped parenthesis as invalid-filter', () => {
    expect(() => parseFilter('(cn=Mailbox Store (EXCHVS))')).toThrow(expect.objectContaining({ code: 'invalid-filter', resultCode: 87 }));
    expect(() => parseFilter('')).toThrow(expect.objectContaining({ code: 'invalid-filter' }));
    expect(() => parseFilter('(cn=a)(cn=b)')).toThrow(expect.objectContaining({ code: 'invalid-filter' }));
  });
});
