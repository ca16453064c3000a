import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  childDn,
  dnEquals,
  escapeRdnValue,
  formatDn,
  isDnWithin,
  isValidDn,
  normalizeDn,
  parentDn,
  parseDn,
  rdnValue,
} from '../../../src-main/directory/dn';
import { DirectoryError } from '../../../src-main/directory/directory-error';

const SALES = 'CN=Sales,CN=Indy,CN=InformationStore,CN=EXCHVS,CN=Servers,CN=First Administrative Group,CN=Administrative Groups,CN=Lab Organization,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=lab,DC=local';

describe('DN parsing and comparison', () => {
  it('equates the spellings slapd and Active Directory tools produce', () => {
    const slapdForm = SALES.replace(/CN=/g, 'cn=').replace(/DC=/g, 'dc=');
    expect(dnEquals(SALES, slapdForm)).toBe(true);
    expect(dnEquals(SALES, SALES.replace(/,/g, ', '))).toBe(true);
    expect(dnEquals(SALES, SALES.replace(/=/g, ' = '))).toBe(true);
    expect(dnEquals(SALES, SALES.toUpperCase())).toBe(true);
    expect(dnEquals(SALES, SALES.replace('CN=Indy', 'CN=Boston'))).toBe(false);
    expect(dnEquals('CN=a;DC=lab', 'cn=A,dc=LAB')).toBe(true);
    expect(dnEquals('CN=Mailbox  Store (X),DC=lab', 'cn=mailbox store (x),dc=lab')).toBe(true);
  });

  it('parses escapes, hex escapes (UTF-8), quotes, multi-valued RDNs and hex values', () => {
    expect(parseDn('CN=Smith\\, John,OU=Users,DC=lab')[0]).toEqual([{ type: 'CN', value: 'Smith, John' }]);
    expect(parseDn('CN=Zo\\C3\\AB Brown,DC=lab')[0]).toEqual([{ type: 'CN', value: 'Zoë Brown' }]);
    expect(parseDn('CN="Smith, John",DC=lab')[0]).toEqual([{ type: 'CN', value: 'Smith, John' }]);
    expect(parseDn('CN=a+UID=b,DC=lab')[0]).toEqual([
      { type: 'CN', value: 'a' },
      { type: 'UID', value: 'b' },
    ]);
    expect(parseDn('CN=#414243,DC=lab')[0]).toEqual([{ type: 'CN', value: 'ABC', hex: '#414243' }]);
    expect(parseDn('CN=trailing\\ ,DC=lab')[0]?.[0]?.value).toBe('trailing ');
    expect(parseDn('')).toEqual([]);
    expect(dnEquals('CN=a+UID=b,DC=lab', 'uid=B+cn=A,dc=lab')).toBe(true);
  });

  it('refuses what is not a DN, with DirectoryError invalid-dn', () => {
    for (const bad of ['not a DN', 'CN=a,', 'CN=a,,DC=b', '=a', 'CN=a\\', 'CN="open', 'C N=a', 'CN=a\\ZZ"b']) {
      expect(isValidDn(bad)).toBe(false);
    }
    try {
      normalizeDn('nonsense');
      throw new Error('no throw');
    } catch (error) {
      expect(error).toBeInstanceOf(DirectoryError);
      expect((error as DirectoryError).code).toBe('invalid-dn');
    }
  });

  it('escapes RDN values so any value survives childDn + parseDn', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        const dn = childDn('OU=Users,DC=lab,DC=local', 'CN', value);
        expect(parseDn(dn)[0]).toEqual([{ type: 'CN', value }]);
        expect(rdnValue(dn)).toBe(value);
        expect(dnEquals(parentDn(dn) ?? '', 'ou=users,dc=lab,dc=local')).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(escapeRdnValue('Mailbox Store (EXCHVS)')).toBe('Mailbox Store (EXCHVS)');
    expect(escapeRdnValue(' #a,b+c"d\\e<f>g;h=i ')).toBe('\\ #a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\=i\\ ');
    expect(escapeRdnValue('#x')).toBe('\\#x');
  });

  it('normalises idempotently and formatDn(parseDn()) keeps the DN', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 5 }), (values) => {
        const dn = values.reduce((parent, value) => childDn(parent, 'CN', value), 'DC=lab');
        const normal = normalizeDn(dn);
        expect(normalizeDn(normal)).toBe(normal);
        expect(dnEquals(formatDn(parseDn(dn)), dn)).toBe(true);
      }),
    );
  });

  it('knows ancestry', () => {
    expect(isDnWithin(SALES, 'cn=configuration, dc=LAB, dc=local')).toBe(true);
    expect(isDnWithin(SALES, SALES)).toBe(true);
    expect(isDnWithin('DC=lab,DC=local', SALES)).toBe(false);
    expect(isDnWithin('CN=x,DC=other,DC=local', 'DC=lab,DC=local')).toBe(false);
    expect(parentDn('DC=local')).toBeUndefined();
    expect(childDn('', 'DC', 'local')).toBe('DC=local');
  });

  it('keeps escaped and inner spaces but drops unescaped trailing ones, across plain runs and escapes', () => {
    expect(parseDn('CN=a b  ,DC=x')[0]).toEqual([{ type: 'CN', value: 'a b' }]);
    expect(parseDn('CN=a\\ ,DC=x')[0]).toEqual([{ type: 'CN', value: 'a ' }]);
    expect(parseDn('CN=\\C3\\A9t\\C3\\A9 (EXCHVS)\\, old  ')[0]).toEqual([{ type: 'CN', value: 'été (EXCHVS), old' }]);
    expect(parseDn('CN=x\\2C\\20 ,DC=y')[0]).toEqual([{ type: 'CN', value: 'x, ' }]);
    expect(() => parseDn('CN=\\C3x')).toThrow(/not UTF-8/);
  });
});
