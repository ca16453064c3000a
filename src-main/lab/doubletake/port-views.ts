import type { ConnectionInfo, ReplicationSetInfo } from '../../doubletake/port';
import type { ReplicationSetView } from './doubletake-server';
import type { ConnectionState } from './doubletake-state';

/** The lab's replication set as the Double-Take port shows it. */
export function replicationSetInfo(set: ReplicationSetView): ReplicationSetInfo {
  return { name: set.name, rules: set.rules.map((r) => ({ ...r })), unsavedChanges: set.unsavedChanges };
}

/** The lab's connection as the Double-Take port shows it. */
export function connectionInfo(c: ConnectionState): ConnectionInfo {
  return {
    id: c.id,
    replicationSet: c.replicationSet,
    target: c.target,
    state: c.state,
    mirrorState: c.mirror.state,
    bytesToMirror: c.mirror.bytesToMirror,
    mirroredBytes: c.mirror.mirroredBytes,
    queuedReplicationBytes: c.queuedReplicationBytes,
  };
}
