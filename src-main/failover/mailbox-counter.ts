/**
 * Counts mailboxes per store on both virtual servers from a stream of users (homeMDB, homeMTA,
 * msExchHomeServerName), and how many mailboxes on the arriving server's partner stores still name another server.
 * Verification feeds it a search after the changes; a -test run feeds it the planning search itself, so a test run
 * reads every mailbox once.
 */
import { textValues } from '../directory/entry-values';
import type { DirectoryEntry } from '../directory/port';
import { holdsValue } from './attribute-values';
import { dnKey } from './dn-key';
import type { FailoverOutcome } from './engine-api';
import { homeMdbFilter } from './plan-mailboxes';
import type { Roles } from './roles';
import type { ServerInfo, StoreInfo, Topology } from './topology';

export type MailboxCount = FailoverOutcome['mailboxCounts'][number];

export class MailboxCounter {
  /** The mailbox stores of both servers, with their server. */
  readonly stores: readonly { readonly store: StoreInfo; readonly server: ServerInfo }[];
  readonly #arrivals: ReadonlySet<string>;
  readonly #mta: string;
  readonly #server: string;
  #counts = new Map<string, number>();
  #misdirected = 0;

  constructor(topology: Topology, roles: Roles) {
    this.stores = [topology.source, topology.target].flatMap((server) =>
      server.stores.filter((store) => store.kind === 'mailbox').map((store) => ({ store, server })),
    );
    this.#arrivals = new Set(Array.from(roles.moves.values(), (move) => move.to.key));
    this.#mta = roles.arriving.mtaDn ?? '';
    this.#server = roles.arriving.legacyExchangeDn ?? '';
    this.reset();
  }

  /** Users on any of the counted stores (undefined when there is none). */
  filter(): string | undefined {
    return this.stores.length === 0 ? undefined : homeMdbFilter(this.stores.map(({ store }) => store.dn));
  }

  /** Starts counting again (a search restarted after a lost connection). */
  reset(): void {
    this.#counts = new Map(this.stores.map(({ store }) => [store.key, 0]));
    this.#misdirected = 0;
  }

  observe(entry: DirectoryEntry): void {
    const homeMdb = textValues(entry, 'homeMDB')[0];
    const key = homeMdb === undefined ? undefined : dnKey(homeMdb);
    const count = key === undefined ? undefined : this.#counts.get(key);
    if (key === undefined || count === undefined) return;
    this.#counts.set(key, count + 1);
    if (
      this.#arrivals.has(key) &&
      (!holdsValue('homeMTA', textValues(entry, 'homeMTA'), this.#mta) ||
        !holdsValue('msExchHomeServerName', textValues(entry, 'msExchHomeServerName'), this.#server))
    ) {
      this.#misdirected += 1;
    }
  }

  countOf(store: StoreInfo): number {
    return this.#counts.get(store.key) ?? 0;
  }

  /** Mailboxes on partner stores that name another server's MTA or server. */
  get misdirected(): number {
    return this.#misdirected;
  }

  counts(): MailboxCount[] {
    return this.stores.map(({ store, server }) => ({ store: store.dn, server: server.name, count: this.countOf(store) }));
  }
}
