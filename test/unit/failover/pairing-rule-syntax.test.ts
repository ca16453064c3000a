import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PairingRule } from '../../../src-main/failover/engine-api';
import { formatPairingRule, isRuleName, PairingRuleError, parsePairingRule } from '../../../src-main/failover/pairing-rule-syntax';

function failure(text: string): PairingRuleError {
  try {
    parsePairingRule(text);
  } catch (error) {
    if (error instanceof PairingRuleError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(text)} parsed`);
}

describe('parsePairingRule', () => {
  it('reads -r alone (no text, empty or blank) as one-to-one', () => {
    expect(parsePairingRule(undefined)).toEqual({ kind: 'one-to-one' });
    expect(parsePairingRule('')).toEqual({ kind: 'one-to-one' });
    expect(parsePairingRule('   ')).toEqual({ kind: 'one-to-one' });
  });

  it("reads the seed's group rules", () => {
    expect(parsePairingRule('Indy:Indy_Bkup')).toEqual({ kind: 'group', sourceGroup: 'Indy', targetGroup: 'Indy_Bkup' });
    expect(parsePairingRule('Sales:Indy_Sales')).toEqual({ kind: 'group', sourceGroup: 'Sales', targetGroup: 'Indy_Sales' });
    expect(parsePairingRule('First Storage Group:First Storage Group')).toEqual({
      kind: 'group',
      sourceGroup: 'First Storage Group',
      targetGroup: 'First Storage Group',
    });
  });

  it("reads the seed's group-and-store rules, with or without spaces after the commas", () => {
    const expected: PairingRule = { kind: 'store', sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'Indy_Bkup', targetStore: 'Sales' };
    expect(parsePairingRule('Indy, Sales:Indy_Bkup, Sales')).toEqual(expected);
    expect(parsePairingRule('Indy,Sales:Indy_Bkup,Sales')).toEqual(expected);
    expect(parsePairingRule('  Indy ,  Sales : Indy_Bkup ,Sales  ')).toEqual(expected);
  });

  it('keeps inner spaces and parentheses in names', () => {
    expect(parsePairingRule('First Storage Group, Mailbox Store (EXCHVS):First Storage Group, Mailbox Store (EXCHVS-DR)')).toEqual({
      kind: 'store',
      sourceGroup: 'First Storage Group',
      sourceStore: 'Mailbox Store (EXCHVS)',
      targetGroup: 'First Storage Group',
      targetStore: 'Mailbox Store (EXCHVS-DR)',
    });
  });

  it('fills target parts left out with the source names (the seed makes them optional)', () => {
    expect(parsePairingRule('Indy')).toEqual({ kind: 'group', sourceGroup: 'Indy', targetGroup: 'Indy' });
    expect(parsePairingRule('Indy:')).toEqual({ kind: 'group', sourceGroup: 'Indy', targetGroup: 'Indy' });
    expect(parsePairingRule('Indy, Sales')).toEqual({ kind: 'store', sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'Indy', targetStore: 'Sales' });
    expect(parsePairingRule('Indy, Sales:Indy_Bkup')).toEqual({ kind: 'store', sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'Indy_Bkup', targetStore: 'Sales' });
    expect(parsePairingRule('Indy, Sales:, Sales2')).toEqual({ kind: 'store', sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'Indy', targetStore: 'Sales2' });
  });

  it.each([
    [':Indy', 1, 'the source storage group name is missing'],
    ['  :Indy', 3, 'the source storage group name is missing'],
    [', Sales:Indy, Sales', 1, 'the source storage group name is missing'],
    ['Indy,:Indy_Bkup', 6, "the source store name after ',' is missing"],
    ['Indy, Sales:Indy_Bkup,', 23, "the target store name after ',' is missing"],
    ['Indy:Bkup:More', 10, "a second ':'"],
    ['Indy, Sales, More:X', 12, "a second ','"],
    ['Indy:X, Y, Z', 10, "a second ','"],
    ['Indy:Indy_Bkup, Sales', 17, 'a target store needs a source store'],
    ['In\tdy:X', 3, 'a control character (U+0009)'],
  ])('refuses %j at character %i: %s', (text, position, problem) => {
    const error = failure(text);
    expect(error.position).toBe(position);
    expect(error.problem).toContain(problem);
    expect(error.message).toBe(`pairing rule ${JSON.stringify(text)}: ${error.problem} at character ${position}`);
  });
});

describe('formatPairingRule', () => {
  it('writes the canonical forms', () => {
    expect(formatPairingRule({ kind: 'one-to-one' })).toBe('');
    expect(formatPairingRule({ kind: 'group', sourceGroup: 'Indy', targetGroup: 'Indy_Bkup' })).toBe('Indy:Indy_Bkup');
    expect(formatPairingRule({ kind: 'store', sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'B', targetStore: 'S' })).toBe('Indy, Sales:B, S');
  });
});

const nameArbitrary = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 20 }),
    fc.constantFrom('First Storage Group', 'Mailbox Store (EXCHVS)', 'Indy', 'Sales', 'Boston_Bkup', 'Zoë (2)'),
  )
  .filter(isRuleName);

const ruleArbitrary: fc.Arbitrary<PairingRule> = fc.oneof(
  fc.constant<PairingRule>({ kind: 'one-to-one' }),
  fc.record({ kind: fc.constant('group' as const), sourceGroup: nameArbitrary, targetGroup: nameArbitrary }),
  fc.record({
    kind: fc.constant('store' as const),
    sourceGroup: nameArbitrary,
    sourceStore: nameArbitrary,
    targetGroup: nameArbitrary,
    targetStore: nameArbitrary,
  }),
);

describe('pairing rule properties', () => {
  it('parse(format(rule)) is the rule', () => {
    fc.assert(
      fc.property(ruleArbitrary, (rule) => {
        expect(parsePairingRule(formatPairingRule(rule))).toEqual(rule);
      }),
    );
  });

  it('any spacing around the separators reads the same', () => {
    const spaces = fc.string({ unit: fc.constant(' '), maxLength: 3 });
    fc.assert(
      fc.property(nameArbitrary, nameArbitrary, nameArbitrary, nameArbitrary, fc.array(spaces, { minLength: 8, maxLength: 8 }), (g, s, h, t, pad) => {
        const text = `${pad[0]}${g}${pad[1]},${pad[2]}${s}${pad[3]}:${pad[4]}${h}${pad[5]},${pad[6]}${t}${pad[7]}`;
        expect(parsePairingRule(text)).toEqual({ kind: 'store', sourceGroup: g, sourceStore: s, targetGroup: h, targetStore: t });
      }),
    );
  });

  it('garbage gives a rule or a PairingRuleError with a position inside the text, never anything else', () => {
    const garbage = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(':', ',', ' ', 'a', '(', ')', '\t', 'é') }));
    fc.assert(
      fc.property(garbage, (text) => {
        try {
          const rule = parsePairingRule(text);
          expect(['one-to-one', 'group', 'store']).toContain(rule.kind);
          if (rule.kind !== 'one-to-one') expect(isRuleName(rule.sourceGroup) && isRuleName(rule.targetGroup)).toBe(true);
          if (rule.kind === 'store') expect(isRuleName(rule.sourceStore) && isRuleName(rule.targetStore)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(PairingRuleError);
          const position = (error as PairingRuleError).position;
          expect(position).toBeGreaterThanOrEqual(1);
          expect(position).toBeLessThanOrEqual(text.length + 1);
        }
      }),
    );
  });
});
