import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labPairDocument } from '../../../../src-main/pair/lab-pair-document';
import type { SetupStepContext } from '../../../../src-main/setup/setup-step';
import { bringOnlineAndMonitor } from '../../../../src-main/setup/steps/bring-online-and-monitor';
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
  await createSourceConnection();
  await apply(targetVirtualServer);
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
    expect((await failing()).map((c) => c.detail)).toEqual(['It does not exist (step 4.5 creates it).']);
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
});
