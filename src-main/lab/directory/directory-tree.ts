/**
 * The lab directory's entries in memory, with the rules a real server enforces and the failover engine relies on:
 * an unknown parent is `no-such-object`, a second value in a single-valued attribute is a constraint violation,
 * deleting a value that is not there is `no-such-attribute` (the compare-and-set failure), DN-valued attributes
 * must parse as DNs, and a modify applies all its changes or none. Synchronous and free of I/O; the adapter
 * (lab-directory.ts) adds persistence and the port's async shape.
 */
import { DirectoryError, LdapResultCode } from '../../directory/directory-error';
import { normalizeDn, normalizedRdns, parseDn, type Rdn } from '../../directory/dn';
import type { AttributeValue, DirectoryChange, SearchScope } from '../../directory/port';
import type { LdifRecord } from './ldif';
import { type AttributeDefinition, attributeDefinition } from './schema';
import { type CheckedValue, caseIgnoreKey, checkValue, requireDefinition } from './value-matching';

/** One attribute of a stored entry: the name as first written, and its values. */
export interface StoredAttribute {
  readonly name: string;
  readonly definition: AttributeDefinition;
  readonly values: readonly CheckedValue[];
}

/** An entry as the tree holds it. Read-only to callers; the tree replaces attribute maps on change. */
export interface StoredEntry {
  readonly dn: string;
  readonly key: string;
  readonly parentKey: string | undefined;
  readonly rdn: Rdn;
  attributes: ReadonlyMap<string, StoredAttribute>;
}

function keyOf(dn: string): { key: string; parentKey: string | undefined; rdn: Rdn } {
  let rdns: Rdn[];
  let normalized: string[];
  try {
    rdns = parseDn(dn);
    normalized = normalizedRdns(dn);
  } catch {
    throw new DirectoryError('invalid-dn', `invalid DN ${JSON.stringify(dn)}`, LdapResultCode.invalidDnSyntax);
  }
  const rdn = rdns[0];
  if (rdn === undefined) {
    throw new DirectoryError('invalid-dn', 'the empty DN names the root DSE, not an entry', LdapResultCode.invalidDnSyntax);
  }
  return { key: normalized.join(','), parentKey: normalized.length > 1 ? normalized.slice(1).join(',') : undefined, rdn };
}

function noSuchObject(dn: string): DirectoryError {
  return new DirectoryError('no-such-object', `${dn}: no such object`, LdapResultCode.noSuchObject);
}

type MutableAttributes = Map<string, { name: string; definition: AttributeDefinition; values: CheckedValue[] }>;

function copyAttributes(attributes: ReadonlyMap<string, StoredAttribute>): MutableAttributes {
  const copy: MutableAttributes = new Map();
  for (const [key, attribute] of attributes) copy.set(key, { ...attribute, values: [...attribute.values] });
  return copy;
}

function addValues(attributes: MutableAttributes, name: string, values: readonly AttributeValue[], dn: string): void {
  const definition = requireDefinition(name);
  const lower = definition.name.toLowerCase();
  const attribute = attributes.get(lower) ?? { name: definition.name, definition, values: [] };
  for (const value of values) {
    const checked = checkValue(definition, value);
    if (attribute.values.some((existing) => existing.key === checked.key)) {
      throw new DirectoryError('value-exists', `${dn}: ${definition.name}: value #${attribute.values.length} already exists`, LdapResultCode.attributeOrValueExists);
    }
    attribute.values.push(checked);
  }
  if (attribute.values.length > 0) attributes.set(lower, attribute);
}

function validateEntry(dn: string, rdn: Rdn, attributes: MutableAttributes, creating: boolean): void {
  for (const attribute of attributes.values()) {
    if (attribute.definition.singleValued && attribute.values.length > 1) {
      throw new DirectoryError(
        'constraint-violation',
        `${dn}: ${attribute.definition.name} is single-valued; it cannot hold ${attribute.values.length} values`,
        LdapResultCode.constraintViolation,
      );
    }
  }
  const objectClass = attributes.get('objectclass');
  if (objectClass === undefined || objectClass.values.length === 0) {
    throw new DirectoryError('schema-violation', `${dn}: no objectClass attribute`, LdapResultCode.objectClassViolation);
  }
  for (const ava of rdn) {
    const definition = attributeDefinition(ava.type);
    const attribute = definition === undefined ? undefined : attributes.get(definition.name.toLowerCase());
    const key = caseIgnoreKey(ava.value);
    const present = attribute?.values.some((value) => (definition?.syntax === 'octets' ? false : value.key === key)) ?? false;
    if (!present) {
      throw creating
        ? new DirectoryError('schema-violation', `${dn}: naming attribute '${ava.type}' is not present in entry`, LdapResultCode.namingViolation)
        : new DirectoryError('schema-violation', `${dn}: cannot remove the naming value of '${ava.type}'`, LdapResultCode.notAllowedOnRdn);
    }
  }
}

/** The in-memory directory of the lab. */
export class DirectoryTree {
  readonly #entries = new Map<string, StoredEntry>();
  readonly #children = new Map<string, Set<string>>();
  readonly #suffixKeys: ReadonlySet<string>;

