/**
 * Undo against a real slapd: it can be previewed (`test`), it refuses a journal that names an entry of the wrong
 * kind before changing anything, and its verification reads the directory again instead of counting its own writes.
 * And a re-run after a run stopped half-way through the SPN move finishes the move from that run's journal.
 */
import { open as openFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DirectoryError } from '../../../src-main/directory/directory-error';
import type { DirectoryPort } from '../../../src-main/directory/port';
import { runFailover, undoFailover } from '../../../src-main/failover/engine';
import { type EngineDeps, FailoverInputError, type FailoverRequest, type PlannedChange } from '../../../src-main/failover/engine-api';
import type { OpenJournalFile } from '../../../src-main/failover/journal';
import { GENESIS_HASH, sealLine } from '../../../src-main/failover/journal-seal';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { seedExchangeOrganization } from '../../../src-main/lab/directory/exchange-seed';
import { writeLdif } from '../../../src-main/lab/directory/ldif';
import { LAB } from '../../../src-main/lab/topology';
import { slapdPerTest } from './support/slapd-per-test';
import { type Dump, dumpDifferences, dumpDirectory, interceptedPort } from './support/directory-fixtures';

const USERS = 120;
const SOURCE = LAB.source.virtualServer;
const TARGET = LAB.target.virtualServer;
const BASE = LAB.domain.dn;
const dns = exchangeDns();
const LDIF = writeLdif(seedExchangeOrganization({ userCount: USERS }));
const request: FailoverRequest = { direction: 'failover', source: SOURCE, target: TARGET, rules: [{ kind: 'one-to-one' }], setupOnly: false, test: false, noRus: false, noSpn: false };

const slapd = slapdPerTest(LDIF, 'exchha-undo-');
let deps: EngineDeps;
const dump = (): Promise<Dump> => dumpDirectory(slapd.admin, BASE, false);

beforeEach(() => {
  deps = { connect: slapd.open, journalFile: join(slapd.folder, 'run.journal') };
});

