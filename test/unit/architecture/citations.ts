import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * What the repository's text may cite: public sources (Microsoft Learn, RFCs, OpenLDAP's manual pages, Double-Take's
 * guides) and its own files, never notes kept beside it. Checked by reading every source, test, script, config file
 * and the README:
 *  - `private-note`: a reference to the design notes by name (the four names below, with `.md`);
 *  - `outside-path`: a relative path that leads out of the repository (`../shared/…` from its root), or the absolute
 *    path of the folder beside it where those notes live.
 * Only text is read; `import … from '../shared/x'` inside src-main is a path inside the repository and passes.
 */
export type CitationRule = 'private-note' | 'outside-path';

export interface CitationProblem {
  /** Path from the repository root, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly rule: CitationRule;
}

/** The folders read whole, and the repository root's own files. */
export const SCANNED_FOLDERS = ['src-main', 'src-renderer', 'test', 'scripts', '.ci'] as const;
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist', 'coverage', '.git', '.lab']);
/** Generated, and without a word of prose. */
const SKIPPED_ROOT_FILES = new Set(['package-lock.json']);
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Built from parts so that this file does not name them itself. */
const NOTE_NAMES = ['DESIGN', 'DOMAIN', 'STYLE', 'RECIPES'];
const PRIVATE_NOTE = new RegExp(String.raw`\b(?:${NOTE_NAMES.join('|')})\.md\b`, 'g');
/** A relative path that climbs (`../x`, `./../x`), not part of a longer path or word (`/a/../b` is a URL's). */
const CLIMBING_PATH = /(?<![\w./\\-])(?:\.\/)?(?:\.\.\/)+[^\s'"`)\]<>,;]*/g;

const toPosix = (path: string): string => path.split(sep).join('/');
const isInside = (root: string, path: string): boolean => path === root || path.startsWith(`${root}${sep}`);

/** The problems of one file's text; `file` is its path from `root`. */
export function checkText(root: string, file: string, text: string): CitationProblem[] {
  const absoluteRoot = resolve(root);
  const folder = dirname(join(absoluteRoot, file));
  const notesFolder = join(dirname(absoluteRoot), 'shared');
  const problems: CitationProblem[] = [];
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    const at = (rule: CitationRule, found: string): void => {
      problems.push({ file: toPosix(file), line, text: found, rule });
    };
    for (const match of content.matchAll(PRIVATE_NOTE)) at('private-note', match[0]);
    for (const match of content.matchAll(CLIMBING_PATH)) {
      if (!isInside(absoluteRoot, resolve(folder, match[0]))) at('outside-path', match[0]);
    }
    if (dirname(absoluteRoot) !== dirname(dirname(absoluteRoot)) && content.includes(notesFolder)) at('outside-path', notesFolder);
  });
  return problems;
}

async function listFiles(root: string, folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(root, folder), { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const files: string[] = [];
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (SKIPPED_FOLDERS.has(entry.name)) continue;
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      if (folder !== '') files.push(...(await listFiles(root, path)));
    } else if (entry.isFile() && !(folder === '' && SKIPPED_ROOT_FILES.has(entry.name))) {
      files.push(path);
    }
  }
  return files;
}

/** Reads the scanned folders and the root's files; binary files (a NUL byte) and very large ones are skipped. */
export async function findCitationProblems(root: string): Promise<{ files: number; problems: CitationProblem[] }> {
  const absoluteRoot = resolve(root);
  const files = [
    ...(await listFiles(absoluteRoot, '')),
    ...(await Promise.all(SCANNED_FOLDERS.map((folder) => listFiles(absoluteRoot, folder)))).flat(),
  ];
  const problems: CitationProblem[] = [];
  let read = 0;
  for (const file of files) {
    const bytes = await readFile(join(absoluteRoot, file));
    if (bytes.length > MAX_FILE_BYTES || bytes.includes(0)) continue;
    read += 1;
    problems.push(...checkText(absoluteRoot, toPosix(relative(absoluteRoot, join(absoluteRoot, file))), bytes.toString('utf8')));
  }
  return { files: read, problems };
}

export const formatCitationProblems = (problems: readonly CitationProblem[]): string =>
  problems
    .map((p) => `${p.file}:${p.line} ${p.rule === 'private-note' ? 'cites' : 'names'} ${p.text} (${p.rule}): cite a public source or the repository's own files`)
    .join('\n');
