import { describe, expect, it } from 'vitest';
import { mirrorStep } from '../../../../src-main/incident/failback-runbook/mirror';
import { queueDrainedStep } from '../../../../src-main/incident/failback-runbook/queue-drained';
import { reverseSourceConnectionStep } from '../../../../src-main/incident/failback-runbook/reverse-source-connection';
import { sourceConnectionOfflineStep } from '../../../../src-main/incident/failback-runbook/source-connection-offline';
import { sourceNodeUpStep } from '../../../../src-main/incident/failback-runbook/source-node-up';
import { splitTargetGroup, targetExchangeOfflineStep } from '../../../../src-main/incident/failback-runbook/target-exchange-offline';
import { failbackNames, reversedPair } from '../../../../src-main/incident/failback-runbook/failback-names';
import { RunbookTimeout } from '../../../../src-main/incident/runbook/runbook-helpers';
import { FailbackRefusedError } from '../../../../src-main/incident/failback-runbook/failback-actions';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import { connection, fakeRun, fakeState, resource } from './fake-failback-world';

const MiB = 1_048_576;
const noFailbackAddress = () => {
  const pair = labPairDocument();
  return { ...pair, incident: { ...pair.incident, failbackAddress: undefined } };
};

/** The target's Exchange group after a failover, with the reverse Source Connection. */
function targetGroup(connectionState: 'Online' | 'Offline' = 'Online') {
  return [
    resource('Disk E:', 'Physical Disk', 'Online'),
    resource('Exchange IP Address', 'IP Address', 'Online'),
    resource('Double-Take Replication IP Address', 'IP Address', 'Online'),
    resource('Exchange Network Name', 'Network Name', 'Online', ['Exchange IP Address']),
    resource('Exchange System Attendant', 'Microsoft Exchange System Attendant', 'Online', ['Exchange Network Name', 'Disk E:']),
    resource('Exchange Information Store', 'Microsoft Exchange Information Store', 'Online', ['Exchange System Attendant']),
    resource('Double-Take Source Connection', 'Double-Take Source Connection', connectionState, ['Disk E:']),
    resource('Cluster Name', 'Network Name', 'Online', [], 'Cluster Group'),
  ];
}

describe('failback step 1: a source node up without Exchange', () => {
  it('refuses when the source cluster does not answer, or no node is up, saying what to do', async () => {
    const state = fakeState();
    state.source.unreachable = 'The RPC server is unavailable.';
    const unreachable = await sourceNodeUpStep.plan(fakeRun(state).context);
    expect(unreachable.refusal).toBe(
      'SRCCLUS could not be read (system error 1722): The RPC server is unavailable. Bring one or both source nodes up (guide 8 step 1), without letting "Exchange Group" start, then plan again.',
    );
    const down = fakeState();
    down.source.nodes = [
      { name: 'SRC1', state: 'Down' },
      { name: 'SRC2', state: 'Down' },
    ];
    expect((await sourceNodeUpStep.plan(fakeRun(down).context)).refusal).toBe(
      'No node of SRCCLUS is up (SRC1 Down, SRC2 Down). Bring one or both source nodes up (guide 8 step 1), without letting "Exchange Group" start, then plan again.',
    );
  });

  it('refuses a group partly online too, and a missing group; passes an offline or failed group on an up node', async () => {
    const state = fakeState();
    const group = state.source.groups[0];
    if (group === undefined) throw new Error('no group');
    state.source.groups = [{ ...group, state: 'Partially Online', owner: 'SRC1' }];
    expect((await sourceNodeUpStep.plan(fakeRun(state).context)).refusal).toMatch(/^"Exchange Group" is Partially Online on SRC1 while the target serves the mailboxes/);
    state.source.groups = [{ ...group, state: 'Failed' }];
    const failed = await sourceNodeUpStep.plan(fakeRun(state).context);
    expect(failed.refusal).toBeUndefined();
    expect(await sourceNodeUpStep.verify(fakeRun(state).context)).toEqual([
      { what: 'SRCCLUS: at least one source node is up', ok: true, detail: 'Nodes: SRC1 Up, SRC2 Down.' },
      { what: 'SRCCLUS: the Exchange group "Exchange Group" is not online', ok: true, detail: '"Exchange Group" is Failed (owner SRC1).' },
    ]);
    state.source.groups = [];
    expect((await sourceNodeUpStep.plan(fakeRun(state).context)).refusal).toContain('SRCCLUS has no group "Exchange Group"');
    expect(state.source.commands).toEqual([]);
  });
});

