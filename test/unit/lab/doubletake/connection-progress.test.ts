import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceConnection, isConnectionDrained } from '../../../../src-main/lab/doubletake/connection-progress';
import type { ConnectionState } from '../../../../src-main/lab/doubletake/doubletake-state';

function connection(overrides: Partial<ConnectionState> = {}): ConnectionState {
  return {
    id: 1,
    replicationSet: 'Exchange',
    target: '10.0.1.50',
    mapping: 'exact',
    state: 'connected',
    mirror: {
      state: 'started',
      options: { mode: 'different', checksum: true, orphans: true, checksumAllFiles: true },
      bytesToMirror: 10_000,
      mirroredBytes: 0,
    },
    queuedReplicationBytes: 0,
    transmitRemainder: 0,
    ...overrides,
  };
}

describe('advanceConnection', () => {
  it('sends the replication queue before the mirror', () => {
    const next = advanceConnection(connection({ queuedReplicationBytes: 1500 }), 2000, 1000);
    expect(next.queuedReplicationBytes).toBe(0);
    expect(next.mirror.mirroredBytes).toBe(500);
    expect(next.mirror.state).toBe('started');
  });

  it('completes the mirror exactly at bytesToMirror and stops counting there', () => {
    const next = advanceConnection(connection(), 60_000, 1000);
    expect(next.mirror).toMatchObject({ state: 'complete', mirroredBytes: 10_000 });
    expect(isConnectionDrained(next)).toBe(true);
  });

  it('carries fractions of a byte between ticks instead of losing them', () => {
    let c = connection();
    for (let i = 0; i < 1000; i += 1) c = advanceConnection(c, 1, 300);
    expect(c.mirror.mirroredBytes).toBe(300);
  });

  it('does nothing on a paused connection', () => {
    const paused = connection({ state: 'paused', queuedReplicationBytes: 10 });
    expect(advanceConnection(paused, 10_000, 1000)).toBe(paused);
  });

  it('ends in the same place however the time is cut into ticks (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        (ticks, rate, queued, toMirror) => {
          const start = connection({
            queuedReplicationBytes: queued,
            mirror: { ...connection().mirror, bytesToMirror: toMirror, state: toMirror === 0 ? 'complete' : 'started' },
          });
          const stepped = ticks.reduce((c, ms) => advanceConnection(c, ms, rate), start);
          const once = advanceConnection(start, ticks.reduce((a, b) => a + b, 0), rate);
          expect(stepped).toEqual(once);
          const sent = queued - once.queuedReplicationBytes + once.mirror.mirroredBytes;
          expect(sent).toBeLessThanOrEqual(Math.floor((rate * ticks.reduce((a, b) => a + b, 0)) / 1000));
        },
      ),
    );
  });
});
