/**
 * Failover step 4 (guide 7 step 3): bring the target's Exchange group online in dependency order — resource by
 * resource, each after the resources it depends on (the disks and the IP address, then the Network Name, then the
 * System Attendant, then the rest of Exchange) — then wait, within the step's timeout, for the target's stores to
 * mount, showing how many are mounted and the mount errors Exchange logged (event 1087: a copied database not
 * marked to be overwritten by a restore).
 */
import { clusterExeCommandLine } from '../../cluster/cluster-exe-argv';
import { sameName } from '../../cluster/object-names';
import type { ClusterPort, ResourceInfo } from '../../cluster/port';
import type { VerifyCheck } from '../../contract/steps';
import type { StoreMount } from '../incident-world';
import { DEFAULT_ACTION_TIMEOUT_MS, waitUntil } from '../runbook/runbook-helpers';
import type { RunbookAction, RunbookStep } from '../runbook/runbook-step';

export const TARGET_ONLINE = 'target-online';
const MOUNT_POLL_MS = 2_000;

/**
 * The group's resources, each after every resource of the group it depends on (directly or not); resources in a
 * dependency cycle (which the cluster refuses to create) keep their listed order at the end.
 */
export function dependencyOrder(resources: readonly ResourceInfo[]): ResourceInfo[] {
  const ordered: ResourceInfo[] = [];
  const placed = new Set<string>();
  const inGroup = (name: string) => resources.some((r) => sameName(r.name, name));
  let progress = true;
  while (progress && ordered.length < resources.length) {
    progress = false;
    for (const r of resources) {
      if (placed.has(r.name.toLowerCase())) continue;
      if (r.dependencies.every((d) => !inGroup(d) || placed.has(d.toLowerCase()))) {
        ordered.push(r);
        placed.add(r.name.toLowerCase());
        progress = true;
      }
    }
  }
  for (const r of resources) if (!placed.has(r.name.toLowerCase())) ordered.push(r);
  return ordered;
}

async function groupMembers(port: ClusterPort, group: string): Promise<ResourceInfo[]> {
  return (await port.resources()).filter((r) => sameName(r.group, group));
}

const describeStore = (s: StoreMount): string => `${s.storageGroup}, ${s.store}`;

/** "2 of 3 stores mounted; not mounted: SG, Store (event 1087: ...)". */
export function mountSummary(server: string, stores: readonly StoreMount[]): string {
  const mounted = stores.filter((s) => s.mounted).length;
  const notMounted = stores.filter((s) => !s.mounted).map((s) => `${describeStore(s)}${s.event === undefined ? '' : ` (event ${s.event.id}: ${s.event.text})`}`);
  const basis = stores.some((s) => s.basis === 'resource') ? ' (as the Information Store resource tells: cluster.exe cannot see a single store)' : '';
  return `${mounted} of ${stores.length} store${stores.length === 1 ? '' : 's'} of ${server} mounted${basis}${notMounted.length > 0 ? `; not mounted: ${notMounted.join('; ')}` : ''}`;
}

function mountAction(server: string, needed: boolean): RunbookAction {
  return {
    tool: 'wait',
    target: server,
    command: `(reads the stores of ${server} every ${MOUNT_POLL_MS / 1000} s until each is mounted)`,
    description: `Wait for the stores of ${server} to mount`,
    needed,
    timeoutMs: DEFAULT_ACTION_TIMEOUT_MS.wait,
    async run(ctx) {
      await waitUntil(ctx, {
        what: `the stores of ${server} to mount`,
        timeoutMs: DEFAULT_ACTION_TIMEOUT_MS.wait,
        intervalMs: MOUNT_POLL_MS,
        async poll(signal) {
          const stores = await ctx.world.exchange.stores(server, signal);
          const mounted = stores.filter((s) => s.mounted).length;
          return {
            done: stores.length > 0 && mounted === stores.length,
            value: stores,
            progress: { what: `Stores of ${server} mounting`, ...(stores.length > 0 ? { fraction: mounted / stores.length } : {}), text: mountSummary(server, stores) },
          };
        },
        describe: (stores) => mountSummary(server, stores),
      });
    },
  };
}

export const targetOnline: RunbookStep = {
  id: TARGET_ONLINE,
  title: "Bring the target's Exchange group online in dependency order and wait for its stores to mount",
  guide: '7 step 3',
  async plan(context) {
    const { pair, world } = context;
    const port = world.setup.target;
    const group = pair.target.group.name;
    const members = dependencyOrder(await groupMembers(port, group));
    if (members.length === 0) {
      return { actions: [], warnings: [], findings: [], refusal: `${port.cluster} has no resource in "${group}": the target is not set up (guide 5); nothing can come online.` };
    }
    const actions: RunbookAction[] = members.map((r) => ({
      tool: 'cluster',
      target: port.cluster,
      command: clusterExeCommandLine(port.cluster, { kind: 'resource-online', resource: r.name }, { clusterForm: 'switch' }),
      description: r.state === 'Online' ? `"${r.name}" is online` : `Bring "${r.name}" (${r.type}) online${r.dependencies.length > 0 ? ` after ${r.dependencies.map((d) => `"${d}"`).join(', ')}` : ''}`,
      needed: r.state !== 'Online',
      run: (ctx) => port.run({ kind: 'resource-online', resource: r.name }, ctx.signal),
    }));
    const server = pair.target.networkName.name;
    let stores: readonly StoreMount[] = [];
    const warnings: string[] = [];
    try {
      stores = await world.exchange.stores(server, context.signal);
    } catch (e) {
      warnings.push(`The stores of ${server} cannot be read now: ${e instanceof Error ? e.message : String(e)}`);
    }
    const storesNeeded = stores.length === 0 || stores.some((s) => !s.mounted);
    actions.push(mountAction(server, storesNeeded));
    const owners = members.map((r) => r.owner).filter((o): o is string => o !== undefined);
    return {
      actions,
      warnings,
      findings: [
        `Order: ${members.map((r) => `"${r.name}"`).join(' → ')}`,
        ...(owners.length > 0 ? [`Owner now: ${owners[0]}`] : []),
        ...(stores.length > 0 ? [mountSummary(server, stores)] : []),
      ],
    };
  },
  async verify(context) {
    const { pair, world } = context;
    const port = world.setup.target;
    const group = pair.target.group.name;
    const members = await groupMembers(port, group);
    const notOnline = members.filter((r) => r.state !== 'Online');
    const server = pair.target.networkName.name;
    const stores = await world.exchange.stores(server, context.signal);
    const checks: VerifyCheck[] = [
      {
        what: `Every resource of "${group}" on ${port.cluster} is Online`,
        ok: members.length > 0 && notOnline.length === 0,
        ...(notOnline.length > 0 ? { detail: `Not online: ${notOnline.map((r) => `"${r.name}" (${r.state})`).join(', ')}.` } : {}),
      },
      { what: `Every store of ${server} is mounted`, ok: stores.length > 0 && stores.every((s) => s.mounted), detail: mountSummary(server, stores) },
    ];
    return checks;
  },
};