describe('undo on slapd', () => {
  it('previews with test: every change it would restore, streamed, and nothing changed', async () => {
    const start = await dump();
    expect((await runFailover(request, deps)).status).toBe('done');
    const failedOver = await dump();
    const planned: PlannedChange[] = [];
    const preview = await undoFailover(join(slapd.folder, 'run.journal'), { connect: slapd.open }, { onPlannedChange: (change) => planned.push(change) }, { test: true });
    expect(preview.status).toBe('planned');
    expect(dumpDifferences(failedOver, await dump())).toEqual([]);
    expect(planned.filter((change) => change.phase === 'mailboxes' && change.attribute === 'homeMDB')).toHaveLength(USERS);
    expect(planned.find((change) => change.attribute === 'msExchRoutingMasterDN')).toMatchObject({ after: [expect.stringMatching(new RegExp(`CN=${SOURCE},`, 'i'))] });
    // Newest first: the routing master (last phase of the run) comes first, the patch flags last.
    expect(planned[0]?.phase).toBe('routing-master');
    expect(planned.at(-1)?.phase).toBe('patch-flag');

    const undo = await undoFailover(join(slapd.folder, 'run.journal'), { connect: slapd.open, journalFile: join(slapd.folder, 'undo.journal') });
    expect(undo.status).toBe('done');
    expect(dumpDifferences(start, await dump())).toEqual([]);
    // A second preview finds everything restored already.
    const again = await undoFailover(join(slapd.folder, 'run.journal'), { connect: slapd.open }, {}, { test: true });
    expect(again.phases.every((summary) => summary.planned === 0)).toBe(true);
    expect(again.phases.find((summary) => summary.phase === 'mailboxes')?.skipped).toBe(USERS);
  });

  it('verifies by reading every entry again: a directory that acknowledges writes it did not make fails the check', async () => {
    expect((await runFailover(request, deps)).status).toBe('done');
    let swallowed = 0;
    const lying = async (): Promise<DirectoryPort> => {
      const directory = await slapd.open();
      const port = interceptedPort(directory, {});
      return {
        ...port,
        async modify(dn, changes) {
          // Every tenth mailbox restore is acknowledged but never made.
          if (changes.some((change) => change.attribute === 'homeMDB') && (swallowed += 1) % 10 === 0) return;
          await port.modify(dn, changes);
        },
      };
    };
    const undo = await undoFailover(join(slapd.folder, 'run.journal'), { connect: lying, journalFile: join(slapd.folder, 'undo.journal') });
    expect(undo.status).toBe('verify-failed');
    expect(undo.verification[0]?.ok).toBe(false);
    expect(undo.verification[0]?.detail).toMatch(new RegExp(`^${Math.floor(swallowed / 10) * 3} difference\\(s\\): `));
  });

  it('refuses a sealed journal naming an entry of another kind than its phase changes, before changing anything', async () => {
    const start = await dump();
    // homeMDB on a computer account: a valid DN, a valid attribute of the mailbox phase, the wrong kind of entry
    // (a computer is a `user` too in Active Directory's schema). The first intent, on a real mailbox, must not run.
    let user = '';
    for await (const entry of slapd.admin.search(dns.users, { scope: 'one', filter: '(homeMDB=*)', attributes: ['1.1'] })) user ||= entry.dn;
    let prev = GENESIS_HASH;
    const lines = [
      { kind: 'run', version: 2, runId: 'forged', time: 't', direction: 'failover', source: SOURCE, target: TARGET },
      { kind: 'intent', runId: 'forged', op: 1, time: 't', phase: 'mailboxes', dn: user, changes: [{ attribute: 'homeMDB', before: [dns.store(SOURCE, 'Indy', 'Sales')], after: [dns.store(TARGET, 'Indy', 'Sales')] }] },
      { kind: 'intent', runId: 'forged', op: 2, time: 't', phase: 'mailboxes', dn: dns.computer(SOURCE), changes: [{ attribute: 'homeMDB', before: [dns.store(SOURCE, 'Indy', 'Sales')], after: [dns.store(TARGET, 'Indy', 'Sales')] }] },
    ].map((line) => {
      const sealed = sealLine(JSON.stringify(line), prev);
      prev = sealed.hash;
      return `${sealed.text}\n`;
    });
    const path = join(slapd.folder, 'forged.journal');
    await writeFile(path, lines.join(''));
    await expect(undoFailover(path, { connect: slapd.open, journalFile: join(slapd.folder, 'undo.journal') })).rejects.toThrow(FailoverInputError);
    await expect(undoFailover(path, { connect: slapd.open })).rejects.toThrow(/of CN=EXCHVS,.* in phase mailboxes, but that entry is a .*: phase mailboxes never changes a computer; nothing was changed/i);
    expect(dumpDifferences(start, await dump())).toEqual([]);
    await expect(readFile(join(slapd.folder, 'undo.journal'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});

describe('a re-run after a run stopped between the SPN removal and the addition', () => {
  it('adds the SPNs the stopped run removed, learnt from its journal, so they are on an account again', async () => {
    const spns = async (dn: string): Promise<string[]> => {
      for await (const entry of slapd.admin.search(dn, { scope: 'base', attributes: ['servicePrincipalName'] })) {
        return [...((entry.attributes.serviceprincipalname as readonly string[] | undefined) ?? [])].sort();
      }
      return [];
    };
    const exchangeOnly = (values: readonly string[]): string[] => values.filter((spn) => !spn.toUpperCase().startsWith('HOST/'));
    const sourceSpns = exchangeOnly(await spns(dns.computer(SOURCE)));
    expect(sourceSpns.length).toBeGreaterThan(0);
    // The directory goes away right after the removal from the source's account was applied.
    let gone = false;
    const cutting = async (): Promise<DirectoryPort> => {
      if (gone) throw new DirectoryError('unavailable', 'connect ECONNREFUSED');
      return interceptedPort(await slapd.open(), {
        afterModify(dn, changes) {
          if (changes.some((change) => change.attribute === 'servicePrincipalName' && change.operation === 'delete')) {
            gone = true;
            throw new DirectoryError('unavailable', 'connection reset');
          }
        },
      });
    };
    const stopped = await runFailover(request, { ...deps, connect: cutting, retryForMs: 200 });
    expect(stopped.status).toBe('stopped');
    expect(exchangeOnly(await spns(dns.computer(SOURCE)))).toEqual([]);
    expect(exchangeOnly(await spns(dns.computer(TARGET)))).toEqual([]);

    const lines: string[] = [];
    const again = await runFailover(request, { connect: slapd.open, journalFile: join(slapd.folder, 'again.journal'), priorJournals: [join(slapd.folder, 'run.journal')] }, { onLog: (_level, line) => lines.push(line) });
    expect(again.status).toBe('done');
    expect(lines.some((line) => line.startsWith('an interrupted earlier run removed '))).toBe(true);
    expect(exchangeOnly(await spns(dns.computer(TARGET)))).toEqual(sourceSpns);
    expect(exchangeOnly(await spns(dns.computer(SOURCE)))).toEqual([]);
  });
});

describe('a run whose journal disk fills', () => {
  it('stops sending once the journal cannot be written, and --undo of what it wrote restores the exact start', async () => {
    const start = await dump();
    const path = join(slapd.folder, 'full.journal');
    // The disk fills part way through the mailboxes (each intent is about a kilobyte; with 8 modifies in flight, 32
    // are under way and committed together at most): a real file, cut short as a full disk leaves it.
    const room = 80_000;
    let written = 0;
    const filling: OpenJournalFile = async (file) => {
      const handle = await openFile(file, 'a');
      return {
        async appendFile(data) {
          const bytes = Buffer.byteLength(data, 'utf8');
          if (written + bytes > room) {
            const fits = Buffer.from(data, 'utf8').subarray(0, Math.max(0, room - written));
            await handle.appendFile(fits);
            written = room;
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          }
          written += bytes;
          await handle.appendFile(data, 'utf8');
        },
        datasync: () => handle.datasync(),
        close: () => handle.close(),
      };
    };
    const stopped = await runFailover(request, { connect: slapd.open, journalFile: path, openJournalFile: filling, concurrency: 8 });
    expect(stopped.status).toBe('stopped');
    expect(stopped.errors.join(' ')).toMatch(/journal .*ENOSPC/);
    const moved = stopped.phases.find((summary) => summary.phase === 'mailboxes')?.applied ?? 0;
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(USERS);
    // Nothing was sent whose intent is not in the journal: undo restores exactly what reached the directory.
    const undo = await undoFailover(path, { connect: slapd.open, journalFile: join(slapd.folder, 'undo.journal') });
    expect(undo.status).toBe('done');
    expect(dumpDifferences(start, await dump())).toEqual([]);
  });
});
