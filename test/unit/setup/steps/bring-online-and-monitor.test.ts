import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labPairDocument } from '../../../../src-main/pair/lab-pair-document';
import type { SetupStepContext } from '../../../../src-main/setup/setup-step';
import { bringOnlineAndMonitor } from '../../../../src-main/setup/steps/bring-online-and-monitor';
import { sourceDoubleTakeOptions } from '../../../../src-main/setup/steps/doubletake-options';
import { replicationSetStep } from '../../../../src-main/setup/steps/replication-set';
import { sourceConnection } from '../../../../src-main/setup/steps/source-connection';
import { sourceVirtualServerSteps } from '../../../../src-main/setup/steps/source-virtual-server';
import { targetVirtualServer } from '../../../../src-main/setup/steps/target-virtual-server';
import { neededCommands as needed, stepLabPerTest } from '../../../helpers/setup-step-lab';

const t = stepLabPerTest();
const apply = t.apply;

/** The other helper's step 4.5, by hand: the Source Connection in the group, offline, depending on the disk. */
async function createSourceConnection(): Promise<void> {
  await t.lab.source.run({ kind: 'resource-create', resource: 'Double-Take Source Connection', group: 'Exchange Group', type: 'Double-Take Source Connection' });
  await t.lab.source.run({ kind: 'resource-set-private', resource: 'Double-Take Source Connection', properties: { ReplicationSet: 'Exchange', Target: '10.1.0.21' } });
  await t.lab.source.run({ kind: 'resource-add-dependency', resource: 'Double-Take Source Connection', dependsOn: 'Disk E:' });
}

async function earlierSteps(): Promise<void> {
  for (const step of sourceVirtualServerSteps) await apply(step);
  await apply(replicationSetStep);
  await createSourceConnection();
  await apply(targetVirtualServer);
}

/** Steps 4.2.1-4.5 and 5.2 as the program applies them (4.3 sets AutoReconnect 0; 4.5 patches online.dtcl). */
async function everyEarlierStep(): Promise<void> {
  for (const step of [...sourceVirtualServerSteps, sourceDoubleTakeOptions, replicationSetStep, sourceConnection, targetVirtualServer]) await apply(step);
}

const failing = async (ctx: SetupStepContext = t.context()) => (await bringOnlineAndMonitor.verify(ctx)).filter((c) => !c.ok);

