/**
 * Phase spn: the Kerberos service principal names of the ORIGINAL source virtual server — exchangeMDB/,
 * exchangeRFR/, exchangeAB/, SMTPSVC/ and SMTP/ with its NetBIOS name and its FQDN — move to the computer account
 * of the arriving virtual server (on failover the target's, on failback back to the source's). SPNs are unique in
 * the forest, so they are first removed from the account losing them, THEN added to the account gaining them.
 *
 * The wanted set is derived from the source's names, not from what an account holds, so a re-run after the removal
 * still adds them. Values removed in the same run are added back with their exact text (so a failover and a
 * failback leave the directory as it was). `-nospn` leaves SPNs alone.
 */
import { holdsValue } from './attribute-values';
import { type ChangeSet, plannedChange } from './change-set';
import { FailoverInputError } from './engine-api';
import type { PhasePlan } from './phase-plan';
import type { Roles } from './roles';
import type { ComputerAccount, Topology } from './topology';

/** The services an Exchange 2003 virtual server registers (DOMAIN.md §1). */
export const EXCHANGE_SPN_SERVICES: readonly string[] = ['exchangeMDB', 'exchangeRFR', 'exchangeAB', 'SMTPSVC', 'SMTP'];

/** The Exchange SPNs of a virtual server, NetBIOS and FQDN forms. */
export function exchangeSpnsOf(netbiosName: string, fqdn: string): string[] {
  return EXCHANGE_SPN_SERVICES.flatMap((service) => [`${service}/${netbiosName}`, `${service}/${fqdn}`]);
}

/** The two computer accounts, or a refusal naming the missing one (before anything changed). */
export function spnAccounts(topology: Topology, roles: Roles): { losing: ComputerAccount; gaining: ComputerAccount } {
  const missing = [roles.leaving, roles.arriving].filter((server) => server.computer === undefined).map((server) => `${server.name}$`);
  const losing = roles.leaving.computer;
  const gaining = roles.arriving.computer;
  if (losing === undefined || gaining === undefined) {
    throw new FailoverInputError(
      `no computer account ${missing.join(' or ')} in ${topology.domainContexts.join('; ')}: the virtual servers' SPNs cannot be moved (-nospn leaves them)`,
    );
  }
  return { losing, gaining };
}

/** The SPN changes of a run: the removal first, then the addition. */
export function planSpns(topology: Topology, roles: Roles): PhasePlan {
  const plan: PhasePlan = { phase: 'spn', sets: [], alreadyDone: 0 };
  const { losing, gaining } = spnAccounts(topology, roles);
  const source = topology.source;
  const netbios = source.computer?.name ?? source.name;
  const wanted = exchangeSpnsOf(netbios, source.hostName);
  const removed = losing.spns.filter((spn) => holdsValue('servicePrincipalName', wanted, spn));
  const added = wanted
    .map((spn) => removed.find((value) => holdsValue('servicePrincipalName', [spn], value)) ?? spn)
    .filter((spn) => !holdsValue('servicePrincipalName', gaining.spns, spn));
  const sets: ChangeSet[] = [];
  if (removed.length === 0) plan.alreadyDone += 1;
  else {
    const why = `${roles.direction}: ${source.name}'s Exchange SPNs leave ${losing.name} first (SPNs are unique in the forest)`;
    sets.push({ phase: 'spn', dn: losing.dn, changes: [plannedChange('spn', losing.dn, 'servicePrincipalName', removed, [], why)] });
  }
  if (added.length === 0) plan.alreadyDone += 1;
  else {
    const why = `${roles.direction}: ${source.name}'s Exchange SPNs move to ${gaining.name}, which now answers for them`;
    sets.push({ phase: 'spn', dn: gaining.dn, changes: [plannedChange('spn', gaining.dn, 'servicePrincipalName', [], added, why)] });
  }
  plan.sets.push(...sets);
  return plan;
}
