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

/**
 * A step's action that checks, just before it runs, what the earlier steps should have left (the Source Connection
 * online, the queue empty, the flags set); when it is not so, the action fails with the refusal and changes
 * nothing. The plans of the whole run are made before any step runs, so what an earlier step will provide is only
 * a finding there, never a refusal that would stop the run before it starts.
 */
export function guarded(action: RunbookAction, check: (context: RunbookContext) => Promise<string | undefined>): RunbookAction {
  return {
    ...action,
    async run(context) {
      const refusal = await check(context);
      if (refusal !== undefined) throw new FailbackRefusedError(refusal);
      await action.run(context);
    },
  };
}

/** What an action's check found in the way: nothing was run. */
export class FailbackRefusedError extends Error {
  override readonly name = 'FailbackRefusedError';
}

/** "…, which step N (title) provides." */
export const providedBy = (what: string, step: string): string => `${what} (step ${step} provides it before this step runs).`;

/** A sentence from a text that may already end with one (a system message ends with a full stop). */
export const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

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
