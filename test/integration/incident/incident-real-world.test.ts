/**
 * The whole incident on a REAL world, through the real adapters, as processes: `exchange-ha setup apply --profile`
 * sets the pair up through the cluster.exe and dtcl.exe emulators (test/fixtures/bin) over the emulators' world,
 * the nodes' files through the profile's folder template, and the directory on a real slapd over ldaps:// (the
 * lab's Exchange organisation). Then, with the source's Exchange group still online, `incident failover` refuses at
 * step 1 (split brain) and changes nothing; `lab fail WORLD source` pulls the source's plug in the emulators' world;
 * `incident failover --yes` moves every mailbox to EXCHVS-DR's stores; `lab restore WORLD source` and
 * `incident failback --yes` bring them back, the directory as it was before the incident but the overwrite flags
 * (msExchPatchMDB); `incident status` shows both runs succeeded. No password in any output or file written.
 *
 * The pair's addresses are fictional (10.x) and are never sent a packet: the monitor's ICMP probe runs the system's
 * `ping` from PATH, and here PATH starts with a stand-in that records its arguments and answers "no reply" (exit 1,
 * as iputils' ping does when no echo reply came).
 */
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeDn } from '../../../src-main/directory/dn';
import { textValues } from '../../../src-main/directory/entry-values';
import { escapeFilter } from '../../../src-main/directory/filter-escape';
import { openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';
import type { DirectoryPort } from '../../../src-main/directory/port';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { openLab } from '../../../src-main/lab/lab';
import { LAB } from '../../../src-main/lab/topology';
import { seedRealPair, type RealPair } from '../../e2e/helpers/real-preview';
import { runCliEntry, type CliRun } from '../../helpers/run-cli-entry';
import { dumpDifferences, dumpDirectory, type Dump } from '../failover/support/directory-fixtures';

const TEST_MS = 240_000;

let pair: RealPair;
let pingLog: string;
let bindPasswordFile: string;
/** Every command run, with its arguments, for the password checks at the end. */
const runs: { readonly args: readonly string[]; readonly result: CliRun }[] = [];

beforeAll(async () => {
  pair = await seedRealPair();
  // The ping stand-in: first on PATH, so the probe of 10.0.0.20 never leaves this machine.
  const bin = join(pair.root, 'bin');
  await mkdir(bin);
  pingLog = join(pair.root, 'ping.log');
  await writeFile(join(bin, 'ping'), `#!/bin/sh\necho "$*" >> "${pingLog}"\nexit 1\n`);
  await chmod(join(bin, 'ping'), 0o755);
  bindPasswordFile = join(pair.root, 'bind.pw');
  await writeFile(bindPasswordFile, `${pair.directoryPassword}\n`);
}, TEST_MS);

afterAll(async () => {
  await pair?.close();
});

/** The commands' environment: the emulators' world, the ping stand-in first on PATH, the Double-Take password. */
function environment(): NodeJS.ProcessEnv {
  return {
    PATH: `${join(pair.root, 'bin')}:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? '',
    ...pair.emulatorEnv,
    ...(process.env.EXCH_HA_EMULATOR_BUNDLES === undefined ? {} : { EXCH_HA_EMULATOR_BUNDLES: process.env.EXCH_HA_EMULATOR_BUNDLES }),
    EXCHANGE_HA_DT_PASSWORD: pair.doubleTakePassword,
  };
}

async function exchangeHa(...args: string[]): Promise<CliRun> {
  const result = await runCliEntry('exchange-ha', args, pair.root, environment());
  runs.push({ args, result });
  return result;
}

/** `incident VERB` on the profile (the bind password from a file, the Double-Take one from its variable). */
function incident(verb: string, ...extra: string[]): Promise<CliRun> {
  return exchangeHa('incident', verb, '--pair', pair.pairFile, '--profile', pair.profileFile, '--bind-password-file', bindPasswordFile, ...extra);
}

async function withDirectory<T>(use: (directory: DirectoryPort) => Promise<T>): Promise<T> {
  const directory = await openLdaptsDirectory({ url: pair.slapd.url, bindDn: pair.slapd.bindDn, password: pair.slapd.password });
  try {
    return await use(directory);
  } finally {
    await directory.close();
  }
}

const dump = (): Promise<Dump> => withDirectory((directory) => dumpDirectory(directory, LAB.domain.dn, false));

/** Each mailbox's store (homeMDB, normalised). */
function mailboxStores(): Promise<string[]> {
  return withDirectory(async (directory) => {
    const stores: string[] = [];
    for await (const entry of directory.search(LAB.domain.dn, { scope: 'sub', filter: escapeFilter`(homeMDB=*)`, attributes: ['homeMDB'] })) {
      stores.push(normalizeDn(textValues(entry, 'homeMDB')[0] ?? ''));
    }
    return stores;
  });
}

/** Every file under a folder, as text. */
async function filesUnder(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const item of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (item.isFile()) files.set(join(item.parentPath, item.name), await readFile(join(item.parentPath, item.name), 'utf8'));
  }
  return files;
}

/** The source's Exchange group state, read from the emulators' world (opened only for the read). */
async function sourceExchangeGroup(): Promise<string | undefined> {
  const lab = await openLab(pair.world);
  try {
    return (await lab.source.groups()).find((g) => g.name === 'Exchange Group')?.state;
  } finally {
    await lab.close();
  }
}

describe('the incident on a real world (real adapters, emulators, slapd over ldaps)', () => {
  it(
    'sets up, refuses a split brain, fails over to EXCHVS-DR, fails back to the directory as it was but the overwrite flags',
    async () => {
      const targetServer = normalizeDn(exchangeDns().server(LAB.target.virtualServer));
      const sourceServer = normalizeDn(exchangeDns().server(LAB.source.virtualServer));

      // The whole setup through the real adapters.
      const setup = await exchangeHa(
        'setup', 'apply', '--pair', pair.pairFile, '--profile', pair.profileFile, '--bind-password-file', bindPasswordFile,
        '--confirm', '3=Full backups of SRC1, SRC2, TGT1, TGT2 and DC1 on tape 17', '--confirm', '6=monitor entered on TGT1 and TGT2',
      );
      expect(setup.code, `${setup.stdout}\n${setup.stderr}`).toBe(0);
      expect(await sourceExchangeGroup()).toBe('Online');
      const before = await dump();
      const storesBefore = await mailboxStores();
      expect(storesBefore.length).toBeGreaterThan(0);
      expect(storesBefore.every((store) => store.endsWith(sourceServer))).toBe(true);

      // Split brain: the source cluster answers and its Exchange group is online. Refused at step 1, nothing changed.
      const split = await incident('failover', '--yes');
      const splitText = `${split.stdout}\n${split.stderr}`;
      expect([1, 2], splitText).toContain(split.code);
      expect(splitText).toMatch(/Split brain: SRCCLUS answers and "Exchange Group" is Online/);
      expect(splitText).toContain('fence the source first: cluster /cluster:SRCCLUS group "Exchange Group" /offline');
      expect(dumpDifferences(before, await dump())).toEqual([]);
      expect(await sourceExchangeGroup()).toBe('Online');

      // The source's plug pulled in the emulators' world: nothing else holds its lab lock.
      const fail = await exchangeHa('lab', 'fail', pair.world, 'source');
      expect(fail.code, fail.stderr).toBe(0);

      // The guided failover through the real adapters.
      const failover = await incident('failover', '--yes');
      expect(failover.code, `${failover.stdout}\n${failover.stderr}`).toBe(0);
      expect(failover.stdout).toContain(`The guided failover on the profile "Production"`);
      expect(failover.stdout).toContain('The failover succeeded.');
      // On a real pair the mailbox check resolves each mailbox to a mounted store (it cannot log on to them).
      expect(failover.stdout).toMatch(new RegExp(`ok {3}Every mailbox of EXCHVS-DR can be opened: ${storesBefore.length} of ${storesBefore.length} mailboxes of EXCHVS-DR resolved to a mounted store on a running node`));
      expect(await mailboxStores()).toEqual(storesBefore.map(() => expect.stringMatching(new RegExp(`${targetServer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))));
      const incidentId = /^Incident (\S+) \(/m.exec(failover.stdout)?.[1];
      expect(incidentId).toBeDefined();
      const postover = await readFile(join(`${pair.pairFile}.incidents`, incidentId ?? '', 'postover.bat'), 'utf8');
      expect(postover).toContain('exchfailover');
      // The probe went to the stand-in, never to the network.
      expect(await readFile(pingLog, 'utf8')).toContain('10.0.0.20');

      // The source back, then the guided failback.
      const restore = await exchangeHa('lab', 'restore', pair.world, 'source');
      expect(restore.code, restore.stderr).toBe(0);
      const failback = await incident('failback', '--yes');
      expect(failback.code, `${failback.stdout}\n${failback.stderr}`).toBe(0);
      expect(failback.stdout).toContain('The failback succeeded.');
      const differences = dumpDifferences(before, await dump());
      expect(differences.filter((line) => !/ msexchpatchmdb: /i.test(line)), differences.join('\n')).toEqual([]);
      expect(await mailboxStores()).toEqual(storesBefore);

      // Status: both runs of this incident succeeded.
      const status = await exchangeHa('incident', 'status', '--pair', pair.pairFile, '--profile', pair.profileFile);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain(incidentId);
      expect(status.stdout).toMatch(/failover.*succeeded/i);
      expect(status.stdout).toMatch(/failback.*succeeded/i);

      // No password in any output, argument list, or file written beside the pair document or in the world.
      const written = new Map([...(await filesUnder(pair.world)), ...[...(await filesUnder(pair.root)).entries()].filter(([path]) => path.startsWith(`${pair.pairFile}.`))]);
      for (const secret of [pair.directoryPassword, pair.doubleTakePassword]) {
        for (const { args, result } of runs) {
          expect(args.join(' ')).not.toContain(secret);
          expect(result.stdout).not.toContain(secret);
          expect(result.stderr).not.toContain(secret);
        }
        for (const [path, text] of written) expect(text, path).not.toContain(secret);
      }
    },
    TEST_MS,
  );
});
