/**
 * `exchange-ha lab init DIR`: a new lab (both clusters, Double-Take on every node, node disks, the seeded directory)
 * and a ready pair document DIR/pair.json. A folder that already holds a lab is refused and left as it is.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_DIRECTORY_FILE } from '../../lab/directory/lab-directory';
import { doubleTakeLabFile } from '../../lab/doubletake/doubletake-lab-file';
import { LAB_CLUSTERS_FILE, openLab } from '../../lab/lab';
import { labPairDocument } from '../../lab/lab-pair-document';
import { ensureLabPairDocument, LAB_PAIR_FILE } from '../../setup/lab-pair-file';
import { UsageError } from '../usage-error';

/** The files whose presence means the folder already holds a lab (or its pair document). */
export function existingLabFiles(folder: string): string[] {
  const files = [join(folder, LAB_CLUSTERS_FILE), join(folder, LAB_PAIR_FILE), doubleTakeLabFile(folder), join(folder, LAB_DIRECTORY_FILE)];
  return files.filter((file) => existsSync(file));
}

/** Makes the lab; returns the lines to print. Throws UsageError (nothing written) when the folder holds a lab. */
export async function initLab(folder: string): Promise<string[]> {
  const existing = existingLabFiles(folder);
  if (existing.length > 0) {
    throw new UsageError(`${folder} already holds a lab (${existing.join(', ')} exists); nothing was written. Use another folder, or work on this lab with --lab ${folder}`);
  }
  const lab = await openLab(folder);
  await lab.close();
  const pairFile = join(folder, LAB_PAIR_FILE);
  await ensureLabPairDocument(pairFile, labPairDocument());
  return [
    `A new lab in ${folder}: clusters, Double-Take on every node, node disks and the seeded directory.`,
    `The lab's pair document: ${pairFile}`,
    `Next: exchange-ha setup plan --pair ${pairFile} --lab ${folder}`,
  ];
}
