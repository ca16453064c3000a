/**
 * Escaping of assertion values in search filters (RFC 4515): store names such as "Mailbox Store (EXCHVS)" hold
 * parentheses, and an unescaped one breaks or changes the filter. Delegates to ldapts' implementation.
 */
import { Filter, escapeFilter as ldaptsEscapeFilter } from 'ldapts';

/** Escapes one assertion value (`(` `)` `*` `\` NUL; bytes of a Buffer all as `\xx`). */
export function escapeFilterValue(value: string | Buffer): string {
  return Filter.escape(value);
}

/**
 * Tagged template that escapes every interpolated value:
 * ``escapeFilter`(&(objectClass=msExchPrivateMDB)(cn=${name}))` ``.
 */
export function escapeFilter(strings: TemplateStringsArray, ...values: (string | Buffer | number | boolean)[]): string {
  return ldaptsEscapeFilter(strings, ...values);
}
