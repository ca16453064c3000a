/**
 * Lab time: the lab's Double-Take follows an injected clock (caught up on load and on every read, one hour at most
 * at once, never backwards), a node running Exchange writes into its connections' queues, a target that cannot be
 * reached gets nothing, and each connection keeps when its queue was last empty.
 */
import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advanceConnectionOver, DEFAULT_LAB_WRITE_BYTES_PER_SECOND } from '../../../../src-main/lab/doubletake/connection-progress';
import { DoubleTakeLab, DoubleTakeLabStateError, MAX_LAB_ADVANCE_MS, type DoubleTakeLabOptions } from '../../../../src-main/lab/doubletake/doubletake-lab';
import { doubleTakeLabFile, loadDoubleTakeLab, saveDoubleTakeLab, saveDoubleTakeLabIfChanged } from '../../../../src-main/lab/doubletake/doubletake-lab-file';
import type { ConnectionState } from '../../../../src-main/lab/doubletake/doubletake-state';
import { emulateDtcl } from '../../../../src-main/lab/doubletake/dtcl-emulation';
import { LAB_DOUBLETAKE_PASSWORD } from '../../../../src-main/lab/doubletake/lab-accounts';

const T0 = Date.parse('2026-12-08T03:00:00Z');
const MIB = 1_048_576;

/** A clock the test moves by hand. */
function manualClock(start = T0): { now: () => number; set(ms: number): void; add(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    add: (ms) => {
      t += ms;
    },
  };
}

/** SRC1 replicating set "Exchange" to 10.1.0.21 (connection 1), with the lab's other callbacks as given. */
function replicatingLab(options: DoubleTakeLabOptions): DoubleTakeLab {
  const lab = DoubleTakeLab.create(undefined, options);
  const src1 = lab.server('SRC1');
  src1.createReplicationSet('Exchange');
  src1.addRule('Exchange', { path: 'E:\\Exchsrvr', mode: 'include', recursive: true });
  src1.saveReplicationSets();
  src1.connect('Exchange', '10.1.0.21');
  return lab;
}

describe('lab time follows the clock', () => {
  it('moves a mirror by the time passed whenever the state is read', () => {
    const clock = manualClock();
    const lab = replicatingLab({ now: clock.now });
    lab.server('SRC1').startMirror(1, { mode: 'full', checksum: false, orphans: false }, 3 * MIB);
    clock.add(1000);
    expect(lab.server('SRC1').connection(1).mirror).toMatchObject({ state: 'started', mirroredBytes: MIB });
    clock.add(1500);
    expect(lab.server('SRC1').connection(1).mirror).toMatchObject({ state: 'started', mirroredBytes: 2.5 * MIB });
    clock.add(10_000);
    expect(lab.server('SRC1').connection(1).mirror).toMatchObject({ state: 'complete', mirroredBytes: 3 * MIB });
  });

  it('moves at most one hour at once, and never backwards when the clock goes back', () => {
    const clock = manualClock();
    let reachable = false;
    const lab = replicatingLab({ now: clock.now, isWriting: (node) => node === 'SRC1', isTargetReachable: () => reachable });
    clock.add(3 * MAX_LAB_ADVANCE_MS);
    const hourOfWrites = (DEFAULT_LAB_WRITE_BYTES_PER_SECOND * MAX_LAB_ADVANCE_MS) / 1000;
    expect(lab.server('SRC1').connection(1).queuedReplicationBytes).toBe(hourOfWrites);

    clock.add(-60_000);
    expect(lab.server('SRC1').connection(1).queuedReplicationBytes).toBe(hourOfWrites);
    // Lab time starts again from the clock as it is now: ten seconds later is ten seconds of writes.
    clock.add(10_000);
    expect(lab.server('SRC1').connection(1).queuedReplicationBytes).toBe(hourOfWrites + 10 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND);

    reachable = true;
    clock.add(MAX_LAB_ADVANCE_MS);
    expect(lab.server('SRC1').connection(1).queuedReplicationBytes).toBe(0);
  });

  it('catches up when a state is loaded, from the time the file holds', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'lab-time-'));
    try {
      const clock = manualClock();
      const lab = replicatingLab({ now: clock.now });
      lab.server('SRC1').startMirror(1, { mode: 'full', checksum: false, orphans: false }, 10 * MIB);
      await saveDoubleTakeLab(folder, lab);
      expect(JSON.parse(await readFile(doubleTakeLabFile(folder), 'utf8'))).toMatchObject({ advancedAt: T0 });
      clock.add(4000);
      const loaded = await loadDoubleTakeLab(folder, { now: clock.now });
      expect(loaded.server('SRC1').connection(1).mirror.mirroredBytes).toBe(4 * MIB);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('does not move without a clock (tick still does)', () => {
    const lab = replicatingLab({ isWriting: () => true, isTargetReachable: () => false });
    expect(lab.server('SRC1').connection(1).queuedReplicationBytes).toBe(0);
    lab.tick(1000);
    expect(lab.server('SRC1').connection(1).queuedReplicationBytes).toBe(DEFAULT_LAB_WRITE_BYTES_PER_SECOND);
  });
});