describe('failback steps 3 and 4 without a failback address', () => {
  it('refuse, naming the field to fill, and verify says the same', async () => {
    const run = fakeRun(fakeState(), { pair: noFailbackAddress() });
    for (const step of [reverseSourceConnectionStep, mirrorStep]) {
      const plan = await step.plan(run.context);
      expect(plan.refusal).toMatch(/^The pair document has no failback address: fill incident\.failbackAddress with an IPv4 address on the source cluster/);
      expect(plan.actions).toEqual([]);
    }
    expect((await reverseSourceConnectionStep.verify(run.context))[0]).toMatchObject({ ok: false, detail: expect.stringContaining('incident.failbackAddress') as string });
  });

  it('the reversed document puts the target in the source\'s place, keeping the resource name', () => {
    const pair = labPairDocument();
    const reversed = reversedPair(pair, '10.0.0.10');
    expect(reversed.source.cluster).toEqual(pair.target.cluster);
    expect(reversed.source.physicalDisks).toEqual(pair.target.physicalDisks);
    expect(reversed.source.sourceConnection).toEqual({ resourceName: pair.source.sourceConnection.resourceName, targetAddress: '10.0.0.10' });
    expect('replicationIpAddress' in reversed.source).toBe(false);
    expect(reversed.target).toEqual(pair.target);
  });
});

describe('failback step 4: the mirror', () => {
  it('fails at once when the resource failed to come online, naming its owner', async () => {
    const state = fakeState();
    state.target.resources = targetGroup('Offline');
    const run = fakeRun(state);
    const plan = await mirrorStep.plan(run.context);
    expect(plan.actions.map((a) => [a.command.split('\n')[0], a.needed])).toEqual([
      ['cluster TGTCLUS res "Double-Take Source Connection" /online', true],
      ['LOGIN TGT1 LAB\\dtadmin ********;', true],
    ]);
    await plan.actions[0]?.run(run.context);
    state.target.resources = state.target.resources.map((r) => (r.name === 'Double-Take Source Connection' ? { ...r, state: 'Failed' } : r));
    await expect(plan.actions[1]?.run(run.context)).rejects.toThrow(/"Double-Take Source Connection" failed to come online .* on its owner TGT1/);
  });

  it('plans before step 3 made the resource (the whole run is planned first): a finding, not a refusal', async () => {
    const state = fakeState();
    state.target.resources = targetGroup().filter((r) => r.type !== 'Double-Take Source Connection');
    for (const dryRun of [false, true]) {
      const plan = await mirrorStep.plan(fakeRun(state, { dryRun }).context);
      expect(plan.refusal).toBeUndefined();
      expect(plan.findings).toEqual(['TGTCLUS has no resource "Double-Take Source Connection" yet (step 3 provides it before this step runs).']);
      expect(plan.actions.map((a) => a.needed)).toEqual([true, true]);
    }
  });
});

