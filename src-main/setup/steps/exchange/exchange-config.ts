/**
 * An Exchange server's storage configuration as plain, comparable, JSON-friendly data: its storage groups and, in
 * each, its stores (name, kind, database file path from msExchEDBFile, database file name). Built from what the
 * failover engine's discovery read (a Topology's ServerInfo); kept by step 4.1 in the progress file and read back
 * from there (validated: the file may have been edited by hand or written by an older version).
 */
import { z } from 'zod';
import { normalizeDn } from '../../../directory/dn';
import { nameKey } from '../../../failover/discovery';
import type { ServerInfo, StoreInfo } from '../../../failover/topology';

const storeConfigSchema = z.object({
  name: z.string(),
  kind: z.enum(['mailbox', 'public']),
  /** msExchEDBFile as written (full path); null when the store has none. */
  edbFile: z.string().nullable(),
  /** The database file name without its path; null when there is no path. */
  databaseFile: z.string().nullable(),
});

const groupConfigSchema = z.object({ name: z.string(), stores: z.array(storeConfigSchema) });

/** What step 4.1 records (and what it reads back from the progress file). */
export const recordedExchangeConfigSchema = z.object({
  /** The Exchange (virtual) server's name as the directory spells it. */
  server: z.string(),
  /** When it was recorded (ISO 8601). */
  recordedAt: z.string(),
  storageGroups: z.array(groupConfigSchema),
});

export type StoreConfig = z.infer<typeof storeConfigSchema>;
export type StorageGroupConfig = z.infer<typeof groupConfigSchema>;
export type RecordedExchangeConfig = z.infer<typeof recordedExchangeConfigSchema>;

/** One server's configuration, without the time it was read. */
export type ExchangeConfig = Omit<RecordedExchangeConfig, 'recordedAt'>;

const byName = <T extends { readonly name: string }>(a: T, b: T): number => nameKey(a.name).localeCompare(nameKey(b.name), 'en');

function storeConfig(store: StoreInfo): StoreConfig {
  const edbFile = store.edbFile === undefined || store.edbFile.trim() === '' ? null : store.edbFile;
  return { name: store.name, kind: store.kind, edbFile, databaseFile: edbFile === null ? null : (store.databaseFile ?? null) };
}

/**
 * The configuration of one server as discovery read it, groups and stores sorted by name (the directory returns
 * them in no particular order). A store whose parent is not among the server's storage groups is listed under its
 * parent's name all the same.
 */
export function exchangeConfigOf(server: ServerInfo): ExchangeConfig {
  const groups = new Map<string, { name: string; stores: StoreConfig[] }>();
  for (const group of server.groups) groups.set(normalizeDn(group.dn), { name: group.name, stores: [] });
  for (const store of server.stores) {
    const key = normalizeDn(store.groupDn);
    const group = groups.get(key) ?? { name: store.group, stores: [] };
    group.stores.push(storeConfig(store));
    groups.set(key, group);
  }
  const storageGroups = [...groups.values()]
    .map((group) => ({ name: group.name, stores: [...group.stores].sort(byName) }))
    .sort(byName);
  return { server: server.name, storageGroups };
}

/** The recording of step 4.1, or why the data kept in the progress file is not one. */
export function readRecordedConfig(
  data: Readonly<Record<string, unknown>> | undefined,
): { readonly config: RecordedExchangeConfig } | { readonly problem: string } | undefined {
  if (data === undefined) return undefined;
  const parsed = recordedExchangeConfigSchema.safeParse(data);
  if (parsed.success) return { config: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
  return { problem: `the recording kept in the progress file is not an Exchange configuration${where}: ${issue?.message ?? 'unreadable'}` };
}

/** How a store is shown: `mailbox, E:\Exchsrvr\mdbdata\priv1.edb`. */
export function storeSummary(store: StoreConfig): string {
  return `${store.kind}, ${store.edbFile ?? '(no database file path)'}`;
}

/**
 * The configuration as a readable table, one line per store
 * (`First Storage Group / Mailbox Store (EXCHVS): mailbox, E:\Exchsrvr\mdbdata\priv1.edb`), a group without
 * stores on a line of its own.
 */
export function configLines(config: ExchangeConfig): string[] {
  return config.storageGroups.flatMap((group) =>
    group.stores.length === 0 ? [`${group.name}: (no stores)`] : group.stores.map((store) => `${group.name} / ${store.name}: ${storeSummary(store)}`),
  );
}

/** How many stores the configuration has. */
export function storeCount(config: ExchangeConfig): number {
  return config.storageGroups.reduce((sum, group) => sum + group.stores.length, 0);
}
