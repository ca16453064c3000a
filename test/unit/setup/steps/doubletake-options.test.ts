import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import { sourceDoubleTakeOptions, targetDoubleTakeOptions } from '../../../../src-main/setup/steps/doubletake-options';
import { onlineDtclOnDisk, runSignal, stepLabPerTest } from '../../../helpers/setup-step-lab';

const t = stepLabPerTest();

const optionsOf = (node: string) => t.context().world.doubleTake(node).options();

describe('step 4.3: Double-Take options on every source node', () => {
  it('plans one DTCL script per node with the exact lines, applies, verifies, and converges', async () => {
    const plan = await sourceDoubleTakeOptions.plan(t.context());
    expect(plan.warnings).toEqual([]);
    expect(plan.actions.map((a) => [a.tool, a.target, a.needed])).toEqual([
      ['dtcl', 'SRC1', true],
      ['dtcl', 'SRC2', true],
    ]);
    expect(plan.actions[0]?.command.split('\n')).toEqual(['LOGIN SRC1 Administrator ********;', 'SET AutoReconnect=0;', 'SET ChecksumAll=1;']);
    expect(plan.actions.some((a) => a.command.includes('lab-Passw0rd'))).toBe(false);

    for (const action of plan.actions.filter((a) => a.needed)) await action.run(runSignal);
    expect(await optionsOf('SRC1')).toEqual({ AutoReconnect: 0, ChecksumAll: 1 });
    expect(await optionsOf('SRC2')).toEqual({ AutoReconnect: 0, ChecksumAll: 1 });
    expect(await optionsOf('TGT1')).toEqual({ AutoReconnect: 1, ChecksumAll: 0 });
    const checks = await sourceDoubleTakeOptions.verify(t.context());
    expect(checks.map((c) => [c.what.split(':')[0], c.ok])).toEqual([
      ['SRC1', true],
      ['SRC2', true],
    ]);

    const before = await t.snapshot();
    const again = await t.apply(sourceDoubleTakeOptions);
    expect(again.actions.filter((a) => a.needed)).toEqual([]);
    expect(again.actions).toHaveLength(2);
    expect(await t.snapshot()).toEqual(before);
  });

  it('sets only the option that differs', async () => {
    await t.context().world.doubleTake('SRC2').run([{ kind: 'set-option', option: 'ChecksumAll', value: 1 }]);
    const plan = await sourceDoubleTakeOptions.plan(t.context());
    const src2 = plan.actions.find((a) => a.target === 'SRC2');
    expect(src2?.command.split('\n')).toEqual(['LOGIN SRC2 Administrator ********;', 'SET AutoReconnect=0;']);
    expect(src2?.needed).toBe(true);
  });

  it('fails verification naming the node whose option was changed back', async () => {
    await t.apply(sourceDoubleTakeOptions);
    await t.context().world.doubleTake('SRC1').run([{ kind: 'set-option', option: 'AutoReconnect', value: 1 }]);
    const checks = await sourceDoubleTakeOptions.verify(t.context());
    const failed = checks.filter((c) => !c.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.what).toContain('SRC1');
    expect(failed[0]?.detail).toContain('AutoReconnect = 1');
  });

  it('reports a node that is down without stopping the others, and verify fails naming it', async () => {
    await t.lab.power('SRC2', false);
    const plan = await sourceDoubleTakeOptions.plan(t.context());
    expect(plan.actions.map((a) => a.target)).toEqual(['SRC1']);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toMatch(/^SRC2: Double-Take did not answer/);
    for (const action of plan.actions.filter((a) => a.needed)) await action.run(runSignal);
    const checks = await sourceDoubleTakeOptions.verify(t.context());
    expect(checks.find((c) => c.what.startsWith('SRC1'))?.ok).toBe(true);
    const src2 = checks.find((c) => c.what.startsWith('SRC2'));
    expect(src2?.ok).toBe(false);
    expect(src2?.detail).toContain('SRC2');
  });
});

