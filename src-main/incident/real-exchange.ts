/**
 * What Exchange says on a real pair, as far as the admin workstation can tell without a mailbox client:
 *
 * - `stores(server)`: the server's stores from the directory (the failover engine's discovery, through the setup
 *   world's readExchangeServer), each `mounted` when the cluster group that holds the server's Network Name runs —
 *   its "Microsoft Exchange Information Store" resource (or, without one, its System Attendant) online on a node
 *   that is up. cluster.exe cannot see a single store (stores mount inside the Information Store service), so every
 *   store of a server has the same state and `basis: 'resource'` says how it was found.
 * - `openMailboxes(server)`: every mailbox whose homeMDB is one of the server's mailbox stores, resolved as a
 *   client would (homeMDB → store → server → its group online on an up node); `method: 'resolved'`: the program
 *   does not log on to the mailboxes.
 */
import { sameName } from '../cluster/object-names';
import { ClusterError, type ClusterPort } from '../cluster/port';
import { dnEquals } from '../directory/dn';
import { singleText } from '../directory/entry-values';
import { escapeFilter } from '../directory/filter-escape';
import type { DirectoryPort } from '../directory/port';
import { domainContexts } from '../failover/discovery';
import type { SetupWorld } from '../setup/setup-world';
import type { ExchangePort, MailboxCheck, StoreMount } from './incident-world';

export const SYSTEM_ATTENDANT_TYPE = 'Microsoft Exchange System Attendant';
export const INFORMATION_STORE_TYPE = 'Microsoft Exchange Information Store';
const MAX_FAILURES = 20;
const PAGE_SIZE = 500;

/** Where a virtual server runs, as its cluster tells. */
export interface ServerPlacement {
  /** The node it runs on, when its store resource is online on an up node. */
  readonly runningOn?: string;
  /** Why it does not run, in words. */
  readonly why: string;
}

async function placementOn(port: ClusterPort, server: string): Promise<ServerPlacement | undefined> {
  const resources = await port.resources();
  const name = resources.find((r) => sameName(r.type, 'Network Name') && typeof r.privateProperties['Name'] === 'string' && sameName(r.privateProperties['Name'], server));
  if (name === undefined) return undefined;
  const members = resources.filter((r) => sameName(r.group, name.group));
  const store = members.find((r) => sameName(r.type, INFORMATION_STORE_TYPE)) ?? members.find((r) => sameName(r.type, SYSTEM_ATTENDANT_TYPE));
  if (store === undefined) return { why: `"${name.group}" on ${port.cluster} holds no Information Store or System Attendant resource` };
  if (store.state !== 'Online') return { why: `"${store.name}" in "${name.group}" on ${port.cluster} is ${store.state}` };
  const nodes = await port.nodes();
  const node = nodes.find((n) => store.owner !== undefined && sameName(n.name, store.owner));
  if (node === undefined || node.state !== 'Up') return { why: `"${store.name}" on ${port.cluster} is owned by ${store.owner ?? 'no node'}, which is not up` };
  return { runningOn: node.name, why: `"${store.name}" is online on ${node.name} (${port.cluster})` };
}

/** The cluster group running `server`, looked for on both clusters; a cluster that does not answer is said so. */
export async function locateServer(setup: SetupWorld, server: string): Promise<ServerPlacement> {
  const silent: string[] = [];
  for (const port of [setup.source, setup.target]) {
    try {
      const found = await placementOn(port, server);
      if (found?.runningOn !== undefined) return found;
      if (found !== undefined) return found;
    } catch (e) {
      if (e instanceof ClusterError && e.failure === 'unreachable') {
        silent.push(`${port.cluster} does not answer (${e.code})`);
        continue;
      }
      throw e;
    }
  }
  return { why: `No cluster that answers holds a Network Name "${server}"${silent.length > 0 ? `; ${silent.join('; ')}` : ''}` };
}

export interface RealExchangeDeps {
  readonly setup: SetupWorld;
  readonly connectDirectory: () => Promise<DirectoryPort>;
}

export function realExchange(deps: RealExchangeDeps): ExchangePort {
  /** The server's stores, and where it runs (one read of the directory and of the clusters). */
  const placed = async (server: string, signal?: AbortSignal): Promise<{ stores: StoreMount[]; placement: ServerPlacement }> => {
    const info = await deps.setup.readExchangeServer(server, signal);
    const placement = await locateServer(deps.setup, server);
    const mounted = placement.runningOn !== undefined;
    return {
      stores: info.stores.map((s) => ({ server: info.name, storageGroup: s.group, store: s.name, dn: s.dn, kind: s.kind, mounted, basis: 'resource' as const })),
      placement,
    };
  };
  return {
    stores: async (server, signal) => (await placed(server, signal)).stores,
    async openMailboxes(server, signal) {
      const { stores: all, placement } = await placed(server, signal);
      const mailboxStores = all.filter((s) => s.kind === 'mailbox');
      if (mailboxStores.length === 0) return { total: 0, opened: 0, failures: [], method: 'resolved' };
      const directory = await deps.connectDirectory();
      const failures: { mailbox: string; reason: string }[] = [];
      let total = 0;
      let opened = 0;
      try {
        const root = await directory.rootDse();
        const filter = `(|${mailboxStores.map((s) => escapeFilter`(homeMDB=${s.dn})`).join('')})`;
        for (const domain of domainContexts(root)) {
          for await (const entry of directory.search(domain, { scope: 'sub', filter, attributes: ['homeMDB'], pageSize: PAGE_SIZE, ...(signal === undefined ? {} : { signal }) })) {
            const home = singleText(entry, 'homeMDB');
            const store = home === undefined ? undefined : mailboxStores.find((s) => dnEquals(s.dn, home));
            if (store === undefined) continue;
            total += 1;
            if (store.mounted) opened += 1;
            else if (failures.length < MAX_FAILURES) failures.push({ mailbox: entry.dn, reason: `its store ${store.storageGroup}, ${store.store} on ${server} is not mounted: ${placement.why}` });
          }
        }
      } finally {
        await directory.close();
      }
      const check: MailboxCheck = { total, opened, failures, method: 'resolved' };
      return check;
    },
  };
}
