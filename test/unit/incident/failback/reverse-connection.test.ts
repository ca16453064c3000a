import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../../src-main/incident/failback-runbook/failback-actions';
import { mirrorProgress, queueProgress, RateMeter, readReverseConnections } from '../../../../src-main/incident/failback-runbook/reverse-connection';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import { connection, fakeState, fakeWorld, T0 } from './fake-failback-world';

const MiB = 1_048_576;

describe('the reverse connection and its progress', () => {
  it('finds the replication set\'s connection to the failback address on the target nodes only', async () => {
    const state = fakeState();
    state.connections = {
      TGT1: [connection({ id: 4, target: '10.1.0.99' }), connection({ id: 5, replicationSet: 'exchange' })],
      TGT2: [connection({ id: 7 })],
      SRC1: [connection({ id: 9 })],
    };
    const read = await readReverseConnections(fakeWorld(state), labPairDocument());
    expect(read.found.map((f) => [f.node, f.connection.id])).toEqual([['TGT2', 7]]);
    const none = await readReverseConnections(fakeWorld(state), { ...labPairDocument(), incident: { ...labPairDocument().incident, failbackAddress: undefined } });
    expect(none.found).toEqual([]);
  });

  it('measures a rate from world time, rising or falling, never negative', () => {
    let now = T0;
    const meter = new RateMeter(() => now);
    expect(meter.read(0, 'rising')).toBeUndefined();
    now = new Date(T0.getTime() + 2000);
    expect(meter.read(2 * MiB, 'rising')).toBe(MiB);
    now = new Date(T0.getTime() + 4000);
    expect(meter.read(MiB, 'rising')).toBe(0);
    expect(meter.read(0, 'falling')).toBeUndefined(); // no time passed
  });

  it('says bytes, percent, rate and time left for the mirror, and bytes left for the queue', () => {
    const mirror = { node: 'TGT1', connection: connection({ mirrorState: 'started', bytesToMirror: 10 * MiB, mirroredBytes: 4 * MiB }) };
    expect(mirrorProgress(mirror, MiB)).toEqual({
      what: 'Mirror to 10.0.0.10 from TGT1',
      fraction: 0.4,
      bytes: 4 * MiB,
      totalBytes: 10 * MiB,
      bytesPerSecond: MiB,
      secondsLeft: 6,
      text: '4 MB of 10 MB, 40%, 1 MB/s, 6 s left',
    });
    expect(mirrorProgress({ node: 'TGT1', connection: connection({ bytesToMirror: 3 * 1024 ** 3, mirroredBytes: 1024 ** 3 }) }, 512 * 1024).text).toBe('1 GB of 3 GB, 33%, 512 KB/s, 1 h 9 min left');
    const queue = { node: 'TGT1', connection: connection({ queuedReplicationBytes: 300 * MiB }) };
    expect(queueProgress(queue, 2 * MiB)).toMatchObject({ what: 'Queued replication bytes on TGT1', bytes: 300 * MiB, text: '300 MB queued, draining at 2 MB/s, 3 min left' });
    expect(queueProgress({ node: 'TGT1', connection: connection() }, 2 * MiB).text).toBe('0 B queued, draining at 2 MB/s');
  });

  it('writes byte counts in binary multiples', () => {
    expect([0, 1023, 1024, 1536, 150 * 1024, 5 * MiB, 1.25 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '1023 B', '1 KB', '1.5 KB', '150 KB', '5 MB', '1.3 GB']);
  });
});