describe('step 5.3: Double-Take options and online.dtcl on every target node', () => {
  it('plans options and the ORPHANS patch on the target nodes only, applies, verifies, converges', async () => {
    const sourceScript = await readFile(onlineDtclOnDisk(t.folder, 'SRC1'));
    const plan = await targetDoubleTakeOptions.plan(t.context());
    expect(plan.warnings).toEqual([]);
    expect(plan.actions.map((a) => [a.tool, a.target, a.needed])).toEqual([
      ['dtcl', 'TGT1', true],
      ['dtcl', 'TGT2', true],
      ['file', 'TGT1', true],
      ['file', 'TGT2', true],
    ]);
    const patch = plan.actions[2]?.command.split('\n') ?? [];
    expect(patch).toContain('-    $mirror = MIRROR START $conid DIFFERENT,CHECKSUM;');
    expect(patch).toContain('+    $mirror = MIRROR START $conid DIFFERENT,CHECKSUM ORPHANS;');
    expect(patch[0]).toBe('--- TGT1 C:\\Program Files\\DoubleTake\\online.dtcl');

    for (const action of plan.actions.filter((a) => a.needed)) await action.run(runSignal);
    for (const node of ['TGT1', 'TGT2']) {
      expect((await readFile(onlineDtclOnDisk(t.folder, node), 'utf8')).includes('DIFFERENT,CHECKSUM ORPHANS;')).toBe(true);
      expect(await optionsOf(node)).toEqual({ AutoReconnect: 0, ChecksumAll: 1 });
    }
    expect(await readFile(onlineDtclOnDisk(t.folder, 'SRC1'))).toEqual(sourceScript);
    expect(await optionsOf('SRC1')).toEqual({ AutoReconnect: 1, ChecksumAll: 0 });
    const checks = await targetDoubleTakeOptions.verify(t.context());
    expect(checks).toHaveLength(4);
    expect(checks.every((c) => c.ok)).toBe(true);

    const before = await t.snapshot();
    const again = await t.apply(targetDoubleTakeOptions);
    expect(again.actions.filter((a) => a.needed)).toEqual([]);
    expect(again.actions.filter((a) => a.tool === 'file').map((a) => a.command.split('\n')[1])).toEqual([
      ' $mirror = MIRROR START $conid DIFFERENT,CHECKSUM ORPHANS;',
      ' $mirror = MIRROR START $conid DIFFERENT,CHECKSUM ORPHANS;',
    ]);
    expect(await t.snapshot()).toEqual(before);
  });

  it('refuses an online.dtcl without the MIRROR line: a warning, no write, verify fails with the reason', async () => {
    const odd = Buffer.from('# a hand-edited online.dtcl\r\nRETURN 0;\r\n');
    await t.lab.nodeFiles.writeFile('TGT2', 'C:\\Program Files\\DoubleTake\\online.dtcl', odd);
    const plan = await targetDoubleTakeOptions.plan(t.context());
    expect(plan.actions.filter((a) => a.tool === 'file').map((a) => a.target)).toEqual(['TGT1']);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toContain('TGT2');
    for (const action of plan.actions.filter((a) => a.needed)) await action.run(runSignal);
    expect(await readFile(onlineDtclOnDisk(t.folder, 'TGT2'))).toEqual(odd);
    const checks = await targetDoubleTakeOptions.verify(t.context());
    const failed = checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.what)).toEqual(['TGT2: online.dtcl starts the mirror with ORPHANS']);
    expect(plan.warnings[0]).toContain(failed[0]?.detail ?? '<no detail>');
  });

  it('throws from run with the node\'s message when the file turned bad after the plan', async () => {
    const plan = await targetDoubleTakeOptions.plan(t.context());
    await t.lab.nodeFiles.writeFile('TGT1', 'C:\\Program Files\\DoubleTake\\online.dtcl', Buffer.from('RETURN 0;\r\n'));
    const patch = plan.actions.find((a) => a.tool === 'file' && a.target === 'TGT1');
    await expect(patch?.run(runSignal)).rejects.toThrow(/TGT1/);
  });

  it('reads online.dtcl from the installation folder the pair document records for each node', async () => {
    const pair = labPairDocument();
    const moved = pair.target.cluster.nodes.map((node) => (node.name === 'TGT2' ? { ...node, doubleTakeFolder: 'D:\\Apps\\DoubleTake' } : node));
    pair.target.cluster.nodes = moved;
    const plan = await targetDoubleTakeOptions.plan(t.context(pair));
    expect(plan.actions.filter((a) => a.tool === 'file').map((a) => a.target)).toEqual(['TGT1']);
    expect(plan.warnings.join('\n')).toContain('D:\\Apps\\DoubleTake\\online.dtcl');

    const shipped = await readFile(onlineDtclOnDisk(t.folder, 'TGT2'));
    await t.lab.nodeFiles.createDirectory('TGT2', 'D:\\Apps\\DoubleTake');
    await t.lab.nodeFiles.writeFile('TGT2', 'D:\\Apps\\DoubleTake\\online.dtcl', shipped);
    const found = await targetDoubleTakeOptions.plan(t.context(pair));
    const tgt2 = found.actions.find((a) => a.tool === 'file' && a.target === 'TGT2');
    expect(tgt2?.command.split('\n')[0]).toBe('--- TGT2 D:\\Apps\\DoubleTake\\online.dtcl');
    await tgt2?.run(runSignal);
    expect((await t.lab.nodeFiles.readFile('TGT2', 'D:\\Apps\\DoubleTake\\online.dtcl')).toString('utf8')).toContain('CHECKSUM ORPHANS;');
    expect(await readFile(onlineDtclOnDisk(t.folder, 'TGT2'))).toEqual(shipped);
  });
});