describe('Exchange writes while it runs', () => {
  it('keeps the queue empty while the link sends, and lastEmptyAt at the latest read', () => {
    const clock = manualClock();
    const lab = replicatingLab({ now: clock.now, isWriting: (node) => node === 'SRC1' });
    clock.add(30_000);
    expect(lab.server('SRC1').connection(1)).toMatchObject({ queuedReplicationBytes: 0, lastEmptyAt: T0 + 30_000 });
  });

  it('grows the queue only while the target cannot be reached, keeping when it was last empty', () => {
    const clock = manualClock();
    let cut = false;
    const lab = replicatingLab({ now: clock.now, isWriting: (node) => node === 'SRC1', isTargetReachable: (_target, from) => !(cut && from === 'SRC1') });
    clock.add(5000);
    lab.server('SRC1').connections(); // read: caught up with the link working
    cut = true;
    clock.add(10_000);
    expect(lab.server('SRC1').connection(1)).toMatchObject({ queuedReplicationBytes: 10 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND, lastEmptyAt: T0 + 5000 });
    clock.add(10_000);
    expect(lab.server('SRC1').connection(1)).toMatchObject({ queuedReplicationBytes: 20 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND, lastEmptyAt: T0 + 5000 });

    // The link back: 1 MiB/s drains the 1.25 MiB queue while 64 KiB/s still comes in: empty within two seconds.
    cut = false;
    clock.add(1000);
    expect(lab.server('SRC1').connection(1).queuedReplicationBytes).toBe(20 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND + DEFAULT_LAB_WRITE_BYTES_PER_SECOND - MIB);
    clock.add(1000);
    expect(lab.server('SRC1').connection(1)).toMatchObject({ queuedReplicationBytes: 0, lastEmptyAt: T0 + 27_000 });
  });

  it('writes nothing on a node that does not run Exchange, nor on a node that is down', () => {
    const clock = manualClock();
    let up = true;
    const lab = replicatingLab({ now: clock.now, isWriting: (node) => node === 'SRC2', isTargetReachable: () => false, isNodeUp: (node) => node !== 'SRC1' || up });
    clock.add(10_000);
    expect(lab.server('SRC1').connection(1).queuedReplicationBytes).toBe(0);
    const writing = replicatingLab({ now: clock.now, isWriting: () => true, isTargetReachable: () => false, isNodeUp: (node) => node !== 'SRC1' || up });
    clock.add(1000);
    writing.catchUp(); // the lab catches up before every power change, as Lab.power and the failures do
    up = false;
    clock.add(10_000);
    writing.catchUp();
    up = true;
    clock.add(1000);
    expect(writing.server('SRC1').connection(1).queuedReplicationBytes).toBe(2 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND);
  });

  it('a paused connection queues the writes and sends nothing', () => {
    const clock = manualClock();
    const lab = replicatingLab({ now: clock.now, isWriting: () => true });
    lab.server('SRC1').pause(1);
    clock.add(2000);
    expect(lab.server('SRC1').connection(1)).toMatchObject({ state: 'paused', queuedReplicationBytes: 2 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND, lastEmptyAt: T0 });
  });
});

