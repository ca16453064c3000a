/**
 * The directory port over LDAP with ldapts: ldap://, ldaps:// (trusting a given CA file) or StartTLS, simple bind,
 * paged subtree searches streamed page by page, root DSE discovery, connection and operation timeouts, and a small
 * pool of connections so many modifies can be in flight (measured on slapd: 8 connections × 8 in flight is about
 * six times faster than one modify at a time).
 *
 * Everything comes in through the constructor's options; nothing is global. The bind password is kept in a closure,
 * never in a field, log or error message.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Attribute, Change, Client, type Entry } from 'ldapts';
import { elapsedMs, silentLogger, type Logger } from '../shared/log-port';
import { isBinaryAttribute } from './binary-attributes';
import { DirectoryError } from './directory-error';
import { parseFilter } from './filter-parse';
import { toDirectoryError } from './ldapts-errors';
import type {
  AttributeValue,
  AttributeValues,
  DirectoryChange,
  DirectoryEntry,
  DirectoryPort,
  NewEntryAttributes,
  RootDse,
  SearchOptions,
} from './port';

export interface LdaptsDirectoryOptions {
  /** `ldap://host[:port]` or `ldaps://host[:port]`. */
  readonly url: string;
  /** Simple bind DN (or `user@domain` for Active Directory); anonymous when omitted. */
  readonly bindDn?: string;
  readonly password?: string;
  /** Upgrade an ldap:// connection with StartTLS before binding. */
  readonly startTls?: boolean;
  /** PEM file of the CA to trust for ldaps:// and StartTLS (the system's CAs otherwise). */
  readonly caFile?: string;
  /** Check the server certificate (default true; false only for a lab you own). */
  readonly rejectUnauthorized?: boolean;
  /** Host name to check the certificate against, when it differs from the URL's host. */
  readonly serverName?: string;
  /** Milliseconds to wait for the TCP/TLS connection (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Milliseconds to wait for each LDAP operation or page (default 120 s). */
  readonly operationTimeoutMs?: number;
  /** Default entries per page (default 1000). */
  readonly pageSize?: number;
  /** Connections in the pool (default 1); operations go to the least busy one. */
  readonly connections?: number;
  /** Attributes returned as Buffer (default: the declared binary attributes). */
  readonly isBinary?: (attribute: string) => boolean;
  /**
   * The program's diagnostic log: each connection opened (URL, bind DN, outcome, duration) and the close are lines
   * of its child `directory`; never the password. Nothing is written when absent.
   */
  readonly logger?: Logger;
}

interface PooledConnection {
  client: Client | undefined;
  inFlight: number;
  /** The connect/StartTLS/bind in progress or done; shared by every operation that arrives meanwhile. */
  session: Promise<Client> | undefined;
  /** Whether `session` has finished opening (only then can a closed socket mean "reconnect"). */
  opened: boolean;
}

/**
 * ldapts decodes values as UTF-8 unless told an attribute is binary, and it matches that list case-sensitively
 * against the name the server returns. This list answers case-insensitively with the adapter's own knowledge of
 * which attributes are binary: those arrive as bytes, the others as the text ldapts already decoded (a value that
 * is not valid UTF-8 still arrives as bytes and is decoded by `asText`, as before).
 */
class BinaryAttributeList extends Array<string> {
  #isBinary: (attribute: string) => boolean = () => true;

  static answering(isBinary: (attribute: string) => boolean): BinaryAttributeList {
    const list = new BinaryAttributeList();
    list.#isBinary = isBinary;
    return list;
  }

  override includes(attribute: string): boolean {
    return this.#isBinary(attribute.toLowerCase());
  }
}

function asText(value: Buffer | string): string {
  return typeof value === 'string' ? value : value.toString('utf8');
}

function asBytes(value: Buffer | string): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

function ldapValues(values: readonly AttributeValue[]): string[] | Buffer[] {
  if (values.every((value): value is string => typeof value === 'string')) return [...values];
  return values.map(asBytes);
}

/** An Active Directory (or slapd) reached over LDAP. */
export class LdaptsDirectory implements DirectoryPort {
  readonly #url: URL;
  /** The options without the password (which lives only in the closures below). */
  readonly #options: Omit<LdaptsDirectoryOptions, 'password'>;
  readonly #pool: PooledConnection[];
  readonly #bind: (client: Client) => Promise<void>;
  readonly #secrets: () => readonly string[];
  readonly #isBinary: (attribute: string) => boolean;
  readonly #binaryList: BinaryAttributeList;
  readonly #log: Logger;
  #tlsOptions: Promise<ConnectionOptions> | undefined;
  #closed = false;

