import { clusterExeArgv, formatCommandLine } from '../cluster/cluster-exe-argv';
import type { ClusterCommand, ClusterPort } from '../cluster/port';
import { DtclSecret } from '../doubletake/dtcl-ast';
import { previewDoubleTakeCommands } from '../doubletake/dtcl-script';
import type { DoubleTakeCommand } from '../doubletake/port';
import type { SetupAction, SetupStepContext, StepRecordData } from './setup-step';
import type { SetupWorld } from './setup-world';

/** The exact cluster.exe line of a command (plain form: `cluster SRCCLUS resource "..." /create ...`). */
export function clusterCommandLine(port: ClusterPort, command: ClusterCommand): string {
  return formatCommandLine(clusterExeArgv(port.cluster, command));
}

/** A cluster.exe change. */
export function clusterAction(port: ClusterPort, command: ClusterCommand, description: string, needed: boolean): SetupAction {
  return {
    tool: 'cluster',
    target: port.cluster,
    command: clusterCommandLine(port, command),
    description,
    needed,
    run: (signal) => port.run(command, signal),
  };
}

/** The mask the previews show instead of the Double-Take password. */
const PREVIEW_PASSWORD = new DtclSecret('********');

/** A DTCL script on one node: LOGIN (password masked in what is shown), then the commands. */
export function doubleTakeAction(
  world: SetupWorld,
  node: string,
  commands: readonly DoubleTakeCommand[],
  description: string,
  needed: boolean,
): SetupAction {
  const lines = previewDoubleTakeCommands({ host: node.toUpperCase(), user: world.doubleTakeUser, password: PREVIEW_PASSWORD }, commands);
  return {
    tool: 'dtcl',
    target: node.toUpperCase(),
    command: lines.join('\n'),
    description,
    needed,
    run: (signal) => world.doubleTake(node).run(commands, signal),
  };
}

/** Keeps data in the progress file for a step (no change to the world). */
export function recordAction(
  context: SetupStepContext,
  stepId: string,
  data: StepRecordData,
  shown: string,
  description: string,
  needed: boolean,
): SetupAction {
  return {
    tool: 'record',
    target: 'progress file',
    command: shown,
    description,
    needed,
    run: () => context.record(stepId, data),
  };
}

/** Cluster object names compare without regard to case, as the cluster database does. */
export const sameClusterName = (a: string, b: string): boolean => a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;
