import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SetupStep, SetupStepPlan } from '../../../../src-main/setup/setup-step';
import { sourceVirtualServerSteps } from '../../../../src-main/setup/steps/source-virtual-server';
import { neededCommands as needed, stepLabPerTest } from '../../../helpers/setup-step-lab';

const t = stepLabPerTest();

function step(id: string): SetupStep {
  const found = sourceVirtualServerSteps.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no step ${id}`);
  return found;
}

/** Plans, then runs the needed actions in order; returns the plan. */
const apply = (id: string): Promise<SetupStepPlan> => t.apply(step(id));
const failing = async (id: string) => (await step(id).verify(t.context())).filter((c) => !c.ok);
const clustersFile = (): Promise<Buffer> => readFile(join(t.folder, 'clusters.json'));
const resource = async (name: string) => (await t.lab.source.resources()).find((r) => r.name === name);

describe('steps 4.2.1-4.2.5: the source Exchange virtual server', () => {
  it('has the five steps in the guide order', () => {
    expect(sourceVirtualServerSteps.map((s) => s.id)).toEqual(['4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5']);
  });

  it('plans the exact cluster.exe lines on a fresh lab', async () => {
    const group = await step('4.2.1').plan(t.context());
    expect(needed(group)).toEqual([
      'cluster SRCCLUS group "Exchange Group" /create',
      'cluster SRCCLUS group "Exchange Group" /prop Description="Exchange virtual server EXCHVS"',
    ]);
    expect(group.warnings).toEqual([]);
    await apply('4.2.1');

    const ip = await step('4.2.2').plan(t.context());
    expect(ip.actions.map((a) => [a.command, a.needed])).toEqual([
      ['cluster SRCCLUS res "Exchange IP Address" /create /group:"Exchange Group" /type:"IP Address"', true],
      ['cluster SRCCLUS res "Exchange IP Address" /priv Address=10.0.0.20 SubnetMask=255.255.255.0 Network="Public"', true],
      ['cluster SRCCLUS res "Exchange IP Address" /online', true],
    ]);
    expect(ip.actions.every((a) => a.tool === 'cluster' && a.target === 'SRCCLUS')).toBe(true);
    expect(ip.warnings).toEqual([]);
    await apply('4.2.2');

    expect(needed(await step('4.2.3').plan(t.context()))).toEqual([
      'cluster SRCCLUS res "Exchange Network Name" /create /group:"Exchange Group" /type:"Network Name"',
      'cluster SRCCLUS res "Exchange Network Name" /priv Name="EXCHVS"',
      'cluster SRCCLUS res "Exchange Network Name" /adddep:"Exchange IP Address"',
      'cluster SRCCLUS res "Exchange Network Name" /online',
    ]);
    await apply('4.2.3');
    expect(needed(await step('4.2.4').plan(t.context()))).toEqual([
      'cluster SRCCLUS res "Disk E:" /create /group:"Exchange Group" /type:"Physical Disk"',
      `cluster SRCCLUS res "Disk E:" /priv Signature=${0x5a17e0e0} Drive="E:"`,
      'cluster SRCCLUS res "Disk E:" /online',
    ]);
    await apply('4.2.4');
    const sa = await step('4.2.5').plan(t.context());
    expect(needed(sa)).toEqual([
      'cluster SRCCLUS res "Exchange System Attendant" /create /group:"Exchange Group" /type:"Microsoft Exchange System Attendant"',
      'cluster SRCCLUS res "Exchange System Attendant" /adddep:"Exchange Network Name"',
      'cluster SRCCLUS res "Exchange System Attendant" /adddep:"Disk E:"',
      'cluster SRCCLUS res "Exchange System Attendant" /online',
    ]);
    expect(sa.findings.some((f) => f.includes('E:\\Exchsrvr'))).toBe(true);
  });

  it('applies every step in order, verifies, and converges: a second plan needs nothing and changes no byte', async () => {
    for (const s of sourceVirtualServerSteps) {
      await apply(s.id);
      expect(await failing(s.id)).toEqual([]);
    }
    const resources = (await t.lab.source.resources()).filter((r) => r.group === 'Exchange Group');
    expect(resources.map((r) => [r.name, r.state])).toEqual([
      ['Exchange IP Address', 'Online'],
      ['Exchange Network Name', 'Online'],
      ['Disk E:', 'Online'],
      ['Exchange System Attendant', 'Online'],
    ]);
    expect((await resource('Exchange System Attendant'))?.dependencies).toEqual(['Exchange Network Name', 'Disk E:']);

    const before = await clustersFile();
    for (const s of sourceVirtualServerSteps) {
      const again = await apply(s.id);
      expect(needed(again)).toEqual([]);
      expect(again.actions.length).toBeGreaterThan(0);
      expect(again.warnings).toEqual([]);
    }
    expect((await clustersFile()).equals(before)).toBe(true);
    for (const s of sourceVirtualServerSteps) expect(await failing(s.id)).toEqual([]);
  });

  it('keeps an existing group, sets only a differing description and warns of preferred owners', async () => {
    await t.lab.source.run({ kind: 'group-create', group: 'exchange group' });
    await t.lab.source.run({ kind: 'group-set-description', group: 'exchange group', description: 'old' });
    await t.lab.source.run({ kind: 'group-set-owners', group: 'exchange group', nodes: ['SRC2'] });
    expect((await failing('4.2.1')).map((c) => c.detail)).toEqual(['Its description is "old".']);
    const plan = await apply('4.2.1');
    expect(needed(plan)).toEqual(['cluster SRCCLUS group "Exchange Group" /prop Description="Exchange virtual server EXCHVS"']);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toContain('preferred owners (SRC2)');
    expect(await failing('4.2.1')).toEqual([]);
  });

  it('warns when a dependency is not created yet', async () => {
    await apply('4.2.1');
    const plan = await step('4.2.3').plan(t.context());
    expect(plan.warnings.some((w) => w.startsWith('"Exchange IP Address" does not exist on SRCCLUS yet'))).toBe(true);
  });

  it('on a wrong property of an online resource sets only that property, restarting the resource and its dependents', async () => {
    for (const s of sourceVirtualServerSteps) await apply(s.id);
    await t.lab.source.run({ kind: 'resource-set-private', resource: 'Exchange IP Address', properties: { Address: '10.0.0.30' } });
    const failed = await failing('4.2.2');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.detail).toBe('Address is "10.0.0.30" (wanted "10.0.0.20")');

    const plan = await apply('4.2.2');
    expect(needed(plan)).toEqual([
      'cluster SRCCLUS res "Exchange IP Address" /offline',
      'cluster SRCCLUS res "Exchange IP Address" /priv Address=10.0.0.20',
      'cluster SRCCLUS res "Exchange IP Address" /online',
      'cluster SRCCLUS res "Exchange Network Name" /online',
      'cluster SRCCLUS res "Exchange System Attendant" /online',
    ]);
    expect(plan.warnings.some((w) => w.includes('goes offline and comes back online'))).toBe(true);
    for (const s of sourceVirtualServerSteps) expect(await failing(s.id)).toEqual([]);
  });

  it('sets only a wrong property of an offline resource, then brings it online', async () => {
    await apply('4.2.1');
    await t.lab.source.run({ kind: 'resource-create', resource: 'Disk E:', group: 'Exchange Group', type: 'Physical Disk' });
    await t.lab.source.run({ kind: 'resource-set-private', resource: 'Disk E:', properties: { Signature: 0x5a17e0e0, Drive: 'F:' } });
    expect(needed(await apply('4.2.4'))).toEqual(['cluster SRCCLUS res "Disk E:" /priv Drive="E:"', 'cluster SRCCLUS res "Disk E:" /online']);
    expect(await failing('4.2.4')).toEqual([]);
  });

  it('adds a missing possible owner and nothing else', async () => {
    await apply('4.2.1');
    await apply('4.2.2');
    await t.lab.source.run({ kind: 'resource-offline', resource: 'Exchange IP Address' });
    await t.lab.source.run({ kind: 'resource-remove-owner', resource: 'Exchange IP Address', node: 'SRC2' });
    await t.lab.source.run({ kind: 'resource-online', resource: 'Exchange IP Address' });
    expect((await failing('4.2.2')).map((c) => c.detail)).toEqual(['Not possible owners: SRC2 (possible owners: SRC1).']);
    expect(needed(await apply('4.2.2'))).toEqual(['cluster SRCCLUS res "Exchange IP Address" /addowner:SRC2']);
    expect(await failing('4.2.2')).toEqual([]);
  });

  it('leaves a resource of the same name but another type alone, warns, and verify names the type', async () => {
    await apply('4.2.1');
    await t.lab.source.run({ kind: 'resource-create', resource: 'Exchange IP Address', group: 'Exchange Group', type: 'Generic Service' });
    const before = await clustersFile();
    const plan = await apply('4.2.2');
    expect(needed(plan)).toEqual([]);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toContain('of type "Generic Service", not "IP Address"');
    expect((await clustersFile()).equals(before)).toBe(true);
    const failed = await failing('4.2.2');
    expect(failed[0]?.detail).toBe('"Exchange IP Address" exists but it is of type "Generic Service", not "IP Address".');

    // The Network Name cannot use it: no dependency on it and no online is planned.
    const name = await step('4.2.3').plan(t.context());
    expect(needed(name)).toEqual([
      'cluster SRCCLUS res "Exchange Network Name" /create /group:"Exchange Group" /type:"Network Name"',
      'cluster SRCCLUS res "Exchange Network Name" /priv Name="EXCHVS"',
    ]);
    expect(name.warnings.some((w) => w.includes('"Exchange IP Address" is of type "Generic Service"'))).toBe(true);
  });

  it('leaves a resource of the same name in another group alone and verify names the group', async () => {
    await apply('4.2.1');
    await t.lab.source.run({ kind: 'resource-create', resource: 'Exchange IP Address', group: 'Cluster Group', type: 'IP Address' });
    const plan = await apply('4.2.2');
    expect(needed(plan)).toEqual([]);
    expect(plan.warnings[0]).toContain('in group "Cluster Group", not "Exchange Group"');
    expect((await failing('4.2.2'))[0]?.detail).toBe('"Exchange IP Address" exists but it is in group "Cluster Group", not "Exchange Group".');
    expect((await resource('Exchange IP Address'))?.group).toBe('Cluster Group');
  });

  it('verify of the System Attendant names a missing disk dependency, and the plan adds it', async () => {
    for (const s of sourceVirtualServerSteps.slice(0, 3)) await apply(s.id);
    await t.lab.source.run({ kind: 'resource-create', resource: 'Disk E:', group: 'Exchange Group', type: 'Physical Disk' });
    await t.lab.source.run({ kind: 'resource-set-private', resource: 'Disk E:', properties: { Signature: 0x5a17e0e0, Drive: 'E:' } });
    await t.lab.source.run({ kind: 'resource-create', resource: 'Exchange System Attendant', group: 'Exchange Group', type: 'Microsoft Exchange System Attendant' });
    await t.lab.source.run({ kind: 'resource-add-dependency', resource: 'Exchange System Attendant', dependsOn: 'Exchange Network Name' });
    const detail = (await failing('4.2.5')).map((c) => c.detail);
    expect(detail).toEqual(['Missing: "Disk E:"; it depends on "Exchange Network Name".', 'It is Offline.']);
    expect(needed(await apply('4.2.5'))).toEqual([
      'cluster SRCCLUS res "Exchange System Attendant" /adddep:"Disk E:"',
      'cluster SRCCLUS res "Exchange System Attendant" /online',
    ]);
    expect(await failing('4.2.5')).toEqual([]);
    expect((await resource('Disk E:'))?.state).toBe('Online');
  });

  it('4.2.5 warns of a Physical Disk in the group that the pair document does not list', async () => {
    for (const s of sourceVirtualServerSteps.slice(0, 4)) await apply(s.id);
    await t.lab.source.run({ kind: 'resource-create', resource: 'Disk F:', group: 'Exchange Group', type: 'Physical Disk' });
    const plan = await step('4.2.5').plan(t.context());
    expect(plan.warnings.some((w) => w.startsWith('Physical Disk "Disk F:" is in "Exchange Group" but not in the pair document'))).toBe(true);
  });
});