  constructor(options: LdaptsDirectoryOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new DirectoryError('other', `not an LDAP URL: ${JSON.stringify(options.url)}`);
    }
    if (url.protocol !== 'ldap:' && url.protocol !== 'ldaps:') {
      throw new DirectoryError('other', `not an LDAP URL (ldap:// or ldaps://): ${JSON.stringify(options.url)}`);
    }
    if (options.startTls === true && url.protocol === 'ldaps:') {
      throw new DirectoryError('other', 'StartTLS is for ldap:// URLs; ldaps:// is TLS from the start');
    }
    const { password, logger, ...rest } = options;
    this.#url = url;
    this.#options = rest;
    this.#log = (logger ?? silentLogger).child({ subsystem: 'directory' });
    this.#isBinary = options.isBinary ?? isBinaryAttribute;
    this.#binaryList = BinaryAttributeList.answering(this.#isBinary);
    this.#secrets = () => (password === undefined || password === '' ? [] : [password]);
    const bindDn = options.bindDn;
    this.#bind = async (client) => {
      if (bindDn !== undefined) await client.bind(bindDn, password ?? '');
    };
    const size = Math.max(1, Math.floor(options.connections ?? 1));
    this.#pool = Array.from({ length: size }, () => ({ client: undefined, inFlight: 0, session: undefined, opened: false }));
  }

  #host(): string {
    const host = this.#url.hostname;
    return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  }

  #error(error: unknown, what: string): DirectoryError {
    return toDirectoryError(error, what, this.#secrets());
  }

  async #tls(): Promise<ConnectionOptions> {
    this.#tlsOptions ??= (async () => {
      const host = this.#host();
      const serverName = this.#options.serverName ?? (isIP(host) === 0 ? host : undefined);
      return {
        host,
        rejectUnauthorized: this.#options.rejectUnauthorized ?? true,
        ...(serverName === undefined ? {} : { servername: serverName }),
        ...(this.#options.caFile === undefined ? {} : { ca: [await readFile(this.#options.caFile)] }),
      };
    })();
    return this.#tlsOptions;
  }

  /** What every directory line names: where (never a user or password from the URL) and as whom. */
  #logFields(): Record<string, unknown> {
    return {
      url: `${this.#url.protocol}//${this.#url.host}`,
      bindDn: this.#options.bindDn ?? '(anonymous)',
      ...(this.#options.startTls === true ? { startTls: true } : {}),
    };
  }

  /**
   * Leaves one line in the diagnostic log for `work`, whatever its outcome: `event` (`bind`, `connect`), the URL, the
   * bind DN, the outcome, the duration, and on failure the error's code and message (already without the password).
   */
  async #logged<T>(event: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      const result = await work();
      this.#log.info(`directory ${event} succeeded`, { event, ...this.#logFields(), outcome: 'ok', durationMs: elapsedMs(start) });
      return result;
    } catch (error) {
      const failed = error instanceof DirectoryError ? error : this.#error(error, `${event} to ${this.#url.host}`);
      this.#log.warn(`directory ${event} failed`, {
        event,
        ...this.#logFields(),
        outcome: 'failed',
        code: failed.code,
        error: failed.message,
        durationMs: elapsedMs(start),
      });
      throw error;
    }
  }

  /**
   * Opens one connection (connect, StartTLS, bind). A bind or StartTLS — each connection of the pool, and again after
   * a dropped connection — is a `bind` line in the diagnostic log; an anonymous ldap:// session reaches the server only
   * at its first operation, logged by `connect`.
   */
  async #openSession(connection: PooledConnection): Promise<Client> {
    const handshake = this.#options.bindDn !== undefined || this.#options.startTls === true;
    return handshake ? this.#logged('bind', () => this.#openSessionUnlogged(connection)) : this.#openSessionUnlogged(connection);
  }

  async #openSessionUnlogged(connection: PooledConnection): Promise<Client> {
    const secure = this.#url.protocol === 'ldaps:';
    const tls = secure || this.#options.startTls === true ? await this.#tls() : undefined;
    connection.client ??= new Client({
      url: `${this.#url.protocol}//${this.#url.host}`,
      connectTimeout: this.#options.connectTimeoutMs ?? 10_000,
      timeout: this.#options.operationTimeoutMs ?? 120_000,
      // TLS options go to the constructor only for ldaps://: given with ldap:// they make ldapts open implicit TLS.
      ...(secure && tls !== undefined ? { tlsOptions: tls } : {}),
    });
    const client = connection.client;
    try {
      if (this.#options.startTls === true && tls !== undefined) await client.startTLS({ ...tls });
    } catch (error) {
      await client.unbind().catch(() => undefined);
      throw this.#error(error, `StartTLS with ${this.#url.host}`);
    }
    try {
      await this.#bind(client);
    } catch (error) {
      await client.unbind().catch(() => undefined);
      throw this.#error(error, `bind as ${this.#options.bindDn ?? '(anonymous)'} to ${this.#url.host}`);
    }
    return client;
  }

  async #ready(connection: PooledConnection): Promise<Client> {
    if (this.#closed) throw new DirectoryError('unavailable', 'the directory connection has been closed');
    const dropped = connection.opened && connection.client?.isConnected !== true;
    if (connection.session === undefined || dropped) {
      connection.opened = false;
      const session = this.#openSession(connection);
      connection.session = session;
      session.then(
        () => {
          if (connection.session === session) connection.opened = true;
        },
        () => {
          if (connection.session === session) connection.session = undefined;
        },
      );
    }
    return connection.session;
  }

  #leastBusy(): PooledConnection {
    let best = this.#pool[0];
    for (const connection of this.#pool) if (best === undefined || connection.inFlight < best.inFlight) best = connection;
    if (best === undefined) throw new DirectoryError('other', 'empty connection pool');
    return best;
  }

  async #run<T>(what: string, operation: (client: Client) => Promise<T>): Promise<T> {
    const connection = this.#leastBusy();
    connection.inFlight += 1;
    try {
      return await operation(await this.#ready(connection));
    } catch (error) {
      throw this.#error(error, what);
    } finally {
      connection.inFlight -= 1;
    }
  }

  /**
   * Opens (and binds) one connection now and reads the root DSE once, so a wrong password or an unreachable server
   * shows at once. The read matters for an anonymous session: ldapts connects lazily, and without a bind nothing
   * would reach the server before the first operation.
   */
  async connect(): Promise<void> {
    await this.#logged('connect', () =>
      this.#run(`connect to ${this.#url.host}`, async (client) => {
        await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] });
      }),
    );
  }

  async rootDse(): Promise<RootDse> {
    return this.#run('read the root DSE', async (client) => {
      const result = await client.search('', {
        scope: 'base',
        filter: '(objectClass=*)',
        attributes: ['configurationNamingContext', 'defaultNamingContext', 'namingContexts'],
      });
      const entry = result.searchEntries[0];
      const read = (name: string): string[] => {
        if (entry === undefined) return [];
        const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
        const value = key === undefined ? undefined : entry[key];
        if (value === undefined) return [];
        return (Array.isArray(value) ? value : [value]).map(asText);
      };
      const configurationNamingContext = read('configurationNamingContext')[0];
      const defaultNamingContext = read('defaultNamingContext')[0];
      if (configurationNamingContext === undefined || defaultNamingContext === undefined) {
        throw new DirectoryError(
          'not-active-directory',
          `the server at ${this.#url.host} publishes no configurationNamingContext/defaultNamingContext in its root DSE`,
        );
      }
      return { configurationNamingContext, defaultNamingContext, namingContexts: read('namingContexts') };
    });
  }

  #toEntry(raw: Entry): DirectoryEntry {
    const attributes: Record<string, AttributeValues> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'dn') continue;
      const values = (Array.isArray(value) ? value : [value]) as (Buffer | string)[];
      if (values.length === 0) continue;
      const name = key.toLowerCase();
      attributes[name] = this.#isBinary(name) ? values.map(asBytes) : values.map(asText);
    }
    return { dn: raw.dn, attributes };
  }

  async *search(base: string, options: SearchOptions): AsyncGenerator<DirectoryEntry> {
    const what = `search ${base}`;
    const filter = parseFilter(options.filter ?? '(objectClass=*)', this.#isBinary);
    const connection = this.#leastBusy();
    connection.inFlight += 1;
    try {
      let pages: AsyncGenerator<{ searchEntries: Entry[] }>;
      try {
        const client = await this.#ready(connection);
        pages = client.searchPaginated(base, {
          scope: options.scope,
          filter,
          ...(options.attributes === undefined ? {} : { attributes: [...options.attributes] }),
          paged: { pageSize: options.pageSize ?? this.#options.pageSize ?? 1000 },
          explicitBufferAttributes: this.#binaryList,
        });
      } catch (error) {
        throw this.#error(error, what);
      }
      for (;;) {
        if (options.signal?.aborted === true) throw new DirectoryError('cancelled', `${what}: cancelled`);
        let page: IteratorResult<{ searchEntries: Entry[] }>;
        try {
          page = await pages.next();
        } catch (error) {
          throw this.#error(error, what);
        }
        if (page.done === true) return;
        for (const entry of page.value.searchEntries) yield this.#toEntry(entry);
      }
    } finally {
      connection.inFlight -= 1;
    }
  }

  async modify(dn: string, changes: readonly DirectoryChange[]): Promise<void> {
    await this.#run(`modify ${dn}`, (client) =>
      client.modify(
        dn,
        changes.map(
          (change) =>
            new Change({
              operation: change.operation,
              modification: new Attribute({ type: change.attribute, values: ldapValues(change.values) }),
            }),
        ),
      ),
    );
  }

  async add(dn: string, attributes: NewEntryAttributes): Promise<void> {
    await this.#run(`add ${dn}`, (client) =>
      client.add(
        dn,
        Object.entries(attributes).map(([type, values]) => new Attribute({ type, values: ldapValues(values) })),
      ),
    );
  }

  async delete(dn: string): Promise<void> {
    await this.#run(`delete ${dn}`, (client) => client.del(dn));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all(this.#pool.map((connection) => connection.client?.unbind().catch(() => undefined)));
    this.#log.info('directory connection closed', { event: 'close', ...this.#logFields() });
  }
}

/** Creates the adapter and binds one connection, so configuration errors surface here. */
export async function openLdaptsDirectory(options: LdaptsDirectoryOptions): Promise<LdaptsDirectory> {
  const directory = new LdaptsDirectory(options);
  try {
    await directory.connect();
  } catch (error) {
    await directory.close();
    throw error;
  }
  return directory;
}
