/**
 * Attributes whose values are bytes, not text. LDAP does not say which attributes are binary, so both adapters
 * take it from this declared list: their values are returned as `Buffer`, written as bytes, and stored base64 in
 * LDIF. A GUID read as text would be mangled by UTF-8 decoding.
 */
export const BINARY_ATTRIBUTES: readonly string[] = ['msExchMailboxGuid', 'objectGUID', 'objectSid'];

const binaryLowerCase = new Set(BINARY_ATTRIBUTES.map((name) => name.toLowerCase()));

/** Whether the attribute (any case) is declared binary. */
export function isBinaryAttribute(name: string): boolean {
  return binaryLowerCase.has(name.toLowerCase());
}
