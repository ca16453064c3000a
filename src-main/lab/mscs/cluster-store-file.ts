import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ClusterFileError } from './cluster-file-check';
import { MscsCluster } from './mscs-cluster';
import { sameName } from '../../cluster/object-names';

/**
 * The file the cluster.exe emulator keeps its clusters in: `{ "clusters": { "<NAME>": <cluster data> } }`. Written
 * atomically (a temporary file renamed over the old one) under a lock file (`withFileLockSync`, ../file-lock), so concurrent emulator processes (the
 * source and the target adapter at once) neither tear the file nor lose each other's changes.
 */

/** Reads every cluster of the file; throws ClusterFileError naming the file and the field at fault. */
export function readClusterStore(path: string): Map<string, MscsCluster> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ClusterFileError(path, '', `not readable JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof json !== 'object' || json === null || !('clusters' in json)) {
    throw new ClusterFileError(path, 'clusters', 'missing');
  }
  const clusters = (json as { clusters: unknown }).clusters;
  if (typeof clusters !== 'object' || clusters === null || Array.isArray(clusters)) {
    throw new ClusterFileError(path, 'clusters', 'must be an object keyed by cluster name');
  }
  const out = new Map<string, MscsCluster>();
  for (const [key, value] of Object.entries(clusters)) {
    const cluster = MscsCluster.fromJSON(value, `${path} (clusters.${key})`);
    if (!sameName(cluster.name, key)) {
      throw new ClusterFileError(path, `clusters.${key}.name`, `"${cluster.name}" does not match its key`);
    }
    out.set(cluster.name, cluster);
  }
  return out;
}

/** Writes every cluster: a temporary file in the same folder, then a rename over the old file. */
export function writeClusterStore(path: string, clusters: ReadonlyMap<string, MscsCluster>): void {
  const data = { clusters: Object.fromEntries([...clusters].map(([name, c]) => [name, c.toJSON()])) };
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
  renameSync(temp, path);
}

/** The cluster of that name in the store (case-insensitive), or undefined. */
export function findStoredCluster(clusters: ReadonlyMap<string, MscsCluster>, name: string): MscsCluster | undefined {
  return [...clusters.values()].find((c) => sameName(c.name, name));
}
