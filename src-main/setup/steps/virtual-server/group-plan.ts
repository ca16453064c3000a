import type { VerifyCheck } from '../../../contract/steps';
import { clusterAction } from '../../setup-actions';
import type { SetupAction } from '../../setup-step';
import { findGroup, type ClusterSnapshot } from './cluster-snapshot';

/** The Exchange group as the pair document wants it (guide 4.2.1: name, description, no preferred owners). */
export interface WantedGroup {
  readonly name: string;
  readonly description: string;
}

export interface GroupPlan {
  readonly actions: readonly SetupAction[];
  readonly warnings: readonly string[];
}

/**
 * Creates the group when it is missing and sets its description when it differs. An existing group is kept as it
 * is otherwise: preferred owners are reported (the guide wants none) but not removed.
 */
export function planGroup(snapshot: ClusterSnapshot, wanted: WantedGroup): GroupPlan {
  const port = snapshot.port;
  const existing = findGroup(snapshot, wanted.name);
  const warnings: string[] = [];
  if (existing !== undefined && existing.preferredOwners.length > 0) {
    warnings.push(
      `Group "${existing.name}" on ${port.cluster} has preferred owners (${existing.preferredOwners.join(', ')}); the guide wants none. ` +
        `They are left as they are: clear them in Cluster Administrator if they were not chosen on purpose.`,
    );
  }
  const descriptionDiffers = existing === undefined || existing.description !== wanted.description;
  return {
    actions: [
      clusterAction(
        port,
        { kind: 'group-create', group: wanted.name },
        `Create the group "${wanted.name}"${existing === undefined ? '' : ' (it exists)'}`,
        existing === undefined,
      ),
      clusterAction(
        port,
        { kind: 'group-set-description', group: wanted.name, description: wanted.description },
        existing !== undefined && descriptionDiffers
          ? `Set the description of "${existing.name}" (it is "${existing.description}")`
          : `Set the description of "${wanted.name}"${descriptionDiffers ? '' : ' (it is set)'}`,
        descriptionDiffers,
      ),
    ],
    warnings,
  };
}

/** The group exists with the wanted description. */
export function groupChecks(snapshot: ClusterSnapshot, wanted: WantedGroup): VerifyCheck[] {
  const cluster = snapshot.port.cluster;
  const existing = findGroup(snapshot, wanted.name);
  if (existing === undefined) {
    return [{ what: `Group "${wanted.name}" exists on ${cluster}`, ok: false, detail: `There is no group "${wanted.name}" on ${cluster}.` }];
  }
  const sameDescription = existing.description === wanted.description;
  return [
    { what: `Group "${wanted.name}" exists on ${cluster}`, ok: true },
    {
      what: `Group "${wanted.name}" on ${cluster} has the description "${wanted.description}"`,
      ok: sameDescription,
      ...(sameDescription ? {} : { detail: `Its description is "${existing.description}".` }),
    },
  ];
}
