/**
 * How the engine compares the values of the attributes a failover touches, with the directory's own matching
 * rules: DN-valued attributes as DNs (slapd and Active Directory hand DNs back in another case and spacing than
 * written), Booleans exactly, strings case-insensitively with spaces collapsed (caseIgnoreMatch). A compare-and-set
 * asks "is the entry still as planned?" and "is it already as wanted?"; both questions go through here.
 */
import { dnKey } from './dn-key';

/** The attributes with DN syntax among those the engine reads or writes. */
const DN_ATTRIBUTES: ReadonlySet<string> = new Set(
  ['homeMDB', 'homeMTA', 'msExchHomePublicMDB', 'siteFolderServer', 'msExchAddressListServiceLink', 'msExchRoutingMasterDN', 'msExchOwningServer'].map(
    (name) => name.toLowerCase(),
  ),
);

/** Multi-valued attributes the engine changes value by value; every other attribute it writes is single-valued. */
const MULTI_VALUED_ATTRIBUTES: ReadonlySet<string> = new Set(['serviceprincipalname']);

/** Whether the attribute (any case) holds DNs. */
export function isDnAttribute(attribute: string): boolean {
  return DN_ATTRIBUTES.has(attribute.toLowerCase());
}

/** Whether the engine treats the attribute as multi-valued (values added and removed one by one). */
export function isMultiValued(attribute: string): boolean {
  return MULTI_VALUED_ATTRIBUTES.has(attribute.toLowerCase());
}

/** The comparison key of one value of an attribute; a DN that does not parse is compared as text. */
export function valueKey(attribute: string, value: string): string {
  if (isDnAttribute(attribute)) return dnKey(value) ?? `\u0000${value}`;
  if (attribute.toLowerCase() === 'msexchpatchmdb') return value.trim().toUpperCase();
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whether two values of an attribute match. */
export function sameValue(attribute: string, a: string, b: string): boolean {
  return valueKey(attribute, a) === valueKey(attribute, b);
}

/** Whether `values` holds a value matching `value`. */
export function holdsValue(attribute: string, values: readonly string[], value: string): boolean {
  const key = valueKey(attribute, value);
  return values.some((candidate) => valueKey(attribute, candidate) === key);
}

/** Whether two value lists hold the same values, in any order. */
export function sameValueSet(attribute: string, a: readonly string[], b: readonly string[]): boolean {
  const keysA = new Set(a.map((value) => valueKey(attribute, value)));
  const keysB = new Set(b.map((value) => valueKey(attribute, value)));
  if (keysA.size !== keysB.size) return false;
  for (const key of keysA) if (!keysB.has(key)) return false;
  return true;
}
