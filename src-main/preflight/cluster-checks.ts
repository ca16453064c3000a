/**
 * The cluster checks: cluster.exe reaches each cluster of the pair document (`cluster NAME node /stat`), and the
 * cluster's nodes are exactly the document's (a node in the document but not in the cluster, or the reverse, fails).
 * Only listings are read. cluster.exe's numbers are Win32 errors (1722 RPC_S_SERVER_UNAVAILABLE when the cluster
 * cannot be reached: https://learn.microsoft.com/windows/win32/debug/system-error-codes--1700-3999-).
 */
import { clusterNameArg, formatCommandLine } from '../cluster/cluster-exe-argv';
import { sameName } from '../cluster/object-names';
import { ClusterError, type NodeInfo } from '../cluster/port';
import { WIN32 } from '../cluster/win32-errors';
import type { PairDocument } from '../pair';
import type { CheckRunner } from './check-runner';
import { errorText, failed, passed, type CheckOutcome } from './preflight-check';
import type { PreflightWorld } from './preflight-world';
import { programWords } from './shell-words';

/** `cluster SRCCLUS node /stat`, with the configured program. */
export function clusterNodesCommand(clusterExe: readonly string[], cluster: string): string {
  try {
    const line = formatCommandLine([clusterNameArg(cluster), 'node', '/stat'], 'x');
    return `${programWords(clusterExe)} ${line.slice(2)}`;
  } catch {
    return `${programWords(clusterExe)} ${JSON.stringify(cluster)} node /stat`;
  }
}

function clusterFailure(cluster: string, side: string, error: unknown): CheckOutcome {
  if (error instanceof ClusterError) {
    if (error.code === WIN32.RPC_S_SERVER_UNAVAILABLE) {
      return failed(
        `cluster.exe could not reach the cluster ${cluster} (system error ${error.code}: ${error.message}).`,
        `Check the name ${side}.cluster.name in the pair document, that a node of ${cluster} is up and that this computer can reach it (RPC, the Cluster service running).`,
      );
    }
    if (error.code === 5 /* ERROR_ACCESS_DENIED */) {
      return failed(
        `The cluster ${cluster} refused this account (system error 5: ${error.message}).`,
        `Run the check as an account that is an administrator of ${cluster}.`,
      );
    }
    return failed(
      `cluster.exe failed on ${cluster} with system error ${error.code}: ${error.message}`,
      `Run the command shown by hand on this computer and fix what it reports.`,
    );
  }
  return failed(
    `cluster.exe could not be run, or printed something this program cannot read: ${errorText(error)}`,
    'Check the path of cluster.exe in the profile (the Cluster Administrator tools must be installed), then run the command shown by hand.',
  );
}

/** Compares the cluster's nodes with the document's, both ways. */
export function compareNodes(cluster: string, side: string, documented: readonly string[], actual: readonly NodeInfo[]): CheckOutcome {
  const missing = documented.filter((name) => !actual.some((node) => sameName(node.name, name)));
  const extra = actual.filter((node) => !documented.some((name) => sameName(node.name, name))).map((node) => node.name);
  if (missing.length === 0 && extra.length === 0) {
    const states = actual.map((node) => `${node.name} ${node.state}`).join(', ');
    return passed(`Nodes as in the pair document: ${states}.`);
  }
  const parts = [
    ...(missing.length === 0 ? [] : [`the pair document lists ${missing.join(', ')}, which ${cluster} does not have`]),
    ...(extra.length === 0 ? [] : [`${cluster} has ${extra.join(', ')}, which the pair document does not list`]),
  ];
  return failed(
    `The nodes of ${cluster} do not match the pair document: ${parts.join('; ')}.`,
    `Correct ${side}.cluster.nodes in the pair document to the nodes Cluster Administrator shows for ${cluster} (${actual.map((node) => node.name).join(', ') || 'none'}).`,
  );
}

export async function clusterChecks(runner: CheckRunner, world: PreflightWorld, document: PairDocument): Promise<void> {
  for (const side of ['source', 'target'] as const) {
    const cluster = document[side].cluster.name;
    const command = clusterNodesCommand(world.clusterExe, cluster);
    let nodes: readonly NodeInfo[] = [];
    const reach = await runner.check(
      { id: `cluster.reach.${cluster}`, system: 'cluster', title: `cluster.exe reaches the ${side} cluster`, where: cluster, command },
      [],
      async () => {
        nodes = await world.cluster(cluster).nodes();
        // A cluster always has a node, the one answering: no listing at all means cluster.exe printed something else.
        if (nodes.length === 0) {
          return failed(
            `cluster.exe printed no node listing for ${cluster}: its output is something this program cannot read.`,
            'Check the path of cluster.exe in the profile (the Cluster Administrator tools must be installed), then run the command shown by hand.',
          );
        }
        return passed(`${cluster} answered with ${nodes.length} node${nodes.length === 1 ? '' : 's'}.`);
      },
      (error) => clusterFailure(cluster, side, error),
    );
    await runner.check(
      { id: `cluster.nodes.${cluster}`, system: 'cluster', title: `the ${side} cluster's nodes match the pair document`, where: cluster, command },
      [reach],
      async () => compareNodes(cluster, side, document[side].cluster.nodes.map((node) => node.name), nodes),
    );
  }
}
