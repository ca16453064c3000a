import { describe, expect, it } from 'vitest';
import { DirectoryError } from '../../../../src-main/directory/port';
import { exchangeDns } from '../../../../src-main/lab/directory/exchange-names';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import { recordSourceExchange } from '../../../../src-main/setup/steps/exchange-configuration';
import { NOW, runSignal, setEdbFile, stepLabPerTest } from '../../../helpers/setup-step-lab';

const t = stepLabPerTest();
const run = { signal: runSignal };
const dns = exchangeDns();
const context = t.context;

async function recordNow(): Promise<void> {
  await t.apply(recordSourceExchange);
}

describe('step 4.1: record the source Exchange configuration', () => {
  it('plans one record action showing every store, records it, then verifies', async () => {
    const plan = await recordSourceExchange.plan(context());
    expect(plan.actions).toHaveLength(1);
    const [action] = plan.actions;
    expect(action).toMatchObject({ tool: 'record', target: 'progress file', needed: true });
    expect(action?.command.split('\n')).toEqual([
      'Boston / Sales: mailbox, E:\\Exchsrvr\\Boston\\Sales.edb',
      'First Storage Group / Mailbox Store (EXCHVS): mailbox, E:\\Exchsrvr\\mdbdata\\priv1.edb',
      'First Storage Group / Public Folder Store (EXCHVS): public, E:\\Exchsrvr\\mdbdata\\pub1.edb',
      'Indy / Sales: mailbox, E:\\Exchsrvr\\Indy\\Sales.edb',
    ]);
    expect(plan.warnings).toEqual([]);
    expect(plan.findings).toContain('Exchange server EXCHVS in the lab directory: 3 storage groups, 4 stores.');
    expect(plan.findings).toContain('Nothing is recorded yet.');
    // Planning records nothing.
    expect(t.records.size).toBe(0);

    const before = await recordSourceExchange.verify(context());
    expect(before.find((c) => !c.ok)?.what).toBe('The Exchange configuration of EXCHVS is recorded (step 4.1)');

    await action?.run(run.signal);
    expect(t.records.get('4.1')).toMatchObject({
      server: 'EXCHVS',
      recordedAt: NOW.toISOString(),
      storageGroups: expect.arrayContaining([
        { name: 'Indy', stores: [{ name: 'Sales', kind: 'mailbox', edbFile: 'E:\\Exchsrvr\\Indy\\Sales.edb', databaseFile: 'Sales.edb' }] },
      ]),
    });

    const checks = await recordSourceExchange.verify(context());
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.what)).toEqual([
      'The recording of step 4.1 is of EXCHVS',
      'Storage group "Boston" of EXCHVS is as recorded',
      'Store "Boston / Sales" of EXCHVS is as recorded',
      'Storage group "First Storage Group" of EXCHVS is as recorded',
      'Store "First Storage Group / Mailbox Store (EXCHVS)" of EXCHVS is as recorded',
      'Store "First Storage Group / Public Folder Store (EXCHVS)" of EXCHVS is as recorded',
      'Storage group "Indy" of EXCHVS is as recorded',
      'Store "Indy / Sales" of EXCHVS is as recorded',
      "Every database file of EXCHVS lies under E:\\Exchsrvr or on the Exchange group's disks (E:)",
    ]);
  });

  it('a second plan finds nothing needed', async () => {
    await recordNow();
    const recorded = JSON.stringify(t.records.get('4.1'));
    const again = await recordSourceExchange.plan(context());
    expect(again.actions.map((a) => a.needed)).toEqual([false]);
    expect(again.warnings).toEqual([]);
    expect(again.findings).toContain(`Recorded at ${NOW.toISOString()}; the directory still holds exactly that.`);
    expect(JSON.stringify(t.records.get('4.1'))).toBe(recorded);
  });

  it('fails verification naming the store whose database file changed, and plans to record again', async () => {
    await recordNow();
    await setEdbFile(t.lab, 'EXCHVS', 'Indy', 'Sales', 'E:\\Exchsrvr\\Indy\\Sales2.edb');

    const failed = (await recordSourceExchange.verify(context())).filter((c) => !c.ok);
    expect(failed).toEqual([
      {
        what: 'Store "Indy / Sales" of EXCHVS is as recorded',
        ok: false,
        detail: 'store "Indy / Sales" has database file E:\\Exchsrvr\\Indy\\Sales.edb in the recording of step 4.1 but E:\\Exchsrvr\\Indy\\Sales2.edb in EXCHVS now',
      },
    ]);

    const plan = await recordSourceExchange.plan(context());
    expect(plan.actions[0]?.needed).toBe(true);
    expect(plan.actions[0]?.command).toContain('Indy / Sales: mailbox, E:\\Exchsrvr\\Indy\\Sales2.edb');
    expect(plan.warnings).toEqual([
      `Changed since step 4.1 recorded it (${NOW.toISOString()}): store "Indy / Sales" has database file E:\\Exchsrvr\\Indy\\Sales.edb in the recording of step 4.1 but E:\\Exchsrvr\\Indy\\Sales2.edb in EXCHVS now.`,
    ]);
    await plan.actions[0]?.run(run.signal);
    expect((await recordSourceExchange.verify(context())).every((c) => c.ok)).toBe(true);
  });

  it('names a store deleted from the directory since it was recorded', async () => {
    await recordNow();
    await t.lab.directory.delete(dns.store('EXCHVS', 'Boston', 'Sales'));
    const failed = (await recordSourceExchange.verify(context())).filter((c) => !c.ok);
    expect(failed.map((c) => [c.what, c.detail])).toEqual([
      ['Store "Boston / Sales" of EXCHVS is as recorded', 'store "Boston / Sales" (in the recording of step 4.1) is missing from EXCHVS now'],
    ]);
  });

  it('warns about, and fails the check on, a database off the Exchange group disks', async () => {
    await setEdbFile(t.lab, 'EXCHVS', 'Boston', 'Sales', 'F:\\Elsewhere\\Sales.edb');
    const plan = await recordSourceExchange.plan(context());
    expect(plan.warnings).toEqual([
      'Store "Boston / Sales" of EXCHVS keeps its database at F:\\Elsewhere\\Sales.edb, outside E:\\Exchsrvr and off the Exchange group\'s disks (E:); it would be neither replicated nor failed over with the group.',
    ]);
    await plan.actions[0]?.run(run.signal);
    const failed = (await recordSourceExchange.verify(context())).filter((c) => !c.ok);
    expect(failed).toEqual([
      {
        what: "Every database file of EXCHVS lies under E:\\Exchsrvr or on the Exchange group's disks (E:)",
        ok: false,
        detail: 'Not on them: Boston / Sales (F:\\Elsewhere\\Sales.edb).',
      },
    ]);

    // A second disk of the group in the pair document covers it.
    const pair = labPairDocument();
    const withF = { ...pair, source: { ...pair.source, physicalDisks: [...pair.source.physicalDisks, { resourceName: 'Disk F:', drive: 'F', signature: 0x1234 }] } };
    expect((await recordSourceExchange.plan(context(withF))).warnings).toEqual([]);
  });

  it('treats a recording it cannot read as nothing recorded, saying why', async () => {
    t.records.set('4.1', { server: 'EXCHVS', storageGroups: 'none' });
    const plan = await recordSourceExchange.plan(context());
    expect(plan.actions[0]?.needed).toBe(true);
    expect(plan.warnings.join('\n')).toMatch(/step 4\.1: the recording kept in the progress file is not an Exchange configuration/i);
    const failed = (await recordSourceExchange.verify(context())).filter((c) => !c.ok);
    expect(failed.map((c) => c.what)).toEqual(['The Exchange configuration of EXCHVS is recorded (step 4.1)']);
  });

  it('names the pair document field when a server is not in the directory', async () => {
    const pair = labPairDocument();
    const unknownSource = { ...pair, source: { ...pair.source, networkName: { ...pair.source.networkName, name: 'EXCHVS-X' } } };
    await expect(recordSourceExchange.plan(context(unknownSource))).rejects.toThrow(
      /^source\.networkName\.name: no Exchange server named EXCHVS-X in the lab directory \(.*EXCHVS, EXCHVS-DR\)$/,
    );
    await expect(recordSourceExchange.verify(context(unknownSource))).rejects.toThrow(/^source\.networkName\.name: no Exchange server named EXCHVS-X/);
  });

  it('records the source before Exchange is installed on the target (the target server is not read)', async () => {
    const pair = labPairDocument();
    const noTargetYet = { ...pair, target: { ...pair.target, networkName: { ...pair.target.networkName, name: 'EXCHVS-NEW' } } };
    const plan = await recordSourceExchange.plan(context(noTargetYet));
    expect(plan.actions.map((a) => a.needed)).toEqual([true]);
    for (const action of plan.actions) await action.run(new AbortController().signal);
    expect((await recordSourceExchange.verify(context(noTargetYet))).every((c) => c.ok)).toBe(true);
  });

  it('lets any other error through unchanged', async () => {
    const unreachable = new DirectoryError('unavailable', 'the domain controller does not answer');
    const world = { readExchangeServer: () => Promise.reject(unreachable) };
    await expect(recordSourceExchange.plan(context(undefined, { world }))).rejects.toBe(unreachable);
  });
});