describe('step 6: bring the source group online and record the monitor', () => {
  it('plans the group online and the monitor record, with the settings to enter by hand on each target node', async () => {
    await earlierSteps();
    const plan = await bringOnlineAndMonitor.plan(t.context());
    expect(plan.actions.map((a) => [a.tool, a.target, a.command, a.needed])).toEqual([
      ['cluster', 'SRCCLUS', 'cluster SRCCLUS group "Exchange Group" /online', true],
      [
        'record',
        'progress file',
        [
          'Failover Control Center monitor on TGT1, TGT2:',
          'Monitored address (Custom): 10.0.0.20',
          'Monitored name: EXCHVS',
          'Items to Failover: all cleared',
          'Use .SHR Share Mapping File (If Available): cleared',
        ].join('\n'),
        true,
      ],
    ]);
    expect(plan.actions[0]?.description).toContain('"Double-Take Source Connection" (Offline)');
    expect(plan.warnings).toEqual([]);
    expect(plan.findings.filter((f) => f.startsWith('On TGT'))).toEqual([
      'On TGT1: Start, Programs, Double-Take, Failover Control Center; Target Machine: TGT1; Add Monitor; Custom; IP address 10.0.0.20, name EXCHVS; OK; in Names to Monitor mark 10.0.0.20; clear every item in Items to Failover; clear "Use .SHR Share Mapping File (If Available)"; OK.',
      'On TGT2: Start, Programs, Double-Take, Failover Control Center; Target Machine: TGT2; Add Monitor; Custom; IP address 10.0.0.20, name EXCHVS; OK; in Names to Monitor mark 10.0.0.20; clear every item in Items to Failover; clear "Use .SHR Share Mapping File (If Available)"; OK.',
    ]);
    expect(t.records.size).toBe(0);
  });

  it('names every resource that is not online before the apply, then applies, verifies and converges', async () => {
    await earlierSteps();
    const before = await failing();
    expect(before.map((c) => c.detail)).toEqual([
      'Not online: "Double-Take Source Connection" (Offline).',
      'SRC1 has no such connection: the Source Connection resource did not connect; look at its state and at online.dtcl on SRC1.',
      'Nothing is recorded yet.',
    ]);

    await apply(bringOnlineAndMonitor);
    expect(await failing()).toEqual([]);
    const source = (await t.lab.source.resources()).filter((r) => r.group === 'Exchange Group');
    expect(source.map((r) => r.state)).toEqual(['Online', 'Online', 'Online', 'Online', 'Online']);
    expect((await t.lab.source.groups()).find((g) => g.name === 'Exchange Group')?.state).toBe('Online');
    expect(t.records.get('6')).toEqual({ monitoredAddress: '10.0.0.20', monitoredName: 'EXCHVS', clearItemsToFailover: true, useShrShareMapping: false });
    const target = (await t.lab.target.resources()).filter((r) => r.group === 'Exchange Group' && r.state === 'Online');
    expect(target.map((r) => r.name)).toEqual(['Double-Take Replication IP Address']);

    const bytes = await readFile(join(t.lab.folder, 'clusters.json'));
    const again = await apply(bringOnlineAndMonitor);
    expect(needed(again)).toEqual([]);
    expect((await readFile(join(t.lab.folder, 'clusters.json'))).equals(bytes)).toBe(true);
  });

  it('warns and fails without the Source Connection of step 4.5', async () => {
    for (const step of sourceVirtualServerSteps) await apply(step);
    await apply(targetVirtualServer);
    const plan = await bringOnlineAndMonitor.plan(t.context());
    expect(plan.warnings.some((w) => w.startsWith('The Double-Take Source Connection "Double-Take Source Connection" is not in "Exchange Group"'))).toBe(true);
    // Every resource there is online already: the group online is not needed.
    expect(needed(plan)).toEqual([plan.actions[1]?.command]);
    await apply(bringOnlineAndMonitor);
    expect((await failing()).map((c) => c.detail)).toEqual([
      'It does not exist (step 4.5 creates it).',
      'SRC1 has no such connection: the Source Connection resource did not connect; look at its state and at online.dtcl on SRC1.',
    ]);
  });

  it('fails while a target Exchange resource is online, naming it', async () => {
    await earlierSteps();
    await apply(bringOnlineAndMonitor);
    await t.lab.target.run({ kind: 'resource-online', resource: 'Exchange Network Name' });
    const failed = await failing();
    expect(failed.map((c) => c.detail)).toEqual(['Not offline: "Exchange IP Address" (Online), "Exchange Network Name" (Online).']);
    expect((await bringOnlineAndMonitor.plan(t.context())).warnings.some((w) => w.startsWith('"Exchange Network Name" is Online on TGTCLUS'))).toBe(true);
  });

  it('re-records when the monitor settings change and names a monitor field that does not match the source', async () => {
    await earlierSteps();
    await apply(bringOnlineAndMonitor);
    const pair = labPairDocument();
    pair.monitor.monitoredName = 'OTHERVS';
    pair.monitor.monitoredAddress = '10.0.0.21';
    const ctx = t.context(pair);
    const failed = await failing(ctx);
    expect(failed.map((c) => c.detail)).toEqual([
      'Recorded values differ in: monitoredAddress, monitoredName.',
      'monitor.monitoredAddress is 10.0.0.21, not source.ipAddress.address 10.0.0.20.',
      'monitor.monitoredName is OTHERVS, not source.networkName.name EXCHVS.',
    ]);
    const plan = await apply(bringOnlineAndMonitor, pair);
    expect(needed(plan)).toHaveLength(1);
    expect(plan.actions[1]?.needed).toBe(true);
    expect(plan.warnings.some((w) => w.startsWith('The monitor does not watch the source virtual server'))).toBe(true);
    expect(t.records.get('6')).toMatchObject({ monitoredName: 'OTHERVS', monitoredAddress: '10.0.0.21' });

    // The name compares without regard to case.
    const lower = labPairDocument();
    lower.monitor.monitoredName = 'exchvs';
    expect((await failing(t.context(lower))).map((c) => c.what)).toEqual([
      'The monitor settings (address, name, Items to Failover, .SHR mapping) are recorded for step 6',
    ]);
  });

  it('starts replication: online.dtcl on the owning node connects the set and mirrors with ORPHANS once step 4.5 patched it', async () => {
    await everyEarlierStep();
    await apply(bringOnlineAndMonitor);
    const [connection, ...others] = t.lab.doubleTake.server('SRC1').connections();
    expect(others).toEqual([]);
    expect(connection).toMatchObject({ replicationSet: 'Exchange', target: '10.1.0.21', state: 'connected' });
    expect(connection?.mirror.options).toMatchObject({ mode: 'different', checksum: true, orphans: true });
    const check = (await bringOnlineAndMonitor.verify(t.context())).find((c) => c.what.startsWith('Double-Take on the owning node'));
    expect(check).toMatchObject({ ok: true, what: expect.stringContaining(`(SRC1, connection ${connection?.id}, mirror complete)`) });
    // The lab panel's view of it.
    const [sourceCluster] = await t.lab.clusters();
    expect(sourceCluster?.nodes.map((n) => [n.name, n.replication])).toEqual([
      ['SRC1', [{ replicationSet: 'Exchange', target: '10.1.0.21', state: 'connected', mirror: 'complete', queuedBytes: 0 }]],
      ['SRC2', []],
    ]);
  });

  it('follows a failover inside the source cluster: SRC2 connects with its own identical set and patched script', async () => {
    await everyEarlierStep();
    await apply(bringOnlineAndMonitor);
    await t.lab.power('SRC1', false);
    expect((await t.lab.source.groups()).find((g) => g.name === 'Exchange Group')).toMatchObject({ owner: 'SRC2', state: 'Online' });
    expect(t.lab.doubleTake.server('SRC2').connections()).toEqual([
      expect.objectContaining({ replicationSet: 'Exchange', target: '10.1.0.21', state: 'connected', mirror: expect.objectContaining({ options: expect.objectContaining({ orphans: true }) }) }),
    ]);
    const check = (await bringOnlineAndMonitor.verify(t.context())).find((c) => c.what.startsWith('Double-Take on the owning node'));
    expect(check).toMatchObject({ ok: true, what: expect.stringContaining('(SRC2, connection') });
    // SRC1 boots again: its Double-Take starts without the old connection (AutoReconnect is 0, step 4.3).
    await t.lab.power('SRC1', true);
    expect(t.lab.doubleTake.server('SRC1').connections()).toEqual([]);
    expect(t.lab.doubleTake.server('SRC2').connections()).toHaveLength(1);
  });

  it('leaves the Source Connection Failed, and the group apply fails with 5038, when online.dtcl cannot connect', async () => {
    for (const step of sourceVirtualServerSteps) await apply(step);
    await createSourceConnection(); // no replication set on SRC1: step 4.4 was skipped
    await apply(targetVirtualServer);
    const outcome = await bringOnlineAndMonitor.plan(t.context());
    expect(outcome.actions[0]?.needed).toBe(true);
    await expect(t.lab.source.run({ kind: 'group-online', group: 'Exchange Group' })).rejects.toMatchObject({
      code: 5038,
      message: expect.stringMatching(/'Double-Take Source Connection' on SRC1: online\.dtcl returned 1: .*Replication set 'Exchange' does not exist/),
    });
    expect((await t.lab.source.resources()).find((r) => r.name === 'Double-Take Source Connection')?.state).toBe('Failed');
    expect(t.lab.doubleTake.server('SRC1').connections()).toEqual([]);
    expect((await failing()).map((c) => c.detail)).toContain('Not online: "Double-Take Source Connection" (Failed).');
  });
});
