/**
 * Phase patch-flag: msExchPatchMDB TRUE on every paired store that becomes active (the target's on failover, the
 * source's on failback). A database copied at file level does not match its directory object; Exchange mounts it
 * only when this flag says it may be overwritten by a restore, and then patches it (Microsoft KB 251409, "Isinteg
 * -patch is no longer required to restore offline backups": events 1087 and 9524). `-setup` runs
 * only this phase, before the Exchange group is brought online.
 */
import { sameValueSet } from './attribute-values';
import { plannedChange } from './change-set';
import type { PhasePlan } from './phase-plan';
import type { Roles } from './roles';

/** The flag changes for the stores that become active. */
export function planPatchFlags(roles: Roles): PhasePlan {
  const plan: PhasePlan = { phase: 'patch-flag', sets: [], alreadyDone: 0 };
  for (const store of roles.arrivals.values()) {
    if (sameValueSet('msExchPatchMDB', store.patchFlag, ['TRUE'])) {
      plan.alreadyDone += 1;
      continue;
    }
    const why = `${roles.direction}: ${store.group}, ${store.name} (${roles.arriving.name}) becomes active; its copied database mounts only when it may be overwritten by a restore`;
    plan.sets.push({ phase: 'patch-flag', dn: store.dn, changes: [plannedChange('patch-flag', store.dn, 'msExchPatchMDB', store.patchFlag, ['TRUE'], why)] });
  }
  return plan;
}
