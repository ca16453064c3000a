/**
 * The reverse connection of a failback: the Double-Take connection a target node makes when the reverse Source
 * Connection resource comes online (replication set → the failback address), read from every target node, and the
 * rate at which its bytes move between two reads (the mirror's progress, the queue draining).
 */
import type { ConnectionInfo } from '../../doubletake/port';
import { buildDtclScript } from '../../doubletake/dtcl-script';
import { DtclSecret } from '../../doubletake/dtcl-ast';
import type { PairDocument } from '../../pair/pair-document-schema';
import { readDoubleTake } from '../../setup/steps/doubletake/node-reads';
import type { IncidentWorld } from '../incident-world';
import type { RunbookProgress } from '../runbook/runbook-step';
import { formatBytes } from './failback-actions';
import { failbackNames } from './failback-names';

export interface ReverseConnection {
  /** The target node it runs on. */
  readonly node: string;
  readonly connection: ConnectionInfo;
}

export interface ReverseConnectionRead {
  /** The connections of the replication set to the failback address, on every target node that answered. */
  readonly found: readonly ReverseConnection[];
  /** Target nodes that could not be read, each in words (a node that is down is expected: the other runs the group). */
  readonly unread: readonly string[];
}

/** Reads every target node's connections; a node that does not answer is listed in `unread`, never thrown. */
export async function readReverseConnections(world: IncidentWorld, pair: PairDocument): Promise<ReverseConnectionRead> {
  const { replicationSet, failbackAddress } = failbackNames(pair);
  const found: ReverseConnection[] = [];
  const unread: string[] = [];
  if (failbackAddress === undefined) return { found, unread };
  for (const { name } of pair.target.cluster.nodes) {
    const read = await readDoubleTake(name, () => world.setup.doubleTake(name).connections());
    if (!read.ok) {
      unread.push(read.problem);
      continue;
    }
    for (const connection of read.value) {
      if (connection.replicationSet === replicationSet && connection.target.toLowerCase() === failbackAddress.toLowerCase()) {
        found.push({ node: name.toUpperCase(), connection });
      }
    }
  }
  return { found, unread };
}

/** The DTCL lines a step reads the connections with on a node (the password masked). */
export function connectionListLines(world: IncidentWorld, node: string): string {
  return buildDtclScript({ host: node.toUpperCase(), user: world.setup.doubleTakeUser, password: new DtclSecret('********') }, [{ kind: 'connection-list' }])
    .previewLines()
    .join('\n');
}

/** "connection 3 on TGT1 (Exchange → 10.0.0.10)". */
export function describeConnection({ node, connection }: ReverseConnection): string {
  return `connection ${connection.id} on ${node} (${connection.replicationSet} → ${connection.target})`;
}

/**
 * Measures a rate from successive readings of a byte count against world time: the mirror's bytes sent (rising) or
 * the queue (falling). The first reading has no rate.
 */
export class RateMeter {
  private last: { readonly at: number; readonly bytes: number } | undefined;

  constructor(private readonly now: () => Date) {}

  /** Bytes per second moved since the previous reading (never negative), undefined on the first. */
  read(bytes: number, direction: 'rising' | 'falling'): number | undefined {
    const at = this.now().getTime();
    const previous = this.last;
    this.last = { at, bytes };
    if (previous === undefined || at <= previous.at) return undefined;
    const moved = direction === 'rising' ? bytes - previous.bytes : previous.bytes - bytes;
    return Math.max(0, (moved * 1000) / (at - previous.at));
  }
}

/** "13 min", "45 s". */
function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The mirror's progress: bytes sent of the total, percent, rate, time left. */
export function mirrorProgress(found: ReverseConnection, bytesPerSecond: number | undefined): RunbookProgress {
  const { mirroredBytes, bytesToMirror } = found.connection;
  const fraction = bytesToMirror === 0 ? 1 : mirroredBytes / bytesToMirror;
  const left = bytesToMirror - mirroredBytes;
  const secondsLeft = bytesPerSecond !== undefined && bytesPerSecond > 0 && left > 0 ? left / bytesPerSecond : undefined;
  const parts = [
    `${formatBytes(mirroredBytes)} of ${formatBytes(bytesToMirror)}`,
    `${Math.floor(fraction * 100)}%`,
    ...(bytesPerSecond === undefined ? [] : [`${formatBytes(bytesPerSecond)}/s`]),
    ...(secondsLeft === undefined ? [] : [`${formatSeconds(secondsLeft)} left`]),
  ];
  return {
    what: `Mirror to ${found.connection.target} from ${found.node}`,
    fraction,
    bytes: mirroredBytes,
    totalBytes: bytesToMirror,
    ...(bytesPerSecond === undefined ? {} : { bytesPerSecond }),
    ...(secondsLeft === undefined ? {} : { secondsLeft }),
    text: parts.join(', '),
  };
}

/** The queue's progress: bytes left and the rate it drains at. */
export function queueProgress(found: ReverseConnection, bytesPerSecond: number | undefined): RunbookProgress {
  const left = found.connection.queuedReplicationBytes;
  const secondsLeft = bytesPerSecond !== undefined && bytesPerSecond > 0 && left > 0 ? left / bytesPerSecond : undefined;
  const parts = [
    `${formatBytes(left)} queued`,
    ...(bytesPerSecond === undefined ? [] : [`draining at ${formatBytes(bytesPerSecond)}/s`]),
    ...(secondsLeft === undefined ? [] : [`${formatSeconds(secondsLeft)} left`]),
  ];
  return {
    what: `Queued replication bytes on ${found.node}`,
    bytes: left,
    ...(bytesPerSecond === undefined ? {} : { bytesPerSecond }),
    ...(secondsLeft === undefined ? {} : { secondsLeft }),
    text: parts.join(', '),
  };
}
