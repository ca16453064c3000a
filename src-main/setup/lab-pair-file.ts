import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writePairDocument } from '../pair/pair-document-file';
import type { PairDocument } from '../pair/pair-document-schema';

/** The pair document's name in a lab folder (`exchange-ha lab init DIR` writes DIR/pair.json). */
export const LAB_PAIR_FILE = 'pair.json';

/** Writes the lab's pair document when the file does not exist yet; an existing file (even an invalid one) is kept. */
export async function ensureLabPairDocument(file: string, document: PairDocument): Promise<boolean> {
  if (existsSync(file)) return false;
  await mkdir(dirname(file), { recursive: true });
  await writePairDocument(file, document);
  return true;
}
