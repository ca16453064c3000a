/**
 * The engine over the lab directory (in memory, saved as LDIF): planning, test mode, setup, the options, failover
 * and failback, refusals, reconnection, conflicts and undo. The same scenarios run on a real slapd in
 * test/integration/failover/.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryError } from '../../../src-main/directory/directory-error';
import { normalizeDn } from '../../../src-main/directory/dn';
import { textValues } from '../../../src-main/directory/entry-values';
import type { DirectoryPort } from '../../../src-main/directory/port';
import { runFailover, undoFailover } from '../../../src-main/failover/engine';
import {
  type EngineDeps,
  type EngineEvents,
  FailoverInputError,
  type FailoverRequest,
  type PlannedChange,
} from '../../../src-main/failover/engine-api';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { exchangeSpns } from '../../../src-main/lab/directory/exchange-seed';
import { LAB_DIRECTORY_FILE, type LabDirectory, openLabDirectory } from '../../../src-main/lab/directory/lab-directory';
import { LAB } from '../../../src-main/lab/topology';
import { addStorageGroup, dumpDifferences, dumpDirectory, interceptedPort, sharedPort } from '../../integration/failover/support/directory-fixtures';

const USERS = 120;
const SOURCE = LAB.source.virtualServer;
const TARGET = LAB.target.virtualServer;
const dns = exchangeDns();

function request(overrides: Partial<FailoverRequest> = {}): FailoverRequest {
  return { direction: 'failover', source: SOURCE, target: TARGET, rules: [{ kind: 'one-to-one' }], setupOnly: false, test: false, noRus: false, noSpn: false, ...overrides };
}

describe('the failover engine on the lab directory', () => {
  let folder: string;
  let lab: LabDirectory;
  let deps: EngineDeps;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'exchha-failover-'));
    lab = await openLabDirectory(folder, { seed: { userCount: USERS } });
    deps = { connect: async () => sharedPort(lab), journalFile: join(folder, 'run.journal'), concurrency: 8 };
  });
  afterEach(async () => {
    await lab.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function homeMdbCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for await (const entry of lab.search(dns.users, { scope: 'one', filter: '(objectClass=user)', attributes: ['homeMDB'] })) {
      const key = normalizeDn(textValues(entry, 'homeMDB')[0] ?? '');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  async function values(dn: string, attribute: string): Promise<readonly string[]> {
    for await (const entry of lab.search(dn, { scope: 'base', attributes: [attribute] })) return textValues(entry, attribute);
    return [];
  }

  it('-test waits for a full receiver (whenReady) before reading on, and the plan is complete', async () => {
    let planned = 0;
    let waits = 0;
    let pending = 0;
    const outcome = await runFailover(request({ test: true }), deps, {
      onPlannedChange(change) {
        if (change.phase !== 'mailboxes') return;
        expect(pending).toBe(0);
        planned += 1;
      },
      whenReady() {
        if (planned % 6 !== 0) return undefined;
        waits += 1;
        pending += 1;
        return new Promise((resolve) =>
          setTimeout(() => {
            pending -= 1;
            resolve();
          }, 1),
        );
      },
    });
    expect(outcome.status).toBe('planned');
    expect(planned).toBe(USERS * 3);
    expect(waits).toBeGreaterThan(0);
  });

  it('-test streams the whole plan, changes nothing and says planned', async () => {
    await lab.close();
    const before = await readFile(join(folder, LAB_DIRECTORY_FILE));
    lab = await openLabDirectory(folder);
    const planned: PlannedChange[] = [];
    const outcome = await runFailover(request({ test: true }), deps, { onPlannedChange: (change) => planned.push(change) });
    expect(outcome.status).toBe('planned');
    expect(outcome.verification).toEqual([]);
    expect(outcome.journalFile).toBeUndefined();
    const byPhase = (phase: string): PlannedChange[] => planned.filter((change) => change.phase === phase);
    expect(byPhase('patch-flag')).toHaveLength(4);
    expect(byPhase('patch-flag').every((change) => change.after[0] === 'TRUE' && change.before[0] === 'FALSE')).toBe(true);
    expect(byPhase('mailboxes')).toHaveLength(USERS * 3);
    expect(new Set(byPhase('mailboxes').map((change) => change.attribute))).toEqual(new Set(['homeMDB', 'homeMTA', 'msExchHomeServerName']));
    expect(byPhase('mailboxes').filter((change) => change.attribute === 'homeMTA').every((change) => normalizeDn(change.after[0] ?? '') === normalizeDn(dns.mta(TARGET)))).toBe(true);
    expect(byPhase('public-folders').map((change) => change.attribute)).toEqual(['siteFolderServer']);
    expect(byPhase('rus')).toHaveLength(4);
    expect(byPhase('spn').map((change) => [change.dn, change.before.length, change.after.length])).toEqual([
      [dns.computer(SOURCE), 8, 0],
      [dns.computer(TARGET), 0, 8],
    ]);
    expect(byPhase('routing-master')).toHaveLength(1);
    expect(planned.every((change) => change.why.length > 0)).toBe(true);
    expect(outcome.phases.find((phase) => phase.phase === 'mailboxes')).toMatchObject({ planned: USERS, applied: 0 });
    expect(outcome.mailboxCounts.filter((count) => count.server === SOURCE).reduce((sum, count) => sum + count.count, 0)).toBe(USERS);
    await lab.close();
    expect(await readFile(join(folder, LAB_DIRECTORY_FILE))).toEqual(before);
    lab = await openLabDirectory(folder);
  });

  it('fails over, and a re-run changes nothing and finds it all done', async () => {
    const first = await runFailover(request(), deps);
    expect(first.status).toBe('done');
    expect(first.verification.every((check) => check.ok)).toBe(true);
    const counts = await homeMdbCounts();
    const onTarget = Array.from(counts).filter(([key]) => key.includes(`cn=${TARGET.toLowerCase()},`)).reduce((sum, [, n]) => sum + n, 0);
    expect(onTarget).toBe(USERS);
    expect(await values(dns.computer(TARGET), 'servicePrincipalName')).toEqual(expect.arrayContaining(exchangeSpns(SOURCE)));
    expect((await values(dns.computer(SOURCE), 'servicePrincipalName')).some((spn) => spn.startsWith('exchange'))).toBe(false);
    expect(normalizeDn((await values(dns.routingGroup, 'msExchRoutingMasterDN'))[0] ?? '')).toBe(normalizeDn(dns.server(TARGET)));

    const again = await runFailover(request(), { ...deps, journalFile: join(folder, 'again.journal') });
    expect(again.status).toBe('done');
    for (const phase of again.phases) expect(phase).toMatchObject({ planned: 0, applied: 0 });
    expect(again.phases.find((phase) => phase.phase === 'mailboxes')?.skipped).toBe(USERS);
    const journal = (await readFile(join(folder, 'again.journal'), 'utf8')).trim().split('\n');
    expect(journal.map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(['run', 'end']); // nothing sent, nothing journalled
  });

  it('fails back to the exact starting state (patch flags aside)', async () => {
    const start = await dumpDirectory(lab, LAB.domain.dn, false);
    expect((await runFailover(request(), deps)).status).toBe('done');
    const back = await runFailover(request({ direction: 'failback' }), { ...deps, journalFile: join(folder, 'back.journal') });
    expect(back.status).toBe('done');
    const differences = dumpDifferences(start, await dumpDirectory(lab, LAB.domain.dn, false));
    expect(differences.every((line) => line.endsWith('msexchpatchmdb: ["FALSE"] -> ["TRUE"]'))).toBe(true);
    expect(differences).toHaveLength(8);
  });

  it('-setup sets only the overwrite-on-restore flags of the stores that become active', async () => {
    const start = await dumpDirectory(lab, LAB.domain.dn, false);
    const outcome = await runFailover(request({ setupOnly: true }), deps);
    expect(outcome.status).toBe('done');
    expect(outcome.phases.map((phase) => phase.phase)).toEqual(['patch-flag']);
    const differences = dumpDifferences(start, await dumpDirectory(lab, LAB.domain.dn, false));
    expect(differences).toHaveLength(4);
    expect(differences.every((line) => line.includes(`cn=${TARGET.toLowerCase()},`) && line.endsWith('msexchpatchmdb: ["FALSE"] -> ["TRUE"]'))).toBe(true);
  });

  it('-norus and -nospn leave the RUS and the SPNs alone', async () => {
    const rus = await values(dns.recipientUpdateService(LAB.domain.netbios), 'msExchAddressListServiceLink');
    const spns = await values(dns.computer(SOURCE), 'servicePrincipalName');
    const outcome = await runFailover(request({ noRus: true, noSpn: true }), deps);
    expect(outcome.status).toBe('done');
    expect(outcome.phases.map((phase) => phase.phase)).toEqual(['patch-flag', 'mailboxes', 'public-folders', 'routing-master']);
    expect(await values(dns.recipientUpdateService(LAB.domain.netbios), 'msExchAddressListServiceLink')).toEqual(rus);
    expect(await values(dns.computer(SOURCE), 'servicePrincipalName')).toEqual(spns);
  });

  it('refuses clashing file names without rules, and an unknown server, before changing anything', async () => {
    const saves = lab.saves;
    await expect(runFailover(request({ rules: [] }), deps)).rejects.toThrow(/Sales\.edb is not unique on EXCHVS: "Indy, Sales", "Boston, Sales"; .*not unique on EXCHVS-DR/);
    await expect(runFailover(request({ source: 'NOSUCH' }), deps)).rejects.toThrow(
      new FailoverInputError('unknown source server "NOSUCH": the Exchange organisation "Lab Organization" has the servers EXCHVS, EXCHVS-DR'),
    );
    await expect(runFailover(request({ source: 'exchvs', target: 'EXCHVS' }), deps)).rejects.toThrow(FailoverInputError);
    expect(lab.saves).toBe(saves);
  });

  it('refuses to move SPNs when a computer account is missing (-nospn runs without them)', async () => {
    await lab.delete(dns.computer(TARGET));
    await expect(runFailover(request(), deps)).rejects.toThrow(/no computer account EXCHVS-DR\$ .*-nospn leaves them/);
    expect((await runFailover(request({ noSpn: true }), deps)).status).toBe('done');
  });

  it('on failback reports a store created on the target while failed over, leaves its mailboxes and fails verification', async () => {
    expect((await runFailover(request(), deps)).status).toBe('done');
    const created = await addStorageGroup(lab, TARGET, 'Chicago', 'Marketing');
    await lab.add(`CN=Chicago Newcomer,${dns.users}`, {
      objectClass: ['top', 'person', 'organizationalPerson', 'user'],
      cn: ['Chicago Newcomer'],
      homeMDB: [created],
      homeMTA: [dns.mta(TARGET)],
    });
    const back = await runFailover(request({ direction: 'failback' }), { ...deps, journalFile: join(folder, 'back.journal') });
    expect(back.unpaired).toEqual(['"Chicago, Marketing" on EXCHVS-DR (mailbox, Marketing.edb)']);
    expect(back.status).toBe('verify-failed');
    expect(back.verification.find((check) => !check.ok)).toEqual({
      what: "no mailbox left on EXCHVS-DR's stores",
      ok: false,
      detail: '"Chicago, Marketing": 1',
    });
    expect(back.phases.find((phase) => phase.phase === 'mailboxes')).toMatchObject({ applied: USERS });
  });

  it('finds servers case-insensitively', async () => {
    expect((await runFailover(request({ source: 'exchvs', target: 'exchvs-dr', test: true }), deps)).status).toBe('planned');
  });

  it('retries a lost connection with a new one and completes', async () => {
    let modifies = 0;
    let connects = 0;
    const flaky = async (): Promise<DirectoryPort> => {
      connects += 1;
      if (connects === 1) {
        return interceptedPort(sharedPort(lab), {
          beforeModify() {
            modifies += 1;
            if (modifies > 30) throw new DirectoryError('unavailable', 'connection reset');
          },
        });
      }
      if (connects === 2) throw new DirectoryError('unavailable', 'connection refused');
      return sharedPort(lab);
    };
    const logs: string[] = [];
    const outcome = await runFailover(request(), { ...deps, connect: flaky }, { onLog: (_, line) => logs.push(line) });
    expect(outcome.status).toBe('done');
    expect(connects).toBe(3);
    expect(logs.some((line) => line.startsWith('lost the directory connection'))).toBe(true);
    expect(outcome.phases.find((phase) => phase.phase === 'mailboxes')).toMatchObject({ applied: USERS, conflicts: 0, errors: 0 });
  });

  it('stops after retryForMs without the directory, and the same request then completes the job', async () => {
    let modifies = 0;
    let down = true;
    const outage = async (): Promise<DirectoryPort> => {
      if (modifies > 0 && down) throw new DirectoryError('unavailable', 'connection refused');
      return interceptedPort(sharedPort(lab), {
        beforeModify() {
          modifies += 1;
          if (modifies > 40 && down) throw new DirectoryError('unavailable', 'connection reset');
        },
      });
    };
    const stopped = await runFailover(request(), { ...deps, connect: outage, retryForMs: 300 });
    expect(stopped.status).toBe('stopped');
    expect(stopped.errors.join(' ')).toMatch(/the directory did not answer for/);
    expect(stopped.verification).toEqual([]);
    down = false;
    const done = await runFailover(request(), { ...deps, connect: outage });
    expect(done.status).toBe('done');
    const appliedTotal = (name: string): number =>
      (stopped.phases.find((phase) => phase.phase === name)?.applied ?? 0) + (done.phases.find((phase) => phase.phase === name)?.applied ?? 0);
    expect(appliedTotal('mailboxes')).toBe(USERS);
  });

  it('reports a mailbox moved by someone else as a conflict and never overwrites it', async () => {
    const bystander = dns.store(SOURCE, 'Indy', 'Sales');
    let victim: string | undefined;
    const events: EngineEvents = {
      onPlannedChange(change) {
        if (victim === undefined && change.attribute === 'homeMDB' && normalizeDn(change.before[0] ?? '') !== normalizeDn(bystander)) {
          victim = change.dn;
          void lab.modify(change.dn, [{ operation: 'replace', attribute: 'homeMDB', values: [bystander] }]);
        }
      },
    };
    const outcome = await runFailover(request(), deps, events);
    expect(outcome.status).toBe('stopped');
    expect(outcome.conflicts).toEqual([{ dn: victim, attribute: 'homeMDB', expected: [expect.any(String)], found: [bystander] }]);
    expect(outcome.phases.find((phase) => phase.phase === 'mailboxes')).toMatchObject({ applied: USERS - 1, conflicts: 1 });
    expect(normalizeDn((await values(victim ?? '', 'homeMDB'))[0] ?? '')).toBe(normalizeDn(bystander));
    expect(outcome.verification.find((check) => check.what.startsWith('no mailbox left'))?.ok).toBe(false);
  });

  it('undoes a run from its journal, newest first, back to the starting state', async () => {
    const start = await dumpDirectory(lab, LAB.domain.dn, false);
    expect((await runFailover(request(), deps)).status).toBe('done');
    const undo = await undoFailover(join(folder, 'run.journal'), { ...deps, journalFile: join(folder, 'undo.journal') });
    expect(undo.status).toBe('done');
    expect(undo.phases.find((phase) => phase.phase === 'mailboxes')).toMatchObject({ planned: USERS, applied: USERS });
    expect(dumpDifferences(start, await dumpDirectory(lab, LAB.domain.dn, false))).toEqual([]);
    const again = await undoFailover(join(folder, 'run.journal'), { ...deps, journalFile: undefined });
    expect(again.status).toBe('done');
    expect(again.phases.every((phase) => phase.applied === 0)).toBe(true);
  });
});
