/**
 * The lab's adapter of the directory port: the seeded Exchange organisation in memory, saved as LDIF in
 * `<lab>/directory.ldif` (seeded on first use), so a lab failover changes a file the user can read and that loads
 * into a real OpenLDAP server. Searches evaluate filters parsed by ldapts with the schema's matching rules and
 * stream page by page; changes are checked like a server would (directory-tree.ts) and saved atomically, with
 * concurrent saves coalesced. A change is visible to searches at once; its promise resolves when it is on disk.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isBinaryAttribute } from '../../directory/binary-attributes';
import { DirectoryError } from '../../directory/directory-error';
import { parseFilter } from '../../directory/filter-parse';
import type {
  AttributeValues,
  DirectoryChange,
  DirectoryEntry,
  DirectoryPort,
  NewEntryAttributes,
  RootDse,
  SearchOptions,
} from '../../directory/port';
import { CoalescingFileWriter } from './coalescing-file-writer';
import { DirectoryTree, type StoredEntry } from './directory-tree';
import { exchangeDns, type ExchangeOrgNames, LAB_ORG_NAMES } from './exchange-names';
import { type SeedOptions, seedExchangeOrganization } from './exchange-seed';
import { type LdifRecord, ldifChunks, parseLdif } from './ldif';
import { matchesFilter } from './filter-match';

/** The lab directory's file name inside the lab folder. */
export const LAB_DIRECTORY_FILE = 'directory.ldif';

const HEADER = [
  'Exchange HA Wizard lab directory: the seeded Active Directory and Exchange 2003 organisation.',
  'RFC 2849 LDIF, rewritten after every change; loads into OpenLDAP with slapadd and the project schema.',
];

export interface LabDirectoryOptions {
  /** How to seed the directory when the file is absent. */
  readonly seed?: SeedOptions;
  /** Default page size of searches (default 1000). */
  readonly pageSize?: number;
}

function toRecordAttributes(record: LdifRecord): [string, (string | Buffer)[]][] {
  const grouped = new Map<string, [string, (string | Buffer)[]]>();
  for (const { name, value } of record.attributes) {
    const base = name.split(';')[0] ?? name;
    const key = base.toLowerCase();
    const entry = grouped.get(key) ?? [base, []];
    entry[1].push(value);
    grouped.set(key, entry);
  }
  return Array.from(grouped.values());
}

/** The lab's in-memory Active Directory, persisted as LDIF. */
export class LabDirectory implements DirectoryPort {
  readonly #tree: DirectoryTree;
  readonly #writer: CoalescingFileWriter;
  readonly #names: ExchangeOrgNames;
  readonly #pageSize: number;
  #closed = false;

  private constructor(tree: DirectoryTree, file: string, names: ExchangeOrgNames, pageSize: number) {
    this.#tree = tree;
    this.#names = names;
    this.#pageSize = pageSize;
    this.#writer = new CoalescingFileWriter(file, () => ldifChunks(this.#tree.records(), { headerComments: HEADER }));
  }

  /** Loads `<labFolder>/directory.ldif`, or seeds the organisation and writes the file when it is absent. */
  static async open(labFolder: string, options: LabDirectoryOptions = {}): Promise<LabDirectory> {
    const names = options.seed?.names ?? LAB_ORG_NAMES;
    const file = join(labFolder, LAB_DIRECTORY_FILE);
    const tree = new DirectoryTree([names.domainDn]);
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') {
        throw new DirectoryError('unavailable', `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const records = text === undefined ? seedExchangeOrganization(options.seed) : parseLdif(text, { isBinary: isBinaryAttribute });
    for (const record of records) {
      try {
        tree.add(record.dn, toRecordAttributes(record));
      } catch (error) {
        if (error instanceof DirectoryError && text !== undefined) {
          throw new DirectoryError(error.code, `${file}: ${error.message}`, error.resultCode);
        }
        throw error;
      }
    }
    const directory = new LabDirectory(tree, file, names, options.pageSize ?? 1000);
    if (text === undefined) await directory.#save();
    return directory;
  }

  /** The LDIF file this directory saves to. */
  get file(): string {
    return this.#writer.path;
  }

  /** How many times the file has been rewritten since opening (coalescing makes this far below the change count). */
  get saves(): number {
    return this.#writer.saves;
  }

  #assertOpen(): void {
    if (this.#closed) throw new DirectoryError('unavailable', 'the lab directory has been closed');
  }

  async #save(): Promise<void> {
    try {
      await this.#writer.save();
    } catch (error) {
      throw new DirectoryError('unavailable', `could not save ${this.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async rootDse(): Promise<RootDse> {
    this.#assertOpen();
    const dns = exchangeDns(this.#names);
    return {
      defaultNamingContext: dns.domain,
      configurationNamingContext: dns.configuration,
      namingContexts: [dns.domain, dns.configuration],
    };
  }

  #toEntry(entry: StoredEntry, wanted: ReadonlySet<string> | 'all' | 'none'): DirectoryEntry {
    const attributes: Record<string, AttributeValues> = {};
    if (wanted !== 'none') {
      for (const [key, attribute] of entry.attributes) {
        if (wanted !== 'all' && !wanted.has(key)) continue;
        attributes[key] =
          attribute.definition.syntax === 'octets'
            ? attribute.values.map((value) => Buffer.from(value.value as Buffer))
            : attribute.values.map((value) => String(value.value));
      }
    }
    return { dn: entry.dn, attributes };
  }

  async *search(base: string, options: SearchOptions): AsyncGenerator<DirectoryEntry> {
    this.#assertOpen();
    const filter = parseFilter(options.filter ?? '(objectClass=*)');
    const requested = options.attributes?.map((name) => name.toLowerCase());
    const wanted =
      requested === undefined || requested.length === 0 || requested.includes('*')
        ? 'all'
        : requested.includes('1.1') && requested.length === 1
          ? 'none'
          : new Set(requested);
    const pageSize = Math.max(1, options.pageSize ?? this.#pageSize);
    const scope = this.#tree.scope(base, options.scope);
    let inPage = 0;
    for (;;) {
      if (options.signal?.aborted === true) throw new DirectoryError('cancelled', `search ${base}: cancelled`);
      const next = scope.next();
      if (next.done === true) return;
      if (!matchesFilter(filter, next.value)) continue;
      yield this.#toEntry(next.value, wanted);
      inPage += 1;
      if (inPage >= pageSize) {
        inPage = 0;
        // A page boundary: let other work run, as a server round trip would.
        await new Promise((resolve) => setImmediate(resolve));
        this.#assertOpen();
      }
    }
  }

  async modify(dn: string, changes: readonly DirectoryChange[]): Promise<void> {
    this.#assertOpen();
    this.#tree.modify(dn, changes);
    await this.#save();
  }

  async add(dn: string, attributes: NewEntryAttributes): Promise<void> {
    this.#assertOpen();
    this.#tree.add(dn, Object.entries(attributes));
    await this.#save();
  }

  async delete(dn: string): Promise<void> {
    this.#assertOpen();
    this.#tree.delete(dn);
    await this.#save();
  }

  /** Waits for pending saves, then refuses further calls. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writer.idle();
  }
}

/** Opens the lab directory of a lab folder (seeding it when new). */
export function openLabDirectory(labFolder: string, options: LabDirectoryOptions = {}): Promise<LabDirectory> {
  return LabDirectory.open(labFolder, options);
}
