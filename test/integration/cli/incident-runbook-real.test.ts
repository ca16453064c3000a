/**
 * `exchange-ha incident failover --profile` on the real world's adapters: cluster.exe and dtcl.exe are the emulators
 * over a lab folder whose source cluster has lost power, the directory is a real slapd over ldaps:// (the lab's
 * Exchange organisation), Exchange is read as a real pair reads it (stores by the Information Store / System
 * Attendant resource, mailboxes resolved). The only stand-in is the monitor's probe, aimed at a closed TCP port on
 * 127.0.0.1 (the pair's own address is fictional and is never sent a packet). Every step runs; every mailbox
 * resolves on the target; no password is printed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentRunbookCommand, openRunbookWorld } from '../../../src-main/cli/exchange-ha/incident-runbook-command';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import type { SubcommandIo } from '../../../src-main/cli/exchange-ha/subcommand';
import { textValues } from '../../../src-main/directory/entry-values';
import { escapeFilter } from '../../../src-main/directory/filter-escape';
import { openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { seedExchangeOrganization } from '../../../src-main/lab/directory/exchange-seed';
import { writeLdif } from '../../../src-main/lab/directory/ldif';
import { LAB_DOUBLETAKE_PASSWORD, LAB_DOUBLETAKE_USER } from '../../../src-main/lab/doubletake/lab-accounts';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { LAB } from '../../../src-main/lab/topology';
import { formatPairDocument } from '../../../src-main/pair/pair-document-file';
import { createSecretMask } from '../../../src-main/shared/redaction';
import { setupSteps } from '../../../src-main/setup/steps';
import { startSlapd, type RunningSlapd } from '../../helpers/slapd/start-slapd';
import { CLUSTER_EMULATOR, DTCL_EMULATOR, closedPort, scratch } from '../preflight/preflight-world-fixture';

const USERS = 12;
let root: string;
let removeRoot: () => Promise<void>;
let server: RunningSlapd;
let lab: string;
let pair: string;
let profile: string;
let bindPasswordFile: string;

beforeAll(async () => {
  ({ root, remove: removeRoot } = await scratch('incident-real-'));
  server = await startSlapd({ ldif: writeLdif(seedExchangeOrganization({ userCount: USERS })), tls: true });
  lab = join(root, 'lab');
  const run = (argv: string[]) =>
    runExchangeHa({ argv, env: {}, cwd: root, stdout: () => undefined, stderr: () => undefined, now: () => new Date(), signal: new AbortController().signal, steps: setupSteps });
  expect(await run(['lab', 'init', lab])).toBe(0);
  expect(await run(['setup', 'apply', '--pair', join(lab, 'pair.json'), '--lab', lab, '--confirm', '6=monitor entered on TGT1 and TGT2'])).toBe(0);
  expect(await run(['lab', 'fail', lab, 'source'])).toBe(0);
  const site = join(root, 'site');
  await mkdir(site);
  pair = join(site, 'pair.json');
  await writeFile(pair, formatPairDocument(labPairDocument()));
  if (server.ldapsUrl === undefined || server.caFile === undefined) throw new Error('slapd started without TLS');
  profile = join(site, 'connection-profile.json');
  await writeFile(
    profile,
    JSON.stringify({
      format: 'exchange-ha-connection-profile',
      version: 1,
      name: 'Rehearsal',
      directory: { url: server.ldapsUrl, caFile: server.caFile, bindDn: server.bindDn },
      tools: { clusterExe: CLUSTER_EMULATOR[0], dtclExe: DTCL_EMULATOR[0] },
      doubleTake: { user: LAB_DOUBLETAKE_USER },
      nodeFiles: { root: join(lab, 'nodes', '{node}', '{drive}') },
    }),
  );
  bindPasswordFile = join(site, 'bind.pw');
  await writeFile(bindPasswordFile, `${server.password}\n`);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await removeRoot?.();
});

describe('incident failover through a connection profile', () => {
  it('runs every step with the real adapters and resolves every mailbox on the target', async () => {
    const port = await closedPort();
    let out = '';
    const io: SubcommandIo = {
      args: ['--pair', pair, '--profile', profile, '--bind-password-file', bindPasswordFile, '--yes'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        EXCH_HA_LAB: lab,
        EXCH_HA_LAB_CLUSTERS: join(lab, 'clusters.json'),
        ...(process.env.EXCH_HA_EMULATOR_BUNDLES === undefined ? {} : { EXCH_HA_EMULATOR_BUNDLES: process.env.EXCH_HA_EMULATOR_BUNDLES }),
        EXCHANGE_HA_DT_PASSWORD: LAB_DOUBLETAKE_PASSWORD,
      },
      cwd: root,
      now: () => new Date(),
      signal: new AbortController().signal,
      line: (t) => (out += `${t}\n`),
      problem: (t) => (out += `${t}\n`),
      json: (v) => (out += `${JSON.stringify(v)}\n`),
      mask: createSecretMask(),
    };
    const code = await incidentRunbookCommand('failover', io, {
      openWorld: async (command, document, io2) => {
        const opened = await openRunbookWorld(command, document, io2);
        expect(opened.world.kind).toBe('real');
        const world = opened.world;
        return { ...opened, world: { ...world, probe: () => world.probe({ kind: 'tcp', host: '127.0.0.1', port }) } };
      },
    });
    expect(code, out).toBe(0);
    expect(out).toContain('The guided failover on the profile "Rehearsal"');
    expect(out).toMatch(/ok {3}The second path \(SRCCLUS\) also finds the source down: /);
    expect(out).toContain('cluster /cluster:TGTCLUS res "Exchange System Attendant" /online');
    expect(out).toContain('(as the Information Store resource tells: cluster.exe cannot see a single store)');
    expect(out).toMatch(new RegExp(`ok {3}Every mailbox of EXCHVS-DR can be opened: ${USERS} of ${USERS} mailboxes of EXCHVS-DR resolved to a mounted store on a running node \\(not logged on to\\)`));
    expect(out).toContain('The failover succeeded.');
    for (const secret of [server.password, LAB_DOUBLETAKE_PASSWORD]) expect(out).not.toContain(secret);
    expect(out).toContain(`${pair}.incidents`);

    // The directory: every user's mailbox is on a store of the target server now.
    const directory = await openLdaptsDirectory({ url: server.url, bindDn: server.bindDn, password: server.password });
    try {
      const targetServer = exchangeDns().server(LAB.target.virtualServer);
      let onTarget = 0;
      let total = 0;
      for await (const entry of directory.search(LAB.domain.dn, { scope: 'sub', filter: escapeFilter`(homeMDB=*)`, attributes: ['homeMDB'] })) {
        total += 1;
        if ((textValues(entry, 'homeMDB')[0] ?? '').toLowerCase().endsWith(targetServer.toLowerCase())) onTarget += 1;
      }
      expect(total).toBe(USERS);
      expect(onTarget).toBe(USERS);
    } finally {
      await directory.close();
    }
  }, 180_000);
});
