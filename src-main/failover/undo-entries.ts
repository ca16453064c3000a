/**
 * What the three passes of undo (plan, apply, verify) share: which intents undo restores, how an entry is keyed,
 * and reading many entries with a bounded number of reads in flight.
 */
import { normalizeDn } from '../directory/dn';
import { textValues } from '../directory/entry-values';
import { isDirectoryError } from '../directory/port';
import type { ChangeSet } from './change-set';
import type { DirectorySession } from './directory-session';
import type { JournalledIntent } from './journal-reader';

/** Every attribute a failover may change, and objectClass: what undo reads of an entry. */
export const UNDO_READ_ATTRIBUTES: readonly string[] = [
  'objectClass',
  'msExchPatchMDB',
  'homeMDB',
  'homeMTA',
  'msExchHomeServerName',
  'msExchHomePublicMDB',
  'siteFolderServer',
  'msExchAddressListServiceLink',
  'msExchServer1NetworkAddress',
  'servicePrincipalName',
  'msExchRoutingMasterDN',
];

/** An entry as undo reads it: attribute (lower case) → values; `undefined` when the entry does not exist. */
export type EntryValues = Map<string, readonly string[]> | undefined;

/**
 * Whether undo restores this intent: applied, or of unknown fate (the run stopped before the directory's answer was
 * journalled). A skipped, refused or conflicting change never changed the directory.
 */
export function mayHaveChanged(intent: JournalledIntent): boolean {
  return intent.outcome === undefined || intent.outcome === 'applied';
}

/** The change set an intent journalled. */
export function setOf(intent: JournalledIntent): ChangeSet {
  const { line } = intent;
  return {
    phase: line.phase,
    dn: line.dn,
    changes: line.changes.map((change) => ({ phase: line.phase, dn: line.dn, attribute: change.attribute, before: change.before, after: change.after, why: '' })),
  };
}

/** The key of an entry's DN: its normalised form (the server may write a DN in another case and spacing). */
export function entryKey(dn: string): string {
  try {
    return normalizeDn(dn);
  } catch {
    return dn.toLowerCase();
  }
}

/** Reads one entry's failover attributes (undefined when it is gone). */
export async function readEntry(session: DirectorySession, dn: string): Promise<EntryValues> {
  try {
    const [entry] = await session.collect(dn, { scope: 'base', attributes: UNDO_READ_ATTRIBUTES });
    if (entry === undefined) return undefined;
    return new Map(UNDO_READ_ATTRIBUTES.map((attribute) => [attribute.toLowerCase(), textValues(entry, attribute)]));
  } catch (error) {
    if (isDirectoryError(error) && error.code === 'no-such-object') return undefined;
    throw error;
  }
}

/** Reads the entries with at most `concurrency` reads in flight; keyed by entryKey. */
export async function readEntries(session: DirectorySession, dns: readonly string[], concurrency: number): Promise<Map<string, EntryValues>> {
  const result = new Map<string, EntryValues>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < dns.length) {
      const dn = dns[next] as string;
      next += 1;
      result.set(entryKey(dn), await readEntry(session, dn));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, dns.length)) }, worker));
  return result;
}
