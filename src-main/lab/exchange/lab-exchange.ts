import { sameName } from '../../cluster/object-names';
import { dnEquals } from '../../directory/dn';
import type { DirectoryPort } from '../../directory/port';
import type { ExchangePort, MailboxCheck, StoreMount } from '../../incident/incident-world';
import type { DoubleTakeLab } from '../doubletake/doubletake-lab';
import type { ClusterData } from '../mscs/cluster-data';
import { LAB } from '../topology';
import { readExchangeDirectory, readMailboxes, type ExchangeDirectoryView } from './exchange-directory';
import { exchangeVirtualServers, type ExchangeVirtualServer } from './exchange-virtual-servers';
import { loadLabExchangeState, saveLabExchangeState } from './lab-exchange-file';
import { emptyLabExchangeState, type LabExchangeState } from './lab-exchange-state';
import { openMailbox as openOneMailbox, openMailboxes, type MailboxOpening } from './mailbox-client';
import { applyCompletedMirrors, type ClusterLocator, type ObservedConnection } from './mirror-copies';
import { settleStoreMounts } from './store-mounting';

/** What the lab's Exchange reads from the rest of the lab. */
export interface LabExchangeDeps {
  readonly folder: string;
  readonly directory: DirectoryPort;
  readonly doubleTake: DoubleTakeLab;
  /** Both clusters as data, now. */
  readonly clusters: () => readonly ClusterData[];
  readonly isNodeUp: (node: string) => boolean;
  readonly now?: () => Date;
  /**
   * Whose database files each cluster holds when the lab has no Exchange state yet: Exchange was installed on both
   * clusters (guide 4.1 and 5.1), each mounting its own databases. The lab's topology by default.
   */
  readonly installed?: readonly { readonly server: string; readonly cluster: string }[];
}

/** The lab's Exchange: its stores mounted by Exchange's rules, and a client that opens mailboxes as Outlook would. */
export interface LabExchange extends ExchangePort {
  /**
   * Brings the lab's Exchange up to date with the clusters and Double-Take: completed mirrors become copies, then
   * every store mounts or dismounts where its server now runs (or not). Called after every cluster change, a power
   * change, and before every read; saved to `<lab>/exchange.json` when something changed.
   */
  settle(signal?: AbortSignal): Promise<void>;
  /** Every store of every server, with its mount state (settled first). */
  allStores(signal?: AbortSignal): Promise<readonly StoreMount[]>;
  /** Opens one mailbox (by its user's DN) as a client would, or says exactly why not. */
  openMailbox(userDn: string, signal?: AbortSignal): Promise<MailboxOpening>;
  /** The Exchange virtual servers the clusters hold now and where each runs. */
  virtualServers(): readonly ExchangeVirtualServer[];
  /** The state as last settled (a copy). */
  snapshot(): LabExchangeState;
  /** Whether a store is mounted on `node` as last settled: Exchange writes to its databases there. */
  isMountedOn(node: string): boolean;
}

