/**
 * Phase spn: the Kerberos service principal names of the ORIGINAL source virtual server move from the computer
 * account of the server being left to the one of the arriving server (on failover the target's, on failback back to
 * the source's) — exactly those the losing account holds, with their exact text, and none is invented. A failover
 * followed by a failback therefore leaves both accounts as they were.
 *
 * Which SPNs move: the services an Exchange 2003 server registers on its computer account, as the Exchange Server
 * Analyzer checks them ("servicePrincipalName of the Exchange server computer account": exchangeMDB, exchangeRFR,
 * SMTPSVC and SMTP, each with the NetBIOS name and the FQDN), for the source virtual server's names, compared
 * case-insensitively as Active Directory compares SPNs. HOST/ names the computer account itself and never moves.
 * exchangeAB/ is the address book's SPN, registered by global catalog servers: the Exchange Best Practices Analyzer
 * reports it as an error on an Exchange 2003 server that is not a global catalog (Outlook 2007 then prompts for
 * credentials again and again, KB 927612), so it is never added to an account; one found on the losing account is
 * left where it is, with a warning.
 *
 * SPNs are unique in the forest (a Windows Server 2012 R2 or later domain controller refuses a duplicate, KB
 * 3070083), so they are first removed from the losing account, THEN added to the gaining one. A run killed between
 * the two leaves them on no account; the next run learns them from that run's journal (`carried`) and adds them.
 * `-nospn` leaves SPNs alone.
 */
import { holdsValue, valueKey } from './attribute-values';
import { plannedChange } from './change-set';
import { FailoverInputError } from './engine-api';
import type { PhasePlan } from './phase-plan';
import type { Roles } from './roles';
import type { ComputerAccount, ServerInfo, Topology } from './topology';

const SPN = 'servicePrincipalName';

/** The services whose SPNs an Exchange 2003 virtual server carries on its computer account, and that move with it. */
export const EXCHANGE_SPN_SERVICES: readonly string[] = ['exchangeMDB', 'exchangeRFR', 'SMTPSVC', 'SMTP'];

/** The address book's service: its SPN belongs to global catalog servers and is never moved or added. */
export const ADDRESS_BOOK_SPN_SERVICE = 'exchangeAB';

/** The Exchange SPNs a virtual server carries, NetBIOS and FQDN forms (the candidates a run looks for). */
export function exchangeSpnsOf(netbiosName: string, fqdn: string): string[] {
  return EXCHANGE_SPN_SERVICES.flatMap((service) => [`${service}/${netbiosName}`, `${service}/${fqdn}`]);
}

/**
 * SPNs that an interrupted earlier run (same direction) removed from the losing account and never added to the
 * gaining one, as that run's journal recorded them (exact text). They are then on no account; the plan adds those
 * the gaining account lacks.
 */
export type CarriedSpns = readonly string[];

/** What the SPN phase may be given besides the topology and the roles. */
export interface SpnPlanInput {
  readonly carried?: CarriedSpns;
}

/** Something the operator must be told about the SPN phase (the engine logs it with the plan). */
export interface SpnNote {
  readonly level: 'info' | 'warn';
  readonly text: string;
}

/** The SPN phase's plan: the change sets, and what verification checks afterwards. */
export interface SpnPlan extends PhasePlan {
  readonly phase: 'spn';
  /** The original source virtual server, whose SPNs these are. */
  readonly source: string;
  readonly losing: ComputerAccount;
  readonly gaining: ComputerAccount;
  /** Every Exchange SPN of the source that must be on the gaining account and off the losing one after the phase. */
  readonly moving: readonly string[];
  /** exchangeAB SPNs found on the losing account and left there. */
  readonly leftBehind: readonly string[];
  readonly notes: readonly SpnNote[];
}

