/**
 * Failover then failback is an exact round trip (issue 8, point 5), on a real OpenLDAP slapd with the project's
 * schema: a snapshot of EVERY attribute the engine may change, over every entry of those kinds (users' homeMDB,
 * homeMTA and msExchHomeServerName; stores' msExchPatchMDB and msExchHomePublicMDB; the Recipient Update Services'
 * link and network address; both computer accounts' servicePrincipalName as exact value sets; the routing master;
 * the administrative groups' siteFolderServer), taken before the failover and compared after the failback. The only
 * difference allowed is msExchPatchMDB, the overwrite-on-restore flag that both runs set by design on the stores that
 * became active; it is asserted separately. Every value is compared byte for byte, except that DN-valued ones are
 * compared as DNs (slapd hands an entry's DN back as `cn=…,dc=…`, so the failback writes the seed's `CN=…,DC=…` in
 * that form; Active Directory returns DN-valued attributes in the form of the entry they name). SPNs move as found
 * and none is invented: exchangeAB never moves.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { normalizeDn } from '../../../src-main/directory/dn';
import { textValues } from '../../../src-main/directory/entry-values';
import type { DirectoryPort } from '../../../src-main/directory/port';
import { runFailover } from '../../../src-main/failover/engine';
import type { Direction, EngineDeps, FailoverOutcome, FailoverRequest } from '../../../src-main/failover/engine-api';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { SEED_STORAGE_GROUPS, seedExchangeOrganization, storeName } from '../../../src-main/lab/directory/exchange-seed';
import { writeLdif } from '../../../src-main/lab/directory/ldif';
import { LAB } from '../../../src-main/lab/topology';
import { slapdPerTest } from './support/slapd-per-test';
import {
  dumpDifferences,
  type EngineSnapshot,
  exchangeServerSpns,
  interceptedPort,
  setSpns,
  snapshotEngineAttributes,
} from './support/directory-fixtures';

const USERS = 60;
const SOURCE = LAB.source.virtualServer;
const TARGET = LAB.target.virtualServer;
const DOMAIN = LAB.domain.dnsName;
const BASE = LAB.domain.dn;
const dns = exchangeDns();
const LDIF = writeLdif(seedExchangeOrganization({ userCount: USERS }));

const SOURCE_SPNS = exchangeServerSpns(SOURCE, DOMAIN);
const TARGET_SPNS = exchangeServerSpns(TARGET, DOMAIN);
const ADDRESS_BOOK = [`exchangeAB/${SOURCE}`, `exchangeAB/${SOURCE.toLowerCase()}.${DOMAIN}`];

/** Every store of both servers: each becomes active once on the way (failover: the target's; failback: the source's). */
const EVERY_STORE = [SOURCE, TARGET].flatMap((server) =>
  SEED_STORAGE_GROUPS.flatMap((group) => group.stores.map((store) => normalizeDn(dns.store(server, group.name, storeName(store, server))))),
).sort();

function request(direction: Direction): FailoverRequest {
  return { direction, source: SOURCE, target: TARGET, rules: [{ kind: 'one-to-one' }], setupOnly: false, test: false, noRus: false, noSpn: false };
}

function sameSet(values: readonly string[]): string[] {
  return [...values].sort();
}

interface SpnScenario {
  readonly name: string;
  /** The accounts' SPNs before the failover; undefined: as the lab seeds them. */
  readonly source?: readonly string[];
  readonly target?: readonly string[];
  /** The exact SPNs that must move from the source account to the target account. */
  readonly moved: readonly string[];
}

const SCENARIOS: readonly SpnScenario[] = [
  { name: 'the SPNs as the lab seeds them', moved: SOURCE_SPNS.exchange },
  {
    name: 'a realistic set: HOST/ forms on both, the source without exchangeAB, the target with its own HOST/ SPNs only',
    source: [...SOURCE_SPNS.host, ...SOURCE_SPNS.exchange],
    target: TARGET_SPNS.host,
    moved: SOURCE_SPNS.exchange,
  },
  {
    name: 'only some Exchange SPNs on the source, in another case; the target with its own Exchange SPNs',
    source: [...SOURCE_SPNS.host, 'EXCHANGEMDB/exchvs', `smtpsvc/${SOURCE}.${DOMAIN.toUpperCase()}`, `HTTP/${SOURCE.toLowerCase()}.${DOMAIN}`],
    target: [...TARGET_SPNS.host, ...TARGET_SPNS.exchange],
    moved: ['EXCHANGEMDB/exchvs', `smtpsvc/${SOURCE}.${DOMAIN.toUpperCase()}`],
  },
];

