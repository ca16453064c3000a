/**
 * `exchange-ha setup apply --pair P --profile F` as a process: the profile names the cluster.exe and dtcl.exe
 * emulators over a lab folder (behind a spy recording each tool's command line and environment), the lab's node
 * folders as the node files template, and a real slapd over ldaps:// with its CA file. Steps 3 (confirmed with
 * --confirm), 4.1 and 4.2.1 are applied: exit 0, the source cluster has the Exchange group, progress and journal
 * are beside the pair document, and no password is in the output, the journal, the progress, the command's
 * arguments or a tool's command line or environment. A missing password is refused before any tool runs.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_DOUBLETAKE_PASSWORD, LAB_DOUBLETAKE_USER } from '../../../src-main/lab/doubletake/lab-accounts';
import { openLab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { LAB } from '../../../src-main/lab/topology';
import { formatPairDocument } from '../../../src-main/pair/pair-document-file';
import { runCliEntry, type CliRun } from '../../helpers/run-cli-entry';
import type { RunningSlapd } from '../../helpers/slapd/start-slapd';
import { CLUSTER_EMULATOR, DTCL_EMULATOR, READER_DN, READER_PASSWORD, freshLab, scratch, startPreflightSlapd } from '../preflight/preflight-world-fixture';

const TEST_MS = 300_000;
const BACKUP_NOTE = 'Full backups of SRC1, SRC2, TGT1, TGT2 and DC1 on tape 17';
const PASSWORDS = [LAB_DOUBLETAKE_PASSWORD, READER_PASSWORD];

let root: string;
let removeRoot: () => Promise<void>;
let server: RunningSlapd;
let spyLog: string;
let clusterTool: string;
let dtclTool: string;
let bindPasswordFile: string;

/** A tool behind a spy: its command line and environment are appended to the spy log, then the emulator runs. */
async function spyTool(name: string, emulator: string): Promise<string> {
  const path = join(root, 'tools', name);
  await writeFile(path, `#!/bin/sh\n{ echo "argv: $0 $*"; env | sed 's/^/env: /'; } >> "${spyLog}"\nexec "${emulator}" "$@"\n`);
  await chmod(path, 0o755);
  return path;
}

beforeAll(async () => {
  ({ root, remove: removeRoot } = await scratch('setup-profile-'));
  server = await startPreflightSlapd();
  await mkdir(join(root, 'tools'));
  spyLog = join(root, 'tools.log');
  clusterTool = await spyTool('cluster', CLUSTER_EMULATOR[0]);
  dtclTool = await spyTool('dtcl', DTCL_EMULATOR[0]);
  bindPasswordFile = join(root, 'bind.pw');
  await writeFile(bindPasswordFile, `${READER_PASSWORD}\n`);
}, TEST_MS);
afterAll(async () => {
  await server?.stop();
  await removeRoot?.();
});

interface Site {
  /** The emulators' world. */
  readonly lab: string;
  /** The pair document, in a folder of its own (its progress and journal go beside it). */
  readonly pair: string;
  readonly profile: string;
}

async function site(): Promise<Site> {
  const lab = await freshLab(root);
  const site = join(lab, 'site');
  await mkdir(site);
  const pair = join(site, 'pair.json');
  await writeFile(pair, formatPairDocument(labPairDocument()));
  if (server.ldapsUrl === undefined || server.caFile === undefined) throw new Error('slapd started without TLS');
  const profile = join(site, 'connection-profile.json');
  await writeFile(
    profile,
    JSON.stringify(
      {
        format: 'exchange-ha-connection-profile',
        version: 1,
        name: 'Rehearsal',
        directory: { url: server.ldapsUrl, caFile: server.caFile, bindDn: READER_DN },
        tools: { clusterExe: clusterTool, dtclExe: dtclTool },
        doubleTake: { user: LAB_DOUBLETAKE_USER },
        nodeFiles: { root: join(lab, 'nodes', '{node}', '{drive}') },
      },
      null,
      2,
    ),
  );
  return { lab, pair, profile };
}

/** The command's environment: the emulators' lab, and the Double-Take password in its variable (none: null). */
function environment(lab: string, dtPassword: string | null = LAB_DOUBLETAKE_PASSWORD): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    EXCH_HA_LAB: lab,
    EXCH_HA_LAB_CLUSTERS: join(lab, 'clusters.json'),
    ...(process.env.EXCH_HA_EMULATOR_BUNDLES === undefined ? {} : { EXCH_HA_EMULATOR_BUNDLES: process.env.EXCH_HA_EMULATOR_BUNDLES }),
    ...(dtPassword === null ? {} : { EXCHANGE_HA_DT_PASSWORD: dtPassword }),
  };
}

async function apply(s: Site, extra: readonly string[], env: NodeJS.ProcessEnv = environment(s.lab)): Promise<{ args: string[]; result: CliRun }> {
  const args = ['setup', 'apply', '--pair', s.pair, '--profile', s.profile, '--bind-password-file', bindPasswordFile, ...extra];
  return { args, result: await runCliEntry('exchange-ha', args, root, env) };
}

