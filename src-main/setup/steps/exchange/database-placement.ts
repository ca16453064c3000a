/**
 * Where a server's database files lie compared with its Exchange group: every database should be under the System
 * Attendant's data path or on one of the group's Physical Disks, or it is neither replicated by the replication set
 * nor failed over with the group.
 */
import type { VerifyCheck } from '../../../contract/steps';
import type { ExchangeConfig } from './exchange-config';

/** What the pair document says of the Exchange group's storage. */
export interface GroupStorage {
  /** The System Attendant's data path, e.g. `E:\Exchsrvr`. */
  readonly dataPath: string;
  /** The group's Physical Disk drive letters, e.g. `E`. */
  readonly drives: readonly string[];
}

/** A store whose database is not on the group's storage. */
export interface MisplacedDatabase {
  readonly group: string;
  readonly store: string;
  readonly edbFile: string | null;
}

const pathKey = (path: string): string => path.trim().replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();

/** Whether a Windows path lies under the data path or on one of the drives (case-insensitive). */
export function isOnGroupStorage(path: string, storage: GroupStorage): boolean {
  const key = pathKey(path);
  const dataPath = pathKey(storage.dataPath);
  if (dataPath !== '' && key.startsWith(`${dataPath}\\`)) return true;
  const drive = /^([a-z]):\\/.exec(key)?.[1];
  return drive !== undefined && storage.drives.some((letter) => letter.trim().replace(/:$/, '').toLowerCase() === drive);
}

/** The stores whose database file is missing or off the group's storage. */
export function misplacedDatabases(config: ExchangeConfig, storage: GroupStorage): MisplacedDatabase[] {
  return config.storageGroups.flatMap((group) =>
    group.stores
      .filter((store) => store.edbFile === null || !isOnGroupStorage(store.edbFile, storage))
      .map((store) => ({ group: group.name, store: store.name, edbFile: store.edbFile })),
  );
}

function drivesText(storage: GroupStorage): string {
  const drives = storage.drives.map((drive) => `${drive.trim().replace(/:$/, '')}:`);
  return drives.length === 0 ? 'none in the pair document' : drives.join(', ');
}

/** One sentence per misplaced database, for the plan's warnings. */
export function placementWarnings(config: ExchangeConfig, storage: GroupStorage): string[] {
  return misplacedDatabases(config, storage).map((entry) =>
    entry.edbFile === null
      ? `Store "${entry.group} / ${entry.store}" of ${config.server} has no database file path (msExchEDBFile).`
      : `Store "${entry.group} / ${entry.store}" of ${config.server} keeps its database at ${entry.edbFile}, outside ${storage.dataPath} and off the Exchange group's disks (${drivesText(storage)}); it would be neither replicated nor failed over with the group.`,
  );
}

/** The verify check: every database of the server lies on the group's storage. */
export function placementCheck(config: ExchangeConfig, storage: GroupStorage): VerifyCheck {
  const misplaced = misplacedDatabases(config, storage);
  return {
    what: `Every database file of ${config.server} lies under ${storage.dataPath} or on the Exchange group's disks (${drivesText(storage)})`,
    ok: misplaced.length === 0,
    detail:
      misplaced.length === 0
        ? `${config.storageGroups.reduce((n, group) => n + group.stores.length, 0)} database files checked.`
        : `Not on them: ${misplaced.map((entry) => `${entry.group} / ${entry.store} (${entry.edbFile ?? 'no path'})`).join('; ')}.`,
  };
}
