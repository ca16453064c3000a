/**
 * Windows paths as the wizard names files on a node (`C:\Program Files\DoubleTake\online.dtcl`). Every NodeFiles
 * adapter parses a path here first, so a bad path is refused with the same words in the lab and on Windows, and
 * no adapter has to guess what a string meant.
 */

/** A drive-letter absolute path, resolved: `.` and `..` applied, separators normalised. */
export interface WindowsPath {
  /** Upper-case drive letter, `C`. */
  readonly drive: string;
  /** The names below the drive root, in order; empty for the root itself (`C:\`). */
  readonly segments: readonly string[];
}

/** Why a path was refused: one code per rule, so callers can branch without reading the message. */
export type WindowsPathProblem =
  | 'empty'
  | 'not-absolute'
  | 'illegal-character'
  | 'control-character'
  | 'empty-name'
  | 'trailing-dot-or-space'
  | 'reserved-name'
  | 'escapes-root'
  | 'too-long';

/** A refused path; the message names the path, what is wrong and where (1-based character position). */
export class WindowsPathError extends Error {
  override readonly name = 'WindowsPathError';
  constructor(
    readonly problem: WindowsPathProblem,
    readonly path: string,
    message: string,
    /** 1-based character position of the offending part, when there is one. */
    readonly position?: number,
  ) {
    super(message);
  }
}

/** MAX_PATH is 260 including the terminating NUL: the longest usable path has 259 characters. */
export const MAX_WINDOWS_PATH_LENGTH = 259;

const ILLEGAL_CHARACTERS = new Set(['<', '>', ':', '"', '|', '?', '*']);
const RESERVED_DEVICE = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$/i;

/**
 * Parses and checks a drive-letter absolute path. Accepts `\` and `/` as separators and one trailing separator;
 * resolves `.` and `..` but refuses a `..` that would climb above the drive root. Throws WindowsPathError.
 */
export function parseWindowsPath(path: string): WindowsPath {
  if (path.length === 0) throw new WindowsPathError('empty', path, 'The path is empty; give a full path such as C:\\Folder\\File.txt.');
  const controlAt = firstControlCharacter(path);
  if (controlAt >= 0) {
    const code = path.charCodeAt(controlAt).toString(16).padStart(2, '0').toUpperCase();
    throw new WindowsPathError(
      'control-character',
      path,
      `${quote(path)} contains the control character 0x${code} at position ${controlAt + 1}; Windows does not allow control characters in file names.`,
      controlAt + 1,
    );
  }
  if (!/^[A-Za-z]:[\\/]/.test(path)) {
    const hint = path.startsWith('\\\\') || path.startsWith('//')
      ? 'a UNC path is not accepted here; give the path as seen on the node (C:\\...)'
      : /^[A-Za-z]:/.test(path)
        ? 'a drive letter must be followed by a backslash (C:\\...), otherwise the path is relative to the current folder of that drive'
        : 'it must start with a drive letter, a colon and a backslash (C:\\...)';
    throw new WindowsPathError('not-absolute', path, `${quote(path)} is not a full path: ${hint}.`, 1);
  }
  const drive = path.charAt(0).toUpperCase();
  const segments: string[] = [];
  let start = 3;
  const rest = path.slice(3);
  const names = rest.length === 0 ? [] : rest.split(/[\\/]/);
  names.forEach((name, index) => {
    const isLast = index === names.length - 1;
    if (name === '') {
      if (!isLast) {
        throw new WindowsPathError('empty-name', path, `${quote(path)} has two separators in a row at position ${start + 1}; there is no name between them.`, start + 1);
      }
      return; // one trailing separator: C:\Folder\ names the folder
    }
    checkName(path, name, start);
    if (name === '.') {
      // stays where it is
    } else if (name === '..') {
      if (segments.length === 0) {
        throw new WindowsPathError('escapes-root', path, `${quote(path)} climbs above the root of drive ${drive}: with '..' at position ${start + 1}.`, start + 1);
      }
      segments.pop();
    } else {
      segments.push(name);
    }
    start += name.length + 1;
  });
  const parsed: WindowsPath = { drive, segments };
  const formatted = formatWindowsPath(parsed);
  if (formatted.length > MAX_WINDOWS_PATH_LENGTH) {
    throw new WindowsPathError(
      'too-long',
      path,
      `${quote(path)} is ${formatted.length} characters long; Windows allows at most ${MAX_WINDOWS_PATH_LENGTH}.`,
      MAX_WINDOWS_PATH_LENGTH + 1,
    );
  }
  return parsed;
}

