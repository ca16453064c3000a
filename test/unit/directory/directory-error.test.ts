import { InvalidCredentialsError, NoSuchAttributeError, NoSuchObjectError } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { DirectoryError, errorCodeForResult, redactSecrets } from '../../../src-main/directory/directory-error';
import { toDirectoryError } from '../../../src-main/directory/ldapts-errors';
import { isDirectoryError } from '../../../src-main/directory/port';

describe('directory errors', () => {
  it('maps LDAP result codes to the small code set', () => {
    expect(errorCodeForResult(16)).toBe('no-such-attribute');
    expect(errorCodeForResult(19)).toBe('constraint-violation');
    expect(errorCodeForResult(20)).toBe('value-exists');
    expect(errorCodeForResult(21)).toBe('schema-violation');
    expect(errorCodeForResult(32)).toBe('no-such-object');
    expect(errorCodeForResult(49)).toBe('invalid-credentials');
    expect(errorCodeForResult(52)).toBe('unavailable');
    expect(errorCodeForResult(68)).toBe('already-exists');
    expect(errorCodeForResult(80)).toBe('other');
  });

  it('maps ldapts and socket errors, keeping the result code', () => {
    const noValue = toDirectoryError(new NoSuchAttributeError('modify/delete: homeMDB: no such value'), 'modify CN=x', []);
    expect([noValue.code, noValue.resultCode]).toEqual(['no-such-attribute', 16]);
    expect(noValue.message).toBe('modify CN=x: modify/delete: homeMDB: no such value (LDAP 16)');
    expect(toDirectoryError(new NoSuchObjectError(''), 'search', []).message).toBe('search: no such object (LDAP 32)');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toDirectoryError(refused, 'bind', []).code).toBe('unavailable');
    expect(toDirectoryError(new Error('ModifyRequest: Operation timed out'), 'modify', []).code).toBe('timeout');
    const untrusted = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(toDirectoryError(untrusted, 'bind', []).code).toBe('tls');
    expect(toDirectoryError(new Error('Connection closed before message response was received'), 'x', []).code).toBe('unavailable');
  });

  it('never lets a secret through, even when something echoes it', () => {
    const password = 'S3cret!pw';
    const echoed = toDirectoryError(new InvalidCredentialsError(`bad password ${password}`), `bind with ${password}`, [password]);
    expect(echoed.code).toBe('invalid-credentials');
    expect(echoed.message).not.toContain(password);
    expect(redactSecrets(`a ${password} b ${password}`, [password, undefined, ''])).toBe('a *** b ***');
    const wrapped = toDirectoryError(new DirectoryError('other', `x ${password}`), 'y', [password]);
    expect(wrapped.message).not.toContain(password);
  });

  it('recognises DirectoryError across the port', () => {
    expect(isDirectoryError(new DirectoryError('other', 'x'))).toBe(true);
    expect(isDirectoryError(new Error('x'))).toBe(false);
  });
});
