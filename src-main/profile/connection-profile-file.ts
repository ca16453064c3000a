import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { DOCUMENT_PATH, formatFieldPath, type PairProblem } from '../pair/pair-problems';
import { writeFileAtomic } from '../shared/write-file-atomic';
import {
  CONNECTION_PROFILE_FORMAT,
  CONNECTION_PROFILE_VERSION,
  connectionProfileSchema,
  type ConnectionProfile,
} from './connection-profile-schema';
import { DEFAULT_NODE_FILES_ROOT } from './node-files-root';

/**
 * The connection profile on disk: UTF-8 JSON, two-space indented, replaced atomically, never written when invalid.
 * Read from untrusted JSON with every problem named by its field path (`directory.bindDn`), like the pair document.
 */

/** One refused value: its field path and what to do about it (the same shape as a pair document's problems). */
export type ProfileProblem = PairProblem;

/** The path of the profile itself, for problems that belong to no single field. */
export const PROFILE_DOCUMENT_PATH = DOCUMENT_PATH;

/** Thrown when a connection profile cannot be used; lists every problem, each with its field path. */
export class ConnectionProfileError extends Error {
  override readonly name = 'ConnectionProfileError';
  constructor(
    /** Where the profile came from (a file path), for the message. */
    readonly source: string,
    readonly problems: readonly ProfileProblem[],
  ) {
    super(
      `The connection profile ${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${p.path}: ${p.message}`).join('\n'),
    );
  }
}

export type ConnectionProfileCheck =
  | { readonly ok: true; readonly profile: ConnectionProfile }
  | { readonly ok: false; readonly problems: readonly ProfileProblem[] };

/**
 * Keys that would hold a secret. A profile is a plain file beside the pair document, copied and mailed around; a
 * password in it would be a password in clear, so any such key is refused wherever it is.
 */
const SECRET_KEY = /pass(word|wd|phrase)?|pw|secret|token|api[-_]?key|credential|private[-_]?key/i;
/** The profile's own fields whose names look like a secret but hold none. */
const NOT_SECRET_PATHS = new Set(['directory.allowPlainLdapPassword']);

function secretKeyProblems(json: unknown, path: readonly (string | number)[] = []): ProfileProblem[] {
  if (Array.isArray(json)) return json.flatMap((item, index) => secretKeyProblems(item, [...path, index]));
  if (typeof json !== 'object' || json === null) return [];
  const problems: ProfileProblem[] = [];
  for (const [key, value] of Object.entries(json)) {
    const at = formatFieldPath([...path, key]);
    if (SECRET_KEY.test(key) && !NOT_SECRET_PATHS.has(at)) {
      problems.push({
        path: at,
        message: `'${key}' looks like a secret, and a connection profile never holds one: remove it. The program asks for the password and keeps it in memory (or in the system's protected store when you tick "remember"); the command line reads it from a file or an environment variable.`,
      });
    } else {
      problems.push(...secretKeyProblems(value, [...path, key]));
    }
  }
  return problems;
}

/** Checks a value parsed from JSON against every rule. Never throws. */
export function checkConnectionProfile(json: unknown): ConnectionProfileCheck {
  const secrets = secretKeyProblems(json);
  const secretPaths = new Set(secrets.map((p) => p.path));
  const result = connectionProfileSchema.safeParse(json, { error: builtInMessage });
  if (result.success && secrets.length === 0) return { ok: true, profile: result.data };
  const others = result.success ? [] : result.error.issues.flatMap(toProblems).filter((p) => !secretPaths.has(p.path));
  return { ok: false, problems: [...secrets, ...others] };
}

/** The typed profile, or a ConnectionProfileError listing every problem; `source` names where it came from. */
export function parseConnectionProfile(json: unknown, source: string): ConnectionProfile {
  const check = checkConnectionProfile(json);
  if (check.ok) return check.profile;
  throw new ConnectionProfileError(source, check.problems);
}

/** Reads and checks a profile file. Every failure (unreadable, not JSON, invalid) is a ConnectionProfileError. */
export async function readConnectionProfile(file: string): Promise<ConnectionProfile> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' || code === 'EPERM' ? 'access is denied' : code === 'EISDIR' ? 'it is a folder' : error instanceof Error ? error.message : String(error);
    throw new ConnectionProfileError(file, [{ path: PROFILE_DOCUMENT_PATH, message: `The file cannot be read: ${why}.` }]);
  }
  const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConnectionProfileError(file, [{ path: PROFILE_DOCUMENT_PATH, message: `The file is not valid JSON${whereJsonFails(text, error)}; fix it with a text editor.` }]);
  }
  return parseConnectionProfile(json, file);
}

/**
 * Where JSON.parse stopped, as ` (line L, column C)`, or nothing. Never the parser's own message: V8 quotes the text
 * around the error there, and a file given as a profile may hold a password.
 */
function whereJsonFails(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message)?.[1];
  const at = position !== undefined ? Math.min(Number(position), text.length) : /end of JSON input/i.test(message) ? text.length : undefined;
  if (at === undefined) return '';
  const lines = text.slice(0, at).split(/\r\n|\r|\n/);
  return ` (line ${lines.length}, column ${(lines[lines.length - 1]?.length ?? 0) + 1})`;
}

/** The exact text written for `profile`: two-space JSON and a final newline. */
export function formatConnectionProfile(profile: ConnectionProfile): string {
  return `${JSON.stringify(profile, null, 2)}\n`;
}

/** Checks and writes `profile` atomically; an invalid one throws ConnectionProfileError and leaves the file as it was. */
export async function writeConnectionProfile(file: string, profile: unknown): Promise<void> {
  const check = checkConnectionProfile(profile);
  if (!check.ok) throw new ConnectionProfileError(file, check.problems);
  await writeFileAtomic(file, Buffer.from(formatConnectionProfile(check.profile), 'utf8'));
}

/** A profile to start from: TLS to the domain controller, the tools on PATH, the nodes' administrative shares. */
export function connectionProfileTemplate(name = 'Production'): ConnectionProfile {
  return {
    format: CONNECTION_PROFILE_FORMAT,
    version: CONNECTION_PROFILE_VERSION,
    name,
    directory: { url: 'ldaps://dc1.example.com', startTls: false, bindDn: 'CN=Exchange HA,CN=Users,DC=example,DC=com', allowPlainLdapPassword: false },
    tools: { clusterExe: 'cluster.exe', dtclExe: 'C:\\Program Files\\NSI Software\\Double-Take\\dtcl.exe' },
    doubleTake: { user: 'EXAMPLE\\dtadmin' },
    nodeFiles: { root: DEFAULT_NODE_FILES_ROOT },
  };
}

function toProblems(issue: z.core.$ZodIssue): ProfileProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatFieldPath([...issue.path, key]),
      message: `'${key}' is not a field of the connection profile here; check its spelling or remove it.`,
    }));
  }
  return [{ path: formatFieldPath(issue.path), message: issue.message }];
}

function builtInMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const wanted = ({ string: 'a text', boolean: 'true or false', object: 'an object', number: 'a number' } as Record<string, string>)[issue.expected] ?? issue.expected;
  if (issue.input === undefined) return `This field is missing; give ${wanted}.`;
  return `Expected ${wanted}, found ${issue.input === null ? 'null' : Array.isArray(issue.input) ? 'a list' : typeof issue.input}.`;
}
