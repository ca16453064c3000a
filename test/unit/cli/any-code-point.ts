import fc from 'fast-check';

/**
 * Any code point, U+0000 to U+10FFFF, surrogate halves included (a lone one in a string): what fast-check's
 * `unit: 'binary'` gives, without the seconds it takes to build that arbitrary on a busy machine.
 */
export const anyCodePoint: fc.Arbitrary<string> = fc.nat({ max: 0x10ffff }).map((code) => String.fromCodePoint(code));

/** A string of any code points. */
export function anyString(constraints: { readonly minLength?: number; readonly maxLength?: number } = {}): fc.Arbitrary<string> {
  return fc.string({ ...constraints, unit: anyCodePoint });
}
