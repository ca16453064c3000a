import type { LabStoreEvent } from './lab-exchange-state';

/**
 * The two events of a copied database's mount, after Microsoft KB 251409 ("Isinteg -patch is no longer required to
 * restore offline backups"): Exchange 2000/2003 compares the database's identity with its directory object at mount;
 * a database that does not match (restored from an offline backup, or copied at file level by Double-Take) is patched
 * only when msExchPatchMDB is TRUE ("This database can be overwritten by a restore"), else it stays dismounted.
 */

/** Event 1087 (MSExchangeIS Mailbox, error): the copied database is not mounted. */
export function refusedCopyEvent(store: string, at: string): LabStoreEvent {
  return {
    id: 1087,
    text: `${store}: the information store was restored from an offline backup; the database must be marked as one that can be overwritten by a restore (msExchPatchMDB TRUE) so that it can be patched`,
    at,
  };
}

/** Event 9524 (MSExchangeIS, warning): the copied database was patched and mounted. */
export function patchedCopyEvent(store: string, at: string): LabStoreEvent {
  return {
    id: 9524,
    text: `${store}: the database was restored from an offline backup and has been patched; back it up as soon as possible`,
    at,
  };
}
