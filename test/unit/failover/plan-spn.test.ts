/**
 * The SPN phase's plan (issue 8, point 5): exactly the Exchange SPNs of the original source that the losing account
 * holds move — removal first, then the addition with their exact text — and none is invented; exchangeAB stays where
 * it is; a re-run after a run killed between the two modifies adds the SPNs that run carried; verification checks
 * the moved SPNs, not a derived set.
 */
import { describe, expect, it } from 'vitest';
import type { Direction } from '../../../src-main/failover/engine-api';
import { EXCHANGE_SPN_SERVICES, exchangeSpnsOf, planSpns, type SpnPlan, type SpnPlanInput } from '../../../src-main/failover/plan-spn';
import { rolesFor } from '../../../src-main/failover/roles';
import type { ComputerAccount, ServerInfo, Topology } from '../../../src-main/failover/topology';
import { spnCheck } from '../../../src-main/failover/verify';

const DOMAIN = 'DC=lab,DC=local';
const SERVERS = `CN=Servers,CN=First Administrative Group,CN=Administrative Groups,CN=Lab,CN=Microsoft Exchange,CN=Services,CN=Configuration,${DOMAIN}`;
const SOURCE_DN = `CN=EXCHVS,CN=Computers,${DOMAIN}`;
const TARGET_DN = `CN=EXCHVS-DR,CN=Computers,${DOMAIN}`;

/** What a real Exchange 2003 virtual server's account carries (the Exchange Server Analyzer's list): no exchangeAB. */
const SOURCE_EXCHANGE = [
  'exchangeMDB/EXCHVS',
  'exchangeMDB/exchvs.lab.local',
  'exchangeRFR/EXCHVS',
  'exchangeRFR/exchvs.lab.local',
  'SMTPSVC/EXCHVS',
  'SMTPSVC/exchvs.lab.local',
  'SMTP/EXCHVS',
  'SMTP/exchvs.lab.local',
];
const SOURCE_HOST = ['HOST/EXCHVS', 'HOST/exchvs.lab.local'];
const TARGET_HOST = ['HOST/EXCHVS-DR', 'HOST/exchvs-dr.lab.local'];

function server(name: string, computerDn: string, spns: readonly string[] | undefined): ServerInfo {
  const computer: ComputerAccount | undefined = spns === undefined ? undefined : { dn: computerDn, name, dnsHostName: `${name.toLowerCase()}.lab.local`, spns };
  return {
    dn: `CN=${name},${SERVERS}`,
    key: `cn=${name.toLowerCase()},${SERVERS.toLowerCase()}`,
    name,
    legacyExchangeDn: undefined,
    mtaDn: undefined,
    groups: [],
    stores: [],
    computer,
    hostName: `${name.toLowerCase()}.lab.local`,
  };
}

function topologyWith(sourceSpns: readonly string[] | undefined, targetSpns: readonly string[] | undefined): Topology {
  const source = server('EXCHVS', SOURCE_DN, sourceSpns);
  const target = server('EXCHVS-DR', TARGET_DN, targetSpns);
  return {
    rootDse: { defaultNamingContext: DOMAIN, configurationNamingContext: `CN=Configuration,${DOMAIN}`, namingContexts: [DOMAIN] },
    domainContexts: [DOMAIN],
    dnsDomain: 'lab.local',
    organizationDn: `CN=Lab,CN=Microsoft Exchange,CN=Services,CN=Configuration,${DOMAIN}`,
    servers: [source, target],
    source,
    target,
    mailboxStores: [],
    adminGroups: [],
    routingGroups: [],
    recipientUpdateServices: [],
  };
}

function plan(direction: Direction, sourceSpns: readonly string[] | undefined, targetSpns: readonly string[] | undefined, input?: SpnPlanInput): SpnPlan {
  const topology = topologyWith(sourceSpns, targetSpns);
  return planSpns(topology, rolesFor(direction, topology, []), input);
}

/** The plan as [dn, removed, added] per change set, in order. */
function shape(spnPlan: SpnPlan): [string, readonly string[], readonly string[]][] {
  return spnPlan.sets.map((set) => {
    const [change] = set.changes;
    expect(set.changes).toHaveLength(1);
    expect(change?.attribute).toBe('servicePrincipalName');
    return [set.dn, change?.before ?? [], change?.after ?? []];
  });
}

