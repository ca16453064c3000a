/**
 * Typed reads of a DirectoryEntry's attributes, so callers do not repeat lower-casing and text/binary checks.
 */
import type { DirectoryEntry } from './port';

/** The text values of an attribute (empty when absent). Throws when the attribute is binary. */
export function textValues(entry: DirectoryEntry, attribute: string): readonly string[] {
  const values = entry.attributes[attribute.toLowerCase()];
  if (values === undefined) return [];
  if (values.some((value) => typeof value !== 'string')) {
    throw new TypeError(`attribute ${attribute} of ${entry.dn} is binary; use binaryValues`);
  }
  return values as readonly string[];
}

/** The single text value of an attribute, or undefined when absent. */
export function singleText(entry: DirectoryEntry, attribute: string): string | undefined {
  return textValues(entry, attribute)[0];
}

/** The byte values of a binary attribute (empty when absent). Throws when the attribute came back as text. */
export function binaryValues(entry: DirectoryEntry, attribute: string): readonly Buffer[] {
  const values = entry.attributes[attribute.toLowerCase()];
  if (values === undefined) return [];
  if (values.some((value) => !Buffer.isBuffer(value))) {
    throw new TypeError(`attribute ${attribute} of ${entry.dn} is text; use textValues`);
  }
  return values as readonly Buffer[];
}
