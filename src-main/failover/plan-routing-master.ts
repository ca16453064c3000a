/**
 * Phase routing-master: when the server being left is its routing group's master, the arriving server becomes it
 * (msExchRoutingMasterDN; [assumed] the value is the server object's DN).
 */
import { dnEquals, isValidDn } from '../directory/dn';
import { plannedChange } from './change-set';
import type { PhasePlan } from './phase-plan';
import type { Roles } from './roles';
import type { Topology } from './topology';

/** The routing master changes of a run. */
export function planRoutingMaster(topology: Topology, roles: Roles): PhasePlan {
  const plan: PhasePlan = { phase: 'routing-master', sets: [], alreadyDone: 0 };
  for (const group of topology.routingGroups) {
    const [master] = group.masterDn;
    if (master === undefined || group.masterDn.length !== 1 || !isValidDn(master)) continue;
    if (dnEquals(master, roles.arriving.dn)) {
      plan.alreadyDone += 1;
      continue;
    }
    if (!dnEquals(master, roles.leaving.dn)) continue;
    const why = `${roles.direction}: ${roles.arriving.name} becomes the routing master instead of ${roles.leaving.name}`;
    plan.sets.push({ phase: 'routing-master', dn: group.dn, changes: [plannedChange('routing-master', group.dn, 'msExchRoutingMasterDN', [master], [roles.arriving.dn], why)] });
  }
  return plan;
}