describe('failback step 6: the target\'s Exchange offline, the Source Connection left online', () => {
  it('keeps the Source Connection and what it depends on; takes the rest offline, dependents first, this group only', () => {
    const split = splitTargetGroup(targetGroup(), failbackNames(labPairDocument()), ['Disk E:']);
    expect(split.keep.map((r) => r.name)).toEqual(['Disk E:', 'Double-Take Source Connection']);
    // Nothing depends on the replication address, so it may go first; every other resource after its dependents.
    expect(split.offline.map((r) => r.name)).toEqual([
      'Double-Take Replication IP Address',
      'Exchange Information Store',
      'Exchange System Attendant',
      'Exchange Network Name',
      'Exchange IP Address',
    ]);
  });

  it('takes nothing offline while the Source Connection is not online (the changes until then would never reach the source)', async () => {
    const state = fakeState();
    state.target.resources = targetGroup('Offline');
    const run = fakeRun(state);
    const plan = await targetExchangeOfflineStep.plan(run.context);
    expect(plan.refusal).toBeUndefined();
    expect(plan.findings[0]).toBe('"Double-Take Source Connection" is Offline; it must be online (step 4 provides it before this step runs).');
    await expect(plan.actions[0]?.run(run.context)).rejects.toThrow(
      new FailbackRefusedError(
        '"Double-Take Source Connection" is Offline on TGTCLUS: it must stay online while the Exchange resources go offline, or the changes users make until then never reach the source (steps 3 and 4 make it and bring it online).',
      ),
    );
    expect(state.target.commands).toEqual([]);
  });

  it('plans one offline per resource still online, and verifies each', async () => {
    const state = fakeState();
    state.target.resources = targetGroup();
    const run = fakeRun(state);
    const plan = await targetExchangeOfflineStep.plan(run.context);
    expect(plan.actions.map((a) => a.command)).toEqual([
      'cluster TGTCLUS res "Double-Take Replication IP Address" /offline',
      'cluster TGTCLUS res "Exchange Information Store" /offline',
      'cluster TGTCLUS res "Exchange System Attendant" /offline',
      'cluster TGTCLUS res "Exchange Network Name" /offline',
      'cluster TGTCLUS res "Exchange IP Address" /offline',
    ]);
    expect((await targetExchangeOfflineStep.verify(run.context)).filter((c) => !c.ok).map((c) => c.what)).toHaveLength(5);
    state.target.resources = state.target.resources.map((r) => (['Disk E:', 'Double-Take Source Connection', 'Cluster Name'].includes(r.name) ? r : { ...r, state: 'Offline' }));
    expect((await targetExchangeOfflineStep.verify(run.context)).every((c) => c.ok)).toBe(true);
    expect((await targetExchangeOfflineStep.plan(run.context)).actions.some((a) => a.needed)).toBe(false);
  });
});

