import { describe, expect, it } from 'vitest';
import { exchangeDns } from '../../../../src-main/lab/directory/exchange-names';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import { compareTargetExchange, recordSourceExchange } from '../../../../src-main/setup/steps/exchange-configuration';
import { NOW, setEdbFile, stepLabPerTest } from '../../../helpers/setup-step-lab';

const t = stepLabPerTest();
const context = t.context;
const dns = exchangeDns();

describe('step 5.1: the target Exchange server is identical to the source', () => {
  it('finds the seeded servers identical, pairing the stores named after their server, with no actions', async () => {
    const plan = await compareTargetExchange.plan(context());
    expect(plan.actions).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.findings).toEqual([
      'Compared EXCHVS-DR (3 storage groups, 4 stores) with EXCHVS (3 storage groups, 4 stores) in the lab directory:',
      'Boston / Sales: mailbox, E:\\Exchsrvr\\Boston\\Sales.edb in EXCHVS; mailbox, E:\\Exchsrvr\\Boston\\Sales.edb in EXCHVS-DR',
      'First Storage Group / Mailbox Store (EXCHVS) ↔ Mailbox Store (EXCHVS-DR): mailbox, E:\\Exchsrvr\\mdbdata\\priv1.edb in EXCHVS; mailbox, E:\\Exchsrvr\\mdbdata\\priv1.edb in EXCHVS-DR',
      'First Storage Group / Public Folder Store (EXCHVS) ↔ Public Folder Store (EXCHVS-DR): public, E:\\Exchsrvr\\mdbdata\\pub1.edb in EXCHVS; public, E:\\Exchsrvr\\mdbdata\\pub1.edb in EXCHVS-DR',
      'Indy / Sales: mailbox, E:\\Exchsrvr\\Indy\\Sales.edb in EXCHVS; mailbox, E:\\Exchsrvr\\Indy\\Sales.edb in EXCHVS-DR',
      'EXCHVS-DR has the same storage groups, stores and database files as EXCHVS.',
      'Step 4.1 has recorded nothing yet: the target is compared with EXCHVS as it is now.',
    ]);

    const checks = await compareTargetExchange.verify(context());
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(checks.map((c) => c.what)).toEqual([
      'Storage group "Boston" is on both EXCHVS and EXCHVS-DR',
      'Store "Boston / Sales" is the same on EXCHVS and EXCHVS-DR',
      'Storage group "First Storage Group" is on both EXCHVS and EXCHVS-DR',
      'Store "First Storage Group / Mailbox Store (EXCHVS)" is the same on EXCHVS and EXCHVS-DR',
      'Store "First Storage Group / Public Folder Store (EXCHVS)" is the same on EXCHVS and EXCHVS-DR',
      'Storage group "Indy" is on both EXCHVS and EXCHVS-DR',
      'Store "Indy / Sales" is the same on EXCHVS and EXCHVS-DR',
    ]);
  });

  it("names a target store whose database file path differs (and only that one of the two Sales stores)", async () => {
    await setEdbFile(t.lab, 'EXCHVS-DR', 'Boston', 'Sales', 'E:\\Exchsrvr\\Boston\\BostonSales.edb');
    const difference =
      'store "Boston / Sales" has database file E:\\Exchsrvr\\Boston\\Sales.edb in EXCHVS but E:\\Exchsrvr\\Boston\\BostonSales.edb in EXCHVS-DR';

    const plan = await compareTargetExchange.plan(context());
    expect(plan.actions).toEqual([]);
    expect(plan.warnings[0]).toBe(`Difference: ${difference}.`);
    expect(plan.warnings).toHaveLength(2);

    const failed = (await compareTargetExchange.verify(context())).filter((c) => !c.ok);
    expect(failed).toEqual([{ what: 'Store "Boston / Sales" is the same on EXCHVS and EXCHVS-DR', ok: false, detail: difference }]);
  });

  it('names a store missing from the target', async () => {
    await t.lab.directory.delete(dns.store('EXCHVS-DR', 'First Storage Group', 'Mailbox Store (EXCHVS-DR)'));
    const plan = await compareTargetExchange.plan(context());
    expect(plan.warnings[0]).toBe('Difference: store "First Storage Group / Mailbox Store (EXCHVS)" (in EXCHVS) is missing from EXCHVS-DR.');
    expect(plan.findings).toContain(
      'First Storage Group / Mailbox Store (EXCHVS): mailbox, E:\\Exchsrvr\\mdbdata\\priv1.edb in EXCHVS; missing from EXCHVS-DR',
    );

    const failed = (await compareTargetExchange.verify(context())).filter((c) => !c.ok);
    expect(failed.map((c) => [c.what, c.detail])).toEqual([
      [
        'Store "First Storage Group / Mailbox Store (EXCHVS)" is the same on EXCHVS and EXCHVS-DR',
        'store "First Storage Group / Mailbox Store (EXCHVS)" (in EXCHVS) is missing from EXCHVS-DR',
      ],
    ]);
  });

  it('names a storage group missing from the target once, and fails each of its stores', async () => {
    await t.lab.directory.delete(dns.store('EXCHVS-DR', 'Indy', 'Sales'));
    await t.lab.directory.delete(dns.storageGroup('EXCHVS-DR', 'Indy'));
    const plan = await compareTargetExchange.plan(context());
    expect(plan.warnings.filter((w) => w.startsWith('Difference:'))).toEqual(['Difference: storage group "Indy" (in EXCHVS) is missing from EXCHVS-DR.']);
    const failed = (await compareTargetExchange.verify(context())).filter((c) => !c.ok);
    expect(failed.map((c) => c.what)).toEqual(['Storage group "Indy" is on both EXCHVS and EXCHVS-DR', 'Store "Indy / Sales" is the same on EXCHVS and EXCHVS-DR']);
  });

  it('reports when the source has changed since step 4.1 recorded it', async () => {
    const record = await recordSourceExchange.plan(context());
    await record.actions[0]?.run(new AbortController().signal);
    const unchanged = await compareTargetExchange.plan(context());
    expect(unchanged.findings).toContain(`EXCHVS is still as step 4.1 recorded it at ${NOW.toISOString()}.`);
    expect((await compareTargetExchange.verify(context())).every((c) => c.ok)).toBe(true);

    await setEdbFile(t.lab, 'EXCHVS', 'Indy', 'Sales', 'E:\\Exchsrvr\\Indy\\IndySales.edb');
    const plan = await compareTargetExchange.plan(context());
    expect(plan.warnings).toContain(
      `Changed since step 4.1 recorded it (${NOW.toISOString()}): store "Indy / Sales" has database file E:\\Exchsrvr\\Indy\\Sales.edb in the recording of step 4.1 but E:\\Exchsrvr\\Indy\\IndySales.edb in EXCHVS now.`,
    );
    const failed = (await compareTargetExchange.verify(context())).filter((c) => !c.ok);
    expect(failed.map((c) => c.what)).toEqual(['Store "Indy / Sales" is the same on EXCHVS and EXCHVS-DR', 'EXCHVS is still as step 4.1 recorded it']);
  });

  it('names the target field when the target server is not in the directory', async () => {
    const pair = labPairDocument();
    const unknownTarget = { ...pair, target: { ...pair.target, networkName: { ...pair.target.networkName, name: 'EXCHVS-X' } } };
    await expect(compareTargetExchange.plan(context(unknownTarget))).rejects.toThrow(
      /^target\.networkName\.name: no Exchange server named EXCHVS-X in the lab directory \(/,
    );
    await expect(compareTargetExchange.verify(context(unknownTarget))).rejects.toThrow(/^target\.networkName\.name: no Exchange server named EXCHVS-X/);
  });
});
