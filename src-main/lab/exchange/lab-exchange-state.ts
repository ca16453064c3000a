import { z } from 'zod';
import { dnEquals, isValidDn } from '../../directory/dn';
import { parseWindowsPath, windowsPathKey, WindowsPathError } from '../../nodes/windows-path';
import { sameName } from '../../cluster/object-names';

/**
 * The lab's Exchange as data, as `<lab>/exchange.json` holds it: who last mounted each database file on each
 * cluster (what makes a file a copy), each store's mount state with its last mount event, and the Double-Take
 * mirrors whose completion was already turned into copies. Validated field by field when read back.
 */

export const LAB_EXCHANGE_FORMAT = 'exchange-ha-wizard/lab-exchange';

const name = z
  .string()
  .min(1, 'must not be empty')
  .refine((s) => s === s.trim(), 'must not start or end with white space')
  .refine((s) => !/[\u0000-\u001f]/.test(s), 'must not contain control characters');

const windowsPath = z.string().superRefine((value, ctx) => {
  try {
    parseWindowsPath(value);
  } catch (error) {
    if (!(error instanceof WindowsPathError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
  }
});

const dn = z.string().refine((value) => isValidDn(value), 'is not a distinguished name');
const isoTime = z.string().datetime({ offset: true });

/**
 * A mount event of the store (Microsoft KB 251409, "Isinteg -patch is no longer required to restore offline
 * backups"): 1087, a copied database refused because it may not be overwritten by a restore (msExchPatchMDB not
 * TRUE); 9524, a copied database patched at mount because it may.
 */
export const storeEventSchema = z
  .object({
    id: z.union([z.literal(1087), z.literal(9524)]),
    text: z.string().min(1),
    at: isoTime,
  })
  .strict();
export type LabStoreEvent = z.infer<typeof storeEventSchema>;

/** One database file (msExchEDBFile) on one cluster's shared disk and the Exchange server that last mounted it there. */
export const databaseFileSchema = z
  .object({
    cluster: name,
    path: windowsPath,
    /**
     * The server that last mounted this file on this cluster, or, for a file a Double-Take mirror brought, the server
     * that last mounted it where it was copied from. A store of another server finds it a copy.
     */
    lastMountedBy: name,
    /** When this record last changed. */
    at: isoTime,
  })
  .strict();
export type DatabaseFileState = z.infer<typeof databaseFileSchema>;

/** Where a store is mounted: the cluster and node its server runs on. */
export const mountPlaceSchema = z.object({ cluster: name, node: name }).strict();
export type MountPlace = z.infer<typeof mountPlaceSchema>;

/** One store (msExchPrivateMDB or msExchPublicMDB) of an Exchange server and its mount state. */
export const storeStateSchema = z
  .object({
    dn,
    server: name,
    /** null: dismounted. */
    mountedOn: mountPlaceSchema.nullable(),
    /** The last mount event (1087 or 9524), kept after a dismount. */
    event: storeEventSchema.optional(),
  })
  .strict();
export type StoreState = z.infer<typeof storeStateSchema>;

/** A completed mirror already turned into copies on its target cluster (so it is applied once). */
export const appliedMirrorSchema = z
  .object({
    node: name,
    connectionId: z.number().int().min(1),
    replicationSet: z.string().min(1),
    target: z.string().min(1),
    bytesToMirror: z.number().int().min(0),
  })
  .strict();
export type AppliedMirror = z.infer<typeof appliedMirrorSchema>;

export const labExchangeStateSchema = z
  .object({
    format: z.literal(LAB_EXCHANGE_FORMAT),
    version: z.literal(1),
    files: z.array(databaseFileSchema),
    stores: z.array(storeStateSchema),
    appliedMirrors: z.array(appliedMirrorSchema),
  })
  .strict()
  .superRefine((state, ctx) => {
    const files = new Set<string>();
    state.files.forEach((file, index) => {
      const key = fileKey(file.cluster, file.path);
      if (key === undefined) return;
      if (files.has(key)) ctx.addIssue({ code: 'custom', path: ['files', index, 'path'], message: `a second record of ${file.path} on ${file.cluster}` });
      files.add(key);
    });
    state.stores.forEach((store, index) => {
      const earlier = state.stores.slice(0, index).some((other) => safeDnEquals(other.dn, store.dn));
      if (earlier) ctx.addIssue({ code: 'custom', path: ['stores', index, 'dn'], message: `a second record of ${store.dn}` });
    });
    state.appliedMirrors.forEach((mirror, index) => {
      const earlier = state.appliedMirrors.slice(0, index).some((other) => sameName(other.node, mirror.node) && other.connectionId === mirror.connectionId);
      if (earlier) ctx.addIssue({ code: 'custom', path: ['appliedMirrors', index, 'connectionId'], message: `a second record of connection ${mirror.connectionId} on ${mirror.node}` });
    });
  });
export type LabExchangeState = z.infer<typeof labExchangeStateSchema>;

/** An empty state: no file known, no store mounted. */
export function emptyLabExchangeState(): LabExchangeState {
  return { format: LAB_EXCHANGE_FORMAT, version: 1, files: [], stores: [], appliedMirrors: [] };
}

/** The key of a file on a cluster (cluster name and path compare case-insensitively), or undefined for a bad path. */
export function fileKey(cluster: string, path: string): string | undefined {
  try {
    return `${cluster.toUpperCase()}|${windowsPathKey(path)}`;
  } catch (error) {
    if (error instanceof WindowsPathError) return undefined;
    throw error;
  }
}

function safeDnEquals(a: string, b: string): boolean {
  try {
    return dnEquals(a, b);
  } catch {
    return false;
  }
}
