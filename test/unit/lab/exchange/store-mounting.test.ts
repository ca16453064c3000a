import { describe, expect, it } from 'vitest';
import { exchangeVirtualServers } from '../../../../src-main/lab/exchange/exchange-virtual-servers';
import { emptyLabExchangeState, type LabExchangeState } from '../../../../src-main/lab/exchange/lab-exchange-state';
import { settleStoreMounts } from '../../../../src-main/lab/exchange/store-mounting';
import type { MscsCluster } from '../../../../src-main/lab/mscs/mscs-cluster';
import { LAB } from '../../../../src-main/lab/topology';
import { GROUP, exchangeClusterModel, seededStores } from './exchange-lab-fixtures';

const T1 = '2026-12-08T03:00:00.000Z';
const T2 = '2026-12-08T03:05:00.000Z';
const SRC = LAB.source.virtualServer;
const DR = LAB.target.virtualServer;

/** A state whose target files are copies of the source's (a mirror completed). */
function copiedToTarget(): LabExchangeState {
  const state = emptyLabExchangeState();
  for (const store of seededStores(DR)) state.files.push({ cluster: LAB.target.cluster, path: store.edbFile ?? '', lastMountedBy: SRC, at: T1 });
  return state;
}

function settle(state: LabExchangeState, model: MscsCluster, patchAllowed: boolean, server: string, at = T1): LabExchangeState {
  return settleStoreMounts(state, exchangeVirtualServers(model.toJSON()), seededStores(server, patchAllowed), at);
}

