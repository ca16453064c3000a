import { describe, expect, it } from 'vitest';
import { DirectoryTree } from '../../../../src-main/lab/directory/directory-tree';

function tree(): DirectoryTree {
  const t = new DirectoryTree(['DC=lab,DC=local']);
  t.add('DC=lab,DC=local', [
    ['objectClass', ['top', 'domain', 'domainDNS']],
    ['dc', ['lab']],
  ]);
  t.add('OU=Users,DC=lab,DC=local', [
    ['objectClass', ['top', 'organizationalUnit']],
    ['ou', ['Users']],
  ]);
  t.add('CN=Ann,OU=Users,DC=lab,DC=local', [
    ['objectClass', ['top', 'person', 'organizationalPerson', 'user']],
    ['cn', ['Ann']],
    ['homeMDB', ['CN=A,DC=lab,DC=local']],
    ['proxyAddresses', ['SMTP:ann@lab.local']],
  ]);
  return t;
}

function failure(action: () => void): { code: string; resultCode: number | undefined } {
  try {
    action();
  } catch (error) {
    const { code, resultCode } = error as { code: string; resultCode: number | undefined };
    return { code, resultCode };
  }
  throw new Error('expected a failure');
}

const ANN = 'cn=ann, ou=users, dc=lab, dc=local';

describe('DirectoryTree', () => {
  it('applies a modify atomically: a failing change leaves the entry as it was', () => {
    const t = tree();
    expect(
      failure(() =>
        t.modify(ANN, [
          { operation: 'add', attribute: 'proxyAddresses', values: ['smtp:second@lab.local'] },
          { operation: 'delete', attribute: 'homeMDB', values: ['CN=B,DC=lab,DC=local'] },
        ]),
      ),
    ).toEqual({ code: 'no-such-attribute', resultCode: 16 });
    const values = t.get(ANN)?.attributes.get('proxyaddresses')?.values.map((v) => v.value);
    expect(values).toEqual(['SMTP:ann@lab.local']);
  });

  it('matches DN values as DNs and strings case-insensitively when deleting', () => {
    const t = tree();
    t.modify(ANN, [
      { operation: 'delete', attribute: 'HOMEmdb', values: ['cn=a , dc=LAB,dc=local'] },
      { operation: 'add', attribute: 'homeMDB', values: ['CN=B,DC=lab,DC=local'] },
      { operation: 'delete', attribute: 'proxyAddresses', values: ['smtp:ANN@lab.local'] },
    ]);
    expect(t.get(ANN)?.attributes.get('homemdb')?.values.map((v) => v.value)).toEqual(['CN=B,DC=lab,DC=local']);
    expect(t.get(ANN)?.attributes.has('proxyaddresses')).toBe(false);
  });

  it('enforces the schema basics with the server result codes', () => {
    const t = tree();
    expect(failure(() => t.modify(ANN, [{ operation: 'add', attribute: 'homeMDB', values: ['CN=B,DC=lab,DC=local'] }])).resultCode).toBe(19);
    expect(failure(() => t.modify(ANN, [{ operation: 'replace', attribute: 'homeMDB', values: ['garbage'] }])).resultCode).toBe(21);
    expect(failure(() => t.modify(ANN, [{ operation: 'replace', attribute: 'favouriteColour', values: ['red'] }])).resultCode).toBe(17);
    expect(failure(() => t.modify(ANN, [{ operation: 'delete', attribute: 'mail', values: [] }])).resultCode).toBe(16);
    expect(failure(() => t.modify(ANN, [{ operation: 'delete', attribute: 'cn', values: ['Ann'] }])).resultCode).toBe(67);
    expect(failure(() => t.modify(ANN, [{ operation: 'delete', attribute: 'objectClass', values: [] }])).resultCode).toBe(65);
    expect(failure(() => t.modify(ANN, [{ operation: 'add', attribute: 'proxyAddresses', values: ['x', 'X'] }])).resultCode).toBe(20);
    expect(failure(() => t.modify('CN=Bob,OU=Users,DC=lab,DC=local', [])).resultCode).toBe(32);
    expect(failure(() => t.modify('not a dn', [])).code).toBe('invalid-dn');
  });

  it('checks parents, duplicates, naming attributes and leaves on add and delete', () => {
    const t = tree();
    expect(failure(() => t.add('CN=x,OU=Nope,DC=lab,DC=local', [['objectClass', ['container']], ['cn', ['x']]])).resultCode).toBe(32);
    expect(failure(() => t.add('DC=other,DC=local', [['objectClass', ['domain']], ['dc', ['other']]])).resultCode).toBe(32);
    expect(failure(() => t.add(ANN, [['objectClass', ['user']], ['cn', ['Ann']]])).resultCode).toBe(68);
    expect(failure(() => t.add('CN=y,DC=lab,DC=local', [['objectClass', ['container']], ['cn', ['z']]])).resultCode).toBe(64);
    expect(failure(() => t.add('CN=y,DC=lab,DC=local', [['cn', ['y']]])).resultCode).toBe(65);
    expect(failure(() => t.delete('OU=Users,DC=lab,DC=local')).resultCode).toBe(66);
    t.delete(ANN);
    t.delete('OU=Users,DC=lab,DC=local');
    expect(t.size).toBe(1);
  });

  it('walks base, one-level and subtree scopes, parents first', () => {
    const t = tree();
    expect([...t.scope('DC=lab,DC=local', 'base')].map((e) => e.dn)).toEqual(['DC=lab,DC=local']);
    expect([...t.scope('DC=lab,DC=local', 'one')].map((e) => e.dn)).toEqual(['OU=Users,DC=lab,DC=local']);
    expect([...t.scope('dc=LAB,dc=local', 'sub')].map((e) => e.dn)).toEqual(['DC=lab,DC=local', 'OU=Users,DC=lab,DC=local', 'CN=Ann,OU=Users,DC=lab,DC=local']);
    expect(() => [...t.scope('CN=none,DC=lab,DC=local', 'sub')]).toThrow(expect.objectContaining({ code: 'no-such-object' }));
    expect([...t.records()].map((r) => r.dn)).toEqual(['DC=lab,DC=local', 'OU=Users,DC=lab,DC=local', 'CN=Ann,OU=Users,DC=lab,DC=local']);
  });
});
