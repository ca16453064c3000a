import { formatCommandLine } from '../../cluster/cluster-exe-argv';
import type { VerifyCheck } from '../../contract/steps';
import { clusterCommandLine } from '../../setup/setup-actions';
import { readCluster } from '../../setup/steps/doubletake/node-reads';
import type { RunbookContext, RunbookStep } from '../runbook/runbook-step';
import { findGroup, sentence } from './failback-actions';
import { failbackNames } from './failback-names';

/**
 * Guide 8 step 1: one or both source nodes are up, and the source's Exchange group has not started — read through
 * cluster.exe. Nothing is changed here: a group that came online is the administrator's to take offline (with the
 * node off the production network, as the guide's NOTE says), since the target still serves the mailboxes.
 */

/** The application note's NOTE to section 8 step 1, quoted in the refusal. */
export const DISCONNECT_NODE_NOTE =
  'If necessary, you may have to disconnect one cluster node from the production network, bring it online, take the ' +
  'Exchange resource group offline, and then reconnect the node to the network.';

/** What the step found on the source cluster: problems (each a refusal) and what is fine. */
async function inspect({ pair, world }: RunbookContext): Promise<{ problems: string[]; checks: VerifyCheck[] }> {
  const names = failbackNames(pair);
  const port = world.setup.source;
  const read = await readCluster(port.cluster, async () => ({ nodes: await port.nodes(), groups: await port.groups() }));
  const nodesWhat = `${names.sourceCluster}: at least one source node is up`;
  const groupWhat = `${names.sourceCluster}: the Exchange group "${names.sourceGroup}" is not online`;
  if (!read.ok) {
    const problem = `${sentence(read.problem)} Bring one or both source nodes up (guide 8 step 1), without letting "${names.sourceGroup}" start, then plan again.`;
    return { problems: [problem], checks: [{ what: nodesWhat, ok: false, detail: problem }] };
  }
  const problems: string[] = [];
  const checks: VerifyCheck[] = [];
  const up = read.value.nodes.filter((n) => n.state === 'Up').map((n) => n.name);
  const nodeList = read.value.nodes.map((n) => `${n.name} ${n.state}`).join(', ');
  if (up.length === 0) {
    problems.push(`No node of ${names.sourceCluster} is up (${nodeList}). Bring one or both source nodes up (guide 8 step 1), without letting "${names.sourceGroup}" start, then plan again.`);
  }
  checks.push({ what: nodesWhat, ok: up.length > 0, detail: `Nodes: ${nodeList}.` });
  const group = findGroup(read.value.groups, names.sourceGroup);
  if (group === undefined) {
    const problem = `${names.sourceCluster} has no group "${names.sourceGroup}": the failback brings the source's own Exchange group back, so it must exist (setup step 4.2.1).`;
    problems.push(problem);
    checks.push({ what: groupWhat, ok: false, detail: problem });
  } else {
    const started = group.state === 'Online' || group.state === 'Partially Online' || group.state === 'Pending';
    if (started) {
      const offline = clusterCommandLine(port, { kind: 'group-offline', group: group.name });
      problems.push(
        `"${group.name}" is ${group.state} on ${group.owner ?? 'no node'} while the target serves the mailboxes: two Exchange servers must not run ` +
          `the same databases. Take it offline (${offline}) and keep it offline. The guide's NOTE: "${DISCONNECT_NODE_NOTE}" Then plan again.`,
      );
    }
    checks.push({ what: groupWhat, ok: !started, detail: `"${group.name}" is ${group.state}${group.owner === undefined ? '' : ` (owner ${group.owner})`}.` });
  }
  return { problems, checks };
}

export const sourceNodeUpStep: RunbookStep = {
  id: 'source-node-up',
  title: 'A source node is up without Exchange',
  guide: '8 step 1',

  async plan(context) {
    const names = failbackNames(context.pair);
    const { problems } = await inspect(context);
    const port = context.world.setup.source;
    const findings = [`Read with ${formatCommandLine([port.cluster, 'node'])} and ${formatCommandLine([port.cluster, 'group', names.sourceGroup])}.`];
    return problems.length === 0
      ? { actions: [], warnings: [], findings: [...findings, `A node of ${names.sourceCluster} is up and "${names.sourceGroup}" is not online.`] }
      : { actions: [], warnings: [], findings, refusal: problems.join(' ') };
  },

  async verify(context) {
    return (await inspect(context)).checks;
  },
};
