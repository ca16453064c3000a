import { sameName } from '../../cluster/object-names';
import { dnEquals } from '../../directory/dn';
import type { DirectoryStore } from './exchange-directory';
import type { ExchangeVirtualServer } from './exchange-virtual-servers';
import { fileKey, type DatabaseFileState, type LabExchangeState, type MountPlace, type StoreState } from './lab-exchange-state';
import { patchedCopyEvent, refusedCopyEvent } from './store-events';

/**
 * Exchange's mount rules in the lab. A store mounts where its server runs (the System Attendant online on node N,
 * the group's disks with it) and dismounts when it stops running there (taken offline, its node down, the group
 * moved: it mounts again on the new node). Mounting a database file another server mounted last on that cluster
 * (a Double-Take copy) needs msExchPatchMDB TRUE: then event 9524 and it mounts; else event 1087 and it stays
 * dismounted (Microsoft KB 251409). The lab never resets the flag. [assumed] a store left dismounted by 1087 tries
 * again whenever the lab settles (as an administrator's Mount in System Manager would), so setting the flag while
 * the group is online mounts it.
 */
export function settleStoreMounts(
  state: LabExchangeState,
  virtualServers: readonly ExchangeVirtualServer[],
  stores: readonly DirectoryStore[],
  at: string,
): LabExchangeState {
  const files = [...state.files];
  const settled: StoreState[] = [];
  for (const store of stores) {
    if (store.server === undefined) continue;
    const server = store.server.name;
    const previous = state.stores.find((s) => dnEquals(s.dn, store.dn));
    const running = virtualServers.find((v) => sameName(v.server, server) && v.runningOn !== undefined);
    const wanted: MountPlace | undefined = running?.runningOn === undefined ? undefined : { cluster: running.cluster, node: running.runningOn };
    const current = previous?.mountedOn ?? null;
    const base = { dn: store.dn, server, ...(previous?.event === undefined ? {} : { event: previous.event }) };
    if (wanted === undefined) {
      settled.push({ ...base, mountedOn: null });
      continue;
    }
    if (current !== null && sameName(current.cluster, wanted.cluster) && sameName(current.node, wanted.node)) {
      settled.push({ ...base, mountedOn: current });
      continue;
    }
    settled.push(mount(store, server, wanted, base, files, at));
  }
  return { ...state, files, stores: settled };
}

function mount(store: DirectoryStore, server: string, place: MountPlace, base: Omit<StoreState, 'mountedOn'>, files: DatabaseFileState[], at: string): StoreState {
  if (store.edbFile === undefined) return { ...base, mountedOn: null };
  const key = fileKey(place.cluster, store.edbFile);
  if (key === undefined) return { ...base, mountedOn: null };
  const index = files.findIndex((f) => fileKey(f.cluster, f.path) === key);
  const file = index < 0 ? undefined : files[index];
  const label = `${server}'s ${store.name} (${store.storageGroup})`;
  const copied = file !== undefined && !sameName(file.lastMountedBy, server);
  let event = base.event;
  if (copied) {
    if (!store.patchAllowed) {
      const refused = base.event?.id === 1087 ? base.event : refusedCopyEvent(label, at);
      return { ...base, event: refused, mountedOn: null };
    }
    event = patchedCopyEvent(label, at);
  }
  const record: DatabaseFileState = { cluster: place.cluster, path: store.edbFile, lastMountedBy: server, at };
  if (index < 0) files.push(record);
  else if (copied || file === undefined) files[index] = record;
  return { ...base, ...(event === undefined ? {} : { event }), mountedOn: place };
}