/** The lab's Exchange in `deps.folder`: its state loaded (or seeded from the directory), then settled once. */
export async function openLabExchange(deps: LabExchangeDeps): Promise<LabExchange> {
  const now = deps.now ?? (() => new Date());
  const loaded = await loadLabExchangeState(deps.folder);
  let state = loaded ?? (await seedState(deps, now().toISOString()));
  if (loaded === undefined) await saveLabExchangeState(deps.folder, state);
  let saved = JSON.stringify(state);
  let queue: Promise<unknown> = Promise.resolve();

  /** One settle at a time: each reads the state the previous one left. */
  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  const virtualServers = (): ExchangeVirtualServer[] => deps.clusters().flatMap(exchangeVirtualServers);

  async function settleNow(signal?: AbortSignal): Promise<ExchangeDirectoryView> {
    signal?.throwIfAborted();
    const at = now().toISOString();
    const clusters = deps.clusters();
    const { observed, upNodes } = observeConnections(deps);
    let next = applyCompletedMirrors(state, observed, upNodes, locator(clusters), at);
    const directory = await readExchangeDirectory(deps.directory, signal);
    next = settleStoreMounts(next, clusters.flatMap(exchangeVirtualServers), directory.stores, at);
    const text = JSON.stringify(next);
    state = next;
    if (text !== saved) {
      await saveLabExchangeState(deps.folder, next);
      saved = text;
    }
    return directory;
  }

  function mountsOf(directory: ExchangeDirectoryView, server?: string): StoreMount[] {
    return directory.stores
      .filter((s) => s.server !== undefined && (server === undefined || sameName(s.server.name, server)))
      .map((s) => {
        const mount = state.stores.find((m) => dnEquals(m.dn, s.dn));
        return {
          server: s.server?.name ?? '',
          storageGroup: s.storageGroup,
          store: s.name,
          dn: s.dn,
          kind: s.kind,
          mounted: (mount?.mountedOn ?? null) !== null,
          ...(mount?.event === undefined ? {} : { event: { ...mount.event } }),
          basis: 'store' as const,
        };
      });
  }

  const exchange: LabExchange = {
    settle: (signal) => serialized(async () => void (await settleNow(signal))),
    stores: (server, signal) => serialized(async () => mountsOf(await settleNow(signal), server)),
    allStores: (signal) => serialized(async () => mountsOf(await settleNow(signal))),
    openMailboxes: (server, signal): Promise<MailboxCheck> =>
      serialized(async () => {
        const directory = await settleNow(signal);
        const mailboxes = await readMailboxes(deps.directory, signal);
        return openMailboxes(mailboxes, { directory, virtualServers: virtualServers(), state }, server);
      }),
    openMailbox: (userDn, signal) =>
      serialized(async () => {
        const directory = await settleNow(signal);
        const mailbox = (await readMailboxes(deps.directory, signal)).find((m) => dnEquals(m.dn, userDn));
        if (mailbox === undefined) return { ok: false, reason: `${userDn} is not a mailbox (no user with a homeMDB has that DN)` };
        return openOneMailbox(mailbox, { directory, virtualServers: virtualServers(), state });
      }),
    virtualServers,
    snapshot: () => structuredClone(state),
    isMountedOn: (node) => state.stores.some((s) => s.mountedOn !== null && sameName(s.mountedOn.node, node)),
  };
  await exchange.settle();
  return exchange;
}

/** A new lab's state: each installed server's database files on its own cluster, last mounted by it. */
async function seedState(deps: LabExchangeDeps, at: string): Promise<LabExchangeState> {
  const installed = deps.installed ?? [
    { server: LAB.source.virtualServer, cluster: LAB.source.cluster },
    { server: LAB.target.virtualServer, cluster: LAB.target.cluster },
  ];
  const directory = await readExchangeDirectory(deps.directory);
  const state = emptyLabExchangeState();
  for (const { server, cluster } of installed) {
    for (const store of directory.stores.filter((s) => s.server !== undefined && sameName(s.server.name, server))) {
      if (store.edbFile === undefined) continue;
      state.files.push({ cluster, path: store.edbFile, lastMountedBy: server, at });
    }
  }
  return state;
}

/** Every connection of every running node's Double-Take, with its set's rules. */
function observeConnections(deps: LabExchangeDeps): { observed: ObservedConnection[]; upNodes: string[] } {
  const observed: ObservedConnection[] = [];
  const upNodes: string[] = [];
  for (const node of deps.doubleTake.nodes()) {
    if (!deps.isNodeUp(node)) continue;
    const server = deps.doubleTake.server(node);
    upNodes.push(node);
    for (const c of server.connections()) {
      observed.push({
        node,
        connectionId: c.id,
        replicationSet: c.replicationSet,
        target: c.target,
        mirror: c.mirror.state,
        bytesToMirror: c.mirror.bytesToMirror,
        rules: server.replicationSet(c.replicationSet)?.rules ?? [],
      });
    }
  }
  return { observed, upNodes };
}

/** Nodes by cluster; a Double-Take Target by an IP Address's Address, a Network Name's Name, a node or a cluster name. */
export function locator(clusters: readonly ClusterData[]): ClusterLocator {
  const property = (values: Readonly<Record<string, string | number>>, name: string): string | undefined => {
    const entry = Object.entries(values).find(([key]) => sameName(key, name));
    return entry === undefined ? undefined : String(entry[1]);
  };
  return {
    clusterOfNode: (node) => clusters.find((c) => c.nodes.some((n) => sameName(n.name, node)))?.name,
    clusterOfTarget: (target) =>
      clusters.find(
        (c) =>
          sameName(c.name, target) ||
          c.nodes.some((n) => sameName(n.name, target)) ||
          c.resources.some(
            (r) =>
              (sameName(r.type, 'IP Address') && property(r.privateProperties, 'Address') === target) ||
              (sameName(r.type, 'Network Name') && sameName(property(r.privateProperties, 'Name') ?? '', target)),
          ),
      )?.name,
  };
}
