/**
 * The engine's `connect` for one run: opens the directory over LDAP with the command line's options. The first
 * connection is opened (and bound) before the engine starts, so a wrong password or an unreachable server is told
 * at once in plain words instead of after the engine's reconnect retries; later calls (the engine reconnecting)
 * open fresh connections. Every directory opened is closed when the run ends.
 */
import type { LdaptsDirectoryOptions } from '../directory/ldapts-directory';
import type { DirectoryError, DirectoryPort } from '../directory/port';
import type { DirectoryConnection } from './exchfailover-arguments';

/** Opens and binds a directory (in production `openLdaptsDirectory`). */
export type OpenDirectory = (options: LdaptsDirectoryOptions) => Promise<DirectoryPort>;

/** Connections in each directory's pool: 8 connections × 8 in flight was the fastest measured against slapd. */
export const POOL_CONNECTIONS = 8;

export interface DirectorySession {
  /** Opens the first connection now; rejects with the adapter's DirectoryError. */
  probe(): Promise<void>;
  /** The engine's factory: the probed directory first, then fresh ones. */
  readonly connect: () => Promise<DirectoryPort>;
  /** Closes every directory this session opened. */
  closeAll(): Promise<void>;
}

/** A session over the given connection options. */
export function createDirectorySession(connection: DirectoryConnection, open: OpenDirectory): DirectorySession {
  const options: LdaptsDirectoryOptions = {
    url: connection.url,
    ...(connection.bindDn === undefined ? {} : { bindDn: connection.bindDn }),
    ...(connection.password === undefined ? {} : { password: connection.password }),
    ...(connection.startTls ? { startTls: true } : {}),
    ...(connection.caFile === undefined ? {} : { caFile: connection.caFile }),
    connections: POOL_CONNECTIONS,
    pageSize: 1000,
  };
  const opened: DirectoryPort[] = [];
  let probed: DirectoryPort | undefined;
  const openOne = async (): Promise<DirectoryPort> => {
    const directory = await open(options);
    opened.push(directory);
    return directory;
  };
  return {
    async probe() {
      probed ??= await openOne();
    },
    async connect() {
      const first = probed;
      probed = undefined;
      return first ?? openOne();
    },
    async closeAll() {
      await Promise.all(opened.map((directory) => directory.close().catch(() => undefined)));
    },
  };
}

/** A one-line explanation of why the directory could not be used, for the user (no password in it). */
export function describeDirectoryFailure(error: DirectoryError, connection: DirectoryConnection): string {
  const where = `the directory at ${connection.url}`;
  switch (error.code) {
    case 'invalid-credentials':
      return `${where} refused the credentials of ${connection.bindDn ?? '(anonymous)'}: invalid credentials (check -u or --bind-dn and the password)`;
    case 'unavailable':
      return `cannot reach ${where}: ${error.message}`;
    case 'timeout':
      return `${where} did not answer in time: ${error.message}`;
    case 'tls':
      return `TLS with ${where} failed: ${error.message} (does --ca-file name the CA that signed its certificate?)`;
    case 'strong-auth-required':
      return `${where} wants TLS before a password is sent: use an ldaps:// URL or --starttls (${error.message})`;
    case 'insufficient-access':
      return `${where} refused an operation to ${connection.bindDn ?? '(anonymous)'}: insufficient access (${error.message})`;
    case 'not-active-directory':
      return `${where} is not an Active Directory: ${error.message}`;
    default:
      return `${where}: ${error.code.replace(/-/g, ' ')}: ${error.message}`;
  }
}