/** Whether a small phase's plan is the SPN phase's. */
export function isSpnPlan(plan: PhasePlan): plan is SpnPlan {
  return plan.phase === 'spn' && 'moving' in plan;
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

/** The source virtual server's Exchange SPNs in every form a run recognises (its server and account names, its FQDN). */
export function sourceExchangeSpns(source: ServerInfo): string[] {
  const netbiosNames = uniqueValues([source.name, ...(source.computer === undefined ? [] : [source.computer.name])]);
  return uniqueValues(netbiosNames.flatMap((netbios) => exchangeSpnsOf(netbios, source.hostName)));
}

/** Whether an SPN is the address book's (`exchangeAB/<any host>`). */
export function isAddressBookSpn(spn: string): boolean {
  const slash = spn.indexOf('/');
  return slash > 0 && spn.slice(0, slash).trim().toLowerCase() === ADDRESS_BOOK_SPN_SERVICE.toLowerCase();
}

/** The values without repeats (as the directory compares them), first text kept. */
function uniqueValues(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = valueKey(SPN, value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function accountName(account: ComputerAccount): string {
  return `${account.name}$`;
}

/** The SPN changes of a run: the removal first, then the addition. */
export function planSpns(topology: Topology, roles: Roles, input: SpnPlanInput = {}): SpnPlan {
  const { losing, gaining } = spnAccounts(topology, roles);
  const source = topology.source;
  const candidates = sourceExchangeSpns(source);
  const isExchangeSpn = (spn: string): boolean => holdsValue(SPN, candidates, spn);
  const notes: SpnNote[] = [];

  const onLosing = uniqueValues(losing.spns.filter(isExchangeSpn));
  const onGaining = uniqueValues(gaining.spns.filter(isExchangeSpn));
  const carried = input.carried ?? [];
  const ignored = carried.filter((spn) => !isExchangeSpn(spn));
  if (ignored.length > 0) {
    notes.push({
      level: 'warn',
      text: `not added to ${accountName(gaining)}: ${ignored.join(', ')} (removed by an earlier run, but not an Exchange SPN of ${source.name} that moves)`,
    });
  }
  const added = uniqueValues([...onLosing, ...carried.filter(isExchangeSpn)]).filter((spn) => !holdsValue(SPN, onGaining, spn));
  const moving = uniqueValues([...onGaining, ...onLosing, ...added]);
  const leftBehind = losing.spns.filter(isAddressBookSpn);
  if (leftBehind.length > 0) {
    notes.push({
      level: 'warn',
      text:
        `${accountName(losing)} keeps ${leftBehind.join(', ')}: exchangeAB is the address book's SPN of global catalog servers, ` +
        'never moved (the Exchange Best Practices Analyzer reports it on an Exchange server that is not a global catalog)',
    });
  }

  const plan: SpnPlan = { phase: 'spn', sets: [], alreadyDone: 0, source: source.name, losing, gaining, moving, leftBehind, notes };
  if (moving.length === 0) {
    notes.push({
      level: 'warn',
      text:
        `nothing to move: neither ${accountName(losing)} nor ${accountName(gaining)} holds an Exchange SPN of ${source.name} ` +
        `(${EXCHANGE_SPN_SERVICES.map((service) => `${service}/`).join(', ')} with ${uniqueValues([source.name, source.hostName]).join(' or ')}); none is invented`,
    });
    return plan;
  }
  if (onLosing.length === 0) plan.alreadyDone += 1;
  else {
    const why = `${roles.direction}: ${source.name}'s Exchange SPNs leave ${losing.name} first (SPNs are unique in the forest)`;
    plan.sets.push({ phase: 'spn', dn: losing.dn, changes: [plannedChange('spn', losing.dn, SPN, onLosing, [], why)] });
  }
  if (added.length === 0) plan.alreadyDone += 1;
  else {
    const why = `${roles.direction}: ${source.name}'s Exchange SPNs move to ${gaining.name}, which now answers for them`;
    plan.sets.push({ phase: 'spn', dn: gaining.dn, changes: [plannedChange('spn', gaining.dn, SPN, [], added, why)] });
  }
  if (onGaining.length > 0 && added.length > 0) {
    notes.push({ level: 'info', text: `${accountName(gaining)} already holds ${onGaining.join(', ')}; only the rest move` });
  }
  return plan;
}
