import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SetupStepPlan } from '../../../../src-main/setup/setup-step';
import { targetVirtualServer } from '../../../../src-main/setup/steps/target-virtual-server';
import { neededCommands as needed, stepLabPerTest } from '../../../helpers/setup-step-lab';

const t = stepLabPerTest();

const apply = (): Promise<SetupStepPlan> => t.apply(targetVirtualServer);
const failing = async () => (await targetVirtualServer.verify(t.context())).filter((c) => !c.ok);
const clustersFile = (): Promise<Buffer> => readFile(join(t.folder, 'clusters.json'));
const exchangeGroupStates = async () =>
  (await t.lab.target.resources()).filter((r) => r.group === 'Exchange Group').map((r) => [r.name, r.state]);

describe('step 5.2: the offline Exchange virtual server on the target and the replication IP', () => {
  it('plans the exact lines: group, every resource offline, the replication IP online', async () => {
    const plan = await targetVirtualServer.plan(t.context());
    expect(needed(plan)).toEqual([
      'cluster TGTCLUS group "Exchange Group" /create',
      'cluster TGTCLUS group "Exchange Group" /prop Description="Exchange virtual server EXCHVS-DR"',
      'cluster TGTCLUS res "Exchange IP Address" /create /group:"Exchange Group" /type:"IP Address"',
      'cluster TGTCLUS res "Exchange IP Address" /priv Address=10.1.0.20 SubnetMask=255.255.255.0 Network="Public"',
      'cluster TGTCLUS res "Exchange Network Name" /create /group:"Exchange Group" /type:"Network Name"',
      'cluster TGTCLUS res "Exchange Network Name" /priv Name="EXCHVS-DR"',
      'cluster TGTCLUS res "Exchange Network Name" /adddep:"Exchange IP Address"',
      'cluster TGTCLUS res "Disk E:" /create /group:"Exchange Group" /type:"Physical Disk"',
      `cluster TGTCLUS res "Disk E:" /priv Signature=${0x7a12e0e0} Drive="E:"`,
      'cluster TGTCLUS res "Exchange System Attendant" /create /group:"Exchange Group" /type:"Microsoft Exchange System Attendant"',
      'cluster TGTCLUS res "Exchange System Attendant" /adddep:"Exchange Network Name"',
      'cluster TGTCLUS res "Exchange System Attendant" /adddep:"Disk E:"',
      'cluster TGTCLUS res "Double-Take Replication IP Address" /create /group:"Exchange Group" /type:"IP Address"',
      'cluster TGTCLUS res "Double-Take Replication IP Address" /priv Address=10.1.0.21 SubnetMask=255.255.255.0 Network="Public"',
      'cluster TGTCLUS res "Double-Take Replication IP Address" /online',
    ]);
    expect(plan.warnings).toEqual([]);
    expect(plan.actions.every((a) => a.target === 'TGTCLUS')).toBe(true);
    // Planning changed nothing.
    expect((await t.lab.target.groups()).map((g) => g.name)).toEqual(['Cluster Group']);
  });

  it('applies, leaves only the replication IP online, verifies, and a second apply changes nothing', async () => {
    expect((await failing()).length).toBeGreaterThan(0);
    await apply();
    expect(await failing()).toEqual([]);
    expect(await exchangeGroupStates()).toEqual([
      ['Exchange IP Address', 'Offline'],
      ['Exchange Network Name', 'Offline'],
      ['Disk E:', 'Offline'],
      ['Exchange System Attendant', 'Offline'],
      ['Double-Take Replication IP Address', 'Online'],
    ]);
    expect((await t.lab.target.groups()).find((g) => g.name === 'Exchange Group')?.state).toBe('Partially Online');
    // The source cluster is not touched.
    expect((await t.lab.source.groups()).map((g) => g.name)).toEqual(['Cluster Group']);

    const before = await clustersFile();
    const again = await apply();
    expect(needed(again)).toEqual([]);
    expect(again.warnings).toEqual([]);
    expect((await clustersFile()).equals(before)).toBe(true);
  });

  it('takes online Exchange resources offline and verify names them until then', async () => {
    await apply();
    await t.lab.target.run({ kind: 'resource-online', resource: 'Exchange System Attendant' });
    const failed = await failing();
    expect(failed.map((c) => [c.what, c.detail])).toEqual([
      ['"Exchange IP Address" on TGTCLUS is Offline', 'It is Online.'],
      ['"Exchange Network Name" on TGTCLUS is Offline', 'It is Online.'],
      ['"Disk E:" on TGTCLUS is Offline', 'It is Online.'],
      ['"Exchange System Attendant" on TGTCLUS is Offline', 'It is Online.'],
    ]);
    const plan = await apply();
    expect(needed(plan)).toEqual([
      'cluster TGTCLUS res "Exchange IP Address" /offline',
      'cluster TGTCLUS res "Exchange Network Name" /offline',
      'cluster TGTCLUS res "Disk E:" /offline',
      'cluster TGTCLUS res "Exchange System Attendant" /offline',
    ]);
    expect(await failing()).toEqual([]);
    expect((await exchangeGroupStates()).filter(([, state]) => state === 'Online')).toEqual([['Double-Take Replication IP Address', 'Online']]);
  });

  it('on a wrong property of an offline resource plans only that set-private', async () => {
    await apply();
    await t.lab.target.run({ kind: 'resource-set-private', resource: 'Exchange Network Name', properties: { Name: 'WRONGNAME' } });
    expect((await failing()).map((c) => c.detail)).toEqual(['Name is "WRONGNAME" (wanted "EXCHVS-DR")']);
    expect(needed(await apply())).toEqual(['cluster TGTCLUS res "Exchange Network Name" /priv Name="EXCHVS-DR"']);
    expect(await failing()).toEqual([]);
  });

  it('does not change a resource of the same name but another type; verify fails naming it', async () => {
    await t.lab.target.run({ kind: 'group-create', group: 'Exchange Group' });
    await t.lab.target.run({ kind: 'resource-create', resource: 'Disk E:', group: 'Exchange Group', type: 'IP Address' });
    const plan = await apply();
    expect(plan.warnings.some((w) => w.startsWith('Resource "Disk E:" already exists on TGTCLUS but it is of type "IP Address", not "Physical Disk"'))).toBe(
      true,
    );
    expect(needed(plan).some((c) => c.includes('"Disk E:" /'))).toBe(false);
    // The System Attendant cannot depend on it: no such dependency is planned.
    expect(needed(plan).some((c) => c.includes('/adddep:"Disk E:"'))).toBe(false);
    const failed = await failing();
    expect(failed.map((c) => c.detail)).toContain('"Disk E:" exists but it is of type "IP Address", not "Physical Disk".');
    expect((await t.lab.target.resources()).find((r) => r.name === 'Disk E:')?.type).toBe('IP Address');
  });
});
