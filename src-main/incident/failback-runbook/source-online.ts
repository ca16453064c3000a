import type { VerifyCheck } from '../../contract/steps';
import type { StoreMount } from '../incident-world';
import { readCluster } from '../../setup/steps/doubletake/node-reads';
import { engineRecord } from '../runbook/runbook-engine';
import { waitUntil } from '../runbook/runbook-helpers';
import type { RunbookContext, RunbookStep } from '../runbook/runbook-step';
import { clusterRunbookAction, findGroup, guarded, providedBy, sentence } from './failback-actions';
import { EXCHFAILOVER_SETUP_FAILBACK } from './exchfailover-steps';
import { failbackNames } from './failback-names';

/**
 * Guide 8 step 9c: the source's Exchange group online (the cluster brings its resources online in dependency
 * order: disks, IP address, network name, System Attendant, the stores' services), then its stores mounted, read
 * from Exchange itself (world.exchange.stores), with each store's last mount event shown while waiting.
 */

export const STORES_POLL_MS = 2_000;
export const STORES_TIMEOUT_MS = 10 * 60_000;

function describeStores(stores: readonly StoreMount[]): string {
  const mounted = stores.filter((s) => s.mounted).length;
  const waiting = stores
    .filter((s) => !s.mounted)
    .slice(0, 3)
    .map((s) => `${s.storageGroup}, ${s.store}${s.event === undefined ? '' : `: event ${s.event.id} ${s.event.text}`}`);
  return `${mounted} of ${stores.length} stores mounted${waiting.length > 0 ? `; ${waiting.join('; ')}` : ''}`;
}

async function waitForStores(run: RunbookContext): Promise<void> {
  const names = failbackNames(run.pair);
  await waitUntil<readonly StoreMount[]>(run, {
    what: `the stores of ${names.sourceServer} to mount`,
    timeoutMs: STORES_TIMEOUT_MS,
    intervalMs: STORES_POLL_MS,
    async poll(signal) {
      const stores = await run.world.exchange.stores(names.sourceServer, signal);
      const mounted = stores.filter((s) => s.mounted).length;
      return {
        done: stores.length > 0 && mounted === stores.length,
        value: stores,
        progress: { what: `Stores of ${names.sourceServer}`, fraction: stores.length === 0 ? 0 : mounted / stores.length, text: describeStores(stores) },
      };
    },
    describe: describeStores,
  });
}

export const sourceOnlineStep: RunbookStep = {
  id: 'source-online',
  title: "The source's Exchange group online, its stores mounted",
  guide: '8 step 9c',

  async plan(context) {
    const { pair, world } = context;
    const names = failbackNames(pair);
    const port = world.setup.source;
    const findings: string[] = [];
    if (engineRecord(context, EXCHFAILOVER_SETUP_FAILBACK)?.status !== 'done') findings.push(providedBy('exchfailover -setup -failback has not completed in this failback yet', '9'));
    const read = await readCluster(port.cluster, () => port.groups());
    if (!read.ok) return { actions: [], warnings: [], findings: [], refusal: `${sentence(read.problem)} The source cluster must answer.` };
    const group = findGroup(read.value, names.sourceGroup);
    if (group === undefined) return { actions: [], warnings: [], findings: [], refusal: `${names.sourceCluster} has no group "${names.sourceGroup}".` };
    const online = group.state === 'Online';
    return {
      actions: [
        guarded(
          clusterRunbookAction(port, { kind: 'group-online', group: group.name }, online ? `"${group.name}" is online on ${group.owner ?? ''}` : `Bring "${group.name}" online (its resources in dependency order)`, !online),
          async (run) =>
            engineRecord(run, EXCHFAILOVER_SETUP_FAILBACK)?.status === 'done'
              ? undefined
              : `exchfailover -setup -failback has not completed in this failback: without the overwrite-on-restore flag the source's stores would not mount (event 1087), so "${group.name}" is not brought online.`,
        ),
        {
          tool: 'wait',
          target: names.sourceServer,
          command: `Read the stores of ${names.sourceServer} every ${STORES_POLL_MS / 1000} s until every one is mounted (at most ${STORES_TIMEOUT_MS / 60_000} min)`,
          description: `Wait for the stores of ${names.sourceServer} to mount`,
          needed: true,
          timeoutMs: STORES_TIMEOUT_MS,
          run: waitForStores,
        },
      ],
      warnings: [],
      findings: [...findings, `"${group.name}" is ${group.state}${group.owner === undefined ? '' : ` on ${group.owner}`}.`],
    };
  },

  async verify({ pair, world, signal }) {
    const names = failbackNames(pair);
    const read = await readCluster(world.setup.source.cluster, () => world.setup.source.groups());
    const group = read.ok ? findGroup(read.value, names.sourceGroup) : undefined;
    const checks: VerifyCheck[] = [
      {
        what: `${names.sourceCluster}: "${names.sourceGroup}" is online`,
        ok: group?.state === 'Online',
        detail: !read.ok ? read.problem : group === undefined ? 'There is no such group.' : `"${group.name}" is ${group.state}${group.owner === undefined ? '' : ` on ${group.owner}`}.`,
      },
    ];
    const stores = await world.exchange.stores(names.sourceServer, signal);
    for (const store of stores) {
      checks.push({
        what: `${names.sourceServer}: ${store.storageGroup}, ${store.store} is mounted`,
        ok: store.mounted,
        detail: `${store.mounted ? 'Mounted' : 'Not mounted'}${store.event === undefined ? '' : ` (event ${store.event.id}: ${store.event.text})`}${store.basis === 'resource' ? '; read from the Information Store resource' : ''}.`,
      });
    }
    if (stores.length === 0) checks.push({ what: `${names.sourceServer} has stores`, ok: false, detail: 'Exchange lists no store for it.' });
    return checks;
  },
};
