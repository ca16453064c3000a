/**
 * Everything a run decides before its first write: discovery, the store pairs, the roles, and the plan of every
 * phase (small phases whole, the mailbox phase as a planner for the stream). Any refusal (FailoverInputError) comes
 * from here, so a refused run has changed nothing.
 */
import { assertNever } from '../shared/assert-never';
import { discover } from './discovery';
import type { DirectorySession } from './directory-session';
import { FailoverInputError, type FailoverRequest, type PhaseName, type StorePairSummary } from './engine-api';
import { type MailboxPlanner, mailboxPlanner } from './plan-mailboxes';
import { planPatchFlags } from './plan-patch-flag';
import { planPublicFolders } from './plan-public-folders';
import { planRoutingMaster } from './plan-routing-master';
import { planRecipientUpdateServices } from './plan-rus';
import { planSpns } from './plan-spn';
import type { PhasePlan } from './phase-plan';
import { type Roles, rolesFor } from './roles';
import { pairStores, type StorePair } from './store-pairing';
import type { StoreInfo, Topology } from './topology';

/** The phases a request runs, in order. */
export function phasesOf(request: FailoverRequest): PhaseName[] {
  if (request.setupOnly) return ['patch-flag'];
  const phases: PhaseName[] = ['patch-flag', 'mailboxes', 'public-folders'];
  if (!request.noRus) phases.push('rus');
  if (!request.noSpn) phases.push('spn');
  phases.push('routing-master');
  return phases;
}

/** Refuses a request that names no server or the same server twice. */
export function checkRequest(request: FailoverRequest): void {
  if (request.source.trim() === '') throw new FailoverInputError('no source server given (-s)');
  if (request.target.trim() === '') throw new FailoverInputError('no target server given (-t)');
  if (request.source.trim().toLowerCase() === request.target.trim().toLowerCase()) {
    throw new FailoverInputError(`source and target are the same server (${request.source})`);
  }
}

/** A pair as the outcome reports it (source → target as written in the rules). */
export function pairSummary(pair: StorePair): StorePairSummary {
  return {
    sourceGroup: pair.source.group,
    sourceStore: pair.source.name,
    targetGroup: pair.target.group,
    targetStore: pair.target.name,
    kind: pair.source.kind,
    databaseFile: pair.source.databaseFile ?? '',
  };
}

function unpairedText(store: StoreInfo, server: string): string {
  return `"${store.group}, ${store.name}" on ${server} (${store.kind}${store.databaseFile === undefined ? '' : `, ${store.databaseFile}`})`;
}

/** Everything planned before the first write. */
export interface RunPlan {
  readonly topology: Topology;
  readonly pairs: readonly StorePair[];
  readonly unpaired: readonly string[];
  readonly roles: Roles;
  readonly small: ReadonlyMap<PhaseName, PhasePlan>;
  readonly mailboxes: MailboxPlanner | undefined;
}

/** Discovers, pairs and plans a run; throws FailoverInputError (nothing changed) when it must refuse. */
export async function planRun(session: DirectorySession, request: FailoverRequest, input: { readonly carriedSpns?: readonly string[] } = {}): Promise<RunPlan> {
  const topology = await discover(session, request.source, request.target);
  const side = (server: Topology['source']) => ({ server: server.name, groups: server.groups, stores: server.stores });
  const pairing = pairStores(side(topology.source), side(topology.target), request.rules);
  const roles = rolesFor(request.direction, topology, pairing.pairs);
  const small = new Map<PhaseName, PhasePlan>();
  let mailboxes: MailboxPlanner | undefined;
  for (const phase of phasesOf(request)) {
    switch (phase) {
      case 'patch-flag':
        small.set(phase, planPatchFlags(roles));
        break;
      case 'mailboxes':
        mailboxes = mailboxPlanner(roles);
        break;
      case 'public-folders':
        small.set(phase, planPublicFolders(topology, roles));
        break;
      case 'rus':
        small.set(phase, planRecipientUpdateServices(topology, roles));
        break;
      case 'spn':
        small.set(phase, planSpns(topology, roles, { carried: input.carriedSpns ?? [] }));
        break;
      case 'routing-master':
        small.set(phase, planRoutingMaster(topology, roles));
        break;
      default:
        assertNever(phase, 'phase');
    }
  }
  return {
    topology,
    pairs: pairing.pairs,
    unpaired: pairing.unpaired.map((store) => unpairedText(store, topology.target.name)),
    roles,
    small,
    mailboxes,
  };
}
