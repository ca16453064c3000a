import { describe, expect, it } from 'vitest';
import { isSecretFieldName, REDACTED, redactSecrets } from '../../../src-main/shared/redaction';

describe('redactSecrets', () => {
  it.each([
    ['{"bindPassword":"hunter2","user":"admin"}', `{"bindPassword":"${REDACTED}","user":"admin"}`],
    ['password=hunter2 next', `password=${REDACTED} next`],
    ["apiKey='abc def' x", `apiKey='${REDACTED}' x`],
    ['bind failed: password: hunter2', `bind failed: password: ${REDACTED}`],
    ['--password hunter2 --verbose', `--password ${REDACTED} --verbose`],
    ['exchfailover -s SRC -t TGT -u LAB\\admin S3cr3t! -r', `exchfailover -s SRC -t TGT -u LAB\\admin ${REDACTED} -r`],
    ['exchfailover -U admin "pass word" -r', `exchfailover -U admin "${REDACTED}" -r`],
    ['exchfailover -failover -u CN=admin,DC=lab:S3cr3t! -r x', `exchfailover -failover -u CN=admin,DC=lab:${REDACTED} -r x`],
    ['LOGIN TGT1 administrator P@ss; SOURCE SRC1', `LOGIN TGT1 administrator ${REDACTED}; SOURCE SRC1`],
    ['logon TGT1 admin "p w"', `logon TGT1 admin "${REDACTED}"`],
    ['ldaps://cn=admin:hunter2@dc1.lab.local:636', `ldaps://cn=admin:${REDACTED}@dc1.lab.local:636`],
    ['Authorization: Bearer abcdefghijklmnop', `Authorization: Bearer ${REDACTED}`],
    ['"token": "eyJhbGciOi"', `"token": "${REDACTED}"`],
  ])('redacts %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
    expect(redactSecrets(input)).not.toMatch(/hunter2|S3cr3t|P@ss|pass word|abcdefghijklmnop|eyJhbGciOi/);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Group "Exchange Group" on TGTCLUS: 3 resources online; maxTokens: 5; bypass=1';
    expect(redactSecrets(text)).toBe(text);
  });

  it('replaces the home folder with ~', () => {
    expect(redactSecrets('at /home/alice/app/x.js', { homeDir: '/home/alice' })).toBe('at ~/app/x.js');
    expect(redactSecrets('at C:\\Users\\alice\\x.js', { homeDir: 'C:\\Users\\alice' })).toBe('at ~\\x.js');
  });
});

describe('isSecretFieldName', () => {
  it.each(['password', 'bindPassword', 'DT_PASSWORD', 'secret', 'clientSecret', 'token', 'credentials', 'apiKey', 'passwords', 'authorization'])(
    '%s can hold a secret',
    (name) => expect(isSecretFieldName(name)).toBe(true),
  );
  it.each(['passwordFile', 'user', 'bindDn', 'url', 'status', 'secretStore'])('%s cannot', (name) => expect(isSecretFieldName(name)).toBe(false));
});
