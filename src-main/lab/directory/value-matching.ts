/**
 * How the lab directory checks and compares attribute values, per syntax — the same matching rules the slapd
 * schema declares (caseIgnoreMatch, distinguishedNameMatch, octetStringMatch, booleanMatch, integerMatch), so the
 * lab and the real server agree on what is a duplicate, what a delete matches and what a filter finds.
 */
import { DirectoryError, LdapResultCode } from '../../directory/directory-error';
import { normalizeDn } from '../../directory/dn';
import type { AttributeValue } from '../../directory/port';
import { type AttributeDefinition, attributeDefinition } from './schema';

/** A value as stored, with its comparison key. */
export interface CheckedValue {
  readonly value: string | Buffer;
  readonly key: string;
}

/** The schema definition of an attribute, or DirectoryError 17 (undefined attribute type). */
export function requireDefinition(attribute: string): AttributeDefinition {
  const definition = attributeDefinition(attribute);
  if (definition === undefined) {
    throw new DirectoryError('schema-violation', `${attribute}: attribute type undefined`, LdapResultCode.undefinedAttributeType);
  }
  return definition;
}

function invalidSyntax(definition: AttributeDefinition, why: string): DirectoryError {
  return new DirectoryError('schema-violation', `${definition.name}: value ${why}`, LdapResultCode.invalidAttributeSyntax);
}

/** Normalises a string for caseIgnore matching: trimmed, inner spaces collapsed, lower case. */
export function caseIgnoreKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Checks one value against its syntax (DirectoryError 21 when it does not fit) and computes its key. */
export function checkValue(definition: AttributeDefinition, input: AttributeValue): CheckedValue {
  if (definition.syntax === 'octets') {
    const bytes = Buffer.isBuffer(input) ? Buffer.from(input) : Buffer.from(input, 'utf8');
    return { value: bytes, key: bytes.toString('hex') };
  }
  const text = Buffer.isBuffer(input) ? input.toString('utf8') : input;
  switch (definition.syntax) {
    case 'dn':
      try {
        return { value: text, key: normalizeDn(text) };
      } catch {
        throw invalidSyntax(definition, `${JSON.stringify(text)} is not a DN`);
      }
    case 'boolean':
      if (text !== 'TRUE' && text !== 'FALSE') throw invalidSyntax(definition, `${JSON.stringify(text)} is not TRUE or FALSE`);
      return { value: text, key: text };
    case 'integer':
      if (!/^-?(0|[1-9][0-9]*)$/.test(text)) throw invalidSyntax(definition, `${JSON.stringify(text)} is not an integer`);
      return { value: text, key: text };
    case 'ia5':
      if (!/^[\x00-\x7f]*$/.test(text)) throw invalidSyntax(definition, `${JSON.stringify(text)} is not ASCII`);
      if (text.trim() === '') throw invalidSyntax(definition, 'is empty');
      return { value: text, key: caseIgnoreKey(text) };
    case 'string':
      if (text.trim() === '') throw invalidSyntax(definition, 'is empty');
      return { value: text, key: caseIgnoreKey(text) };
  }
}

/** The comparison key of a stored value, or undefined when an assertion value cannot be of this syntax. */
export function assertionKey(definition: AttributeDefinition, assertion: string | Buffer): string | undefined {
  try {
    return checkValue(definition, assertion).key;
  } catch {
    return undefined;
  }
}
