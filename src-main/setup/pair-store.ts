import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PairStatus } from '../contract/pair';
import { formatPairDocument } from '../pair/pair-document-file';
import type { PairDocument } from '../pair/pair-document-schema';
import { checkPairDocument } from '../pair/parse-pair-document';
import { pairFilePathProblem } from '../pair/pair-file-path';
import { pairDocumentTemplate } from '../pair/pair-template';
import { DOCUMENT_PATH, type PairProblem } from '../pair/pair-problems';
import { writeFileAtomic } from '../shared/write-file-atomic';

/** Why another file could not become the pair document (nothing was read, written or switched). */
export const PairLocationRefusal = {
  /** The path cannot be used, or there is nothing to open there, or its folder does not exist. */
  Location: 'pair/location',
  /** "Save as" onto an existing file without `replace`. */
  Exists: 'pair/exists',
} as const;

export type PairRelocation =
  | { readonly ok: true; readonly status: PairStatus }
  | { readonly ok: false; readonly code: (typeof PairLocationRefusal)[keyof typeof PairLocationRefusal]; readonly message: string };

/** The pair document in its file, as the setup service reads and writes it. */
export interface PairStore {
  /** The file the document is read from and saved to now (changes with open and saveAs). */
  readonly path: string;
  /** The file now: its content and problems (the file is read every time, so an edit outside shows at once). */
  status(): Promise<PairStatus>;
  /** The valid document, or its problems. */
  load(): Promise<{ readonly ok: true; readonly document: PairDocument } | { readonly ok: false; readonly problems: readonly PairProblem[] }>;
  /** Checks without writing. */
  check(document: unknown): readonly PairProblem[];
  /** Writes the document atomically when it has no problems; nothing is written otherwise. */
  save(document: unknown): Promise<PairStatus>;
  /** Works from an existing file from now on (the wizard's "Open"); its content may have problems, shown as usual. */
  open(path: string): Promise<PairRelocation>;
  /**
   * Writes a new document to fill in (the template: every site value empty) to a file that does not exist yet, and
   * works from it from now on ("New"); its problems then list every field still to fill.
   */
  create(path: string): Promise<PairRelocation>;
  /**
   * Writes the document to another file and works from that file from now on ("Save as"). Refused, with nothing
   * written, when the document has problems (then `status.saved` is false and the file stays the same), when the
   * folder does not exist, or when the file exists and `replace` is false.
   */
  saveAs(path: string, document: unknown, replace: boolean): Promise<PairRelocation>;
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

export interface PairStoreOptions {
  /** Told the new file after an open or a save-as switched to it (the program remembers it for the next start). */
  readonly onRelocated?: (path: string) => Promise<void>;
}

async function kindAt(path: string): Promise<'file' | 'folder' | 'other' | 'none'> {
  try {
    const found = await stat(path);
    return found.isFile() ? 'file' : found.isDirectory() ? 'folder' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return 'none';
    throw e;
  }
}

export function openPairStore(initialPath: string, options: PairStoreOptions = {}): PairStore {
  let path = initialPath;
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

  const refuse = (code: 'pair/location' | 'pair/exists', message: string): PairRelocation => ({ ok: false, code, message });
  async function switchTo(next: string): Promise<void> {
    path = next;
    lastDigest = undefined;
    await options.onRelocated?.(next);
  }

  const store: PairStore = {
    get path() {
      return path;
    },
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
    async open(next) {
      const problem = pairFilePathProblem(next);
      if (problem !== undefined) return refuse(PairLocationRefusal.Location, problem);
      const kind = await kindAt(next);
      if (kind !== 'file') {
        return refuse(PairLocationRefusal.Location, kind === 'none' ? `There is no file at ${next}; check the path, or use Save as to write the document there.` : `${next} is not a file.`);
      }
      await switchTo(next);
      return { ok: true, status: await store.status() };
    },
    async create(next) {
      const problem = pairFilePathProblem(next);
      if (problem !== undefined) return refuse(PairLocationRefusal.Location, problem);
      if ((await kindAt(dirname(next))) !== 'folder') return refuse(PairLocationRefusal.Location, `The folder ${dirname(next)} does not exist; create it first or choose another.`);
      if ((await kindAt(next)) !== 'none') return refuse(PairLocationRefusal.Location, `${next} already exists; a new document goes to a new file (use Open to work from that one).`);
      await writeFileAtomic(next, Buffer.from(`${JSON.stringify(pairDocumentTemplate(), null, 2)}\n`, 'utf8'));
      await switchTo(next);
      return { ok: true, status: await store.status() };
    },
    async saveAs(next, document, replace) {
      const problem = pairFilePathProblem(next);
      if (problem !== undefined) return refuse(PairLocationRefusal.Location, problem);
      const folder = await kindAt(dirname(next));
      if (folder !== 'folder') return refuse(PairLocationRefusal.Location, `The folder ${dirname(next)} does not exist; create it first or choose another.`);
      const kind = await kindAt(next);
      if (kind === 'folder' || kind === 'other') return refuse(PairLocationRefusal.Location, `${next} is not a file.`);
      if (kind === 'file' && !replace && next !== path) {
        return refuse(PairLocationRefusal.Exists, `${next} already exists; choose Replace to write over it, or another name.`);
      }
      const check = checkPairDocument(document);
      if (!check.ok) return { ok: true, status: { path, document, problems: [...check.problems], saved: false } };
      await writeFileAtomic(next, Buffer.from(formatPairDocument(check.document), 'utf8'));
      await switchTo(next);
      lastDigest = pairDigest(check.document);
      return { ok: true, status: { path, document: check.document, problems: [], saved: true } };
    },
  };
  return store;
}
