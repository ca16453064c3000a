import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
  /** "Open" of a file that cannot be read, is not JSON or is not a valid pair document (the reason never quotes it). */
  NotAPairDocument: 'pair/not-a-pair-document',
} as const;
export type PairLocationRefusalCode = (typeof PairLocationRefusal)[keyof typeof PairLocationRefusal];

export type PairRelocation =
  | { readonly ok: true; readonly status: PairStatus }
  | { readonly ok: false; readonly code: PairLocationRefusalCode; readonly message: string };

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
  /**
   * Works from an existing file from now on (the wizard's "Open"), when it holds a valid pair document. A file that
   * cannot be read, is not JSON or has problems is refused (`pair/not-a-pair-document`): the store stays on its
   * file and nothing is remembered. The reason names the file and what is wrong, never its content.
   */
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
   * The digest (SHA-256 of its canonical text) of the document open now, as last read (the file is read when the
   * store opens and at every status, load, save, open, new and save as), or undefined when that document is not a
   * valid one (missing, not JSON, with problems). Steps remember the digest they were verified under to say when
   * they need rechecking.
   */
  digest(): string | undefined;
}

/** The digest of a valid document: SHA-256 of the text the program writes for it. */
export function pairDigest(document: PairDocument): string {
  return createHash('sha256').update(formatPairDocument(document)).digest('hex');
}

/**
 * Why a text is not JSON, without quoting it: JSON.parse's message holds the text's first characters
 * (V8: `Unexpected token 'x', "..." is not valid JSON`), which must not reach the wizard or a log. Only the position
 * is kept when the message gives one.
 */
function notJsonReason(e: unknown): string {
  const position = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
  return position !== undefined ? `it is not valid JSON (at character ${position})` : 'it is not valid JSON';
}

/** The document in a file's text: its JSON value, or why it has none. A leading byte order mark is skipped. */
function parseText(text: string): { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly reason: string } {
  try {
    return { ok: true, json: JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) };
  } catch (e) {
    return { ok: false, reason: notJsonReason(e) };
  }
}

/** The digest of the file's document when it is a valid one (read synchronously, once, when the store opens). */
function digestOfFileSync(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseText(text);
  if (!parsed.ok) return undefined;
  const check = checkPairDocument(parsed.json);
  return check.ok ? pairDigest(check.document) : undefined;
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

interface ReadDocument {
  /** The JSON value, when the file could be read and parsed. */
  readonly document?: unknown;
  readonly problems: PairProblem[];
  /** Why there is no document, in words that never quote the file. */
  readonly reason: string;
  /** The digest of a valid document, else undefined. */
  readonly digest: string | undefined;
}

/** Reads a pair document file: its value, its problems and its digest. Never quotes the file's content. */
async function readDocument(path: string): Promise<ReadDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { problems: [{ path: DOCUMENT_PATH, message: `There is no pair document at ${path} yet; fill in the form and save it.` }], reason: 'there is no file there', digest: undefined };
    }
    const reason = `it cannot be read (${code ?? 'error'})`;
    return { problems: [{ path: DOCUMENT_PATH, message: `${path} cannot be read (${code ?? 'error'}); check that the program may read it.` }], reason, digest: undefined };
  }
  const parsed = parseText(text);
  if (!parsed.ok) {
    return {
      problems: [{ path: DOCUMENT_PATH, message: `${path}: ${parsed.reason}; fix it with a text editor or save it again from the wizard.` }],
      reason: parsed.reason,
      digest: undefined,
    };
  }
  const check = checkPairDocument(parsed.json);
  return {
    document: parsed.json,
    problems: check.ok ? [] : [...check.problems],
    reason: check.ok ? '' : 'it is not a valid pair document',
    digest: check.ok ? pairDigest(check.document) : undefined,
  };
}

export function openPairStore(initialPath: string, options: PairStoreOptions = {}): PairStore {
  let path = initialPath;
  let lastDigest: string | undefined = digestOfFileSync(initialPath);
  async function readJson(): Promise<{ document?: unknown; problems: PairProblem[] }> {
    const read = await readDocument(path);
    lastDigest = read.digest;
    return read;
  }

  const refuse = (code: PairLocationRefusalCode, message: string): PairRelocation => ({ ok: false, code, message });
  async function switchTo(next: string): Promise<void> {
    path = next;
    lastDigest = digestOfFileSync(next);
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
      const read = await readDocument(next);
      if (read.digest === undefined) {
        const why = read.document === undefined ? read.reason : `it is not a valid pair document (${read.problems.length} problem${read.problems.length === 1 ? '' : 's'}; exchange-ha pair check lists them by field)`;
        return refuse(PairLocationRefusal.NotAPairDocument, `${next} was not opened: ${why}. The pair document open stays ${path}.`);
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
