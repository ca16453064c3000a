/**
 * The failover engine against a real OpenLDAP slapd with the project's schema, loaded with the lab's seeded
 * organisation (issue 3's integration tests). Each test gets a fresh slapd.server. "The exact starting state" is a full
 * dump of every entry and value; DN-valued attributes are compared as DNs (slapd writes a DN value back in its own
 * form, `cn=` for `CN=`, and equality of DNs is the directory's own matching rule), every other value byte for byte.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DirectoryError } from '../../../src-main/directory/directory-error';
import { normalizeDn } from '../../../src-main/directory/dn';
import { textValues } from '../../../src-main/directory/entry-values';
import { escapeFilter } from '../../../src-main/directory/filter-escape';
import type { DirectoryPort } from '../../../src-main/directory/port';
import { runFailover, undoFailover } from '../../../src-main/failover/engine';
import { type EngineDeps, FailoverInputError, type FailoverOutcome, type FailoverRequest, type PhaseName } from '../../../src-main/failover/engine-api';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { exchangeSpns, seedExchangeOrganization } from '../../../src-main/lab/directory/exchange-seed';
import { writeLdif } from '../../../src-main/lab/directory/ldif';
import { LAB } from '../../../src-main/lab/topology';
import { slapdPerTest } from './support/slapd-per-test';
import { addStorageGroup, type Dump, dumpDifferences, dumpDirectory, interceptedPort } from './support/directory-fixtures';

const USERS = 300;
const SOURCE = LAB.source.virtualServer;
const TARGET = LAB.target.virtualServer;
const BASE = LAB.domain.dn;
const dns = exchangeDns();
const LDIF = writeLdif(seedExchangeOrganization({ userCount: USERS }));

function request(overrides: Partial<FailoverRequest> = {}): FailoverRequest {
  return { direction: 'failover', source: SOURCE, target: TARGET, rules: [{ kind: 'one-to-one' }], setupOnly: false, test: false, noRus: false, noSpn: false, ...overrides };
}

function phase(outcome: FailoverOutcome, name: PhaseName) {
  return outcome.phases.find((summary) => summary.phase === name);
}

describe('the failover engine on slapd', () => {
  const slapd = slapdPerTest(LDIF, 'exchha-failover-');
  let deps: EngineDeps;

  beforeEach(() => {
    deps = { connect: slapd.open, journalFile: join(slapd.folder, 'run.journal') };
  });

  const dump = (exact = false): Promise<Dump> => dumpDirectory(slapd.admin, BASE, exact);

  async function usersOn(store: string): Promise<string[]> {
    const found: string[] = [];
    for await (const entry of slapd.admin.search(BASE, { scope: 'sub', filter: escapeFilter`(&(objectClass=user)(homeMDB=${store}))`, attributes: ['1.1'] })) found.push(entry.dn);
    return found;
  }

  async function values(dn: string, attribute: string): Promise<readonly string[]> {
    for await (const entry of slapd.admin.search(dn, { scope: 'base', attributes: [attribute] })) return textValues(entry, attribute);
    return [];
  }

  it('-r fails over one-to-one, verified; running it again changes nothing', async () => {
    const indy = (await usersOn(dns.store(SOURCE, 'Indy', 'Sales'))).length;
    const outcome = await runFailover(request(), deps);
    expect(outcome.status).toBe('done');
    expect(outcome.errors).toEqual([]);
    expect(outcome.pairs).toHaveLength(4);
    expect(phase(outcome, 'mailboxes')).toEqual({ phase: 'mailboxes', planned: USERS, applied: USERS, skipped: 0, conflicts: 0, errors: 0 });
    expect(await usersOn(dns.store(TARGET, 'Indy', 'Sales'))).toHaveLength(indy);
    expect(outcome.mailboxCounts.filter((count) => count.server === TARGET).reduce((sum, count) => sum + count.count, 0)).toBe(USERS);
    expect(outcome.mailboxCounts.filter((count) => count.server === SOURCE).every((count) => count.count === 0)).toBe(true);
    expect(await values(dns.computer(TARGET), 'servicePrincipalName')).toEqual(expect.arrayContaining(exchangeSpns(SOURCE)));
    expect(normalizeDn((await values(dns.recipientUpdateService(LAB.domain.netbios), 'msExchAddressListServiceLink'))[0] ?? '')).toBe(normalizeDn(dns.server(TARGET)));
    expect(await values(dns.recipientUpdateService(LAB.domain.netbios), 'msExchServer1NetworkAddress')).toEqual([`${TARGET.toLowerCase()}.${LAB.domain.dnsName}`]);
    const journal = (await readFile(join(slapd.folder, 'run.journal'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; result?: string; status?: string });
    const applied = outcome.phases.reduce((sum, summary) => sum + summary.applied, 0);
    // Written ahead: the run's line, an intent and an outcome for every change set applied, the end line.
    expect(journal.filter((line) => line.kind === 'intent')).toHaveLength(applied);
    expect(journal.filter((line) => line.kind === 'outcome').map((line) => line.result)).toEqual(Array.from({ length: applied }, () => 'applied'));
    expect(journal).toHaveLength(1 + 2 * applied + 1);
    expect(journal.at(-1)).toMatchObject({ kind: 'end', status: 'done' });

    const after = await dump(true);
    const again = await runFailover(request(), { ...deps, journalFile: join(slapd.folder, 'again.journal') });
    expect(again.status).toBe('done');
    expect(again.phases.every((summary) => summary.applied === 0 && summary.planned === 0)).toBe(true);
    expect(phase(again, 'mailboxes')?.skipped).toBe(USERS);
    expect(dumpDifferences(after, await dump(true))).toEqual([]);
  });

  it('-r Indy:Indy_Bkup -r Boston:Boston_Bkup pairs renamed groups (and group+store rules pair renamed stores)', async () => {
    const indyBkup = await addStorageGroup(slapd.admin, TARGET, 'Indy_Bkup', 'Sales');
    const bostonBkup = await addStorageGroup(slapd.admin, TARGET, 'Boston_Bkup', 'Sales');
    const indy = await usersOn(dns.store(SOURCE, 'Indy', 'Sales'));
    const boston = await usersOn(dns.store(SOURCE, 'Boston', 'Sales'));
    const outcome = await runFailover(
      request({
        rules: [
          { kind: 'group', sourceGroup: 'Indy', targetGroup: 'Indy_Bkup' },
          { kind: 'group', sourceGroup: 'Boston', targetGroup: 'Boston_Bkup' },
        ],
      }),
      deps,
    );
    expect(outcome.status).toBe('done');
    expect(outcome.pairs.map((pair) => `${pair.sourceGroup}, ${pair.sourceStore} -> ${pair.targetGroup}, ${pair.targetStore}`).sort()).toEqual([
      'Boston, Sales -> Boston_Bkup, Sales',
      `First Storage Group, Mailbox Store (${SOURCE}) -> First Storage Group, Mailbox Store (${TARGET})`,
      `First Storage Group, Public Folder Store (${SOURCE}) -> First Storage Group, Public Folder Store (${TARGET})`,
      'Indy, Sales -> Indy_Bkup, Sales',
    ]);
    expect(outcome.unpaired).toHaveLength(2);
    expect(outcome.unpaired.join(' ')).toMatch(/"Indy, Sales" on EXCHVS-DR.*"Boston, Sales" on EXCHVS-DR/);
    expect((await usersOn(indyBkup)).sort()).toEqual([...indy].sort());
    expect((await usersOn(bostonBkup)).sort()).toEqual([...boston].sort());
    expect(await values(indyBkup, 'msExchPatchMDB')).toEqual(['TRUE']);

    // Failback with group+store rules naming the same stores: everything returns.
    const back = await runFailover(
      request({
        direction: 'failback',
        rules: [
          { kind: 'store', sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'Indy_Bkup', targetStore: 'Sales' },
          { kind: 'store', sourceGroup: 'Boston', sourceStore: 'Sales', targetGroup: 'Boston_Bkup', targetStore: 'Sales' },
        ],
      }),
      { ...deps, journalFile: join(slapd.folder, 'back.journal') },
    );
    expect(back.status).toBe('done');
    expect((await usersOn(dns.store(SOURCE, 'Indy', 'Sales'))).sort()).toEqual([...indy].sort());
    expect(await usersOn(indyBkup)).toEqual([]);
  });

  it('refuses clashing file names without -r, naming every clash, and changes nothing', async () => {
    const before = await dump(true);
    const error = await runFailover(request({ rules: [] }), deps).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FailoverInputError);
    expect((error as Error).message).toBe(
      'cannot pair the stores: database file Sales.edb is not unique on EXCHVS: "Indy, Sales", "Boston, Sales"; database file Sales.edb is not unique on EXCHVS-DR: "Indy, Sales", "Boston, Sales"',
    );
    await expect(runFailover(request({ rules: [{ kind: 'group', sourceGroup: 'Indy', targetGroup: 'Indy_Bkup' }, { kind: 'one-to-one' }] }), deps)).rejects.toThrow(
      '-r Indy:Indy_Bkup: no storage group "Indy_Bkup" on EXCHVS-DR',
    );
    expect(dumpDifferences(before, await dump(true))).toEqual([]);
  });

  it('-test plans everything and leaves the directory byte-identical', async () => {
    const before = await dump(true);
    let planned = 0;
    const outcome = await runFailover(request({ test: true }), { connect: slapd.open }, { onPlannedChange: () => (planned += 1) });
    expect(outcome.status).toBe('planned');
    expect(planned).toBe(4 + USERS * 3 + 1 + 4 + 2 + 1);
    expect(dumpDifferences(before, await dump(true))).toEqual([]);
  });

  it('-setup sets only msExchPatchMDB on the target stores', async () => {
    const before = await dump();
    const outcome = await runFailover(request({ setupOnly: true }), deps);
    expect(outcome.status).toBe('done');
    const differences = dumpDifferences(before, await dump());
    expect(differences).toHaveLength(4);
    for (const line of differences) expect(line).toMatch(new RegExp(`cn=${TARGET.toLowerCase()},.* msexchpatchmdb: \\["FALSE"\\] -> \\["TRUE"\\]$`));
  });

  it('-norus and -nospn leave the RUS entries and the SPNs as they were', async () => {
    const before = await dump();
    const outcome = await runFailover(request({ noRus: true, noSpn: true }), deps);
    expect(outcome.status).toBe('done');
    const changed = dumpDifferences(before, await dump());
    expect(changed.filter((line) => /recipient update service|serviceprincipalname/i.test(line))).toEqual([]);
    expect(changed.some((line) => line.includes('msexchroutingmasterdn'))).toBe(true);
  });

  it('fails back to the exact starting state, mailboxes created while failed over included', async () => {
    const start = await dump();
    expect((await runFailover(request(), deps)).status).toBe('done');
    const newcomer = `CN=Created While Failed Over,${dns.users}`;
    await slapd.admin.add(newcomer, {
      objectClass: ['top', 'person', 'organizationalPerson', 'user'],
      cn: ['Created While Failed Over'],
      sAMAccountName: ['newcomer'],
      homeMDB: [dns.store(TARGET, 'Boston', 'Sales')],
      homeMTA: [dns.mta(TARGET)],
      msExchHomeServerName: [`/o=${LAB.organization}/ou=${LAB.administrativeGroup}/cn=Configuration/cn=Servers/cn=${TARGET}`],
    });
    const back = await runFailover(request({ direction: 'failback' }), { ...deps, journalFile: join(slapd.folder, 'back.journal') });
    expect(back.status).toBe('done');
    expect(phase(back, 'mailboxes')?.applied).toBe(USERS + 1);
    expect(normalizeDn((await values(newcomer, 'homeMDB'))[0] ?? '')).toBe(normalizeDn(dns.store(SOURCE, 'Boston', 'Sales')));
    expect(normalizeDn((await values(newcomer, 'homeMTA'))[0] ?? '')).toBe(normalizeDn(dns.mta(SOURCE)));
    await slapd.admin.delete(newcomer);
    // Every store that became active on the way keeps its overwrite-on-restore flag; nothing else differs.
    const differences = dumpDifferences(start, await dump());
    expect(differences.filter((line) => !line.endsWith('msexchpatchmdb: ["FALSE"] -> ["TRUE"]'))).toEqual([]);
    expect(differences).toHaveLength(8);
    expect(await values(dns.computer(SOURCE), 'servicePrincipalName')).toEqual(expect.arrayContaining(exchangeSpns(SOURCE)));
  });

  it('reports a mailbox moved by someone else mid-run as a conflict and does not overwrite it', async () => {
    const elsewhere = dns.store(SOURCE, 'First Storage Group', `Mailbox Store (${SOURCE})`);
    const victims = (await usersOn(dns.store(SOURCE, 'Indy', 'Sales'))).slice(0, 1);
    const victim = victims[0] ?? '';
    const racing = async (): Promise<DirectoryPort> =>
      interceptedPort(await slapd.open(), {
        async beforeModify(dn) {
          if (normalizeDn(dn) === normalizeDn(victim)) await slapd.admin.modify(victim, [{ operation: 'replace', attribute: 'homeMDB', values: [elsewhere] }]);
        },
      });
    const logs: string[] = [];
    const outcome = await runFailover(request(), { ...deps, connect: racing }, { onLog: (level, line) => level === 'warn' && logs.push(line) });
    expect(outcome.status).toBe('stopped');
    expect(outcome.conflicts).toHaveLength(1);
    expect(outcome.conflicts[0]).toMatchObject({ dn: victim, attribute: 'homeMDB' });
    expect(normalizeDn(outcome.conflicts[0]?.found[0] ?? '')).toBe(normalizeDn(elsewhere));
    expect(phase(outcome, 'mailboxes')).toMatchObject({ applied: USERS - 1, conflicts: 1 });
    expect(normalizeDn((await values(victim, 'homeMDB'))[0] ?? '')).toBe(normalizeDn(elsewhere));
    expect(logs.some((line) => line.startsWith(`conflict, not overwritten: ${victim} homeMDB`))).toBe(true);
    // Its owner moved it to another store being left: the next run moves it on.
    const again = await runFailover(request(), { ...deps, journalFile: join(slapd.folder, 'again.journal') });
    expect(again.status).toBe('done');
    expect(phase(again, 'mailboxes')?.applied).toBe(1);
  });

  it('a run cancelled mid-apply is completed by running it again; undo of its journal restores the start', async () => {
    const start = await dump();
    const controller = new AbortController();
    let moves = 0;
    const first = await runFailover(request(), { ...deps, signal: controller.signal, concurrency: 4 }, {
      onPlannedChange(change) {
        if (change.phase === 'mailboxes' && change.attribute === 'homeMDB' && (moves += 1) === 100) controller.abort();
      },
    });
    expect(first.status).toBe('stopped');
    expect(first.errors).toContain('cancelled by the operator');
    const firstMoved = phase(first, 'mailboxes')?.applied ?? 0;
    expect(firstMoved).toBeGreaterThan(0);
    expect(firstMoved).toBeLessThan(USERS);
    expect(first.phases.map((summary) => summary.phase)).toEqual(['patch-flag', 'mailboxes']);

    const second = await runFailover(request(), deps);
    expect(second.status).toBe('done');
    expect(phase(second, 'patch-flag')).toMatchObject({ planned: 0, skipped: 4 });
    expect(phase(second, 'mailboxes')?.applied).toBe(USERS - firstMoved);

    const undo = await undoFailover(join(slapd.folder, 'run.journal'), { connect: slapd.open, journalFile: join(slapd.folder, 'undo.journal') });
    expect(undo.status).toBe('done');
    expect(phase(undo, 'mailboxes')?.applied).toBe(USERS);
    expect(dumpDifferences(start, await dump())).toEqual([]);
  });

  it('survives a dropped connection by reconnecting, and stops when the directory stays away', async () => {
    let modifies = 0;
    let drops = 0;
    const dropping = async (): Promise<DirectoryPort> => {
      const directory = await slapd.open();
      return interceptedPort(directory, {
        async afterModify() {
          modifies += 1;
          if (modifies % 120 === 0) {
            drops += 1;
            await directory.close(); // the answer to this modify is lost with the connection
            throw new DirectoryError('unavailable', 'connection reset');
          }
        },
      });
    };
    const outcome = await runFailover(request(), { ...deps, connect: dropping, retryForMs: 5000 });
    expect(drops).toBeGreaterThan(0);
    expect(outcome.status).toBe('done');
    expect(phase(outcome, 'mailboxes')).toMatchObject({ applied: USERS, conflicts: 0 });
    const journal = (await readFile(join(slapd.folder, 'run.journal'), 'utf8')).trim().split('\n').filter((line) => line.includes('"attribute":"homeMDB"'));
    expect(journal).toHaveLength(USERS);

    let failbackModifies = 0;
    const vanishing = async (): Promise<DirectoryPort> =>
      interceptedPort(await slapd.open(), {
        async afterModify() {
          if ((failbackModifies += 1) === 50) await slapd.server.stop();
        },
      });
    const started = Date.now();
    const stopped = await runFailover(request({ direction: 'failback' }), { ...deps, journalFile: join(slapd.folder, 'back.journal'), connect: vanishing, retryForMs: 500 });
    expect(stopped.status).toBe('stopped');
    expect(stopped.errors.join(' ')).toMatch(/the directory did not answer for 0.5 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Written ahead: every mailbox change sent has its intent; those the directory confirmed have an outcome.
    const lines = (await readFile(join(slapd.folder, 'back.journal'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; op?: number; phase?: string; result?: string });
    const mailboxOps = new Set(lines.filter((line) => line.kind === 'intent' && line.phase === 'mailboxes').map((line) => line.op));
    const confirmed = lines.filter((line) => line.kind === 'outcome' && line.result === 'applied' && mailboxOps.has(line.op));
    expect(confirmed.length).toBe(phase(stopped, 'mailboxes')?.applied);
    expect(mailboxOps.size).toBeGreaterThanOrEqual(confirmed.length);
  });
});