describe('failover then failback on slapd is an exact round trip', () => {
  const slapd = slapdPerTest(LDIF, 'exchha-round-trip-');
  let deps: EngineDeps;

  beforeEach(() => {
    deps = { connect: slapd.open };
  });

  async function spnsOf(name: string): Promise<string[]> {
    for await (const entry of slapd.admin.search(dns.computer(name), { scope: 'base', attributes: ['servicePrincipalName'] })) return sameSet(textValues(entry, 'servicePrincipalName'));
    return [];
  }

  const snapshot = (): Promise<EngineSnapshot> => snapshotEngineAttributes(slapd.admin, BASE);

  /** The differences of a round trip, the overwrite-on-restore flags apart (returned separately, by store). */
  function roundTripDifferences(start: EngineSnapshot, end: EngineSnapshot): { others: string[]; patchFlags: string[] } {
    const differences = dumpDifferences(start.entries, end.entries);
    const patchFlags = differences.filter((line) => / msexchpatchmdb: /.test(line));
    for (const line of patchFlags) expect(line).toMatch(/ msexchpatchmdb: \["FALSE"\] -> \["TRUE"\]$/);
    return { others: differences.filter((line) => !patchFlags.includes(line)), patchFlags: patchFlags.map((line) => line.replace(/ msexchpatchmdb: .*$/, '')).sort() };
  }

  function spnCheckOf(outcome: FailoverOutcome) {
    return outcome.verification.find((check) => /Exchange SPN/.test(check.what));
  }

  it.each(SCENARIOS)('$name', async (scenario) => {
    if (scenario.source !== undefined) await setSpns(slapd.admin, dns.computer(SOURCE), scenario.source);
    if (scenario.target !== undefined) await setSpns(slapd.admin, dns.computer(TARGET), scenario.target);
    const sourceBefore = await spnsOf(SOURCE);
    const targetBefore = await spnsOf(TARGET);
    const start = await snapshot();
    // The snapshot covers every entry of every kind the engine may change.
    expect(start.counts).toEqual({
      user: USERS,
      'computer account': 2 + LAB.source.nodes.length + LAB.target.nodes.length,
      store: EVERY_STORE.length,
      'recipient update service': expect.any(Number),
      'routing group': 1,
      'administrative group': 1,
    });
    expect(start.counts['recipient update service']).toBeGreaterThan(0);

    const failover = await runFailover(request('failover'), deps);
    expect(failover.status).toBe('done');
    expect(failover.verification.every((check) => check.ok)).toBe(true);
    expect(spnCheckOf(failover)).toEqual({ what: `the ${scenario.moved.length} Exchange SPN(s) moved are on ${TARGET} and no longer on ${SOURCE}`, ok: true });
    // Exactly the SPNs found move, with their exact text; nothing else is added or removed.
    const moved = sameSet(scenario.moved);
    expect(await spnsOf(TARGET)).toEqual(sameSet([...targetBefore, ...moved]));
    expect(await spnsOf(SOURCE)).toEqual(sourceBefore.filter((spn) => !moved.includes(spn)));
    const failedOver = await snapshot();
    expect(dumpDifferences(start.entries, failedOver.entries).length).toBeGreaterThan(USERS * 3);

    const failback = await runFailover(request('failback'), deps);
    expect(failback.status).toBe('done');
    expect(failback.verification.every((check) => check.ok)).toBe(true);
    expect(spnCheckOf(failback)).toEqual({ what: `the ${scenario.moved.length} Exchange SPN(s) moved are on ${SOURCE} and no longer on ${TARGET}`, ok: true });

    const end = await snapshot();
    expect(end.counts).toEqual(start.counts);
    const { others, patchFlags } = roundTripDifferences(start, end);
    expect(others).toEqual([]);
    // Reported separately: every store became active once and keeps its overwrite-on-restore flag, by design.
    expect(patchFlags).toEqual(EVERY_STORE);
    expect(await spnsOf(SOURCE)).toEqual(sourceBefore);
    expect(await spnsOf(TARGET)).toEqual(targetBefore);
  });

  it('leaves exchangeAB on the source account (some misconfigured servers carry it); the target never gets it', async () => {
    await setSpns(slapd.admin, dns.computer(SOURCE), [...SOURCE_SPNS.host, ...SOURCE_SPNS.exchange, ...ADDRESS_BOOK]);
    await setSpns(slapd.admin, dns.computer(TARGET), TARGET_SPNS.host);
    const start = await snapshot();
    const logs: string[] = [];
    const failover = await runFailover(request('failover'), deps, { onLog: (_, line) => logs.push(line) });
    expect(failover.status).toBe('done');
    expect(await spnsOf(SOURCE)).toEqual(sameSet([...SOURCE_SPNS.host, ...ADDRESS_BOOK]));
    expect(await spnsOf(TARGET)).toEqual(sameSet([...TARGET_SPNS.host, ...SOURCE_SPNS.exchange]));
    expect(spnCheckOf(failover)).toEqual({
      what: `the 8 Exchange SPN(s) moved are on ${TARGET} and no longer on ${SOURCE}`,
      ok: true,
      detail: `${SOURCE} keeps ${ADDRESS_BOOK.join(', ')} (exchangeAB is never moved)`,
    });
    expect(logs.some((line) => line.includes(`${SOURCE} keeps ${ADDRESS_BOOK.join(', ')}`))).toBe(true);

    expect((await runFailover(request('failback'), deps)).status).toBe('done');
    expect(roundTripDifferences(start, await snapshot()).others).toEqual([]);
    expect(await spnsOf(SOURCE)).toEqual(sameSet([...SOURCE_SPNS.host, ...SOURCE_SPNS.exchange, ...ADDRESS_BOOK]));
  });

  it('moves no SPN when neither account holds one of the source, and the log says why', async () => {
    await setSpns(slapd.admin, dns.computer(SOURCE), SOURCE_SPNS.host);
    await setSpns(slapd.admin, dns.computer(TARGET), TARGET_SPNS.host);
    const logs: string[] = [];
    const failover = await runFailover(request('failover'), deps, { onLog: (_, line) => logs.push(line) });
    expect(failover.status).toBe('done');
    expect(failover.phases.find((phase) => phase.phase === 'spn')).toMatchObject({ planned: 0, applied: 0 });
    expect(await spnsOf(SOURCE)).toEqual(sameSet(SOURCE_SPNS.host));
    expect(await spnsOf(TARGET)).toEqual(sameSet(TARGET_SPNS.host));
    expect(logs).toContain(`verify: ok: no Exchange SPN of ${SOURCE} was on ${SOURCE} or ${TARGET}: none moved, none invented`);
  });

  it('fails verification when a moved SPN is back on the losing account after the phase', async () => {
    await setSpns(slapd.admin, dns.computer(SOURCE), [...SOURCE_SPNS.host, ...SOURCE_SPNS.exchange]);
    await setSpns(slapd.admin, dns.computer(TARGET), TARGET_SPNS.host);
    const [first] = SOURCE_SPNS.exchange;
    const racing = async (): Promise<DirectoryPort> =>
      interceptedPort(await slapd.open(), {
        async afterModify(dn) {
          // Someone registers the SPN on the source again right after the engine added it to the target.
          if (normalizeDn(dn) === normalizeDn(dns.computer(TARGET))) await slapd.admin.modify(dns.computer(SOURCE), [{ operation: 'add', attribute: 'servicePrincipalName', values: [first ?? ''] }]);
        },
      });
    const outcome = await runFailover(request('failover'), { connect: racing });
    expect(outcome.status).toBe('verify-failed');
    expect(spnCheckOf(outcome)).toMatchObject({ ok: false, detail: `still on ${SOURCE}: ${first}` });
  });
});
