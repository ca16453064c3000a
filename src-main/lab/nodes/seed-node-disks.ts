import { mkdir } from 'node:fs/promises';
import { ALL_LAB_NODES, LAB } from '../topology';
import { joinWindowsPath, windowsParentPath } from '../../nodes/windows-path';
import { EXCHANGE_DATA_FILES, exchangeDataFileContent } from './exchange-data-files';
import { createLabNodeFiles, labNodeFolder } from './lab-node-files';
import { shippedOfflineDtcl, shippedOnlineDtcl } from './shipped-dtcl-scripts';

/** One file the lab's disks should hold. */
export interface SeedFile {
  readonly node: string;
  /** Windows path on the node. */
  readonly path: string;
  readonly content: Buffer;
}

/**
 * Nodes that own their cluster's shared disk (E:) in a fresh lab: the first node of each cluster, which is where
 * the Exchange group starts.
 */
export const LAB_SHARED_DISK_OWNERS: readonly string[] = [LAB.source.nodes[0], LAB.target.nodes[0]];

/**
 * Every file a fresh lab holds: Double-Take's scripts on every node, Exchange's data on each shared-disk owner.
 * Pure, so tests and the seeding agree on one list.
 */
export function labSeedFiles(): readonly SeedFile[] {
  const files: SeedFile[] = [];
  for (const node of ALL_LAB_NODES) {
    files.push({ node, path: joinWindowsPath(LAB.doubleTakeFolder, 'online.dtcl'), content: shippedOnlineDtcl() });
    files.push({ node, path: joinWindowsPath(LAB.doubleTakeFolder, 'offline.dtcl'), content: shippedOfflineDtcl() });
  }
  for (const node of LAB_SHARED_DISK_OWNERS) {
    for (const relative of EXCHANGE_DATA_FILES) {
      files.push({
        node,
        path: joinWindowsPath(LAB.exchangeDataPath, ...relative.split('\\')),
        content: exchangeDataFileContent(node, relative),
      });
    }
  }
  return files;
}

/** What seeding did: the files it created (`NODE C:\...`); empty when the lab was already complete. */
export interface SeedNodeDisksReport {
  readonly created: readonly string[];
}

/**
 * Creates the lab's node disks under `<lab>/nodes`. Idempotent: a file that exists is left exactly as it is (a
 * patched online.dtcl stays patched), so seeding an existing lab changes nothing.
 */
export async function seedNodeDisks(labFolder: string): Promise<SeedNodeDisksReport> {
  for (const node of ALL_LAB_NODES) {
    await mkdir(labNodeFolder(labFolder, node), { recursive: true });
  }
  const files = createLabNodeFiles(labFolder);
  const created: string[] = [];
  for (const file of labSeedFiles()) {
    if (await files.exists(file.node, file.path)) continue;
    await files.createDirectory(file.node, windowsParentPath(file.path));
    await files.writeFile(file.node, file.path, file.content);
    created.push(`${file.node} ${file.path}`);
  }
  return { created };
}
