/**
 * A Physical Disk's signature: the document holds a number (the resource's `Signature` DWORD); the form takes it as
 * hex (`0x5A17E0E0`, as cluster.exe /priv shows it) or as decimal.
 */

/** The number the text stands for, or undefined when it is neither `0x` hex nor decimal digits. */
export function parseSignature(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^0x[0-9a-f]{1,8}$/i.test(trimmed)) return Number.parseInt(trimmed.slice(2), 16);
  if (/^[0-9]{1,10}$/.test(trimmed)) return Number(trimmed);
  return undefined;
}

/** `0x5A17E0E0` for a whole number; anything else as it is. */
export function formatSignature(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
  if (value === undefined || value === null) return '';
  return String(value);
}

export const SIGNATURE_TEXT_PROBLEM = 'Give the signature as hex with 0x (0x5A17E0E0) or as a decimal number (1511514336).';

/** The other spelling of a valid signature, for the field's hint. */
export function signatureHint(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? `${formatSignature(value)} = ${value} decimal` : undefined;
}
