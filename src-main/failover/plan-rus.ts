/**
 * Phase rus: every Recipient Update Service run by the server being left is handed to the arriving server —
 * msExchAddressListServiceLink to its server object and msExchServer1NetworkAddress to its host name, in one
 * modify. `-norus` leaves them.
 */
import { dnEquals, isValidDn } from '../directory/dn';
import { sameValueSet } from './attribute-values';
import { plannedChange } from './change-set';
import type { PlannedChange } from './engine-api';
import type { PhasePlan } from './phase-plan';
import type { Roles } from './roles';
import type { Topology } from './topology';

/** The RUS changes of a run. */
export function planRecipientUpdateServices(topology: Topology, roles: Roles): PhasePlan {
  const plan: PhasePlan = { phase: 'rus', sets: [], alreadyDone: 0 };
  for (const service of topology.recipientUpdateServices) {
    const [link] = service.link;
    if (link === undefined || service.link.length !== 1 || !isValidDn(link)) continue;
    const leaving = dnEquals(link, roles.leaving.dn);
    if (!leaving && !dnEquals(link, roles.arriving.dn)) continue;
    const why = `${roles.direction}: the Recipient Update Service runs on ${roles.arriving.name} instead of ${roles.leaving.name}`;
    const changes: PlannedChange[] = [];
    if (leaving) changes.push(plannedChange('rus', service.dn, 'msExchAddressListServiceLink', [link], [roles.arriving.dn], why));
    if (!sameValueSet('msExchServer1NetworkAddress', service.networkAddress, [roles.arriving.hostName])) {
      changes.push(plannedChange('rus', service.dn, 'msExchServer1NetworkAddress', service.networkAddress, [roles.arriving.hostName], why));
    }
    if (changes.length === 0) plan.alreadyDone += 1;
    else plan.sets.push({ phase: 'rus', dn: service.dn, changes });
  }
  return plan;
}