describe('failback steps 7 and 8: the queue drained, then the Source Connection offline', () => {
  it('refuses to take the Source Connection offline while bytes are queued or the mirror runs', async () => {
    const state = fakeState();
    state.target.resources = targetGroup();
    state.connections = { TGT1: [connection({ id: 3, queuedReplicationBytes: 1536 })] };
    const refusal =
      'Failback is refused while the queue is not empty: connection 3 on TGT1 (Exchange → 10.0.0.10) still has 1.5 KB (1536 bytes) of Queued Replication Bytes. ' +
      'Taking the Source Connection offline now would lose those changes; wait for it to drain to zero (the previous step waits for it).';
    // Planned with the whole run, before step 7 drained the queue: a finding; its action still refuses to run.
    const early = fakeRun(state);
    const plan = await sourceConnectionOfflineStep.plan(early.context);
    expect(plan.refusal).toBeUndefined();
    expect(plan.findings).toEqual(['connection 3 on TGT1 (Exchange → 10.0.0.10) still has 1.5 KB (1536 bytes) of Queued Replication Bytes; step 7 waits for it to drain.']);
    await expect(plan.actions[0]?.run(early.context)).rejects.toThrow(new FailbackRefusedError(refusal));
    expect(state.target.commands).toEqual([]);
    // Once step 7 found the queue empty, bytes queued again are a refusal of the step.
    const late = fakeRun(state);
    await late.context.record('queue-drained', { drainedAt: '2026-11-25T03:10:00.000Z' });
    expect((await sourceConnectionOfflineStep.plan(late.context)).refusal).toBe(refusal);
    state.connections = { TGT1: [connection({ id: 3, mirrorState: 'started', bytesToMirror: 10, mirroredBytes: 5 })] };
    expect((await sourceConnectionOfflineStep.plan(late.context)).refusal).toContain('connection 3 on TGT1 (Exchange → 10.0.0.10) is still mirroring');
    state.connections = { TGT1: [connection({ id: 3 })] };
    const ready = await sourceConnectionOfflineStep.plan(fakeRun(state).context);
    expect(ready.refusal).toBeUndefined();
    expect(ready.actions.map((a) => [a.command, a.needed])).toEqual([['cluster TGTCLUS res "Double-Take Source Connection" /offline', true]]);
  });

  it('waits for the queue to drain with bytes left and rate, then reads the log on the node holding the failback address', async () => {
    const state = fakeState();
    state.source.resources = [{ ...resource('Cluster IP Address', 'IP Address', 'Online', [], 'Cluster Group'), owner: 'SRC1', privateProperties: { Address: '10.0.0.10' } }];
    state.connections = { TGT1: [connection({ id: 2, queuedReplicationBytes: 4 * MiB })] };
    state.onSleep = (ms) => {
      const c = state.connections['TGT1']?.[0];
      if (c !== undefined) state.connections['TGT1'] = [{ ...c, queuedReplicationBytes: Math.max(0, c.queuedReplicationBytes - Math.round((ms * MiB) / 1000)) }];
    };
    const run = fakeRun(state);
    const plan = await queueDrainedStep.plan(run.context);
    expect(plan.actions.map((a) => [a.tool, a.target, a.command])).toEqual([['wait', 'TGT1', 'LOGIN TGT1 LAB\\dtadmin ********;\nCONNECTION LIST;']]);
    expect(plan.actions[0]?.description).toContain("then read Double-Take's log on SRC1 for write errors");
    await plan.actions[0]?.run(run.context);
    expect(run.progress.map((p) => p.text)).toEqual(['4 MB queued', '2 MB queued, draining at 1 MB/s, 2 s left', '0 B queued, draining at 1 MB/s']);
    expect(run.records.get('queue-drained')).toMatchObject({ connection: 2, node: 'TGT1', logsRead: ['SRC1 (fake)'] });
    expect((await queueDrainedStep.verify(run.context)).every((c) => c.ok)).toBe(true);
  });

  it('fails when the log on the source has write errors, quoting them', async () => {
    const state = fakeState();
    state.connections = { TGT1: [connection()] };
    state.writeErrors = { SRC1: ['Write error on E:\\Exchsrvr\\mdbdata\\priv1.edb: disk full'] };
    const run = fakeRun(state);
    await expect((await queueDrainedStep.plan(run.context)).actions[0]?.run(run.context)).rejects.toThrow(
      /^Double-Take's log on SRC1 has 1 write error since .*: SRC1: Write error on E:\\Exchsrvr\\mdbdata\\priv1\.edb: disk full\. The source may lack data/,
    );
    expect(run.records.has('queue-drained')).toBe(false);
  });

  it('times out naming what is still queued, and fails when the connection goes away', async () => {
    const state = fakeState();
    state.connections = { TGT1: [connection({ queuedReplicationBytes: MiB })] };
    const run = fakeRun(state);
    await expect((await queueDrainedStep.plan(run.context)).actions[0]?.run(run.context)).rejects.toThrow(
      new RunbookTimeout('Timed out after 2 h 0 min waiting for the Queued Replication Bytes to 10.0.0.10 to reach zero: 1 MB still queued on connection 1 on TGT1 (Exchange → 10.0.0.10).'),
    );
    const gone = fakeState();
    gone.connections = { TGT1: [connection({ queuedReplicationBytes: MiB })] };
    gone.onSleep = () => (gone.connections = {});
    const goneRun = fakeRun(gone);
    await expect((await queueDrainedStep.plan(goneRun.context)).actions[0]?.run(goneRun.context)).rejects.toThrow(/went offline before the queue drained/);
  });
});
