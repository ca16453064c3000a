import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The process boundary and the layers, checked by reading the source itself (the same rules as eslint.config.js,
 * but a lint-disable comment cannot switch this off, and relative paths are resolved exactly instead of matched).
 *  - `lab-outside-composition`: only the composing folders (lab, app, cli, preview, electron) reach the lab; the
 *    services, ports, domain rules and real adapters never do, so a rule cannot hide in the emulation;
 *  - `lab-reaches-out`: the lab (emulators and the adapters over its models) implements the ports, and imports no
 *    contract, app, command line, preview, shell, setup service, nor a real adapter;
 *  - `setup-imports-app`: the setup services do not know the app that composes them;
 *  - `pino-outside-logger`: only src-main/shared/logger.ts imports pino, so every log line gets its redaction.
 */
export type RuleId =
  | 'electron-outside-shell'
  | 'renderer-import'
  | 'contract-import'
  | 'preview-import'
  | 'lab-outside-composition'
  | 'lab-reaches-out'
  | 'setup-imports-app'
  | 'pino-outside-logger';

export interface Violation {
  /** Path from the repository root, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly rule: RuleId;
}

/** The folders the check reads. */
export const SCANNED_FOLDERS = ['src-main', 'src-renderer', 'test'] as const;
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist', 'coverage']);
const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;

const NODE_BUILTINS: ReadonlySet<string> = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const MAIN_ONLY_PACKAGES: ReadonlySet<string> = new Set(['ldapts', 'ws', 'pino']);

export interface ImportSpecifier {
  readonly specifier: string;
  readonly line: number;
}

const STATIC_FROM = /^[ \t]*(?:import|export)\b[^;'"]*?\bfrom\s*(['"])([^'"\n]+)\1/gm;
const SIDE_EFFECT = /^[ \t]*import\s*(['"])([^'"\n]+)\1/gm;
const DYNAMIC = /\b(?:import|require)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;
const IMPORT_EQUALS = /^[ \t]*(?:export\s+)?import\s+\w+\s*=\s*require\s*\(\s*(['"])([^'"\n]+)\1\s*\)/gm;

/** True when an odd number of one kind of quote precedes the match on its line: the match is text in a string. */
const insideString = (before: string): boolean =>
  ['"', "'", '`'].some((quote) => before.split(quote).length % 2 === 0);

/**
 * Every module specifier a file names: static imports and re-exports (also spanning lines), side-effect imports,
 * `import()`, `require()`. A `require(`/`import(` on a comment line or inside a string is not an import.
 */
export function importSpecifiers(source: string): ImportSpecifier[] {
  const found = new Map<number, ImportSpecifier>();
  const lineAt = (index: number): number => source.slice(0, index).split('\n').length;
  const add = (match: RegExpExecArray, group = 2): void => {
    const specifier = match[group];
    if (specifier === undefined) return;
    const at = match.index + match[0].lastIndexOf(specifier);
    found.set(at, { specifier, line: lineAt(at) });
  };
  for (const pattern of [STATIC_FROM, SIDE_EFFECT, IMPORT_EQUALS]) {
    for (const match of source.matchAll(pattern)) add(match);
  }
  for (const match of source.matchAll(DYNAMIC)) {
    const lineStart = source.lastIndexOf('\n', match.index) + 1;
    const before = source.slice(lineStart, match.index);
    if (/^\s*(?:\*|\/\/|\/\*)/.test(before) || before.includes('//') || insideString(before)) continue;
    add(match);
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

const toPosix = (path: string): string => path.split(sep).join('/');
const isUnder = (path: string, folder: string): boolean => path === folder || path.startsWith(`${folder}/`);
const packageName = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);

const isElectron = (specifier: string): boolean => specifier === 'electron' || specifier.startsWith('electron/');
const isNodeBuiltin = (specifier: string): boolean =>
  specifier.startsWith('node:') || NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(packageName(specifier));
const isBrowserForbiddenPackage = (specifier: string): boolean =>
  isElectron(specifier) || isNodeBuiltin(specifier) || MAIN_ONLY_PACKAGES.has(packageName(specifier));

/** Where a relative (or root-relative `src-main/...`) specifier points, from the repository root; else undefined. */
export function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    return toPosix(join(dirname(fromFile), specifier));
  }
  if (specifier.startsWith('src-main/') || specifier.startsWith('src-renderer/')) return toPosix(join(specifier));
  return undefined;
}

/** The one module that imports pino (the logger with its redaction). */
const LOGGER_FILE = 'src-main/shared/logger.ts';

/** The folders that compose services, adapters and the lab into a program: they alone may import the lab. */
const COMPOSING_FOLDERS = ['src-main/lab', 'src-main/app', 'src-main/cli', 'src-main/preview', 'src-main/electron'];
/** What the lab may never import: the contract and the composing folders, and the real adapters. */
const OUTSIDE_THE_LAB = [
  'src-main/contract',
  'src-main/app',
  'src-main/cli',
  'src-main/preview',
  'src-main/electron',
  'src-main/cluster/cluster-exe-adapter',
  'src-main/doubletake/dtcl-exe-adapter',
  'src-main/profile',
  'src-main/directory/ldapts-directory',
];
/** The part of src-main/setup the lab's setup world may use: the port it implements and the Exchange reader. */
const SETUP_FOR_THE_LAB = ['src-main/setup/setup-world', 'src-main/setup/exchange-reader'];

const withoutExtension = (path: string): string => path.replace(/\.(?:ts|tsx|js|mjs)$/, '');

function layerRule(file: string, target: string): RuleId | undefined {
  const to = withoutExtension(target);
  if (isUnder(file, 'src-main') && !COMPOSING_FOLDERS.some((f) => isUnder(file, f)) && isUnder(to, 'src-main/lab')) {
    return 'lab-outside-composition';
  }
  if (isUnder(file, 'src-main/lab')) {
    if (OUTSIDE_THE_LAB.some((f) => isUnder(to, f))) return 'lab-reaches-out';
    if (isUnder(to, 'src-main/setup') && !SETUP_FOR_THE_LAB.includes(to)) return 'lab-reaches-out';
  }
  if (isUnder(file, 'src-main/setup') && isUnder(to, 'src-main/app')) return 'setup-imports-app';
  return undefined;
}

/** The rules for one file (its path from the root, forward slashes) and one specifier. */
export function checkImport(file: string, specifier: string): RuleId | undefined {
  const target = resolveSpecifier(file, specifier);
  if (isElectron(specifier) && !isUnder(file, 'src-main/electron')) return 'electron-outside-shell';
  if (isUnder(file, 'src-renderer')) {
    if (isBrowserForbiddenPackage(specifier)) return 'renderer-import';
    if (target !== undefined && isUnder(target, 'src-main') && !isUnder(target, 'src-main/contract')) return 'renderer-import';
  }
  if (isUnder(file, 'src-main/contract')) {
    if (isBrowserForbiddenPackage(specifier)) return 'contract-import';
    if (target !== undefined && !isUnder(target, 'src-main/contract')) return 'contract-import';
  }
  if (
    (isUnder(file, 'src-main') || isUnder(file, 'src-renderer')) &&
    !isUnder(file, 'src-main/preview') &&
    target !== undefined &&
    isUnder(target, 'src-main/preview')
  ) {
    return 'preview-import';
  }
  if (isUnder(file, 'src-main') && packageName(specifier) === 'pino' && file !== LOGGER_FILE) return 'pino-outside-logger';
  return target === undefined ? undefined : layerRule(file, target);
}

async function listSourceFiles(root: string, folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(root, folder), { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listSourceFiles(root, path)));
    else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** Reads every source file under the scanned folders of `root` and returns every import that crosses a boundary. */
export async function findImportViolations(root: string): Promise<{ files: number; violations: Violation[] }> {
  const absoluteRoot = resolve(root);
  const files = (await Promise.all(SCANNED_FOLDERS.map((folder) => listSourceFiles(absoluteRoot, folder)))).flat();
  const violations: Violation[] = [];
  for (const file of files) {
    const source = await readFile(join(absoluteRoot, file), 'utf8');
    for (const { specifier, line } of importSpecifiers(source)) {
      const rule = checkImport(toPosix(relative(absoluteRoot, join(absoluteRoot, file))), specifier);
      if (rule !== undefined) violations.push({ file, line, specifier, rule });
    }
  }
  return { files: files.length, violations };
}

export const formatViolations = (violations: readonly Violation[]): string =>
  violations.map((v) => `${v.file}:${v.line} imports '${v.specifier}' (${v.rule})`).join('\n');
