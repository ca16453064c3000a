import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSecretMask, passwordsInArguments } from '../../../src-main/cli/secret-masking';

describe('secret masking', () => {
  it('finds -u passwords on a raw command line, in any case', () => {
    expect(passwordsInArguments(['-failover', '-U', 'admin:pa:ss', '-u', 'nocolon', '-u', 'x:'])).toEqual(['pa:ss']);
  });

  it('masks text and keeps JSON valid whatever the password', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => !s.includes('*')), fc.string(), (secret, around) => {
        const mask = createSecretMask([secret]);
        expect(mask.text(`${around}${secret}${around}`)).not.toContain(secret);
        const json = mask.json({ message: `${around}${secret}`, list: [secret], [secret]: 1 });
        expect(() => JSON.parse(json)).not.toThrow();
        expect(Object.values(JSON.parse(json) as Record<string, unknown>)).toContainEqual(['********']);
      }),
    );
  });
});
