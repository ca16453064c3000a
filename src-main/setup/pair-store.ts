import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PairStatus } from '../contract/pair';
import { formatPairDocument } from '../pair/pair-document-file';
import type { PairDocument } from '../pair/pair-document-schema';
import { checkPairDocument } from '../pair/parse-pair-document';
import { DOCUMENT_PATH, type PairProblem } from '../pair/pair-problems';
import { writeFileAtomic } from '../shared/write-file-atomic';

/** The pair document in its file, as the setup service reads and writes it. */
export interface PairStore {
  readonly path: string;
  /** The file now: its content and problems (the file is read every time, so an edit outside shows at once). */
  status(): Promise<PairStatus>;
  /** The valid document, or its problems. */
  load(): Promise<{ readonly ok: true; readonly document: PairDocument } | { readonly ok: false; readonly problems: readonly PairProblem[] }>;
  /** Checks without writing. */
  check(document: unknown): readonly PairProblem[];
  /** Writes the document atomically when it has no problems; nothing is written otherwise. */
  save(document: unknown): Promise<PairStatus>;
  /**
   * The digest (SHA-256 of its canonical text) of the valid document last read or saved through this store, or
   * undefined before one was; steps remember it to say when the document changed after they were verified.
   */
  digest(): string | undefined;
}

/** The digest of a valid document: SHA-256 of the text the program writes for it. */
export function pairDigest(document: PairDocument): string {
  return createHash('sha256').update(formatPairDocument(document)).digest('hex');
}

export function openPairStore(path: string): PairStore {
  let lastDigest: string | undefined;
  const seen = (document: unknown): void => {
    const check = checkPairDocument(document);
    lastDigest = check.ok ? pairDigest(check.document) : undefined;
  };
  async function readJson(): Promise<{ document?: unknown; problems: PairProblem[] }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        return { problems: [{ path: DOCUMENT_PATH, message: `There is no pair document at ${path} yet; fill in the form and save it.` }] };
      }
      return { problems: [{ path: DOCUMENT_PATH, message: `${path} cannot be read: ${(e as Error).message}` }] };
    }
    try {
      const document: unknown = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
      seen(document);
      const check = checkPairDocument(document);
      return { document, problems: check.ok ? [] : [...check.problems] };
    } catch (e) {
      return { problems: [{ path: DOCUMENT_PATH, message: `${path} is not valid JSON (${(e as Error).message}); fix it with a text editor or save it again from the wizard.` }] };
    }
  }

  return {
    path,
    async status() {
      const read = await readJson();
      return { path, ...(read.document !== undefined ? { document: read.document } : {}), problems: read.problems, saved: false };
    },
    async load() {
      const read = await readJson();
      if (read.document === undefined) return { ok: false, problems: read.problems };
      const check = checkPairDocument(read.document);
      return check.ok ? { ok: true, document: check.document } : { ok: false, problems: check.problems };
    },
    digest: () => lastDigest,
    check(document) {
      const check = checkPairDocument(document);
      return check.ok ? [] : check.problems;
    },
    async save(document) {
      const check = checkPairDocument(document);
      if (!check.ok) return { path, document, problems: [...check.problems], saved: false };
      await writeFileAtomic(path, Buffer.from(formatPairDocument(check.document), 'utf8'));
      lastDigest = pairDigest(check.document);
      return { path, document: check.document, problems: [], saved: true };
    },
  };
}
