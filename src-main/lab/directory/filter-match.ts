/**
 * Evaluates parsed search filters (ldapts filter objects, from `parseFilter`) against lab entries with the
 * schema's matching rules: case-insensitive attribute names and string values, DN values compared as DNs, bytes
 * compared as bytes, integers as numbers. ldapts' own `matches()` handles one value per attribute only.
 */
import {
  AndFilter,
  ApproximateFilter,
  EqualityFilter,
  ExtensibleFilter,
  type Filter,
  GreaterThanEqualsFilter,
  LessThanEqualsFilter,
  NotFilter,
  OrFilter,
  PresenceFilter,
  SubstringFilter,
} from 'ldapts';
import { DirectoryError, LdapResultCode } from '../../directory/directory-error';
import type { StoredEntry } from './directory-tree';
import { attributeDefinition } from './schema';
import { assertionKey, caseIgnoreKey } from './value-matching';

function attributeOf(entry: StoredEntry, name: string) {
  const definition = attributeDefinition(name);
  return definition === undefined ? undefined : entry.attributes.get(definition.name.toLowerCase());
}

function equality(entry: StoredEntry, name: string, assertion: string | Buffer): boolean {
  const attribute = attributeOf(entry, name);
  if (attribute === undefined) return false;
  const key = assertionKey(attribute.definition, assertion);
  return key !== undefined && attribute.values.some((value) => value.key === key);
}

function substring(entry: StoredEntry, filter: SubstringFilter): boolean {
  const attribute = attributeOf(entry, filter.attribute);
  if (attribute === undefined) return false;
  const syntax = attribute.definition.syntax;
  if (syntax !== 'string' && syntax !== 'ia5') return false; // no substring rule for DNs, bytes, Booleans, integers
  const part = (text: string): string => text.replace(/\s+/g, ' ').toLowerCase();
  return attribute.values.some((value) => {
    const text = caseIgnoreKey(String(value.value));
    const initial = part(filter.initial);
    if (!text.startsWith(initial)) return false;
    let position = initial.length;
    for (const any of filter.any) {
      const found = text.indexOf(part(any), position);
      if (found < 0) return false;
      position = found + part(any).length;
    }
    const final = part(filter.final);
    return text.length - final.length >= position && text.endsWith(final);
  });
}

function ordering(entry: StoredEntry, name: string, assertion: string, wantGreater: boolean): boolean {
  const attribute = attributeOf(entry, name);
  if (attribute === undefined) return false;
  const syntax = attribute.definition.syntax;
  return attribute.values.some((value) => {
    if (syntax === 'integer') {
      if (!/^-?\d+$/.test(assertion)) return false;
      const difference = BigInt(String(value.value)) - BigInt(assertion);
      return wantGreater ? difference >= 0n : difference <= 0n;
    }
    if (syntax !== 'string' && syntax !== 'ia5') return false;
    const stored = value.key;
    const asserted = caseIgnoreKey(assertion);
    return wantGreater ? stored >= asserted : stored <= asserted;
  });
}

/** Whether the entry matches the filter. Throws DirectoryError for extensible-match filters (not supported). */
export function matchesFilter(filter: Filter, entry: StoredEntry): boolean {
  if (filter instanceof AndFilter) return filter.filters.every((child) => matchesFilter(child, entry));
  if (filter instanceof OrFilter) return filter.filters.some((child) => matchesFilter(child, entry));
  if (filter instanceof NotFilter) return !matchesFilter(filter.filter, entry);
  if (filter instanceof PresenceFilter) {
    return filter.attribute.toLowerCase() === 'objectclass' || attributeOf(entry, filter.attribute) !== undefined;
  }
  if (filter instanceof EqualityFilter) return equality(entry, filter.attribute, filter.value);
  if (filter instanceof ApproximateFilter) return equality(entry, filter.attribute, filter.value);
  if (filter instanceof SubstringFilter) return substring(entry, filter);
  if (filter instanceof GreaterThanEqualsFilter) return ordering(entry, filter.attribute, filter.value, true);
  if (filter instanceof LessThanEqualsFilter) return ordering(entry, filter.attribute, filter.value, false);
  if (filter instanceof ExtensibleFilter) {
    throw new DirectoryError('unwilling-to-perform', 'the lab directory does not evaluate extensible-match filters', LdapResultCode.unwillingToPerform);
  }
  return false;
}
