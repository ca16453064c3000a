import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSecretMask, passwordsInArguments } from '../../../src-main/shared/redaction';
import { anyString } from '../cli/any-code-point';

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

  it('writes the same JSON as masking every string first, with or without the secret in it (plan changes)', () => {
    const walk = (secrets: readonly string[], value: unknown): unknown => {
      const text = (t: string): string => [...secrets].sort((a, b) => b.length - a.length).reduce((r, s) => r.split(s).join('********'), t);
      const mask = (v: unknown): unknown =>
        typeof v === 'string' ? text(v) : Array.isArray(v) ? v.map(mask) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, i]) => [text(k), mask(i)])) : v;
      return JSON.stringify(mask(value));
    };
    fc.assert(
      fc.property(
        anyString({ minLength: 1 }),
        fc.record({ phase: fc.string(), dn: anyString(), attribute: fc.string(), before: fc.array(anyString()), after: fc.array(fc.string()), why: fc.string() }),
        fc.boolean(),
        (secret, change, plant) => {
          const value = plant ? { ...change, dn: `${change.dn}${secret}${change.dn}` } : change;
          expect(createSecretMask([secret]).json(value)).toBe(walk([secret], value));
        },
      ),
    );
    const mask = createSecretMask(['pa"ss\\n']);
    expect(mask.json({ dn: 'CN=pa"ss\\n,DC=x', when: new Date(0) })).toBe('{"dn":"CN=********,DC=x","when":{}}');
  });
});
