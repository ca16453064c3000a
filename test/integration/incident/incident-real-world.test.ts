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
 * as iputils' ping does when no echo reply came). cluster.exe and dtcl.exe run behind a spy that records each call's
 * command line and environment, and every command writes its diagnostic log (--log), so the password checks cover
 * the tools' command lines and environments and the logs too.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeDn } from '../../../src-main/directory/dn';
import { textValues } from '../../../src-main/directory/entry-values';
import { escapeFilter } from '../../../src-main/directory/filter-escape';
import { openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';
import type { DirectoryPort } from '../../../src-main/directory/port';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { readRunbookState, runbookStateFile, type RunbookState } from '../../../src-main/incident/runbook/runbook-state';
import { openLab } from '../../../src-main/lab/lab';
import { LAB_LOCK_FILE } from '../../../src-main/lab/lab-lock';
import { LAB } from '../../../src-main/lab/topology';
import { CLUSTER_EXE, DTCL_EXE, seedRealPair, type RealPair } from '../../e2e/helpers/real-preview';
import { runCliEntry, type CliRun } from '../../helpers/run-cli-entry';
import { dumpDifferences, dumpDirectory, type Dump } from '../failover/support/directory-fixtures';

// Every emulator call is a process (several hundred of them): 200-270 s were measured on a 2-core machine busy with
// other tests (load 12-24), the setup a third to a half of it. The limit leaves room for such a machine.
const TEST_MS = 420_000;

let pair: RealPair;
let pingLog: string;
let spyLog: string;
let logFile: string;
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
  // cluster.exe and dtcl.exe behind a spy: each call's command line and environment are appended to the spy log.
  spyLog = join(pair.root, 'tools.log');
  const spy = async (name: string, emulator: string): Promise<string> => {
    const path = join(bin, `${name}-spy`);
    await writeFile(path, `#!/bin/sh\n{ echo "argv: $0 $*"; env | sed 's/^/env: /'; } >> "${spyLog}"\nexec "${emulator}" "$@"\n`);
    await chmod(path, 0o755);
    return path;
  };
  const profile = JSON.parse(await readFile(pair.profileFile, 'utf8')) as { tools: { clusterExe: string; dtclExe: string } };
  profile.tools = { clusterExe: await spy('cluster', CLUSTER_EXE), dtclExe: await spy('dtcl', DTCL_EXE) };
  await writeFile(pair.profileFile, `${JSON.stringify(profile, null, 2)}\n`);
  logFile = join(pair.root, 'exchange-ha.log');
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
  return exchangeHa('incident', verb, '--pair', pair.pairFile, '--profile', pair.profileFile, '--bind-password-file', bindPasswordFile, '--log', logFile, ...extra);
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

/** A side's Exchange group state, read from the emulators' world (opened only for the read). */
async function exchangeGroupState(side: 'source' | 'target'): Promise<string | undefined> {
  const lab = await openLab(pair.world);
  try {
    return (await lab[side].groups()).find((g) => g.name === 'Exchange Group')?.state;
  } finally {
    await lab.close();
  }
}

/** A run's state file, `<incident>/<kind>.json`, as the runner left it. */
async function runState(id: string, kind: 'failover' | 'failback'): Promise<RunbookState | undefined> {
  return readRunbookState(runbookStateFile(join(`${pair.pairFile}.incidents`, id), kind));
}

/** The incident a run opened (its `Incident ID (FOLDER).` line). */
function incidentOf(run: CliRun): string {
  const id = /^Incident (\S+) \(/m.exec(run.stdout)?.[1];
  if (id === undefined) throw new Error(`no incident named in:\n${run.stdout}`);
  return id;
}

describe('the incident on a real world (real adapters, emulators, slapd over ldaps)', () => {
  it(
    'sets up, refuses a split brain, fails over to EXCHVS-DR, fails back to the directory as it was but the overwrite flags',
    async () => {
      const targetServer = normalizeDn(exchangeDns().server(LAB.target.virtualServer));
      const sourceServer = normalizeDn(exchangeDns().server(LAB.source.virtualServer));

      // The setup, applied to the emulators' world by the lab's own adapters (the same files cluster.exe and dtcl.exe
      // read; the setup through the real adapters is test/integration/setup/setup-profile.test.ts): this test is about
      // the incident, and hundreds of emulator processes would only make it slow.
      const setup = await exchangeHa(
        'setup', 'apply', '--pair', pair.pairFile, '--lab', pair.world,
        '--confirm', '3=Full backups of SRC1, SRC2, TGT1, TGT2 and DC1 on tape 17', '--confirm', '6=monitor entered on TGT1 and TGT2',
      );
      expect(setup.code, `${setup.stdout}\n${setup.stderr}`).toBe(0);
      expect(setup.stdout).toContain('Every step (14) is applied and verified.');
      expect(await exchangeGroupState('source')).toBe('Online');
      // The target's group holds the replication address online (guide 5.2), its Exchange resources offline.
      expect(await exchangeGroupState('target')).toBe('Partially Online');
      const before = await dump();
      const storesBefore = await mailboxStores();
      expect(storesBefore.length).toBeGreaterThan(0);
      expect(storesBefore.every((store) => store.endsWith(sourceServer))).toBe(true);

      // Split brain: the source cluster answers and its Exchange group is online. Step 1 refuses, which the command
      // reports as the run failing at step 1 (exit 1); exit 2 is for a run refused before it starts. Nothing changed.
      const split = await incident('failover', '--yes');
      const splitText = `${split.stdout}\n${split.stderr}`;
      expect(split.code, splitText).toBe(1);
      expect(split.stdout).toContain('Split brain: SRCCLUS answers and "Exchange Group" is Online on SRC1; fence the source first: cluster /cluster:SRCCLUS group "Exchange Group" /offline');
      expect(split.stdout).toContain('The failover failed at step 1 (confirm-source-down');
      const refused = await runState(incidentOf(split), 'failover');
      expect(refused?.outcome).toBe('failed');
      expect(refused?.failedStep).toBe('confirm-source-down');
      expect(refused?.steps.slice(1).map((step) => step.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
      expect(dumpDifferences(before, await dump())).toEqual([]);
      expect(await exchangeGroupState('source')).toBe('Online');
      expect(await exchangeGroupState('target')).not.toBe('Online');

      // The source's plug pulled in the emulators' world. The real adapters never take the lab's lock (the emulators
      // lock their own files per call), so nothing holds it.
      expect(existsSync(join(pair.world, LAB_LOCK_FILE))).toBe(false);
      const fail = await exchangeHa('lab', 'fail', pair.world, 'source');
      expect(fail.code, fail.stderr).toBe(0);

      // The guided failover through the real adapters.
      const failover = await incident('failover', '--yes');
      expect(failover.code, `${failover.stdout}\n${failover.stderr}`).toBe(0);
      const incidentId = incidentOf(failover);
      expect(incidentId).not.toBe(incidentOf(split));
      expect(failover.stdout).toContain('The guided failover on the profile "Production"');
      expect(failover.stdout).toContain('The failover succeeded.');
      // On a real pair the mailbox check resolves each mailbox to a mounted store on a running node: the program has
      // no mailbox client to log on with (the lab's own world opens them).
      expect(failover.stdout).toMatch(new RegExp(`ok {3}Every mailbox of EXCHVS-DR can be opened: ${storesBefore.length} of ${storesBefore.length} mailboxes of EXCHVS-DR resolved to a mounted store on a running node`));
      const storesOver = await mailboxStores();
      expect(storesOver.filter((store) => store.endsWith(targetServer))).toHaveLength(storesBefore.length);
      const over = await runState(incidentId, 'failover');
      expect(over?.outcome).toBe('succeeded');
      expect(over?.steps.map((step) => `${step.id} ${step.status}`)).toEqual(
        ['confirm-source-down', 'intervention', 'exchfailover-setup', 'target-online', 'exchfailover', 'mailboxes-open'].map((id) => `${id} done`),
      );
      const postover = await readFile(join(`${pair.pairFile}.incidents`, incidentId, 'postover.bat'), 'utf8');
      expect(postover).toContain('exchfailover.exe -setup -failover -s EXCHVS -t EXCHVS-DR -r');
      expect(postover).toContain('exchfailover.exe -failover -s EXCHVS -t EXCHVS-DR -r');
      expect(await exchangeGroupState('target')).toBe('Online');
      // The probe of the source's address went to the stand-in, never to the network.
      expect(await readFile(pingLog, 'utf8')).toMatch(/ 10\.0\.0\.20$/m);

      // The source back, then the guided failback.
      const restore = await exchangeHa('lab', 'restore', pair.world, 'source');
      expect(restore.code, restore.stderr).toBe(0);
      const failback = await incident('failback', '--yes');
      expect(failback.code, `${failback.stdout}\n${failback.stderr}`).toBe(0);
      expect(incidentOf(failback)).toBe(incidentId);
      expect(failback.stdout).toContain('The failback succeeded.');
      // The mirror back sent what Exchange wrote on the target meanwhile (not nothing).
      expect(failback.stdout).toMatch(/ok {3}A target node's connection of "Exchange" to 10\.0\.0\.10 has completed its mirror: .*mirror complete, (?!0 B)[\d.]+ [KM]?B of/);
      const differences = dumpDifferences(before, await dump());
      // Only the overwrite-on-restore flags differ: exchfailover sets them (both ways) and never clears them.
      expect(differences.length).toBeGreaterThan(0);
      for (const line of differences) expect(line).toMatch(/^cn=[^,]+,cn=[^,]+,cn=informationstore,cn=exchvs(-dr)?,.* msexchpatchmdb: \["FALSE"\] -> \["TRUE"\]$/i);
      expect(await mailboxStores()).toEqual(storesBefore);
      expect(await exchangeGroupState('source')).toBe('Online');
      expect(await exchangeGroupState('target')).not.toBe('Online');

      // Status: the incident's two runs, both succeeded, every step done.
      const status = await exchangeHa('incident', 'status', '--pair', pair.pairFile, '--profile', pair.profileFile, '--json');
      expect(status.code, status.stderr).toBe(0);
      const view = JSON.parse(status.stdout) as { incident?: string; failover?: RunbookState; failback?: RunbookState };
      expect(view.incident).toBe(incidentId);
      expect(view.failover?.outcome).toBe('succeeded');
      expect(view.failback?.outcome).toBe('succeeded');
      expect(view.failback?.steps).toHaveLength(12);
      expect([...(view.failover?.steps ?? []), ...(view.failback?.steps ?? [])].filter((step) => step.status !== 'done')).toEqual([]);

      // No password in any output, argument list, tool's command line or environment, log, or file written beside the
      // pair document or in the world.
      const tools = await readFile(spyLog, 'utf8');
      expect(tools).toMatch(/^argv: \S+dtcl-spy /m);
      expect(tools).not.toContain('EXCHANGE_HA_DT_PASSWORD');
      expect(tools).not.toContain('EXCHANGE_HA_BIND_PASSWORD');
      const log = await readFile(logFile, 'utf8');
      expect(log).toContain('dtcl');
      expect(log).toContain('ldaps://127.0.0.1');
      const written = new Map([
        ...(await filesUnder(pair.world)),
        ...[...(await filesUnder(pair.root)).entries()].filter(([path]) => path.startsWith(`${pair.pairFile}.`)),
        [logFile, log],
        [spyLog, tools],
      ]);
      expect([...written.keys()].some((path) => path.endsWith('timeline.jsonl'))).toBe(true);
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
