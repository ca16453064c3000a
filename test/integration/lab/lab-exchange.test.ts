/**
 * A whole round on an opened lab, in process: the Exchange groups built through the lab's cluster adapters, the
 * source's stores mounted and every mailbox opened there; a Double-Take mirror to the target makes the target's
 * files copies; the source loses power; the target's group comes online and its copies are refused (1087) until the
 * engine's -setup marks them (9524, mounted); the engine moves the mailboxes and the client opens every one on the
 * target; a target node goes down and the stores follow the group; the lab reopened keeps it all. The lab's
 * incident world answers its probes and its second path from the same models.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textValues } from '../../../src-main/directory/entry-values';
import { runFailover } from '../../../src-main/failover/engine';
import type { FailoverRequest } from '../../../src-main/failover/engine-api';
import type { Probe, ProbeSpec } from '../../../src-main/incident/incident-world';
import { labIncidentWorld, labMailboxCheck, labStores } from '../../../src-main/lab/adapters/lab-incident-world';
import { labSetupWorld } from '../../../src-main/lab/adapters/lab-setup-world';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { labExchangeFile } from '../../../src-main/lab/exchange/lab-exchange-file';
import { openLab, type Lab } from '../../../src-main/lab/lab';
import { LAB } from '../../../src-main/lab/topology';
import { ADDRESS, GROUP, buildExchangeGroup } from '../../unit/lab/exchange/exchange-lab-fixtures';

const SRC = LAB.source.virtualServer;
const DR = LAB.target.virtualServer;
const REPLICATION_ADDRESS = '10.1.0.21';
const signal = new AbortController().signal;

let root: string;
let folder: string;
let lab: Lab;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lab-exchange-'));
  folder = join(root, 'lab');
  lab = await openLab(folder);
});
afterAll(async () => {
  await lab.close();
  await rm(root, { recursive: true, force: true });
});

function request(overrides: Partial<FailoverRequest>): FailoverRequest {
  return { direction: 'failover', source: SRC, target: DR, rules: [{ kind: 'one-to-one' }], setupOnly: false, test: false, noRus: false, noSpn: false, ...overrides };
}

async function engine(overrides: Partial<FailoverRequest>, journal: string): Promise<void> {
  const { borrowedDirectory } = await import('../../../src-main/directory/borrowed-directory');
  const outcome = await runFailover(request(overrides), { connect: async () => borrowedDirectory(lab.directory), journalFile: join(root, journal) });
  expect(outcome.errors).toEqual([]);
  expect(outcome.status).toBe('done');
}

async function patchFlags(server: string): Promise<string[]> {
  const flags: string[] = [];
  const base = exchangeDns().server(server);
  for await (const entry of lab.directory.search(base, { scope: 'sub', filter: '(objectClass=msExchPrivateMDB)', attributes: ['msExchPatchMDB'] })) {
    flags.push(...textValues(entry, 'msExchPatchMDB'));
  }
  return flags;
}

function filesOn(cluster: string): string[] {
  return lab.exchange
    .snapshot()
    .files.filter((f) => f.cluster === cluster)
    .map((f) => f.lastMountedBy);
}

describe('the lab keeps Exchange rules through a failover', () => {
  it('seeds each cluster with its own server databases and mounts nothing before a group is online', async () => {
    expect(filesOn('SRCCLUS')).toEqual([SRC, SRC, SRC, SRC]);
    expect(filesOn('TGTCLUS')).toEqual([DR, DR, DR, DR]);
    expect((await labStores(lab)).every((s) => !s.mounted && s.basis === 'store')).toBe(true);
    expect(JSON.parse(await readFile(labExchangeFile(folder), 'utf8'))).toMatchObject({ format: 'exchange-ha-wizard/lab-exchange', version: 1 });
  });

  it('mounts the source stores when its group comes online, and the client opens every mailbox there', async () => {
    await buildExchangeGroup(lab.source, 'source');
    await buildExchangeGroup(lab.target, 'target');
    await lab.target.run({ kind: 'resource-create', resource: 'Double-Take Replication IP Address', group: GROUP.name, type: 'IP Address' });
    await lab.target.run({
      kind: 'resource-set-private',
      resource: 'Double-Take Replication IP Address',
      properties: { Address: REPLICATION_ADDRESS, SubnetMask: '255.255.255.0', Network: 'Public' },
    });
    await lab.target.run({ kind: 'resource-online', resource: 'Double-Take Replication IP Address' });
    await lab.source.run({ kind: 'group-online', group: GROUP.name });

    const stores = await lab.exchange.stores(SRC);
    expect(stores.map((s) => `${s.storageGroup}/${s.store}:${s.mounted}`).sort()).toEqual([
      'Boston/Sales:true',
      'First Storage Group/Mailbox Store (EXCHVS):true',
      'First Storage Group/Public Folder Store (EXCHVS):true',
      'Indy/Sales:true',
    ]);
    expect((await lab.exchange.stores(DR)).every((s) => !s.mounted)).toBe(true);
    const check = await labMailboxCheck(lab, SRC);
    expect(check).toEqual({ total: 500, opened: 500, failures: [], method: 'opened' });
  });

  it('a completed mirror from a source node to the target address makes the target files copies', async () => {
    const dt = lab.doubleTake.server('SRC1');
    dt.createReplicationSet('Exchange');
    dt.addRule('Exchange', { path: LAB.exchangeDataPath, mode: 'include', recursive: true });
    dt.saveReplicationSets();
    const id = dt.connect('Exchange', REPLICATION_ADDRESS);
    dt.startMirror(id, { mode: 'full', checksum: false, orphans: false }, 0);
    await lab.exchange.settle();
    expect(filesOn('TGTCLUS')).toEqual([SRC, SRC, SRC, SRC]);
    expect(filesOn('SRCCLUS')).toEqual([SRC, SRC, SRC, SRC]);
  });

  it('the source losing power dismounts its stores, and the client says why', async () => {
    await lab.power(LAB.source.cluster, false);
    expect((await lab.exchange.stores(SRC)).every((s) => !s.mounted)).toBe(true);
    const check = await labMailboxCheck(lab, SRC);
    expect(check.opened).toBe(0);
    expect(check.failures).toHaveLength(20);
    expect(check.failures[0]?.reason).toBe('the group Exchange Group on SRCCLUS is offline: SRCCLUS does not answer (every node is down)');
  });

  it("the target's copies are refused without the flag (1087), then patched and mounted once -setup sets it (9524)", async () => {
    await lab.target.run({ kind: 'group-online', group: GROUP.name });
    const refused = await lab.exchange.stores(DR);
    expect(refused.every((s) => !s.mounted && s.event?.id === 1087)).toBe(true);
    const client = await lab.exchange.openMailbox(
      (await firstMailboxOn(exchangeDns().store(SRC, 'First Storage Group', 'Mailbox Store (EXCHVS)'))) ?? '',
    );
    expect(client).toEqual({ ok: false, reason: 'the group Exchange Group on SRCCLUS is offline: SRCCLUS does not answer (every node is down)' });

    await engine({ setupOnly: true }, 'setup.journal');
    expect(await patchFlags(DR)).toEqual(['TRUE', 'TRUE', 'TRUE']);
    const patched = await lab.exchange.stores(DR);
    expect(patched.every((s) => s.mounted && s.event?.id === 9524)).toBe(true);
    expect(patched.find((s) => s.store === 'Mailbox Store (EXCHVS-DR)')?.event?.text).toContain("EXCHVS-DR's Mailbox Store (EXCHVS-DR)");
    expect(filesOn('TGTCLUS')).toEqual([DR, DR, DR, DR]);
  });

  it('after the engine moves the mailboxes the client opens every one on the target; the flag stays set', async () => {
    expect((await labMailboxCheck(lab, DR)).opened).toBe(0);
    await engine({}, 'failover.journal');
    expect(await labMailboxCheck(lab, DR)).toEqual({ total: 500, opened: 500, failures: [], method: 'opened' });
    expect(await patchFlags(DR)).toEqual(['TRUE', 'TRUE', 'TRUE']);
  });

  it('a target node going down moves the group: the stores dismount and mount on the other node, without a new event', async () => {
    await lab.power('TGT1', false);
    const stores = lab.exchange.snapshot().stores.filter((s) => s.server === DR);
    expect(stores.every((s) => s.mountedOn?.node === 'TGT2' && s.event?.id === 9524)).toBe(true);
    expect([lab.exchange.isMountedOn('TGT2'), lab.exchange.isMountedOn('tgt1'), lab.exchange.isMountedOn('SRC1')]).toEqual([true, false, false]);
    expect((await labMailboxCheck(lab, DR)).opened).toBe(500);
  });

  it('the lab reopened keeps the files, the mounts and the events', async () => {
    const before = lab.exchange.snapshot();
    await lab.close();
    lab = await openLab(folder);
    expect(lab.exchange.snapshot()).toEqual(before);
    expect((await labMailboxCheck(lab, DR)).opened).toBe(500);
  });
});

async function firstMailboxOn(store: string): Promise<string | undefined> {
  for await (const entry of lab.directory.search(exchangeDns().users, { scope: 'one', filter: '(objectClass=user)', attributes: ['homeMDB'] })) {
    if (textValues(entry, 'homeMDB').some((v) => v.toLowerCase() === store.toLowerCase())) return entry.dn;
  }
  return undefined;
}

describe("the lab's incident world", () => {
  const probed: ProbeSpec[] = [];
  const realProbe = (spec: ProbeSpec): Probe => {
    probed.push(spec);
    return { description: 'real', probe: async () => ({ ok: true, detail: 'real reply' }) };
  };

  it('answers for its own addresses from the models: online on a running node, or not', async () => {
    const world = labIncidentWorld(lab, labSetupWorld(lab), { realProbe });
    expect(world.kind).toBe('lab');
    const target = await world.probe({ kind: 'icmp', host: ADDRESS.target }).probe(1000, signal);
    expect(target).toEqual({ ok: true, detail: `reply from ${ADDRESS.target} (${GROUP.ip} online on TGT2, TGTCLUS)`, rttMs: 0 });
    const source = await world.probe({ kind: 'lab', address: ADDRESS.source }).probe(1000, signal);
    expect(source).toEqual({
      ok: false,
      detail: `no reply from ${ADDRESS.source}: no IP Address resource with that address (nor Network Name with that name) is online (SRCCLUS does not answer)`,
    });
    const byName = await world.probe({ kind: 'icmp', host: 'exchvs-dr' }).probe(1000, signal);
    expect(byName).toEqual({ ok: true, detail: `reply from exchvs-dr (${GROUP.networkName} online on TGT2, TGTCLUS)`, rttMs: 0 });
    expect(probed).toEqual([]);
  });

  it('sends only a loopback spec to the real probe', async () => {
    const world = labIncidentWorld(lab, labSetupWorld(lab), { realProbe });
    await world.probe({ kind: 'tcp', host: '127.0.0.1', port: 4000 }).probe(1000, signal);
    await world.probe({ kind: 'lab', address: '127.0.0.1' }).probe(1000, signal);
    expect(probed).toEqual([
      { kind: 'tcp', host: '127.0.0.1', port: 4000 },
      { kind: 'icmp', host: '127.0.0.1' },
    ]);
  });

  it('a split cuts the probe off from the source while its cluster still answers the second path', async () => {
    await lab.power(LAB.source.cluster, true);
    await lab.source.run({ kind: 'group-online', group: GROUP.name });
    const world = labIncidentWorld(lab, labSetupWorld(lab), { realProbe });
    expect((await world.probe({ kind: 'icmp', host: ADDRESS.source }).probe(1000, signal)).ok).toBe(true);
    const split = labIncidentWorld({ ...lab, failures: () => [{ kind: 'split', since: '2026-12-08T03:00:00.000Z' }] } as unknown as Lab, labSetupWorld(lab), { realProbe });
    const reply = await split.probe({ kind: 'icmp', host: ADDRESS.source }).probe(1000, signal);
    expect(reply.ok).toBe(false);
    expect(reply.detail).toContain('a split cuts this side off from SRCCLUS');
    expect((await split.probe({ kind: 'icmp', host: ADDRESS.target }).probe(1000, signal)).ok).toBe(true);
    const second = await split.secondPath(LAB.source.cluster, signal);
    expect(second.down).toBe(false);
    expect(second.detail).toMatch(/^SRCCLUS answers cluster\.exe: Exchange Group (Online|Partially Online|Failed) on SRC\d$/);
  });

  it('the second path agrees when the source cluster does not answer; the log has no write errors; sleep honours the signal', async () => {
    await lab.power(LAB.source.cluster, false);
    const world = labIncidentWorld(lab, labSetupWorld(lab), { realProbe, now: () => new Date('2026-12-08T04:00:00Z') });
    const second = await world.secondPath(LAB.source.cluster, signal);
    expect(second.down).toBe(true);
    expect(second.detail).toMatch(/^SRCCLUS does not answer cluster\.exe: .*\(1722\)$/);
    expect(await world.doubleTakeLog('TGT2', '2026-12-08T03:00:00Z')).toEqual({ node: 'TGT2', source: 'lab', writeErrors: [] });
    expect(world.now().toISOString()).toBe('2026-12-08T04:00:00.000Z');
    const controller = new AbortController();
    const waiting = world.sleep(60_000, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    await world.sleep(1, signal);
    const directory = await world.connectDirectory();
    expect((await directory.rootDse()).defaultNamingContext).toBe(LAB.domain.dn);
    await directory.close();
  });
});
