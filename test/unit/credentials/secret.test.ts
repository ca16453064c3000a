import { format, inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK, Secret } from '../../../src-main/credentials/secret';

/** Every ordinary way a value is turned into text on its way to a log, a reply or a file. */
function printedForms(secret: Secret): string[] {
  return [
    String(secret),
    `${secret}`,
    `password: ${secret}`,
    'x' + secret,
    secret.toString(),
    JSON.stringify(secret),
    JSON.stringify({ password: secret, nested: [secret] }),
    inspect(secret),
    inspect({ password: secret }, { depth: 5, showHidden: true }),
    format('%s %o %O %j', secret, secret, secret, secret),
    format(secret),
    String([secret]),
    Object.keys(secret).join(','),
    JSON.stringify(Object.entries(secret)),
    JSON.stringify({ ...secret }),
  ];
}

describe('Secret', () => {
  it('reveal() gives the text back', () => {
    expect(new Secret('hunter2-Pa55!').reveal()).toBe('hunter2-Pa55!');
  });

  it('prints as the mask in every usual form', () => {
    const secret = new Secret('hunter2-Pa55!');
    expect(String(secret)).toBe(MASK);
    expect(`${secret}`).toBe(MASK);
    expect(JSON.stringify(secret)).toBe(`"${MASK}"`);
    expect(JSON.stringify({ password: secret })).toBe(`{"password":"${MASK}"}`);
    expect(inspect(secret)).toBe(`Secret(${MASK})`);
    expect(inspect({ password: secret })).toBe(`{ password: Secret(${MASK}) }`);
    for (const printed of printedForms(secret)) expect(printed).not.toContain('hunter2');
  });

  it('property: no printed form contains the secret', () => {
    // At least 3 characters, not a part of the mask or of the words printed around it.
    const password = fc.string({ minLength: 3, maxLength: 40 }).filter((s) => !`Secret(${MASK}) password: x{}[]",:`.includes(s) && s.trim().length >= 3);
    fc.assert(
      fc.property(password, (text) => {
        for (const printed of printedForms(new Secret(text))) expect(printed).not.toContain(text);
      }),
      { numRuns: 300 },
    );
  });

  it('the value is not an own property a copy or a structured clone would carry', () => {
    const secret = new Secret('hunter2-Pa55!');
    expect(Object.getOwnPropertyNames(secret)).toEqual([]);
    expect(JSON.stringify(structuredClone({ secret }))).not.toContain('hunter2');
  });
});