describe('the SPN phase', () => {
  it('knows the four services an Exchange 2003 server carries, never exchangeAB', () => {
    expect(EXCHANGE_SPN_SERVICES).toEqual(['exchangeMDB', 'exchangeRFR', 'SMTPSVC', 'SMTP']);
    expect(exchangeSpnsOf('EXCHVS', 'exchvs.lab.local')).toEqual(SOURCE_EXCHANGE);
  });

  it('moves exactly the Exchange SPNs the source account holds, removal first, HOST/ and other names left', () => {
    const other = ['HTTP/exchvs.lab.local', 'exchangeMDB/EXCHVS2', 'exchangeMDB/EXCHVS:6001', 'ldap/EXCHVS'];
    const spnPlan = plan('failover', [...SOURCE_HOST, ...SOURCE_EXCHANGE, ...other], [...TARGET_HOST, 'exchangeMDB/EXCHVS-DR']);
    expect(shape(spnPlan)).toEqual([
      [SOURCE_DN, SOURCE_EXCHANGE, []],
      [TARGET_DN, [], SOURCE_EXCHANGE],
    ]);
    expect(spnPlan.alreadyDone).toBe(0);
    expect(spnPlan.moving).toEqual(SOURCE_EXCHANGE);
    expect(spnPlan.notes).toEqual([]);
  });

  it('invents none: only the SPNs found move, whatever the source is missing', () => {
    const spnPlan = plan('failover', [...SOURCE_HOST, 'exchangeMDB/EXCHVS', 'SMTP/exchvs.lab.local'], TARGET_HOST);
    expect(shape(spnPlan)).toEqual([
      [SOURCE_DN, ['exchangeMDB/EXCHVS', 'SMTP/exchvs.lab.local'], []],
      [TARGET_DN, [], ['exchangeMDB/EXCHVS', 'SMTP/exchvs.lab.local']],
    ]);
  });

  it('compares services and names case-insensitively and moves each SPN with its exact text', () => {
    const found = ['EXCHANGEMDB/exchvs', 'smtpsvc/EXCHVS.LAB.LOCAL', 'ExchangeRfr/ExchVS'];
    const spnPlan = plan('failover', [...SOURCE_HOST, ...found], TARGET_HOST);
    expect(shape(spnPlan)).toEqual([
      [SOURCE_DN, found, []],
      [TARGET_DN, [], found],
    ]);
  });

  it('leaves exchangeAB on the losing account, never adds it, and says so', () => {
    const addressBook = ['exchangeAB/EXCHVS', 'exchangeAB/exchvs.lab.local'];
    const spnPlan = plan('failover', [...SOURCE_HOST, ...SOURCE_EXCHANGE, ...addressBook], TARGET_HOST);
    expect(shape(spnPlan)).toEqual([
      [SOURCE_DN, SOURCE_EXCHANGE, []],
      [TARGET_DN, [], SOURCE_EXCHANGE],
    ]);
    expect(spnPlan.leftBehind).toEqual(addressBook);
    expect(spnPlan.notes).toEqual([{ level: 'warn', text: expect.stringMatching(/^EXCHVS\$ keeps exchangeAB\/EXCHVS, exchangeAB\/exchvs\.lab\.local: .*global catalog/) }]);
    // Even when an earlier run is said to have carried one, exchangeAB is not added.
    const carried = plan('failover', SOURCE_HOST, TARGET_HOST, { carried: ['exchangeAB/EXCHVS', 'SMTP/EXCHVS'] });
    expect(shape(carried)).toEqual([[TARGET_DN, [], ['SMTP/EXCHVS']]]);
    expect(carried.notes).toEqual([{ level: 'warn', text: expect.stringMatching(/^not added to EXCHVS-DR\$: exchangeAB\/EXCHVS \(/) }]);
  });

  it('plans nothing when neither account holds an Exchange SPN of the source, and says why', () => {
    const spnPlan = plan('failover', SOURCE_HOST, [...TARGET_HOST, 'exchangeMDB/EXCHVS-DR']);
    expect(spnPlan.sets).toEqual([]);
    expect(spnPlan.alreadyDone).toBe(0);
    expect(spnPlan.moving).toEqual([]);
    expect(spnPlan.notes).toEqual([
      { level: 'warn', text: expect.stringMatching(/^nothing to move: neither EXCHVS\$ nor EXCHVS-DR\$ holds an Exchange SPN of EXCHVS .*none is invented$/) },
    ]);
  });

  it('is idempotent: SPNs the gaining account already holds are not added again, only the rest move', () => {
    const spnPlan = plan('failover', [...SOURCE_HOST, ...SOURCE_EXCHANGE.slice(2)], [...TARGET_HOST, ...SOURCE_EXCHANGE.slice(0, 3)]);
    expect(shape(spnPlan)).toEqual([
      [SOURCE_DN, SOURCE_EXCHANGE.slice(2), []],
      [TARGET_DN, [], SOURCE_EXCHANGE.slice(3)],
    ]);
    expect(new Set(spnPlan.moving)).toEqual(new Set(SOURCE_EXCHANGE));
    const done = plan('failover', SOURCE_HOST, [...TARGET_HOST, ...SOURCE_EXCHANGE]);
    expect(done.sets).toEqual([]);
    expect(done.alreadyDone).toBe(2);
    expect(done.notes).toEqual([]);
  });

  it('on failback moves the source\'s SPNs back from the target account, leaving the target\'s own', () => {
    const spnPlan = plan('failback', SOURCE_HOST, [...TARGET_HOST, 'exchangeMDB/EXCHVS-DR', ...SOURCE_EXCHANGE]);
    expect(shape(spnPlan)).toEqual([
      [TARGET_DN, SOURCE_EXCHANGE, []],
      [SOURCE_DN, [], SOURCE_EXCHANGE],
    ]);
  });

  it('a re-run after a run killed between the removal and the addition adds what that run carried', () => {
    // The killed run removed these from EXCHVS$ and never added them: they are on no account now.
    const carried = ['exchangeMDB/EXCHVS', 'EXCHANGERFR/exchvs.lab.local', 'SMTP/EXCHVS'];
    const spnPlan = plan('failover', SOURCE_HOST, [...TARGET_HOST, 'SMTP/exchvs'], { carried });
    expect(shape(spnPlan)).toEqual([[TARGET_DN, [], ['exchangeMDB/EXCHVS', 'EXCHANGERFR/exchvs.lab.local']]]);
    expect(spnPlan.alreadyDone).toBe(1);
    expect(new Set(spnPlan.moving)).toEqual(new Set(['SMTP/exchvs', 'exchangeMDB/EXCHVS', 'EXCHANGERFR/exchvs.lab.local']));
    // Without what the journal carried, nothing can be known, and nothing is invented.
    expect(plan('failover', SOURCE_HOST, TARGET_HOST).sets).toEqual([]);
    // Carried SPNs that are back on the losing account move with the others (once).
    const back = plan('failover', [...SOURCE_HOST, 'exchangeMDB/EXCHVS'], TARGET_HOST, { carried });
    expect(shape(back)).toEqual([
      [SOURCE_DN, ['exchangeMDB/EXCHVS'], []],
      [TARGET_DN, [], ['exchangeMDB/EXCHVS', 'EXCHANGERFR/exchvs.lab.local', 'SMTP/EXCHVS']],
    ]);
  });

  it('refuses before anything changed when a computer account is missing', () => {
    expect(() => plan('failover', SOURCE_EXCHANGE, undefined)).toThrow(/no computer account EXCHVS-DR\$ .*-nospn leaves them/);
  });

  it('verification checks the moved SPNs on the gaining account and off the losing one, not a derived set', () => {
    const found = ['exchangeMDB/EXCHVS', 'SMTP/exchvs.lab.local'];
    const spnPlan = plan('failover', [...SOURCE_HOST, ...found, 'exchangeAB/EXCHVS'], TARGET_HOST);
    const ok = spnCheck(spnPlan, [...SOURCE_HOST, 'exchangeAB/EXCHVS'], [...TARGET_HOST, 'EXCHANGEMDB/exchvs', 'SMTP/exchvs.lab.local']);
    expect(ok).toMatchObject({ ok: true, what: 'the 2 Exchange SPN(s) moved are on EXCHVS-DR and no longer on EXCHVS' });
    expect(ok.detail).toBe('EXCHVS keeps exchangeAB/EXCHVS (exchangeAB is never moved)');
    const failed = spnCheck(spnPlan, [...SOURCE_HOST, 'SMTP/EXCHVS.lab.local'], [...TARGET_HOST, 'exchangeMDB/EXCHVS']);
    expect(failed.ok).toBe(false);
    expect(failed.detail).toMatch(/^not on EXCHVS-DR: SMTP\/exchvs\.lab\.local; still on EXCHVS: SMTP\/exchvs\.lab\.local; /);
  });
});
