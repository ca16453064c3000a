import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DoubleTakeLab, DoubleTakeLabStateError, type DoubleTakeLabOptions } from '../../../../src-main/lab/doubletake/doubletake-lab';
import { doubleTakeLabFile, loadDoubleTakeLab, saveDoubleTakeLab } from '../../../../src-main/lab/doubletake/doubletake-lab-file';
import { DoubleTakeError, serverUnreachableMessage } from '../../../../src-main/lab/doubletake/errors';

function refusal(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A lab with one connection on SRC1 mirroring 4000 bytes and 1000 bytes queued. */
function busyLab(options: DoubleTakeLabOptions = {}): DoubleTakeLab {
  const lab = DoubleTakeLab.create(undefined, options);
  const src1 = lab.server('SRC1');
  src1.createReplicationSet('Exchange');
  src1.addRule('Exchange', { path: 'E:\\Exchsrvr', mode: 'include', recursive: true });
  src1.saveReplicationSets();
  const id = src1.connect('Exchange', '10.0.1.50');
  src1.startMirror(id, { mode: 'different', checksum: true, orphans: true }, 4000);
  src1.replicate(id, 1000);
  return lab;
}

describe('DoubleTakeLab', () => {
  it('installs Double-Take on the four lab nodes', () => {
    const lab = DoubleTakeLab.create();
    expect(lab.nodes()).toEqual(['SRC1', 'SRC2', 'TGT1', 'TGT2']);
    expect(lab.server('tgt2').options()).toEqual({ AutoReconnect: 1, ChecksumAll: 0 });
  });

  it('refuses a node that is down with the unreachable message, even through an earlier reference', () => {
    let src1Up = true;
    const lab = DoubleTakeLab.create(undefined, { isNodeUp: (node) => node !== 'SRC1' || src1Up });
    const src1 = lab.server('SRC1');
    src1Up = false;
    const error = refusal(() => src1.options());
    expect(error).toBeInstanceOf(DoubleTakeError);
    expect((error as DoubleTakeError).code).toBe('server-unreachable');
    expect(error.message).toBe(serverUnreachableMessage('SRC1'));
    expect(refusal(() => lab.server('src1')).message).toBe(serverUnreachableMessage('SRC1'));
    expect(lab.server('SRC2').options().AutoReconnect).toBe(1);
  });

  it('treats a name without Double-Take as unreachable', () => {
    expect(refusal(() => DoubleTakeLab.create().server('EXCH9')).message).toBe(serverUnreachableMessage('EXCH9'));
  });

  it('steps mirrors and queues on tick, and not on nodes that are down', () => {
    let up = true;
    const lab = busyLab({ isNodeUp: () => up });
    lab.tick(2000); // 2 MiB budget at the default speed: everything goes
    expect(lab.server('SRC1').connection(1)).toMatchObject({ queuedReplicationBytes: 0, mirror: { state: 'complete', mirroredBytes: 4000 } });

    const stalled = busyLab({ isNodeUp: () => up });
    up = false;
    stalled.tick(2000);
    up = true;
    expect(stalled.server('SRC1').connection(1)).toMatchObject({ queuedReplicationBytes: 1000, mirror: { mirroredBytes: 0 } });
  });

  it('does not send to a target that does not answer', () => {
    const lab = busyLab({ isTargetReachable: () => false });
    lab.tick(60_000);
    expect(lab.server('SRC1').connection(1).queuedReplicationBytes).toBe(1000);
  });

  it('refuses a tick that is not a whole number of milliseconds', () => {
    const lab = DoubleTakeLab.create();
    expect(() => lab.tick(-1)).toThrow(RangeError);
    expect(() => lab.tick(1.5)).toThrow(RangeError);
  });

  it('round-trips through JSON', () => {
    const lab = busyLab();
    lab.tick(1);
    const json = JSON.parse(JSON.stringify(lab));
    const again = DoubleTakeLab.fromJSON(json);
    expect(again.toJSON()).toEqual(lab.toJSON());
    expect(again.server('SRC1').connection(1).mirror.mirroredBytes).toBe(lab.server('SRC1').connection(1).mirror.mirroredBytes);
  });

  it('names the field when a state is invalid', () => {
    const json = JSON.parse(JSON.stringify(busyLab())) as {
      servers: Record<string, { connections: { mirror: { state: string } }[]; options: Record<string, unknown> }>;
    };
    json.servers['SRC1']!.connections[0]!.mirror.state = 'running';
    json.servers['TGT1']!.options['ChecksumAll'] = 2;
    const error = refusal(() => DoubleTakeLab.fromJSON(json, {}, 'doubletake.json'));
    expect(error).toBeInstanceOf(DoubleTakeLabStateError);
    expect(error.message).toContain('doubletake.json is not valid');
    expect(error.message).toContain('servers.SRC1.connections[0].mirror.state:');
    expect(error.message).toContain('servers.TGT1.options.ChecksumAll:');
  });

  it('refuses states that break the model rules, naming the field', () => {
    const base = () => JSON.parse(JSON.stringify(busyLab())) as {
      servers: Record<string, { connections: Record<string, unknown>[]; replicationSets: { name: string; rules: unknown[] }[] }>;
    };
    const overMirrored = base();
    (overMirrored.servers['SRC1']!.connections[0]!['mirror'] as Record<string, unknown>)['mirroredBytes'] = 5000;
    expect(refusal(() => DoubleTakeLab.fromJSON(overMirrored)).message).toContain('servers.SRC1.connections[0].mirror.mirroredBytes: 5000 is more than bytesToMirror (4000)');

    const orphaned = base();
    orphaned.servers['SRC1']!.replicationSets[0]!.name = 'Renamed';
    expect(refusal(() => DoubleTakeLab.fromJSON(orphaned)).message).toContain("servers.SRC1.connections[0].replicationSet: no replication set named 'Exchange'");

    const badPath = base();
    badPath.servers['SRC1']!.replicationSets[0]!.rules.push({ path: 'E:\\a|b', mode: 'include', recursive: true });
    expect(refusal(() => DoubleTakeLab.fromJSON(badPath)).message).toContain('servers.SRC1.replicationSets[0].rules[1].path:');

    const badNode = JSON.parse(JSON.stringify(DoubleTakeLab.create(['SRC1']))) as { servers: Record<string, unknown> };
    badNode.servers['../x'] = badNode.servers['SRC1'];
    expect(refusal(() => DoubleTakeLab.fromJSON(badNode)).message).toContain('servers.../x:');
  });
});

describe('doubletake.json', () => {
  let lab: string;
  beforeEach(async () => {
    lab = await mkdtemp(join(tmpdir(), 'doubletake-lab-'));
  });
  afterEach(async () => {
    await rm(lab, { recursive: true, force: true });
  });

  it('gives a fresh lab when there is no file yet', async () => {
    const loaded = await loadDoubleTakeLab(lab);
    expect(loaded.toJSON()).toEqual(DoubleTakeLab.create().toJSON());
    expect(await readdir(lab)).toEqual([]);
  });

  it('saves atomically and loads what it saved', async () => {
    const busy = busyLab();
    await saveDoubleTakeLab(lab, busy);
    await saveDoubleTakeLab(lab, busy);
    expect(await readdir(lab)).toEqual(['doubletake.json']);
    const loaded = await loadDoubleTakeLab(lab);
    expect(loaded.toJSON()).toEqual(busy.toJSON());
    expect(JSON.parse(await readFile(doubleTakeLabFile(lab), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('passes lab power to a loaded lab', async () => {
    await saveDoubleTakeLab(lab, DoubleTakeLab.create());
    const loaded = await loadDoubleTakeLab(lab, { isNodeUp: (node) => node !== 'TGT1' });
    expect(() => loaded.server('TGT1')).toThrow(serverUnreachableMessage('TGT1'));
  });

  it('refuses a damaged file, naming it', async () => {
    await writeFile(doubleTakeLabFile(lab), '{"version": 1,');
    await expect(loadDoubleTakeLab(lab)).rejects.toThrow(`${doubleTakeLabFile(lab)} is not valid JSON`);
    await writeFile(doubleTakeLabFile(lab), '{"version": 2, "bytesPerSecond": 1, "servers": {}}');
    await expect(loadDoubleTakeLab(lab)).rejects.toThrow(/doubletake\.json is not valid:\nversion:/);
  });
});