describe('advanceConnectionOver', () => {
  const base: ConnectionState = {
    id: 1,
    replicationSet: 'Exchange',
    target: '10.1.0.21',
    mapping: 'exact',
    state: 'connected',
    mirror: { state: 'started', options: { mode: 'full', checksum: false, orphans: false, checksumAllFiles: false }, bytesToMirror: 50_000, mirroredBytes: 0 },
    queuedReplicationBytes: 0,
    transmitRemainder: 0,
  };

  it('ends in the same place however the time is cut, while the writes stay under the link (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 2, max: 5000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 40_000 }),
        fc.boolean(),
        (pieces, link, writePercent, queued, canSend) => {
          const write = Math.floor((link * writePercent) / 100) - (writePercent === 100 ? 1 : 0);
          const start = { ...base, queuedReplicationBytes: queued };
          let t = T0;
          const stepped = pieces.reduce((c, ms) => {
            const next = advanceConnectionOver(c, { elapsedMs: ms, linkBytesPerSecond: link, canSend, writeBytesPerSecond: write, startAt: t, endAt: t + ms });
            t += ms;
            return next;
          }, start);
          const total = pieces.reduce((a, b) => a + b, 0);
          const once = advanceConnectionOver(start, { elapsedMs: total, linkBytesPerSecond: link, canSend, writeBytesPerSecond: write, startAt: T0, endAt: T0 + total });
          expect(stepped.queuedReplicationBytes).toBe(once.queuedReplicationBytes);
          expect(stepped.mirror).toEqual(once.mirror);
          expect(stepped.lastEmptyAt).toBe(once.lastEmptyAt);
        },
      ),
    );
  });
});

describe('the state file', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lab-time-file-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('loads a file written before lab time ran (no clock, no write rate, no lastEmptyAt) and starts the clock there', async () => {
    const old = replicatingLab({}).toJSON() as Record<string, unknown>;
    delete old['writeBytesPerSecond'];
    delete old['advancedAt'];
    await writeFile(doubleTakeLabFile(folder), JSON.stringify(old));
    const clock = manualClock();
    const loaded = await loadDoubleTakeLab(folder, { now: clock.now, isWriting: () => true, isTargetReachable: () => false });
    expect(loaded.toJSON()).toMatchObject({ advancedAt: T0, writeBytesPerSecond: DEFAULT_LAB_WRITE_BYTES_PER_SECOND });
    expect(loaded.server('SRC1').connection(1).queuedReplicationBytes).toBe(0);
    clock.add(1000);
    expect(loaded.server('SRC1').connection(1).queuedReplicationBytes).toBe(DEFAULT_LAB_WRITE_BYTES_PER_SECOND);
  });

  it('names a bad new field', () => {
    const json = JSON.parse(JSON.stringify(replicatingLab({}))) as { advancedAt?: unknown; servers: Record<string, { connections: Record<string, unknown>[] }> };
    json.advancedAt = -5;
    json.servers['SRC1']!.connections[0]!['lastEmptyAt'] = 'yesterday';
    let message = '';
    try {
      DoubleTakeLab.fromJSON(json, {}, 'doubletake.json');
    } catch (error) {
      expect(error).toBeInstanceOf(DoubleTakeLabStateError);
      message = (error as Error).message;
    }
    expect(message).toContain('advancedAt:');
    expect(message).toContain('servers.SRC1.connections[0].lastEmptyAt:');
  });

  it('is rewritten when bytes moved, not when only the clock did', async () => {
    const clock = manualClock();
    const lab = replicatingLab({ now: clock.now, isWriting: (node) => node === 'SRC1' });
    await saveDoubleTakeLab(folder, lab);
    const saved = await readFile(doubleTakeLabFile(folder), 'utf8');
    clock.add(60_000); // the queue stays empty: the link sends what Exchange writes
    expect(await saveDoubleTakeLabIfChanged(folder, lab)).toBe(false);
    expect(await readFile(doubleTakeLabFile(folder), 'utf8')).toBe(saved);
    lab.server('SRC1').pause(1);
    clock.add(1000);
    expect(await saveDoubleTakeLabIfChanged(folder, lab)).toBe(true);
    expect(JSON.parse(await readFile(doubleTakeLabFile(folder), 'utf8'))).toMatchObject({ advancedAt: T0 + 61_000 });
  });
});

