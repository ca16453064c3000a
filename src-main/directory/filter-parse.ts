/**
 * Parses RFC 4515 filter strings into ldapts filter objects, for both adapters: ldapts sends them to the server,
 * the lab evaluates them.
 *
 * ldapts' parser turns each `\xx` escape into the character with that code, so an escaped UTF-8 sequence or a
 * binary value (a GUID) arrives as Latin-1 characters and would be re-encoded wrongly. This module first escapes
 * every raw non-ASCII character as its UTF-8 bytes, lets ldapts parse, and then turns each value back into what it
 * stands for: bytes (`Buffer`) for binary attributes, UTF-8 text for the others.
 */
import {
  AndFilter,
  ApproximateFilter,
  EqualityFilter,
  ExtensibleFilter,
  type Filter,
  FilterParser,
  GreaterThanEqualsFilter,
  LessThanEqualsFilter,
  NotFilter,
  OrFilter,
  SubstringFilter,
} from 'ldapts';
import { isBinaryAttribute } from './binary-attributes';
import { DirectoryError, LdapResultCode } from './directory-error';

function escapeNonAscii(filter: string): string {
  let result = '';
  for (const char of filter) {
    if (char.charCodeAt(0) < 0x80) result += char;
    else for (const byte of Buffer.from(char, 'utf8')) result += `\\${byte.toString(16).padStart(2, '0')}`;
  }
  return result;
}

function latin1Bytes(value: string): Buffer {
  return Buffer.from(value, 'latin1');
}

function decodeText(value: string): string {
  return latin1Bytes(value).toString('utf8');
}

function fix(filter: Filter, isBinary: (attribute: string) => boolean): void {
  if (filter instanceof AndFilter || filter instanceof OrFilter) {
    for (const child of filter.filters) fix(child, isBinary);
  } else if (filter instanceof NotFilter) {
    fix(filter.filter, isBinary);
  } else if (filter instanceof EqualityFilter) {
    const raw = typeof filter.value === 'string' ? filter.value : filter.value.toString('latin1');
    filter.value = isBinary(filter.attribute) ? latin1Bytes(raw) : decodeText(raw);
  } else if (filter instanceof SubstringFilter) {
    filter.initial = decodeText(filter.initial);
    filter.any = filter.any.map(decodeText);
    filter.final = decodeText(filter.final);
  } else if (
    filter instanceof GreaterThanEqualsFilter ||
    filter instanceof LessThanEqualsFilter ||
    filter instanceof ApproximateFilter ||
    filter instanceof ExtensibleFilter
  ) {
    filter.value = decodeText(filter.value);
  }
}

/**
 * Parses a filter string. Throws DirectoryError `invalid-filter` when it does not parse.
 * `isBinary` says which attributes hold bytes (default: the declared binary attributes).
 */
export function parseFilter(filter: string, isBinary: (attribute: string) => boolean = isBinaryAttribute): Filter {
  let parsed: Filter;
  try {
    parsed = FilterParser.parseString(escapeNonAscii(filter.trim()));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new DirectoryError('invalid-filter', `invalid search filter ${JSON.stringify(filter)}: ${why}`, LdapResultCode.filterError);
  }
  fix(parsed, isBinary);
  return parsed;
}