/** The checks one name between separators must pass; `offset` is its 0-based start in the whole path. */
function checkName(path: string, name: string, offset: number): void {
  if (name === '.' || name === '..') return;
  for (let i = 0; i < name.length; i += 1) {
    const ch = name.charAt(i);
    if (ILLEGAL_CHARACTERS.has(ch)) {
      const at = offset + i + 1;
      throw new WindowsPathError(
        'illegal-character',
        path,
        `${quote(path)} contains the character '${ch}' at position ${at} (in ${quote(name)}); Windows does not allow < > : " | ? * in file names.`,
        at,
      );
    }
  }
  if (/[ .]$/.test(name)) {
    const at = offset + name.length;
    throw new WindowsPathError(
      'trailing-dot-or-space',
      path,
      `${quote(path)} has a name ending in a dot or a space (${quote(name)}, position ${at}); Windows drops them, so the file would not have the name given.`,
      at,
    );
  }
  // CON, con.txt and "con .txt" all name the device: the part before the first dot, trailing spaces dropped.
  const base = name.split('.')[0]?.replace(/ +$/, '') ?? '';
  if (RESERVED_DEVICE.test(base)) {
    throw new WindowsPathError(
      'reserved-name',
      path,
      `${quote(path)} uses the reserved device name ${base.toUpperCase()} (${quote(name)}, position ${offset + 1}); Windows reserves CON, PRN, AUX, NUL, COM1-COM9 and LPT1-LPT9.`,
      offset + 1,
    );
  }
}

function firstControlCharacter(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) < 0x20) return i;
  }
  return -1;
}

function quote(text: string): string {
  return `'${text}'`;
}

/** The canonical spelling: upper-case drive, backslashes, no trailing separator except on the root (`C:\`). */
export function formatWindowsPath(path: WindowsPath): string {
  return `${path.drive}:\\${path.segments.join('\\')}`;
}

/** Parses and re-formats: the one spelling of a path to show, store and compare. */
export function normalizeWindowsPath(path: string): string {
  return formatWindowsPath(parseWindowsPath(path));
}

/** Appends names to a path and checks the result (each name may not contain separators). */
export function joinWindowsPath(base: string, ...names: readonly string[]): string {
  for (const name of names) {
    if (/[\\/]/.test(name)) {
      throw new WindowsPathError('illegal-character', name, `${quote(name)} is not a single name: it contains a separator.`);
    }
  }
  const root = parseWindowsPath(base);
  return normalizeWindowsPath(formatWindowsPath({ drive: root.drive, segments: [...root.segments, ...names] }));
}

/** The folder that holds `path` (the root holds itself): where a new file's folder must exist. */
export function windowsParentPath(path: string): string {
  const parsed = parseWindowsPath(path);
  return formatWindowsPath({ drive: parsed.drive, segments: parsed.segments.slice(0, -1) });
}

/**
 * Upper-cases a name the way NTFS compares names: character by character (so `ß` stays `ß` instead of becoming
 * `SS`, which would change the length and never match on Windows).
 */
export function windowsUpperCase(text: string): string {
  let out = '';
  for (const ch of text) {
    const upper = ch.toUpperCase();
    out += [...upper].length === 1 ? upper : ch;
  }
  return out;
}

/** Whether two names (one path component each) are the same on Windows, where names are case-insensitive. */
export function windowsNamesEqual(a: string, b: string): boolean {
  return windowsUpperCase(a) === windowsUpperCase(b);
}

/** A key for maps and sets of paths: equal for two spellings of the same path (case, separators, `.`/`..`). */
export function windowsPathKey(path: string): string {
  return windowsUpperCase(normalizeWindowsPath(path));
}

/** Whether two paths name the same file on Windows. Both must be valid paths. */
export function windowsPathsEqual(a: string, b: string): boolean {
  return windowsPathKey(a) === windowsPathKey(b);
}

/** Whether `path` is `folder` itself or lies below it (case-insensitive, whole names only: C:\Ex is not under C:\E). */
export function isWindowsPathWithin(path: string, folder: string): boolean {
  const p = parseWindowsPath(path);
  const f = parseWindowsPath(folder);
  if (p.drive !== f.drive || p.segments.length < f.segments.length) return false;
  return f.segments.every((name, i) => windowsNamesEqual(name, p.segments[i] ?? ''));
}
