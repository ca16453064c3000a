import { describe, expect, it } from 'vitest';
import { binaryValues, singleText, textValues } from '../../../src-main/directory/entry-values';
import { LdaptsDirectory } from '../../../src-main/directory/ldapts-directory';

describe('LdaptsDirectory options', () => {
  it('refuses URLs that are not LDAP and StartTLS on ldaps://', () => {
    expect(() => new LdaptsDirectory({ url: 'http://dc1' })).toThrow(/not an LDAP URL/);
    expect(() => new LdaptsDirectory({ url: 'nonsense' })).toThrow(/not an LDAP URL/);
    expect(() => new LdaptsDirectory({ url: 'ldaps://dc1', startTls: true })).toThrow(/StartTLS/);
  });

  it('keeps the password out of the object it builds', () => {
    const directory = new LdaptsDirectory({ url: 'ldap://127.0.0.1:1', bindDn: 'CN=a', password: 'Sup3r-secret' });
    expect(JSON.stringify(directory)).not.toContain('Sup3r-secret');
    expect(Object.values(directory).map(String).join(' ')).not.toContain('Sup3r-secret');
  });

  it('fails closed after close()', async () => {
    const directory = new LdaptsDirectory({ url: 'ldap://127.0.0.1:1' });
    await directory.close();
    await expect(directory.rootDse()).rejects.toMatchObject({ code: 'unavailable' });
  });
});

describe('entry values', () => {
  const entry = { dn: 'CN=a', attributes: { cn: ['a'], msexchmailboxguid: [Buffer.from([1, 2])] } };
  it('reads text and binary values by any case', () => {
    expect(textValues(entry, 'CN')).toEqual(['a']);
    expect(singleText(entry, 'description')).toBeUndefined();
    expect(binaryValues(entry, 'msExchMailboxGuid')[0]).toEqual(Buffer.from([1, 2]));
    expect(() => textValues(entry, 'msExchMailboxGuid')).toThrow(/binary/);
    expect(() => binaryValues(entry, 'cn')).toThrow(/text/);
  });
});
