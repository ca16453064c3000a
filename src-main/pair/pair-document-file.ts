import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../shared/write-file-atomic';
import type { PairDocument } from './pair-document-schema';
import { checkPairDocument, parsePairDocument } from './parse-pair-document';
import { DOCUMENT_PATH, PairDocumentError } from './pair-problems';

/**
 * The pair document on disk, wherever the user keeps it: UTF-8 JSON, pretty-printed with two spaces and a final
 * newline, replaced atomically, and never written when invalid.
 */

/** Reads and checks a pair document. Throws PairDocumentError for unreadable JSON or invalid content; I/O errors as they are. */
export async function readPairDocument(file: string): Promise<PairDocument> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PairDocumentError(file, [{ path: DOCUMENT_PATH, message: `The file is not valid JSON (${reason}); fix it with a text editor or write it again from the wizard.` }]);
  }
  return parsePairDocument(json, file);
}

/** The exact text written for `document`: two-space JSON and a final newline. */
export function formatPairDocument(document: PairDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Checks and writes `document` atomically; an invalid document throws PairDocumentError and leaves the file as it was. */
export async function writePairDocument(file: string, document: PairDocument): Promise<void> {
  const check = checkPairDocument(document);
  if (!check.ok) throw new PairDocumentError(file, check.problems);
  // Write what the schema returned: only the document's own fields, in its own order.
  await writeFileAtomic(file, Buffer.from(formatPairDocument(check.document), 'utf8'));
}
