/**
 * Pieces the failback steps share: a setup planner's action as a runbook action, a cluster.exe action, the
 * prerequisite that an earlier step of the same run provides (a dry run walks the steps with nothing applied, so
 * there it is a warning, not a refusal), and byte counts in words.
 */
import type { ClusterCommand, ClusterPort, GroupInfo, ResourceInfo } from '../../cluster/port';
import { clusterCommandLine, sameClusterName } from '../../setup/setup-actions';
import type { SetupAction } from '../../setup/setup-step';
import type { RunbookAction, RunbookContext, RunbookTool } from '../runbook/runbook-step';

/** A setup action (cluster.exe or DTCL) as a runbook action: the same command shown, the same run. */
export function runbookActionOf(action: SetupAction): RunbookAction {
  const tool: RunbookTool = action.tool === 'cluster' ? 'cluster' : action.tool === 'dtcl' ? 'dtcl' : 'directory';
  return {
    tool,
    target: action.target,
    command: action.command,
    description: action.description,
    needed: action.needed,
    run: (context) => action.run(context.signal),
  };
}

/** A cluster.exe change on one cluster. */
export function clusterRunbookAction(port: ClusterPort, command: ClusterCommand, description: string, needed: boolean, timeoutMs?: number): RunbookAction {
  return {
    tool: 'cluster',
    target: port.cluster,
    command: clusterCommandLine(port, command),
    description,
    needed,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    run: (context) => port.run(command, context.signal),
  };
}

/** Where a missing prerequisite goes: a refusal in a real run, a warning in a dry run (the earlier step did not run). */
export interface Prerequisites {
  readonly warnings: string[];
  refusal: string | undefined;
  /** Records that `text` is not there yet. */
  missing(text: string): void;
}

export function prerequisites(context: RunbookContext): Prerequisites {
  const state: Prerequisites = {
    warnings: [],
    refusal: undefined,
    missing(text) {
      if (context.dryRun) state.warnings.push(`Dry run: ${text}`);
      else state.refusal ??= text;
    },
  };
  return state;
}

export const findGroup = (groups: readonly GroupInfo[], name: string): GroupInfo | undefined => groups.find((g) => sameClusterName(g.name, name));
export const findResource = (resources: readonly ResourceInfo[], name: string): ResourceInfo | undefined =>
  resources.find((r) => sameClusterName(r.name, name));

/** "0 B", "512 KB", "1.2 GB" (binary multiples, as Double-Take's console counts). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${units[unit] ?? 'B'}`;
}

/** The message of anything thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
