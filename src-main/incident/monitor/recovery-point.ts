/**
 * The recovery point, sampled while the source answers. Once the source is down, an admin workstation can no longer
 * read its Double-Take queue, so the monitor reads it beforehand: every few intervals while healthy, the source
 * nodes' connections of the pair's replication set (dtcl's `STATUS CON`, "Replication bytes in queue"). A node that
 * does not answer is skipped (the passive node may be off). It keeps the last samples and when the queue was last
 * seen empty; at the loss, the last sample taken before the first missed reply is the recovery point.
 */
import type { ConnectionInfo, DoubleTakePort } from '../../doubletake/port';
import type { TimelineEventInput } from '../runbook/timeline-event';

export interface QueueSample {
  /** When the sample was started (ms on the monitor's clock). */
  readonly at: number;
  readonly queuedBytes: number;
  /** Connections of the replication set found, and the nodes that answered / were skipped. */
  readonly connections: number;
  readonly answered: readonly string[];
  readonly skipped: readonly { readonly node: string; readonly reason: string }[];
}

export interface RecoveryPointState {
  /** The last two samples, oldest first (one may have started just after the first missed probe was sent). */
  readonly samples: readonly QueueSample[];
  /** The last sample that found the replication set's connections with nothing queued. */
  readonly lastEmptyAt?: number;
}

export const EMPTY_RECOVERY_POINT: RecoveryPointState = { samples: [] };

/**
 * Reads the queue of `replicationSet` on each node in `nodes`, each bounded by `timeoutMs`. Undefined when no node
 * answered (nothing is known then).
 */
export async function sampleQueue(
  doubleTake: (node: string) => DoubleTakePort,
  nodes: readonly string[],
  replicationSet: string,
  at: number,
  timeoutMs: number,
): Promise<QueueSample | undefined> {
  type NodeResult = { readonly node: string; readonly connections: readonly ConnectionInfo[] } | { readonly node: string; readonly reason: string };
  const results = await Promise.all(
    nodes.map(async (node): Promise<NodeResult> => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const limit = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(timeoutMs)} ms`)), timeoutMs);
        });
        const connections = await Promise.race([doubleTake(node).connections(), limit]);
        return { node, connections: connections.filter((c) => c.replicationSet === replicationSet) };
      } catch (e) {
        return { node, reason: e instanceof Error ? e.message : String(e) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const answered = results.flatMap((r) => ('connections' in r ? [r] : []));
  const skipped = results.flatMap((r) => ('reason' in r ? [{ node: r.node, reason: r.reason }] : []));
  if (answered.length === 0) return undefined;
  const connections = answered.flatMap((r) => r.connections);
  return {
    at,
    queuedBytes: connections.reduce((sum, c) => sum + c.queuedReplicationBytes, 0),
    connections: connections.length,
    answered: answered.map((r) => r.node),
    skipped,
  };
}

export function recordSample(state: RecoveryPointState, sample: QueueSample): RecoveryPointState {
  return {
    samples: [...state.samples, sample].slice(-2),
    ...(sample.connections > 0 && sample.queuedBytes === 0 ? { lastEmptyAt: sample.at } : state.lastEmptyAt === undefined ? {} : { lastEmptyAt: state.lastEmptyAt }),
  };
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10}`;

/**
 * What the timeline says of the recovery point when the source was lost (first missed reply at `firstMissedAt`):
 * `replication-at-loss` from the last sample taken before it, or a `note` that the recovery point is unknown — never
 * a 0 written as if it were known.
 */
export function recoveryPointAtLoss(
  state: RecoveryPointState,
  firstMissedAt: number,
  replicationSet: string,
  iso: (ms: number) => string,
): TimelineEventInput {
  const sample = [...state.samples].reverse().find((s) => s.at <= firstMissedAt);
  if (sample === undefined) {
    return { kind: 'note', text: `The recovery point is unknown: Double-Take's queue of replication set "${replicationSet}" was not read on a source node before the first missed reply.` };
  }
  if (sample.connections === 0) {
    return {
      kind: 'note',
      text: `The recovery point is unknown: at the last sample (${iso(sample.at)}, ${seconds(firstMissedAt - sample.at)} s before the first missed reply) no source node (${sample.answered.join(', ')}) had a connection of replication set "${replicationSet}".`,
    };
  }
  return {
    kind: 'replication-at-loss',
    queuedBytes: sample.queuedBytes,
    ...(state.lastEmptyAt === undefined || state.lastEmptyAt > firstMissedAt ? {} : { lastEmptyAt: iso(state.lastEmptyAt) }),
    detail: `sampled at ${iso(sample.at)}, ${seconds(firstMissedAt - sample.at)} s before the first missed reply: ${sample.queuedBytes} bytes queued for replication set "${replicationSet}" on ${sample.answered.join(', ')}${sample.skipped.length === 0 ? '' : ` (not answering: ${sample.skipped.map((s) => s.node).join(', ')})`}`,
  };
}