describe('store mounting by Exchange rules', () => {
  it('mounts every store of a server whose System Attendant is online, on its node, and records who mounted each file', () => {
    const model = exchangeClusterModel('source');
    model.onlineGroup(GROUP.name);
    const state = settle(emptyLabExchangeState(), model, false, SRC);
    expect(state.stores).toHaveLength(4);
    expect(state.stores.every((s) => s.mountedOn?.node === 'SRC1' && s.mountedOn.cluster === 'SRCCLUS' && s.event === undefined)).toBe(true);
    expect(state.files.map((f) => f.lastMountedBy)).toEqual([SRC, SRC, SRC, SRC]);
  });

  it('leaves every store dismounted while the System Attendant is offline', () => {
    const model = exchangeClusterModel('source');
    model.onlineResource(GROUP.disk);
    model.onlineResource(GROUP.networkName);
    const state = settle(emptyLabExchangeState(), model, false, SRC);
    expect(state.stores.every((s) => s.mountedOn === null)).toBe(true);
    expect(state.files).toEqual([]);
  });

  it('refuses a copied database without msExchPatchMDB: event 1087, dismounted, and the file stays a copy', () => {
    const model = exchangeClusterModel('target');
    model.onlineGroup(GROUP.name);
    const state = settle(copiedToTarget(), model, false, DR);
    for (const store of state.stores) {
      expect(store.mountedOn).toBeNull();
      expect(store.event?.id).toBe(1087);
      expect(store.event?.at).toBe(T1);
      expect(store.event?.text).toContain(`${DR}'s`);
    }
    expect(state.files.every((f) => f.lastMountedBy === SRC)).toBe(true);
    // Settled again later, still refused: the first event is kept (its time does not move).
    const again = settle(state, model, false, DR, T2);
    expect(again.stores.every((s) => s.mountedOn === null && s.event?.id === 1087 && s.event.at === T1)).toBe(true);
  });

  it('patches and mounts a copied database with msExchPatchMDB TRUE: event 9524, and the file is then its own', () => {
    const model = exchangeClusterModel('target');
    model.onlineGroup(GROUP.name);
    const refused = settle(copiedToTarget(), model, false, DR);
    const state = settle(refused, model, true, DR, T2);
    for (const store of state.stores) {
      expect(store.mountedOn).toEqual({ cluster: 'TGTCLUS', node: 'TGT1' });
      expect(store.event).toMatchObject({ id: 9524, at: T2 });
    }
    expect(state.files.every((f) => f.lastMountedBy === DR && f.at === T2)).toBe(true);
    // Mounted again after a dismount: its own file now, no new event.
    model.offlineGroup(GROUP.name);
    const dismounted = settle(state, model, true, DR, T2);
    model.onlineGroup(GROUP.name);
    const remounted = settle(dismounted, model, false, DR, '2026-12-08T04:00:00.000Z');
    expect(remounted.stores.every((s) => s.mountedOn?.node === 'TGT1' && s.event?.id === 9524 && s.event.at === T2)).toBe(true);
  });

  it('dismounts when the node goes down and mounts again on the node the group fails over to', () => {
    const model = exchangeClusterModel('source');
    model.onlineGroup(GROUP.name);
    const mounted = settle(emptyLabExchangeState(), model, false, SRC);
    model.stopNode('SRC1');
    const moved = settle(mounted, model, false, SRC, T2);
    expect(moved.stores.every((s) => s.mountedOn?.node === 'SRC2' && s.event === undefined)).toBe(true);
    model.stopNode('SRC2');
    const down = settle(moved, model, false, SRC, T2);
    expect(down.stores.every((s) => s.mountedOn === null)).toBe(true);
  });

  it('dismounts when the group moves and mounts on the node it moved to', () => {
    const model = exchangeClusterModel('source');
    model.onlineGroup(GROUP.name);
    const mounted = settle(emptyLabExchangeState(), model, false, SRC);
    model.moveGroup(GROUP.name, 'SRC2');
    const moved = settle(mounted, model, false, SRC, T2);
    expect(moved.stores.map((s) => s.mountedOn)).toEqual(Array(4).fill({ cluster: 'SRCCLUS', node: 'SRC2' }));
    expect(moved.files).toEqual(mounted.files);
  });

  it('dismounts when the group is taken offline or the System Attendant alone goes offline', () => {
    const model = exchangeClusterModel('source');
    model.onlineGroup(GROUP.name);
    const mounted = settle(emptyLabExchangeState(), model, false, SRC);
    model.offlineResource(GROUP.systemAttendant);
    expect(settle(mounted, model, false, SRC).stores.every((s) => s.mountedOn === null)).toBe(true);
    model.onlineGroup(GROUP.name);
    model.offlineGroup(GROUP.name);
    expect(settle(mounted, model, false, SRC).stores.every((s) => s.mountedOn === null)).toBe(true);
  });

  it('a store without a database file never mounts', () => {
    const model = exchangeClusterModel('source');
    model.onlineGroup(GROUP.name);
    const stores = seededStores(SRC).map((s, i) => (i === 0 ? { ...s, edbFile: undefined } : s));
    const state = settleStoreMounts(emptyLabExchangeState(), exchangeVirtualServers(model.toJSON()), stores, T1);
    expect(state.stores.map((s) => s.mountedOn !== null)).toEqual([false, true, true, true]);
  });
});

describe('Exchange virtual servers of a cluster', () => {
  it('finds the Network Name of the group holding the System Attendant and says why it does not run', () => {
    const model = exchangeClusterModel('target');
    expect(exchangeVirtualServers(model.toJSON())).toEqual([
      { server: DR, cluster: 'TGTCLUS', group: GROUP.name, systemAttendant: GROUP.systemAttendant, notRunning: 'the group Exchange Group on TGTCLUS is offline' },
    ]);
    model.onlineResource(GROUP.networkName);
    expect(exchangeVirtualServers(model.toJSON())[0]?.notRunning).toBe(
      `the group Exchange Group on TGTCLUS is partially online: its resource '${GROUP.systemAttendant}' is offline`,
    );
    model.onlineGroup(GROUP.name);
    expect(exchangeVirtualServers(model.toJSON())[0]).toMatchObject({ runningOn: 'TGT1' });
    model.stopNode('TGT1');
    model.stopNode('TGT2');
    expect(exchangeVirtualServers(model.toJSON())[0]?.notRunning).toBe('the group Exchange Group on TGTCLUS is offline: TGTCLUS does not answer (every node is down)');
  });

  it('ignores groups without a System Attendant (the Cluster Group)', () => {
    const model = exchangeClusterModel('source');
    expect(exchangeVirtualServers(model.toJSON()).map((v) => v.group)).toEqual([GROUP.name]);
  });
});
