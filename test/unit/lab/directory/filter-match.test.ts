import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../src-main/directory/filter-parse';
import { DirectoryTree, type StoredEntry } from '../../../../src-main/lab/directory/directory-tree';
import { matchesFilter } from '../../../../src-main/lab/directory/filter-match';

const tree = new DirectoryTree(['CN=Sales,DC=lab']);
tree.add('CN=Sales,DC=lab', [
  ['objectClass', ['top', 'msExchMDB', 'msExchPrivateMDB']],
  ['cn', ['Sales']],
  ['msExchEDBFile', ['E:\\Exchsrvr\\Indy\\Sales.edb']],
  ['msExchOwningServer', ['CN=EXCHVS,CN=Servers,DC=lab']],
  ['deliveryMechanism', ['1']],
  ['msExchPatchMDB', ['FALSE']],
  ['proxyAddresses', ['SMTP:a@lab.local', 'X400:c=US;a= ;p=Lab']],
]);
const entry = tree.get('CN=Sales,DC=lab') as StoredEntry;
const matches = (filter: string): boolean => matchesFilter(parseFilter(filter), entry);

describe('matchesFilter', () => {
  it('evaluates equality with the schema matching rules', () => {
    expect(matches('(OBJECTCLASS=MSEXCHMDB)')).toBe(true);
    expect(matches('(msExchOwningServer=cn=exchvs, cn=servers, dc=LAB)')).toBe(true);
    expect(matches('(msExchOwningServer=not a dn)')).toBe(false);
    expect(matches('(proxyAddresses=x400:C=US;A= ;P=LAB)')).toBe(true);
    expect(matches('(msExchPatchMDB=FALSE)')).toBe(true);
    expect(matches('(msExchPatchMDB=TRUE)')).toBe(false);
    expect(matches('(noSuchAttribute=x)')).toBe(false);
  });

  it('evaluates presence, substrings, ordering and the boolean operators', () => {
    expect(matches('(objectClass=*)')).toBe(true);
    expect(matches('(msExchEDBFile=*)')).toBe(true);
    expect(matches('(homeMDB=*)')).toBe(false);
    expect(matches('(msExchEDBFile=*\\5csales.edb)')).toBe(true);
    expect(matches('(msExchEDBFile=e:*indy*)')).toBe(true);
    expect(matches('(msExchEDBFile=*boston*)')).toBe(false);
    expect(matches('(msExchOwningServer=cn=exchvs*)')).toBe(false);
    expect(matches('(deliveryMechanism>=1)')).toBe(true);
    expect(matches('(deliveryMechanism<=0)')).toBe(false);
    expect(matches('(&(cn=sales)(|(cn=x)(objectClass=msExchPrivateMDB))(!(cn=indy)))')).toBe(true);
    expect(matches('(!(cn=sales))')).toBe(false);
    expect(matches('(cn~=SALES)')).toBe(true);
    expect(() => matches('(cn:dn:=Sales)')).toThrow(expect.objectContaining({ code: 'unwilling-to-perform' }));
  });
});