  /** `suffixes` are the DNs that may be added without a parent (the naming contexts' roots). */
  constructor(suffixes: readonly string[]) {
    this.#suffixKeys = new Set(suffixes.map((suffix) => normalizeDn(suffix)));
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The entry with that DN (any case or spacing), or undefined. */
  get(dn: string): StoredEntry | undefined {
    try {
      return this.#entries.get(normalizeDn(dn));
    } catch {
      return undefined;
    }
  }

  add(dn: string, attributes: Iterable<readonly [string, readonly AttributeValue[]]>): void {
    const { key, parentKey, rdn } = keyOf(dn);
    if (this.#entries.has(key)) {
      throw new DirectoryError('already-exists', `${dn}: entry already exists`, LdapResultCode.entryAlreadyExists);
    }
    const isSuffix = this.#suffixKeys.has(key);
    if (!isSuffix && (parentKey === undefined || !this.#entries.has(parentKey))) {
      throw new DirectoryError('no-such-object', `${dn}: parent does not exist`, LdapResultCode.noSuchObject);
    }
    const stored: MutableAttributes = new Map();
    for (const [name, values] of attributes) addValues(stored, name, values, dn);
    validateEntry(dn, rdn, stored, true);
    const entry: StoredEntry = { dn, key, parentKey: isSuffix ? undefined : parentKey, rdn, attributes: stored };
    this.#entries.set(key, entry);
    if (entry.parentKey !== undefined) {
      let siblings = this.#children.get(entry.parentKey);
      if (siblings === undefined) {
        siblings = new Set();
        this.#children.set(entry.parentKey, siblings);
      }
      siblings.add(key);
    }
  }

  modify(dn: string, changes: readonly DirectoryChange[]): void {
    const { key } = keyOf(dn);
    const entry = this.#entries.get(key);
    if (entry === undefined) throw noSuchObject(dn);
    const draft = copyAttributes(entry.attributes);
    for (const change of changes) {
      const definition = requireDefinition(change.attribute);
      const lower = definition.name.toLowerCase();
      switch (change.operation) {
        case 'add':
          addValues(draft, change.attribute, change.values, dn);
          break;
        case 'replace':
          draft.delete(lower);
          addValues(draft, change.attribute, change.values, dn);
          break;
        case 'delete': {
          const attribute = draft.get(lower);
          if (attribute === undefined) {
            throw new DirectoryError('no-such-attribute', `${dn}: modify/delete: ${definition.name}: no such attribute`, LdapResultCode.noSuchAttribute);
          }
          if (change.values.length === 0) {
            draft.delete(lower);
            break;
          }
          for (const value of change.values) {
            const checked = checkValue(definition, value);
            const index = attribute.values.findIndex((existing) => existing.key === checked.key);
            if (index < 0) {
              throw new DirectoryError('no-such-attribute', `${dn}: modify/delete: ${definition.name}: no such value`, LdapResultCode.noSuchAttribute);
            }
            attribute.values.splice(index, 1);
          }
          if (attribute.values.length === 0) draft.delete(lower);
          break;
        }
      }
    }
    validateEntry(dn, entry.rdn, draft, false);
    entry.attributes = draft;
  }

  delete(dn: string): void {
    const { key } = keyOf(dn);
    const entry = this.#entries.get(key);
    if (entry === undefined) throw noSuchObject(dn);
    if ((this.#children.get(key)?.size ?? 0) > 0) {
      throw new DirectoryError('not-leaf', `${dn}: entry has children`, LdapResultCode.notAllowedOnNonLeaf);
    }
    this.#entries.delete(key);
    this.#children.delete(key);
    if (entry.parentKey !== undefined) this.#children.get(entry.parentKey)?.delete(key);
  }

  /** The entries in a scope, lazily; entries added or deleted while iterating may or may not be seen. */
  *scope(base: string, scope: SearchScope): Generator<StoredEntry> {
    const { key } = keyOf(base);
    const root = this.#entries.get(key);
    if (root === undefined) throw noSuchObject(base);
    if (scope === 'base') {
      yield root;
      return;
    }
    if (scope === 'one') {
      for (const child of this.#children.get(key) ?? []) {
        const entry = this.#entries.get(child);
        if (entry !== undefined) yield entry;
      }
      return;
    }
    const stack: string[] = [key];
    while (stack.length > 0) {
      const next = stack.pop();
      const entry = next === undefined ? undefined : this.#entries.get(next);
      if (entry === undefined) continue;
      yield entry;
      const children = this.#children.get(entry.key);
      if (children !== undefined) stack.push(...Array.from(children).reverse());
    }
  }

  /** All entries as LDIF records, parents before children (insertion order). */
  *records(): Generator<LdifRecord> {
    for (const entry of this.#entries.values()) {
      const attributes = [];
      for (const attribute of entry.attributes.values()) {
        for (const value of attribute.values) attributes.push({ name: attribute.name, value: value.value });
      }
      yield { dn: entry.dn, attributes };
    }
  }
}