describe("a failback's mirror", () => {
  it('sends what Exchange wrote on the node while no connection carried it, then nothing more', () => {
    const clock = manualClock();
    // Exchange runs on TGT1 after a failover; no connection leaves TGT1 yet.
    const lab = DoubleTakeLab.create(undefined, { now: clock.now, isWriting: (node) => node === 'TGT1', holdsCopy: (node) => node.startsWith('TGT') });
    const tgt1 = lab.server('TGT1');
    tgt1.createReplicationSet('Exchange');
    tgt1.addRule('Exchange', { path: 'E:\\Exchsrvr', mode: 'include', recursive: true });
    tgt1.saveReplicationSets();
    clock.add(60_000);
    expect(lab.server('TGT1').divergedBytes()).toBe(60 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND);

    const login = `LOGIN TGT1 Administrator ${LAB_DOUBLETAKE_PASSWORD}\r\n`;
    const run = emulateDtcl(lab, `${login}CONNECT "Exchange" TO 10.0.0.10 MAP EXACT\r\nMIRROR START 1 DIFFERENT,CHECKSUM\r\n`);
    expect(run.exitCode).toBe(0);
    expect(lab.server('TGT1').connection(1).mirror).toMatchObject({ state: 'started', bytesToMirror: 60 * DEFAULT_LAB_WRITE_BYTES_PER_SECOND, mirroredBytes: 0 });
    expect(lab.server('TGT1').divergedBytes()).toBe(0);

    // The link sends 1 MiB/s: the queue of new writes first, the mirror with the rest.
    clock.add(2000);
    expect(lab.server('TGT1').connection(1)).toMatchObject({
      queuedReplicationBytes: 0,
      mirror: { state: 'started', mirroredBytes: 2 * (MIB - DEFAULT_LAB_WRITE_BYTES_PER_SECOND) },
    });
    clock.add(10_000);
    expect(lab.server('TGT1').connection(1).mirror.state).toBe('complete');
    expect(lab.server('TGT1').divergedBytes()).toBe(0);
  });

  it('has nothing to send at setup: the source holds no copy, so its writes before the first mirror are not counted', () => {
    const clock = manualClock();
    const lab = DoubleTakeLab.create(undefined, { now: clock.now, isWriting: (node) => node === 'SRC1', holdsCopy: (node) => node.startsWith('TGT') });
    const src1 = lab.server('SRC1');
    src1.createReplicationSet('Exchange');
    src1.saveReplicationSets();
    clock.add(5000);
    expect(lab.server('SRC1').divergedBytes()).toBe(0);
    src1.connect('Exchange', '10.1.0.21');
    const login = `LOGIN SRC1 Administrator ${LAB_DOUBLETAKE_PASSWORD}\r\n`;
    expect(emulateDtcl(lab, `${login}MIRROR START 1 DIFFERENT,CHECKSUM\r\n`).exitCode).toBe(0);
    expect(lab.server('SRC1').connection(1).mirror.state).toBe('complete');
  });
});
