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

/** [assumed] what a mounted Exchange server writes into its replication set in the lab: 64 KiB/s, well under the link. */
export const DEFAULT_LAB_WRITE_BYTES_PER_SECOND = 65_536;

/** One stretch of lab time for one connection: what its source writes, whether its link sends, and when it ends. */
export interface ConnectionStretch {
  readonly elapsedMs: number;
  /** The link's speed between the clusters. */
  readonly linkBytesPerSecond: number;
  /** Whether the connection's target answers (no failure cuts it off): otherwise nothing is sent. */
  readonly canSend: boolean;
  /** What the source node writes into the set meanwhile (0 when Exchange does not run there). */
  readonly writeBytesPerSecond: number;
  /** The lab clock at the start and at the end of the stretch (ms since 1970), for `lastEmptyAt`; absent: not tracked. */
  readonly startAt?: number;
  readonly endAt?: number;
}

/**
 * A connection over one stretch of lab time: its source's writes join the queue (paused or cut off, the queue only
 * grows), then a connected link that reaches its target sends as advanceConnection does. `lastEmptyAt` is when the
 * queue was last seen empty: the end of the stretch when it ends empty, its start when it was empty then and is not
 * now (what the recovery point is measured from). Writes, like sends, carry thousandths of a byte, so cutting the
 * time into stretches does not change where the connection ends while the writes stay under the link's speed.
 */
export function advanceConnectionOver(connection: ConnectionState, stretch: ConnectionStretch): ConnectionState {
  const { elapsedMs } = stretch;
  const startQueue = connection.queuedReplicationBytes;
  let next = connection;
  if (elapsedMs > 0 && stretch.writeBytesPerSecond > 0) {
    const writtenMilli = stretch.writeBytesPerSecond * elapsedMs + (connection.writeRemainder ?? 0);
    next = { ...next, queuedReplicationBytes: next.queuedReplicationBytes + Math.floor(writtenMilli / 1000), writeRemainder: writtenMilli % 1000 };
  }
  if (stretch.canSend) next = advanceConnection(next, elapsedMs, stretch.linkBytesPerSecond);
  const lastEmptyAt = next.queuedReplicationBytes === 0 ? stretch.endAt : startQueue === 0 ? stretch.startAt : undefined;
  if (lastEmptyAt !== undefined && lastEmptyAt !== next.lastEmptyAt) next = { ...next, lastEmptyAt };
  return next;
}
