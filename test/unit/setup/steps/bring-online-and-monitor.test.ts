import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import type { PairDocument } from '../../../../src-main/pair/pair-document-schema';
import type { SetupStepContext } from '../../../../src-main/setup/setup-step';
import { bringOnlineAndMonitor } from '../../../../src-main/setup/steps/bring-online-and-monitor';
import { sourceDoubleTakeOptions } from '../../../../src-main/setup/steps/doubletake-options';
import { replicationSetStep } from '../../../../src-main/setup/steps/replication-set';
import { sourceConnection } from '../../../../src-main/setup/steps/source-connection';
import { sourceVirtualServerSteps } from '../../../../src-main/setup/steps/source-virtual-server';
import { targetVirtualServer } from '../../../../src-main/setup/steps/target-virtual-server';
import { neededCommands as needed, stepLabPerTest } from '../../../helpers/setup-step-lab';

/** The monitor settings the lab's pair document gives each target node, as step 6 shows them. */
const LAB_MONITOR_SETTINGS = [
  'Failover Control Center monitor on TGT1, TGT2:',
  'Monitored address (Custom): 10.0.0.20',
  'Monitored name: EXCHVS',
  'Items to Failover: all cleared',
  'Use .SHR Share Mapping File (If Available): cleared',
].join('\n');

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

/** The administrator's confirmation that they entered the monitor a pair document asks for on each target node. */
function monitorConfirmed(pair: PairDocument = labPairDocument()): SetupStepContext['confirmation'] {
  const subject = bringOnlineAndMonitor.handwork?.(pair).subject;
  return (stepId) => (stepId === '6' ? { note: 'Entered on TGT1 and TGT2 by J. Admin', at: '2026-11-25T02:00:00.000Z', ...(subject !== undefined ? { subject } : {}) } : undefined);
}

/** A context where the monitor is confirmed (as the administrator does once it is entered). */
const confirmedContext = (pair: PairDocument = labPairDocument()) => t.context(pair, { confirmation: monitorConfirmed(pair) });

const MONITOR_CHECK = 'The administrator confirmed the monitor was entered on TGT1, TGT2';

const failing = async (ctx: SetupStepContext = confirmedContext()) => (await bringOnlineAndMonitor.verify(ctx)).filter((c) => !c.ok);

describe('step 6: bring the source group online and record the monitor', () => {
  it('plans the group online and the monitor record, with the settings to enter by hand on each target node', async () => {
    await earlierSteps();
    const plan = await bringOnlineAndMonitor.plan(t.context());
    expect(plan.actions.map((a) => [a.tool, a.target, a.command, a.needed])).toEqual([
      ['cluster', 'SRCCLUS', 'cluster SRCCLUS group "Exchange Group" /online', true],
      [
        'record',
        'progress file',
        LAB_MONITOR_SETTINGS,
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

  it('verifies only once the administrator confirms the monitor they entered on each target node, for the settings asked now', async () => {
    await earlierSteps();
    await apply(bringOnlineAndMonitor);
    // Everything the program can read is there; the monitor it can neither enter nor read is not confirmed.
    const unconfirmed = await failing(t.context());
    expect(unconfirmed.map((c) => c.what)).toEqual([MONITOR_CHECK]);
    expect(unconfirmed[0]?.detail).toMatch(/^Not confirmed yet: enter the monitor on each target node .*--confirm 6="what was entered where"\)\.$/);
    expect((await bringOnlineAndMonitor.plan(t.context())).findings.at(-1)).toMatch(/^Not confirmed: Not confirmed yet/);

    // Confirmed for the settings shown: the check passes and says by whom, with the note.
    const confirmed = await bringOnlineAndMonitor.verify(confirmedContext());
    expect(confirmed.find((c) => c.what === MONITOR_CHECK)).toEqual({
      what: MONITOR_CHECK,
      ok: true,
      detail: 'Confirmed at 2026-11-25T02:00:00.000Z: Entered on TGT1 and TGT2 by J. Admin',
    });
    expect(confirmed.every((c) => c.ok)).toBe(true);
    expect((await bringOnlineAndMonitor.plan(confirmedContext())).findings.at(-1)).toBe(
      'Confirmed: Confirmed at 2026-11-25T02:00:00.000Z: Entered on TGT1 and TGT2 by J. Admin',
    );

    // The pair document now spells the monitored name otherwise: the earlier confirmation was of other settings.
    const renamed = labPairDocument();
    renamed.monitor.monitoredName = 'exchvs';
    await apply(bringOnlineAndMonitor, renamed);
    const stale = await failing(t.context(renamed, { confirmation: monitorConfirmed() }));
    expect(stale).toEqual([
      {
        what: MONITOR_CHECK,
        ok: false,
        detail: 'The confirmation of 2026-11-25T02:00:00.000Z was for other settings; now wanted: Monitored name: exchvs. Enter these and confirm again.',
      },
    ]);
    expect(await failing(confirmedContext(renamed))).toEqual([]);
  });

  it('names the monitor and the nodes the confirmation is for', () => {
    const pair = labPairDocument();
    expect(bringOnlineAndMonitor.handwork?.(pair)).toEqual({
      what: MONITOR_CHECK,
      subject: LAB_MONITOR_SETTINGS,
    });
  });

  it('names every resource that is not online before the apply, then applies, verifies and converges', async () => {
    await earlierSteps();
    const before = await failing(t.context());
    expect(before.map((c) => c.detail)).toEqual([
      'Not online: "Double-Take Source Connection" (Offline).',
      'SRC1 has no such connection: the Source Connection resource did not connect; look at its state and at online.dtcl on SRC1.',
      'Nothing is recorded yet.',
      expect.stringMatching(/^Not confirmed yet: /),
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
    const ctx = confirmedContext(pair);
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
    expect((await failing(confirmedContext(lower))).map((c) => c.what)).toEqual([
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
