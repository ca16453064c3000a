import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LdifSyntaxError, type LdifRecord, parseLdif, writeLdif } from '../../../../src-main/lab/directory/ldif';

const textNames = ['cn', 'description', 'msExchEDBFile', 'legacyExchangeDN', 'proxyAddresses'];
const binaryNames = ['msExchMailboxGuid', 'objectGUID'];
const isBinary = (name: string): boolean => binaryNames.some((binary) => binary.toLowerCase() === name.toLowerCase());

const attribute = fc.oneof(
  fc.record({ name: fc.constantFrom(...textNames), value: fc.string({ unit: 'binary', maxLength: 200 }) }),
  fc.record({ name: fc.constantFrom(...binaryNames), value: fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)) }),
);
const record: fc.Arbitrary<LdifRecord> = fc.record({
  dn: fc.string({ unit: 'binary', minLength: 1, maxLength: 120 }),
  attributes: fc.array(attribute, { maxLength: 8 }),
});

describe('LDIF', () => {
  it('round-trips any records (text, binary, non-ASCII, leading/trailing spaces, long lines)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), fc.array(fc.string({ unit: 'binary', maxLength: 100 }), { maxLength: 3 }), (records, comments) => {
        const text = writeLdif(records, { headerComments: comments });
        expect(parseLdif(text, { isBinary })).toEqual(records.map((r) => ({ dn: r.dn, attributes: r.attributes })));
      }),
      { numRuns: 300 },
    );
  });

  it('never writes a physical line longer than 76 characters for ASCII content', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 4 }), (records) => {
        for (const line of writeLdif(records).split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(76);
      }),
    );
  });

  it('uses base64 exactly for values that need it', () => {
    const text = writeLdif([
      {
        dn: 'CN=Zoë Brown,OU=Users,DC=lab,DC=local',
        attributes: [
          { name: 'cn', value: 'plain value' },
          { name: 'description', value: ' leading space' },
          { name: 'description', value: ':colon' },
          { name: 'description', value: '<less' },
          { name: 'description', value: 'trailing ' },
          { name: 'msExchEDBFile', value: 'E:\\Exchsrvr\\Indy\\Sales.edb' },
          { name: 'objectGUID', value: Buffer.from([0, 1, 2, 255]) },
        ],
      },
    ]);
    expect(text).toContain('dn:: ');
    expect(text).toContain('cn: plain value\n');
    expect(text).toContain(`description:: ${Buffer.from(' leading space').toString('base64')}`);
    expect(text).toContain(`description:: ${Buffer.from(':colon').toString('base64')}`);
    expect(text).toContain(`description:: ${Buffer.from('<less').toString('base64')}`);
    expect(text).toContain(`description:: ${Buffer.from('trailing ').toString('base64')}`);
    expect(text).toContain('msExchEDBFile: E:\\Exchsrvr\\Indy\\Sales.edb\n');
    expect(text).toContain('objectGUID:: AAEC/w==');
    expect(text.startsWith('dn:: ')).toBe(true);
    const versioned = writeLdif([{ dn: 'CN=a', attributes: [] }], { version: true });
    expect(versioned).toBe('version: 1\ndn: CN=a\n');
    expect(parseLdif(versioned)).toEqual([{ dn: 'CN=a', attributes: [] }]);
  });

  it('folds long lines and reads folded lines, comments, CRLF and a BOM', () => {
    const long = 'x'.repeat(200);
    const text = writeLdif([{ dn: 'CN=a,DC=lab,DC=local', attributes: [{ name: 'description', value: long }] }], {
      headerComments: ['Exchange HA Wizard lab directory'],
    });
    expect(text).toContain('\n x');
    expect(text.startsWith('# Exchange HA Wizard lab directory\n')).toBe(true);
    const crlf = `\ufeff${text.replace(/\n/g, '\r\n')}`;
    expect(parseLdif(crlf)).toEqual([{ dn: 'CN=a,DC=lab,DC=local', attributes: [{ name: 'description', value: long }] }]);
  });

  it('reads hand-written LDIF: folded comment, options, empty value, changetype add', () => {
    const text = [
      '# a comment that is',
      '  folded',
      'dn: CN=x,DC=lab,DC=local',
      'changetype: add',
      'objectClass: top',
      'cn;lang-en: x',
      'description:',
      '',
      '',
      'dn: CN=y,DC=lab,DC=local',
      'cn:    y',
    ].join('\n');
    expect(parseLdif(text)).toEqual([
      {
        dn: 'CN=x,DC=lab,DC=local',
        attributes: [
          { name: 'objectClass', value: 'top' },
          { name: 'cn;lang-en', value: 'x' },
          { name: 'description', value: '' },
        ],
      },
      { dn: 'CN=y,DC=lab,DC=local', attributes: [{ name: 'cn', value: 'y' }] },
    ]);
  });

  it('refuses what it cannot read, with the line number', () => {
    expect(() => parseLdif('dn: a\ncn:< file:///etc/passwd\n')).toThrow(LdifSyntaxError);
    expect(() => parseLdif('dn: a\nchangetype: modify\n')).toThrow(/line 2/);
    expect(() => parseLdif('cn: a\n')).toThrow(/must start with dn/);
    expect(() => parseLdif('version: 2\n\ndn: a\n')).toThrow(/version 1/);
    expect(() => parseLdif('dn: a\njunk line\n')).toThrow(/line 2/);
  });
});
