/**
 * Phase public-folders: references to a public store being left move to its partner — msExchHomePublicMDB of
 * mailbox stores and siteFolderServer of administrative groups.
 *
 * [assumed] Mailbox stores on the server being left keep their reference: they go offline with that server, and
 * their reference to its public store is right again when it comes back. Rewriting them would leave the target's
 * own stores pointing at the source's public store after a failback, so the directory would not return to its
 * starting state. Every other mailbox store in the organisation (the arriving server's, and any other server's)
 * is rewritten.
 */
import { dnKey } from './dn-key';
import { plannedChange } from './change-set';
import type { PhasePlan } from './phase-plan';
import type { Roles, StoreMove } from './roles';
import type { Topology } from './topology';

/** The public-folder reference changes of a run. */
export function planPublicFolders(topology: Topology, roles: Roles): PhasePlan {
  const plan: PhasePlan = { phase: 'public-folders', sets: [], alreadyDone: 0 };
  const moves = new Map<string, StoreMove>();
  const arrivals = new Set<string>();
  for (const [key, move] of roles.moves) {
    if (move.from.kind !== 'public') continue;
    moves.set(key, move);
    arrivals.add(move.to.key);
  }
  if (moves.size === 0) return plan;
  const consider = (dn: string, attribute: string, values: readonly string[], what: string): void => {
    const [value] = values;
    if (value === undefined || values.length !== 1) return;
    const key = dnKey(value);
    if (key === undefined) return;
    const move = moves.get(key);
    if (move === undefined) {
      if (arrivals.has(key)) plan.alreadyDone += 1;
      return;
    }
    const why = `${roles.direction}: ${what} uses the public store ${move.text}`;
    plan.sets.push({ phase: 'public-folders', dn, changes: [plannedChange('public-folders', dn, attribute, [value], [move.to.dn], why)] });
  };
  for (const store of topology.mailboxStores) {
    if (store.serverKey === roles.leaving.key) continue;
    consider(store.dn, 'msExchHomePublicMDB', store.homePublicMdb, `mailbox store ${store.group}, ${store.name}`);
  }
  for (const group of topology.adminGroups) consider(group.dn, 'siteFolderServer', group.siteFolderServer, 'the administrative group\'s site folders');
  return plan;
}
