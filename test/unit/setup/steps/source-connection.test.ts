import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LAB_SOURCE_EXCHANGE_DISK_SIGNATURE, labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import { replicationSetStep } from '../../../../src-main/setup/steps/replication-set';
import { sourceConnection } from '../../../../src-main/setup/steps/source-connection';
import { onlineDtclOnDisk, runSignal, stepLabPerTest } from '../../../helpers/setup-step-lab';

const t = stepLabPerTest();

const GROUP = 'Exchange Group';
const RESOURCE = 'Double-Take Source Connection';
const ONLINE_DTCL = 'C:\\Program Files\\DoubleTake\\online.dtcl';

/** What steps 4.2.1 and 4.2.4 leave: the Exchange group with its Physical Disk resource. */
async function groupWithDisk(): Promise<void> {
  await t.lab.source.run({ kind: 'group-create', group: GROUP });
  await t.lab.source.run({ kind: 'resource-create', resource: 'Disk E:', group: GROUP, type: 'Physical Disk' });
  await t.lab.source.run({ kind: 'resource-set-private', resource: 'Disk E:', properties: { Signature: LAB_SOURCE_EXCHANGE_DISK_SIGNATURE, Drive: 'E:' } });
}

const resourceNamed = async (name: string) => (await t.lab.source.resources()).find((r) => r.name === name);

