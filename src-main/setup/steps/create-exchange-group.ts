import { clusterExeArgv, formatCommandLine } from '../../cluster/cluster-exe-argv';
import type { ClusterCommand, ClusterPort, GroupInfo } from '../../cluster/port';
import type { StepInput } from '../../contract/steps';
import type { AutomatedStep, PlannedClusterAction } from '../automated-step';

type Input = Extract<StepInput, { stepId: '4.2.1' }>;

const sameName = (a: string, b: string): boolean => a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;

function action(port: ClusterPort, command: ClusterCommand, description: string, needed: boolean): PlannedClusterAction {
  return { port, command, commandLine: formatCommandLine(clusterExeArgv(port.cluster, command)), description, needed };
}

async function findGroup(port: ClusterPort, name: string): Promise<GroupInfo | undefined> {
  return (await port.groups()).find((g) => sameName(g.name, name));
}

/**
 * Guide 4.2.1: Cluster Administrator, New, Group — a name, a description, no preferred owners.
 * Re-running converges: an existing group of that name is kept, and only a different description is changed.
 */
export const createExchangeGroup: AutomatedStep<Input> = {
  id: '4.2.1',

  async plan({ form }, { source }) {
    const existing = await findGroup(source, form.name);
    const warnings: string[] = [];
    if (existing && existing.name !== form.name) {
      warnings.push(
        `A group named "${existing.name}" already exists on ${source.cluster}; cluster names are not case-sensitive, so it is the same group.`,
      );
    }
    if (existing && existing.preferredOwners.length > 0) {
      warnings.push(
        `"${existing.name}" has preferred owners (${existing.preferredOwners.join(', ')}); the guide needs none, and they are left as they are.`,
      );
    }
    const group = existing?.name ?? form.name;
    const actions = [
      action(
        source,
        { kind: 'group-create', group },
        existing ? `The group "${existing.name}" already exists on ${source.cluster}.` : `Create the group "${form.name}" on ${source.cluster}.`,
        existing === undefined,
      ),
    ];
    if (form.description !== '' || (existing !== undefined && existing.description !== form.description)) {
      const same = existing !== undefined && existing.description === form.description;
      actions.push(
        action(
          source,
          { kind: 'group-set-description', group, description: form.description },
          same ? 'The description is already set.' : `Set the group's description to "${form.description}".`,
          !same,
        ),
      );
    }
    return { actions, warnings };
  },

  async verify({ form }, { source }) {
    const group = await findGroup(source, form.name);
    const checks = [
      {
        what: `Group "${form.name}" exists on ${source.cluster}`,
        ok: group !== undefined,
        ...(group ? {} : { detail: `No group of that name on ${source.cluster}.` }),
      },
      {
        what: 'Description matches',
        ok: group !== undefined && group.description === form.description,
        ...(group && group.description !== form.description
          ? { detail: `The cluster has "${group.description}".` }
          : {}),
      },
    ];
    return { stepId: '4.2.1', ok: checks.every((c) => c.ok), checks };
  },
};
