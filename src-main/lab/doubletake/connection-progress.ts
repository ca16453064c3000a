import type { ConnectionState } from './doubletake-state';

/**
 * How a connection moves on when lab time passes: its link sends `bytesPerSecond`, first the replication queue (so
 * new changes are not starved by a long mirror), then the mirror. Integer arithmetic with a carried remainder makes
 * it deterministic and independent of tick size: ticking 1000 ms once or 1 ms a thousand times ends the same.
 */
export function advanceConnection(connection: ConnectionState, elapsedMs: number, bytesPerSecond: number): ConnectionState {
  if (connection.state !== 'connected' || elapsedMs === 0) return connection;
  const budgetMilli = bytesPerSecond * elapsedMs + connection.transmitRemainder;
  let budget = Math.floor(budgetMilli / 1000);
  const transmitRemainder = budgetMilli % 1000;

  const drained = Math.min(connection.queuedReplicationBytes, budget);
  budget -= drained;

  let mirror = connection.mirror;
  if (mirror.state === 'started') {
    const sent = Math.min(mirror.bytesToMirror - mirror.mirroredBytes, budget);
    const mirroredBytes = mirror.mirroredBytes + sent;
    mirror = { ...mirror, mirroredBytes, state: mirroredBytes === mirror.bytesToMirror ? 'complete' : 'started' };
  }
  return { ...connection, queuedReplicationBytes: connection.queuedReplicationBytes - drained, mirror, transmitRemainder };
}

/** Whether nothing is left to send: the mirror is not running and the queue is empty (what failback waits for). */
export function isConnectionDrained(connection: ConnectionState): boolean {
  return connection.mirror.state !== 'started' && connection.queuedReplicationBytes === 0;
}