describe('step 4.5: the Double-Take Source Connection resource and online.dtcl on the source nodes', () => {
  it('plans the exact cluster.exe lines and file edits, applies, verifies, and converges', async () => {
    await groupWithDisk();
    const targetScript = await readFile(onlineDtclOnDisk(t.folder, 'TGT1'));
    const plan = await sourceConnection.plan(t.context());
    expect(plan.warnings).toEqual([]);
    expect(plan.actions.map((a) => [a.tool, a.target, a.needed, a.command.split('\n')[0]])).toEqual([
      ['cluster', 'SRCCLUS', true, 'cluster SRCCLUS res "Double-Take Source Connection" /create /group:"Exchange Group" /type:"Double-Take Source Connection"'],
      ['cluster', 'SRCCLUS', true, 'cluster SRCCLUS res "Double-Take Source Connection" /priv ReplicationSet="Exchange" Target=10.1.0.21'],
      ['cluster', 'SRCCLUS', true, 'cluster SRCCLUS res "Double-Take Source Connection" /adddep:"Disk E:"'],
      ['cluster', 'SRCCLUS', false, 'cluster SRCCLUS res "Double-Take Source Connection" /addowner:SRC1'],
      ['cluster', 'SRCCLUS', false, 'cluster SRCCLUS res "Double-Take Source Connection" /addowner:SRC2'],
      ['file', 'SRC1', true, `--- SRC1 ${ONLINE_DTCL}`],
      ['file', 'SRC2', true, `--- SRC2 ${ONLINE_DTCL}`],
    ]);
    const edit = plan.actions[5]?.command.split('\n') ?? [];
    expect(edit.filter((line) => line.startsWith('-') || line.startsWith('+'))).toEqual([
      `--- SRC1 ${ONLINE_DTCL}`,
      `+++ SRC1 ${ONLINE_DTCL} (patched)`,
      '-    $mirror = MIRROR START $conid DIFFERENT,CHECKSUM;',
      '+    $mirror = MIRROR START $conid DIFFERENT,CHECKSUM ORPHANS;',
    ]);

    for (const action of plan.actions.filter((a) => a.needed)) await action.run(runSignal);
    const resource = await resourceNamed(RESOURCE);
    expect(resource).toMatchObject({
      group: GROUP,
      type: 'Double-Take Source Connection',
      state: 'Offline',
      dependencies: ['Disk E:'],
      possibleOwners: ['SRC1', 'SRC2'],
      privateProperties: { ReplicationSet: 'Exchange', Target: '10.1.0.21' },
    });
    for (const node of ['SRC1', 'SRC2']) expect(await readFile(onlineDtclOnDisk(t.folder, node), 'utf8')).toContain('DIFFERENT,CHECKSUM ORPHANS;');
    expect(await readFile(onlineDtclOnDisk(t.folder, 'TGT1'))).toEqual(targetScript);
    const checks = await sourceConnection.verify(t.context());
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.what)).toEqual([
      'SRCCLUS: resource "Double-Take Source Connection" of type Double-Take Source Connection in group "Exchange Group"',
      'SRCCLUS: "Double-Take Source Connection" has ReplicationSet = "Exchange"',
      'SRCCLUS: "Double-Take Source Connection" has Target = "10.1.0.21"',
      'SRCCLUS: "Double-Take Source Connection" depends on "Disk E:"',
      'SRCCLUS: SRC1 is a possible owner of "Double-Take Source Connection"',
      'SRCCLUS: SRC2 is a possible owner of "Double-Take Source Connection"',
      'SRC1: online.dtcl starts the mirror with ORPHANS',
      'SRC2: online.dtcl starts the mirror with ORPHANS',
    ]);

    const before = await t.snapshot();
    const again = await t.apply(sourceConnection);
    expect(again.actions.filter((a) => a.needed)).toEqual([]);
    expect(again.actions).toHaveLength(7);
    expect(await t.snapshot()).toEqual(before);
  });

  it('sets only the property that differs on an existing resource, and adds a missing owner', async () => {
    await groupWithDisk();
    await t.apply(sourceConnection);
    await t.lab.source.run({ kind: 'resource-set-private', resource: RESOURCE, properties: { Target: '10.1.0.99' } });
    await t.lab.source.run({ kind: 'resource-remove-owner', resource: RESOURCE, node: 'SRC2' });
    const failing = (await sourceConnection.verify(t.context())).filter((c) => !c.ok);
    expect(failing.map((c) => [c.what, c.detail])).toEqual([
      ['SRCCLUS: "Double-Take Source Connection" has Target = "10.1.0.21"', 'Found "10.1.0.99".'],
      ['SRCCLUS: SRC2 is a possible owner of "Double-Take Source Connection"', 'Possible owners: SRC1.'],
    ]);
    const plan = await sourceConnection.plan(t.context());
    expect(plan.actions.filter((a) => a.needed).map((a) => a.command)).toEqual([
      'cluster SRCCLUS res "Double-Take Source Connection" /priv Target=10.1.0.21',
      'cluster SRCCLUS res "Double-Take Source Connection" /addowner:SRC2',
    ]);
    for (const action of plan.actions.filter((a) => a.needed)) await action.run(runSignal);
    expect((await sourceConnection.verify(t.context())).every((c) => c.ok)).toBe(true);
  });

  it('compares the replication set name case-sensitively', async () => {
    await groupWithDisk();
    await t.apply(sourceConnection);
    await t.lab.source.run({ kind: 'resource-set-private', resource: RESOURCE, properties: { ReplicationSet: 'exchange' } });
    const plan = await sourceConnection.plan(t.context());
    expect(plan.actions.filter((a) => a.needed).map((a) => a.command)).toEqual([
      'cluster SRCCLUS res "Double-Take Source Connection" /priv ReplicationSet="Exchange"',
    ]);
  });

  it('never changes a same-named resource of another type: a warning, verify fails', async () => {
    await groupWithDisk();
    await t.lab.source.run({ kind: 'resource-create', resource: 'double-take source connection', group: GROUP, type: 'Generic Service' });
    const plan = await sourceConnection.plan(t.context());
    expect(plan.actions.filter((a) => a.tool === 'cluster')).toEqual([]);
    expect(plan.warnings[0]).toContain('SRCCLUS already has a resource "double-take source connection" of type Generic Service');
    const before = await readFile(`${t.folder}/clusters.json`);
    await t.apply(sourceConnection);
    expect(await readFile(`${t.folder}/clusters.json`)).toEqual(before);
    const first = (await sourceConnection.verify(t.context()))[0];
    expect(first?.ok).toBe(false);
    expect(first?.detail).toContain('Generic Service');
  });

  it('does not plan a dependency the cluster would refuse on an online resource: it says to take it offline', async () => {
    await groupWithDisk();
    await t.apply(replicationSetStep); // online.dtcl connects the set when the resource comes online
    await t.apply(sourceConnection);
    await t.lab.source.run({ kind: 'resource-online', resource: RESOURCE });
    await t.lab.source.run({ kind: 'resource-create', resource: 'Disk F:', group: GROUP, type: 'Physical Disk' });
    await t.lab.source.run({ kind: 'resource-set-private', resource: 'Disk F:', properties: { Signature: 0x5a17e0f0, Drive: 'F:' } });
    const pair = labPairDocument();
    pair.source.physicalDisks = [...pair.source.physicalDisks, { resourceName: 'Disk F:', drive: 'F', signature: 0x5a17e0f0 }];
    const plan = await sourceConnection.plan(t.context(pair));
    expect(plan.actions.filter((a) => a.needed)).toEqual([]);
    expect(plan.warnings).toEqual([
      'SRCCLUS: "Double-Take Source Connection" is Online, and the cluster adds no dependency to a resource that is online: take it offline ' +
        '(cluster SRCCLUS res "Double-Take Source Connection" /offline) and plan again. The dependency on "Disk F:" is not planned.',
    ]);
    const dependency = (await sourceConnection.verify(t.context(pair))).find((c) => c.what.endsWith('depends on "Disk F:"'));
    expect(dependency).toEqual({ what: 'SRCCLUS: "Double-Take Source Connection" depends on "Disk F:"', ok: false, detail: 'Dependencies: "Disk E:".' });
  });

  it('plans no resource and warns when the Exchange group does not exist yet', async () => {
    const plan = await sourceConnection.plan(t.context());
    expect(plan.actions.map((a) => a.tool)).toEqual(['file', 'file']);
    expect(plan.warnings).toEqual([
      'The group "Exchange Group" does not exist on SRCCLUS yet: apply step 4.2.1 first. The Source Connection resource is not planned.',
    ]);
  });

  it('warns about a missing disk resource instead of planning a dependency that would fail', async () => {
    await t.lab.source.run({ kind: 'group-create', group: GROUP });
    const plan = await sourceConnection.plan(t.context());
    expect(plan.actions.some((a) => a.command.includes('/adddep'))).toBe(false);
    expect(plan.warnings).toEqual(['SRCCLUS has no resource "Disk E:" yet: apply step 4.2.4 first. The dependency of "Double-Take Source Connection" on it is not planned.']);
  });

  it('refuses an online.dtcl without the MIRROR line on SRC2: a warning, no write, verify fails with the reason', async () => {
    await groupWithDisk();
    const odd = Buffer.from('# replaced by hand\r\n$exitcode = 0;\r\nRETURN $exitcode;\r\n');
    await t.lab.nodeFiles.writeFile('SRC2', ONLINE_DTCL, odd);
    const plan = await sourceConnection.plan(t.context());
    expect(plan.actions.filter((a) => a.tool === 'file').map((a) => a.target)).toEqual(['SRC1']);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toMatch(/^SRC2 C:\\Program Files\\DoubleTake\\online\.dtcl/);
    await t.apply(sourceConnection);
    expect(await readFile(onlineDtclOnDisk(t.folder, 'SRC2'))).toEqual(odd);
    const failed = (await sourceConnection.verify(t.context())).filter((c) => !c.ok);
    expect(failed.map((c) => c.what)).toEqual(['SRC2: online.dtcl starts the mirror with ORPHANS']);
    expect(plan.warnings[0]).toContain(failed[0]?.detail ?? '<no detail>');
  });

  it('shows an already patched file as an action that is not needed', async () => {
    await groupWithDisk();
    const [, , , , , src1] = (await sourceConnection.plan(t.context())).actions;
    await src1?.run(runSignal);
    const plan = await sourceConnection.plan(t.context());
    const files = plan.actions.filter((a) => a.tool === 'file');
    expect(files.map((a) => [a.target, a.needed])).toEqual([
      ['SRC1', false],
      ['SRC2', true],
    ]);
    expect(files[0]?.command).toMatch(/^SRC1 C:\\Program Files\\DoubleTake\\online\.dtcl, line \d+:\n \$mirror = MIRROR START \$conid DIFFERENT,CHECKSUM ORPHANS;$/);
  });

  it('throws from run with the node\'s message when the apply fails', async () => {
    await groupWithDisk();
    const plan = await sourceConnection.plan(t.context());
    await t.lab.nodeFiles.writeFile('SRC1', ONLINE_DTCL, Buffer.from('RETURN 0;\r\n'));
    const src1 = plan.actions.find((a) => a.tool === 'file' && a.target === 'SRC1');
    await expect(src1?.run(runSignal)).rejects.toThrow(/^SRC1 C:\\Program Files\\DoubleTake\\online\.dtcl/);
  });
});
