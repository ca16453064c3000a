import { describe, expect, it } from 'vitest';
import { exchangeDns } from '../../../../src-main/lab/directory/exchange-names';
import type { DirectoryMailbox, ExchangeDirectoryView } from '../../../../src-main/lab/exchange/exchange-directory';
import { exchangeVirtualServers } from '../../../../src-main/lab/exchange/exchange-virtual-servers';
import { emptyLabExchangeState, type LabExchangeState } from '../../../../src-main/lab/exchange/lab-exchange-state';
import { MAILBOX_FAILURES_SHOWN, openMailbox, openMailboxes, type ClientView } from '../../../../src-main/lab/exchange/mailbox-client';
import { settleStoreMounts } from '../../../../src-main/lab/exchange/store-mounting';
import type { MscsCluster } from '../../../../src-main/lab/mscs/mscs-cluster';
import { GROUP, exchangeClusterModel, seededStores } from './exchange-lab-fixtures';

const T = '2026-12-08T03:00:00.000Z';
const dns = exchangeDns();
const SRC_STORE = dns.store('EXCHVS', 'First Storage Group', 'Mailbox Store (EXCHVS)');
const DR_STORE = dns.store('EXCHVS-DR', 'First Storage Group', 'Mailbox Store (EXCHVS-DR)');

const mailbox = (homeMdb: string, label = 'Anna Smith'): DirectoryMailbox => ({ dn: `CN=${label},OU=Users,DC=lab,DC=local`, label, homeMdb });

function directory(): ExchangeDirectoryView {
  const stray = { ...seededStores('EXCHVS')[0]!, dn: 'CN=Lost,CN=Somewhere,DC=lab,DC=local', name: 'Lost' };
  const { server: _ignored, ...withoutServer } = stray;
  return {
    servers: [seededStores('EXCHVS')[0]!.server!, seededStores('EXCHVS-DR')[0]!.server!],
    stores: [...seededStores('EXCHVS'), ...seededStores('EXCHVS-DR'), withoutServer],
  };
}

function view(models: readonly MscsCluster[], state: LabExchangeState = emptyLabExchangeState()): ClientView {
  const virtualServers = models.flatMap((m) => exchangeVirtualServers(m.toJSON()));
  const settled = settleStoreMounts(state, virtualServers, directory().stores, T);
  return { directory: directory(), virtualServers, state: settled };
}

describe('the simulated client', () => {
  it('opens a mailbox whose store is mounted where its server runs', () => {
    const source = exchangeClusterModel('source');
    source.onlineGroup(GROUP.name);
    expect(openMailbox(mailbox(SRC_STORE), view([source]))).toEqual({ ok: true, server: 'EXCHVS', store: 'Mailbox Store (EXCHVS)', cluster: 'SRCCLUS', node: 'SRC1' });
  });

  it('says the homeMDB names no store', () => {
    const result = openMailbox(mailbox('CN=Gone,CN=First Storage Group,CN=InformationStore,CN=EXCHVS,DC=lab,DC=local'), view([]));
    expect(result).toEqual({ ok: false, reason: 'homeMDB names no store (CN=Gone,CN=First Storage Group,CN=InformationStore,CN=EXCHVS,DC=lab,DC=local)' });
    expect(openMailbox(mailbox('not a DN'), view([]))).toEqual({ ok: false, reason: 'homeMDB names no store (not a DN)' });
  });

  it('says the store lies under no Exchange server', () => {
    const result = openMailbox(mailbox('CN=Lost,CN=Somewhere,DC=lab,DC=local'), view([]));
    expect(result).toEqual({ ok: false, reason: 'its store Lost (CN=Lost,CN=Somewhere,DC=lab,DC=local) lies under no Exchange server' });
  });

  it('says no cluster group runs the server', () => {
    expect(openMailbox(mailbox(DR_STORE), view([exchangeClusterModel('source')]))).toEqual({
      ok: false,
      reason: 'no cluster group runs EXCHVS-DR (no group with a System Attendant has a Network Name named EXCHVS-DR)',
    });
  });

  it('says the group is offline, or its cluster does not answer', () => {
    const target = exchangeClusterModel('target');
    expect(openMailbox(mailbox(DR_STORE), view([target]))).toEqual({ ok: false, reason: 'the group Exchange Group on TGTCLUS is offline' });
    target.onlineGroup(GROUP.name);
    target.stopNode('TGT1');
    target.stopNode('TGT2');
    expect(openMailbox(mailbox(DR_STORE), view([target]))).toEqual({
      ok: false,
      reason: 'the group Exchange Group on TGTCLUS is offline: TGTCLUS does not answer (every node is down)',
    });
  });

  it('says the store is not mounted, with event 1087 when the copy was refused', () => {
    const target = exchangeClusterModel('target');
    target.onlineGroup(GROUP.name);
    const copied = emptyLabExchangeState();
    for (const store of seededStores('EXCHVS-DR')) copied.files.push({ cluster: 'TGTCLUS', path: store.edbFile!, lastMountedBy: 'EXCHVS', at: T });
    const result = openMailbox(mailbox(DR_STORE), view([target], copied));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^EXCHVS-DR's Mailbox Store \(EXCHVS-DR\) is not mounted on TGT1 \(TGTCLUS\): event 1087 at 2026-12-08T03:00:00.000Z: /);
  });

  it('refuses a mailbox homed on another server than the one expected', () => {
    const source = exchangeClusterModel('source');
    source.onlineGroup(GROUP.name);
    expect(openMailbox(mailbox(SRC_STORE), view([source]), 'EXCHVS-DR')).toEqual({
      ok: false,
      reason: "its homeMDB is EXCHVS's Mailbox Store (EXCHVS), not a store of EXCHVS-DR",
    });
  });

  it('counts every mailbox and lists at most 20 failures', () => {
    const source = exchangeClusterModel('source');
    source.onlineGroup(GROUP.name);
    const mailboxes = [
      ...Array.from({ length: 30 }, (_, i) => mailbox(SRC_STORE, `Opened ${i}`)),
      ...Array.from({ length: 25 }, (_, i) => mailbox(DR_STORE, `Failed ${i}`)),
    ];
    const check = openMailboxes(mailboxes, view([source]), 'EXCHVS');
    expect(check).toMatchObject({ total: 55, opened: 30, method: 'opened' });
    expect(check.failures).toHaveLength(MAILBOX_FAILURES_SHOWN);
    expect(check.failures[0]).toEqual({ mailbox: 'Failed 0', reason: "its homeMDB is EXCHVS-DR's Mailbox Store (EXCHVS-DR), not a store of EXCHVS" });
  });
});
