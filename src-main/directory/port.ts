/**
 * The directory port: what the services may ask of Active Directory. Two adapters implement it — ldapts (LDAP,
 * LDAPS, StartTLS against a real domain controller or the test slapd) and the lab (in memory, saved as LDIF) — and
 * one contract test suite holds both to the same behaviour.
 *
 * Shaped for the failover engine: searches stream page by page (a domain may hold 100,000 users; nothing here holds
 * a whole result), and a modify is atomic, so "delete the old value, add the new one" in one modify is a
 * compare-and-set that fails with `no-such-attribute` when the old value is no longer there.
 */
import type { DirectoryError } from './directory-error';

export { DirectoryError, type DirectoryErrorCode } from './directory-error';

/** `base`: the entry itself; `one`: its children; `sub`: the entry and everything below it. */
export type SearchScope = 'base' | 'one' | 'sub';

/** One value as written: text, or bytes for binary attributes (see `binary-attributes.ts`). */
export type AttributeValue = string | Buffer;

/** Values as read: `Buffer`s for binary attributes, strings for all others. */
export type AttributeValues = readonly string[] | readonly Buffer[];

/** One directory entry as read. */
export interface DirectoryEntry {
  /** The DN in the server's own form; compare with `dnEquals`, never as a string. */
  readonly dn: string;
  /** Keyed by lower-cased attribute name. Absent attributes are absent keys (never empty arrays). */
  readonly attributes: Readonly<Record<string, AttributeValues>>;
}

export interface SearchOptions {
  readonly scope: SearchScope;
  /** RFC 4515 filter; build it with `escapeFilter` (names such as "Mailbox Store (EXCHVS)" hold parentheses). */
  readonly filter?: string;
  /** Attributes to return; all user attributes when omitted. */
  readonly attributes?: readonly string[];
  /** Entries per page (default 1000, Active Directory's MaxPageSize). */
  readonly pageSize?: number;
  /** Stops the search between pages (the iterator then throws DirectoryError `cancelled`). */
  readonly signal?: AbortSignal;
}

/**
 * One part of a modify. `delete` with values removes exactly those values (and fails with `no-such-attribute` when
 * one is not there); `delete` without values removes the attribute. `replace` with no values removes the attribute
 * if present.
 */
export interface DirectoryChange {
  readonly operation: 'add' | 'delete' | 'replace';
  readonly attribute: string;
  readonly values: readonly AttributeValue[];
}

/** What the root DSE tells about the forest: where the configuration and the domain live. */
export interface RootDse {
  readonly defaultNamingContext: string;
  readonly configurationNamingContext: string;
  readonly namingContexts: readonly string[];
}

/** Attributes of a new entry, by name (any case). `objectClass` is required. */
export type NewEntryAttributes = Readonly<Record<string, readonly AttributeValue[]>>;

/**
 * The directory as the services see it. Every method rejects with {@link DirectoryError} only; none ever puts a
 * password into an error message.
 */
export interface DirectoryPort {
  rootDse(): Promise<RootDse>;
  /** Streams matching entries, one page at a time; breaking out of the loop ends the search. */
  search(base: string, options: SearchOptions): AsyncIterable<DirectoryEntry>;
  /** Applies all changes atomically, or none. */
  modify(dn: string, changes: readonly DirectoryChange[]): Promise<void>;
  add(dn: string, attributes: NewEntryAttributes): Promise<void>;
  delete(dn: string): Promise<void>;
  /** Releases connections (or flushes the lab's file); later calls fail with `unavailable`. */
  close(): Promise<void>;
}

/** Type guard for errors crossing the port. */
export function isDirectoryError(error: unknown): error is DirectoryError {
  return error instanceof Error && error.name === 'DirectoryError' && 'code' in error;
}
