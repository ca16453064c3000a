import type { GroupState, ResourceState } from '../../cluster/port';

/**
 * A group's state follows from its resources' states, as MSCS defines CLUSTER_GROUP_STATE: Failed if any resource
 * failed; Pending if any is pending; Online if all are online; Partially Online if some are; else Offline (also for
 * an empty group).
 */
export function deriveGroupState(states: readonly ResourceState[]): GroupState {
  if (states.includes('Failed')) return 'Failed';
  if (states.some((s) => s === 'Online Pending' || s === 'Offline Pending')) return 'Pending';
  if (states.length > 0 && states.every((s) => s === 'Online')) return 'Online';
  if (states.includes('Online')) return 'Partially Online';
  return 'Offline';
}