/** The names of the source cluster's groups, read from the emulators' world (opened only for the read). */
async function sourceGroups(lab: string): Promise<string[]> {
  const opened = await openLab(lab);
  try {
    return (await opened.source.groups()).map((group) => group.name);
  } finally {
    await opened.close();
  }
}

describe('exchange-ha setup through a connection profile', () => {
  it(
    'applies 3 (confirmed), 4.1 and 4.2.1 on the emulators: exit 0, the group made, progress and journal beside the pair document, no password anywhere',
    async () => {
      const s = await site();
      const group = labPairDocument().source.group.name;
      expect(await sourceGroups(s.lab)).not.toContain(group);
      await rm(spyLog, { force: true });
      const runs: { args: string[]; result: CliRun }[] = [];
      for (const extra of [['--step', '3', '--confirm', `3=${BACKUP_NOTE}`], ['--step', '4.1'], ['--step', '4.2.1']]) {
        const run = await apply(s, extra);
        runs.push(run);
        expect(run.result.stderr, extra.join(' ')).toBe('');
        expect(run.result.code, extra.join(' ')).toBe(0);
        expect(run.result.stdout).toContain(`exchange-ha setup apply: pair document ${s.pair}, on the profile "Rehearsal" (${s.profile})`);
      }
      expect(runs[0]?.result.stdout).toContain(`Step 3 confirmed by hand: ${BACKUP_NOTE}`);
      expect(runs[2]?.result.stdout).toContain(`cluster ${LAB.source.cluster} group "${group}" /create`);

      // The cluster changed, through the profile's cluster.exe.
      expect(await sourceGroups(s.lab)).toContain(group);
      const tools = await readFile(spyLog, 'utf8');
      expect(tools).toContain(`argv: ${clusterTool} ${LAB.source.cluster} group "${group}" /create`.replace(/"/g, ''));

      // Progress and journal beside the pair document; nothing in the lab folder's own files.
      const progressFile = `${s.pair}.progress.json`;
      const journalFile = `${s.pair}.journal.jsonl`;
      const progress = JSON.parse(await readFile(progressFile, 'utf8')) as { steps: Record<string, { state: string }> };
      expect(progress.steps['3']?.state).toBe('done-by-hand');
      expect(progress.steps['4.1']?.state).toBe('verified');
      expect(progress.steps['4.2.1']?.state).toBe('verified');
      const journalText = await readFile(journalFile, 'utf8');
      const journal = journalText.trim().split('\n').map((line) => JSON.parse(line) as { stepId: string; outcome: string });
      expect(journal.filter((e) => e.stepId === '3').map((e) => e.outcome)).toContain('marked-done');
      expect(journal.filter((e) => e.stepId === '4.2.1').map((e) => e.outcome)).toContain('applied');
      expect(existsSync(join(s.lab, 'progress.json'))).toBe(false);
      expect(existsSync(join(s.lab, 'journal.jsonl'))).toBe(false);

      for (const password of PASSWORDS) {
        for (const { args, result } of runs) {
          expect(result.stdout).not.toContain(password);
          expect(result.stderr).not.toContain(password);
          expect(args.join(' ')).not.toContain(password);
        }
        expect(journalText).not.toContain(password);
        expect(await readFile(progressFile, 'utf8')).not.toContain(password);
        expect(tools).not.toContain(password);
      }
      expect(tools).not.toContain('EXCHANGE_HA_DT_PASSWORD');
      expect(tools).not.toContain('EXCHANGE_HA_BIND_PASSWORD');

      // A second apply of 4.2.1 finds it in place and changes nothing.
      const again = await apply(s, ['--step', '4.2.1']);
      expect(again.result.code).toBe(0);
      expect(again.result.stdout).toContain('[in place]');
    },
    TEST_MS,
  );

  it(
    'no Double-Take password: exit 2 naming the variable and the option; no tool runs, nothing is written beside the pair document',
    async () => {
      const s = await site();
      await rm(spyLog, { force: true });
      const { result } = await apply(s, ['--step', '3', '--confirm', `3=${BACKUP_NOTE}`], environment(s.lab, null));
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`the profile ${s.profile} needs the double-take password of ${LAB_DOUBLETAKE_USER}: set EXCHANGE_HA_DT_PASSWORD or give --dt-password-file FILE`);
      expect(existsSync(spyLog)).toBe(false);
      expect(existsSync(`${s.pair}.progress.json`)).toBe(false);
      expect(existsSync(`${s.pair}.journal.jsonl`)).toBe(false);
    },
    TEST_MS,
  );

  it(
    '--profile with --lab or with a real tool option is bad usage: exit 2, nothing run',
    async () => {
      const s = await site();
      const withLab = await apply(s, ['--lab', s.lab]);
      expect(withLab.result.code).toBe(2);
      expect(withLab.result.stderr).toContain('name two worlds');
      const withOption = await apply(s, ['--ldap-url', 'ldaps://127.0.0.1']);
      expect(withOption.result.code).toBe(2);
      expect(withOption.result.stderr).toContain('both say how the real tools are reached');
      expect(existsSync(`${s.pair}.progress.json`)).toBe(false);
    },
    TEST_MS,
  );
});
