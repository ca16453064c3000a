/**
 * The preflight against real adapters: the cluster.exe and dtcl.exe emulators spawned over a lab folder, the lab's
 * node files, and a real slapd on 127.0.0.1 over ldaps:// or StartTLS. All pass on a good setup; then each system
 * fails in turn, each failure with its system, where and next step, the checks that need it skipped, the others
 * unaffected, and nothing changed anywhere (the lab's files byte-identical, the directory entry for entry).
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterExeAdapter } from '../../../src-main/cluster/cluster-exe-adapter';
import { openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';
import { LAB_DOUBLETAKE_PASSWORD } from '../../../src-main/lab/doubletake/lab-accounts';
import { openLab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { labNodeFolder } from '../../../src-main/lab/nodes/lab-node-files';
import { LAB } from '../../../src-main/lab/topology';
import type { PairDocument } from '../../../src-main/pair';
import type { PreflightCheck, PreflightReport } from '../../../src-main/preflight/preflight-check';
import { runPreflight } from '../../../src-main/preflight/run-preflight';
import type { PreflightWorld } from '../../../src-main/preflight/preflight-world';
import type { RunningSlapd } from '../../helpers/slapd/start-slapd';
import { createTestCertificates } from '../../helpers/slapd/tls-certificates';
import { dumpDirectory, type Dump } from '../failover/support/directory-fixtures';
import {
  BLIND_DN,
  BLIND_PASSWORD,
  READER_DN,
  READER_PASSWORD,
  closedPort,
  freshLab,
  preflightWorld,
  scratch,
  snapshot,
  startPreflightSlapd,
  type WorldSettings,
} from './preflight-world-fixture';

const TEST_MS = 120_000;
let root: string;
let removeRoot: () => Promise<void>;
let server: RunningSlapd;
let otherCaFile: string;

beforeAll(async () => {
  ({ root, remove: removeRoot } = await scratch('preflight-'));
  server = await startPreflightSlapd();
  const other = join(root, 'other-ca');
  await mkdir(other);
  otherCaFile = (await createTestCertificates(other)).caFile;
}, TEST_MS);
afterAll(async () => {
  await server?.stop();
  await removeRoot?.();
});

function ldaps(): string {
  if (server.ldapsUrl === undefined) throw new Error('slapd started without TLS');
  return server.ldapsUrl;
}

function settings(lab: string, over: Partial<WorldSettings['directory']> = {}, doubleTakePassword?: string): WorldSettings {
  return {
    lab,
    directory: { url: ldaps(), startTls: false, caFile: server.caFile, bindDn: READER_DN, password: READER_PASSWORD, ...over },
    ...(doubleTakePassword === undefined ? {} : { doubleTakePassword }),
  };
}

async function directoryDump(): Promise<Dump> {
  const admin = await openLdaptsDirectory({ url: server.url, bindDn: server.bindDn, password: server.password });
  try {
    return await dumpDirectory(admin, LAB.domain.dn, true);
  } finally {
    await admin.close();
  }
}

/** Runs the preflight and proves it changed nothing: the lab's files and the directory are as before. */
async function run(world: PreflightWorld, lab: string, document: PairDocument = labPairDocument()): Promise<{ report: PreflightReport; seen: PreflightCheck[] }> {
  const labBefore = await snapshot(lab);
  const directoryBefore = await directoryDump();
  const seen: PreflightCheck[] = [];
  const report = await runPreflight(world, document, { onCheck: (check) => seen.push(check), timeoutMs: 60_000 });
  expect(await snapshot(lab)).toEqual(labBefore);
  expect(await directoryDump()).toEqual(directoryBefore);
  return { report, seen };
}

function byId(report: PreflightReport, id: string): PreflightCheck {
  const check = report.checks.find((c) => c.id === id);
  if (check === undefined) throw new Error(`no check ${id}: ${report.checks.map((c) => c.id).join(', ')}`);
  return check;
}

function failure(report: PreflightReport, id: string): { what: string; where: string; next: string } {
  const check = byId(report, id);
  if (check.result !== 'failed') throw new Error(`${id} is ${check.result}, not failed: ${JSON.stringify(check)}`);
  return check.failure;
}

function notOk(report: PreflightReport): Record<string, string> {
  return Object.fromEntries(report.checks.filter((c) => c.result !== 'ok').map((c) => [c.id, c.result === 'skipped' ? `skipped:${c.skippedBecause}` : 'failed']));
}

const NODES = [...LAB.source.nodes, ...LAB.target.nodes];
const ALL_IDS = [
  'directory.connect',
  'directory.certificate',
  'directory.bind',
  'directory.organisation',
  'directory.virtual-server.source',
  'directory.virtual-server.target',
  `cluster.reach.${LAB.source.cluster}`,
  `cluster.nodes.${LAB.source.cluster}`,
  `cluster.reach.${LAB.target.cluster}`,
  `cluster.nodes.${LAB.target.cluster}`,
  ...NODES.map((node) => `doubletake.login.${node}`),
  ...NODES.flatMap((node) => [`node-files.folder.${node}`, `node-files.online-dtcl.${node}`]),
];

describe('preflight on a good setup', () => {
  it(
    'passes every check over ldaps:// with the CA file, shows each command, masks the Double-Take password, and changes nothing',
    async () => {
      const lab = await freshLab(root);
      const { report, seen } = await run(preflightWorld(settings(lab)), lab);
      expect(notOk(report)).toEqual({});
      expect(report.passed).toBe(true);
      expect(report.cancelled).toBe(false);
      expect(report.checks.map((c) => c.id)).toEqual(ALL_IDS);
      expect(seen.map((c) => c.id).sort()).toEqual([...ALL_IDS].sort());
      expect(byId(report, 'directory.connect')).toMatchObject({ system: 'directory', where: ldaps().replace('ldaps://', '') });
      expect(byId(report, 'directory.bind').command).toContain(`-D '${READER_DN}' -W`);
      expect(byId(report, 'directory.certificate').command).toContain(`LDAPTLS_CACERT=${server.caFile}`);
      expect(byId(report, 'directory.virtual-server.target')).toMatchObject({ result: 'ok', detail: expect.stringContaining('EXCHVS-DR') });
      expect(byId(report, 'cluster.reach.SRCCLUS').command).toMatch(/cluster SRCCLUS node \/stat$/);
      const login = byId(report, 'doubletake.login.TGT1');
      expect(login.command.split('\n')).toEqual([expect.stringMatching(/dtcl -i$/), expect.stringMatching(/^LOGIN TGT1 \S+ \*{8};$/), 'GET AutoReconnect;', 'GET ChecksumAll;']);
      expect(JSON.stringify(report)).not.toContain(LAB_DOUBLETAKE_PASSWORD);
      expect(JSON.stringify(report)).not.toContain(READER_PASSWORD);
      expect(byId(report, 'node-files.online-dtcl.SRC1')).toMatchObject({ system: 'node-files', command: 'type "\\\\SRC1\\C$\\Program Files\\DoubleTake\\online.dtcl"' });
    },
    TEST_MS,
  );

  it(
    'passes over StartTLS too (ldap:// upgraded, the same CA file)',
    async () => {
      const lab = await freshLab(root);
      const { report } = await run(preflightWorld(settings(lab, { url: server.url, startTls: true })), lab);
      expect(notOk(report)).toEqual({});
      expect(byId(report, 'directory.certificate').command).toContain(' -ZZ ');
    },
    TEST_MS,
  );
});

describe('each system failing in turn', () => {
  let lab: string;
  beforeAll(async () => {
    lab = await freshLab(root);
  }, TEST_MS);

  it(
    'a domain controller that does not answer (port closed): connect fails, the rest of the directory is skipped',
    async () => {
      const port = await closedPort();
      const { report } = await run(preflightWorld(settings(lab, { url: `ldaps://127.0.0.1:${port}` })), lab);
      expect(report.passed).toBe(false);
      expect(notOk(report)).toEqual({
        'directory.connect': 'failed',
        'directory.certificate': 'skipped:directory.connect',
        'directory.bind': 'skipped:directory.connect',
        'directory.organisation': 'skipped:directory.connect',
        'directory.virtual-server.source': 'skipped:directory.connect',
        'directory.virtual-server.target': 'skipped:directory.connect',
      });
      const f = failure(report, 'directory.connect');
      expect(f.where).toBe(`127.0.0.1:${port}`);
      expect(f.what).toMatch(/did not accept a connection/);
      expect(f.next).toMatch(/firewall/);
    },
    TEST_MS,
  );

  it(
    'a CA file that did not sign the certificate: the certificate is its own failure, the bind is skipped',
    async () => {
      const { report } = await run(preflightWorld(settings(lab, { caFile: otherCaFile })), lab);
      expect(notOk(report)).toMatchObject({ 'directory.certificate': 'failed', 'directory.bind': 'skipped:directory.certificate' });
      expect(byId(report, 'directory.connect').result).toBe('ok');
      const f = failure(report, 'directory.certificate');
      expect(f.what).toContain(`not signed by the CA file ${otherCaFile}`);
      expect(f.next).toMatch(/CA file/);
    },
    TEST_MS,
  );

  it(
    'a wrong bind password: the bind fails with LDAP 49, the organisation is skipped, the password is nowhere',
    async () => {
      const { report } = await run(preflightWorld(settings(lab, { password: 'not-the-password-9' })), lab);
      expect(notOk(report)).toEqual({
        'directory.bind': 'failed',
        'directory.organisation': 'skipped:directory.bind',
        'directory.virtual-server.source': 'skipped:directory.bind',
        'directory.virtual-server.target': 'skipped:directory.bind',
      });
      const f = failure(report, 'directory.bind');
      expect(f.what).toContain('LDAP 49');
      expect(f.where).toContain(READER_DN);
      expect(f.next).toMatch(/bind DN.*password/);
      expect(JSON.stringify(report)).not.toContain('not-the-password-9');
    },
    TEST_MS,
  );

  it(
    'a bind DN that may not read the Exchange organisation',
    async () => {
      const { report } = await run(preflightWorld(settings(lab, { bindDn: BLIND_DN, password: BLIND_PASSWORD })), lab);
      expect(notOk(report)).toEqual({
        'directory.organisation': 'failed',
        'directory.virtual-server.source': 'skipped:directory.organisation',
        'directory.virtual-server.target': 'skipped:directory.organisation',
      });
      const f = failure(report, 'directory.organisation');
      expect(f.what).toContain(BLIND_DN);
      expect(f.next).toMatch(/read access/);
    },
    TEST_MS,
  );

  it(
    'a virtual server the organisation does not have',
    async () => {
      const document = labPairDocument();
      const changed: PairDocument = { ...document, target: { ...document.target, networkName: { ...document.target.networkName, name: 'NOSUCHVS' } } };
      const { report } = await run(preflightWorld(settings(lab)), lab, changed);
      expect(notOk(report)).toEqual({ 'directory.virtual-server.target': 'failed' });
      const f = failure(report, 'directory.virtual-server.target');
      expect(f.what).toContain('NOSUCHVS');
      expect(f.what).toContain('EXCHVS, EXCHVS-DR');
      expect(f.next).toContain('target.networkName.name');
    },
    TEST_MS,
  );

  it(
    'a cluster name that does not exist, and nodes that do not match (both directions)',
    async () => {
      const document = labPairDocument();
      const changed: PairDocument = {
        ...document,
        source: { ...document.source, cluster: { ...document.source.cluster, name: 'NOCLUS' } },
        target: { ...document.target, cluster: { ...document.target.cluster, nodes: [{ name: 'TGT1', doubleTakeFolder: LAB.doubleTakeFolder }, { name: 'TGT3', doubleTakeFolder: LAB.doubleTakeFolder }] } },
      };
      const { report } = await run(preflightWorld(settings(lab)), lab, changed);
      expect(notOk(report)).toEqual({
        'cluster.reach.NOCLUS': 'failed',
        'cluster.nodes.NOCLUS': 'skipped:cluster.reach.NOCLUS',
        'cluster.nodes.TGTCLUS': 'failed',
        'doubletake.login.TGT3': 'failed',
        'node-files.folder.TGT3': 'failed',
        'node-files.online-dtcl.TGT3': 'skipped:node-files.folder.TGT3',
      });
      expect(failure(report, 'cluster.reach.NOCLUS')).toMatchObject({ where: 'NOCLUS', next: expect.stringContaining('source.cluster.name') });
      const nodes = failure(report, 'cluster.nodes.TGTCLUS');
      expect(nodes.what).toContain('the pair document lists TGT3, which TGTCLUS does not have');
      expect(nodes.what).toContain('TGTCLUS has TGT2, which the pair document does not list');
    },
    TEST_MS,
  );

  it(
    'a wrong Double-Take password: every login fails, the password is nowhere',
    async () => {
      const { report } = await run(preflightWorld(settings(lab, {}, 'wrong-dt-password-5')), lab);
      expect(notOk(report)).toEqual(Object.fromEntries(NODES.map((node) => [`doubletake.login.${node}`, 'failed'])));
      const f = failure(report, 'doubletake.login.SRC2');
      expect(f.where).toBe('SRC2');
      expect(f.what).toMatch(/refused the login/);
      expect(f.next).toMatch(/password/);
      expect(JSON.stringify(report)).not.toContain('wrong-dt-password-5');
    },
    TEST_MS,
  );

  it(
    'a node whose Double-Take folder is missing, and one whose online.dtcl is gone',
    async () => {
      const own = await freshLab(root);
      await rm(join(labNodeFolder(own, 'SRC2'), 'C', 'Program Files', 'DoubleTake', 'online.dtcl'));
      const document = labPairDocument();
      const changed: PairDocument = {
        ...document,
        target: { ...document.target, cluster: { ...document.target.cluster, nodes: [{ name: 'TGT1', doubleTakeFolder: 'C:\\Program Files\\NoDoubleTake' }, { name: 'TGT2', doubleTakeFolder: LAB.doubleTakeFolder }] } },
      };
      const { report } = await run(preflightWorld(settings(own)), own, changed);
      expect(notOk(report)).toEqual({
        'node-files.folder.TGT1': 'failed',
        'node-files.online-dtcl.TGT1': 'skipped:node-files.folder.TGT1',
        'node-files.online-dtcl.SRC2': 'failed',
      });
      expect(failure(report, 'node-files.folder.TGT1')).toMatchObject({ where: 'TGT1 C:\\Program Files\\NoDoubleTake', next: expect.stringContaining('doubleTakeFolder of TGT1') });
      expect(failure(report, 'node-files.online-dtcl.SRC2').what).toContain('SRC2 has no online.dtcl');
    },
    TEST_MS,
  );

  it(
    'a node that is powered off: Double-Take and its files cannot be reached',
    async () => {
      const own = await freshLab(root);
      const opened = await openLab(own);
      await opened.power('TGT2', false);
      await opened.close();
      const { report } = await run(preflightWorld(settings(own)), own);
      expect(notOk(report)).toEqual({
        'doubletake.login.TGT2': 'failed',
        'node-files.folder.TGT2': 'failed',
        'node-files.online-dtcl.TGT2': 'skipped:node-files.folder.TGT2',
      });
      expect(failure(report, 'doubletake.login.TGT2').next).toMatch(/powered on/);
      expect(failure(report, 'node-files.folder.TGT2').what).toMatch(/cannot be reached/);
    },
    TEST_MS,
  );
});

describe('tools that hang or print garbage, and cancellation', () => {
  let lab: string;
  let tools: string;
  beforeAll(async () => {
    lab = await freshLab(root);
    tools = join(root, 'tools');
    await mkdir(tools);
    await writeFile(join(tools, 'hang'), '#!/bin/sh\nexec sleep 30\n');
    await writeFile(join(tools, 'garbage'), '#!/bin/sh\nprintf "\\001\\002 not a listing at all\\n%%%%\\n"\nexit 0\n');
    await chmod(join(tools, 'hang'), 0o755);
    await chmod(join(tools, 'garbage'), 0o755);
  }, TEST_MS);

  it(
    'a cluster.exe that hangs is a failed check after the time limit; one that prints garbage is a failed check',
    async () => {
      const base = preflightWorld(settings(lab));
      const world: PreflightWorld = {
        ...base,
        cluster: (name) => clusterWith([join(tools, name === LAB.source.cluster ? 'hang' : 'garbage')], name),
      };
      const started = Date.now();
      const report = await runPreflight(world, labPairDocument(), { timeoutMs: 2_000 });
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(notOk(report)).toEqual({
        'cluster.reach.SRCCLUS': 'failed',
        'cluster.nodes.SRCCLUS': 'skipped:cluster.reach.SRCCLUS',
        'cluster.reach.TGTCLUS': 'failed',
        'cluster.nodes.TGTCLUS': 'skipped:cluster.reach.TGTCLUS',
      });
      expect(failure(report, 'cluster.reach.SRCCLUS').what).toMatch(/No answer from SRCCLUS within the time limit of 2 s/);
      expect(failure(report, 'cluster.reach.TGTCLUS').what).toMatch(/cannot read|could not be run/);
    },
    TEST_MS,
  );

  it(
    'cancelling stops the run: what had not finished is reported skipped (cancelled), and the run does not pass',
    async () => {
      const controller = new AbortController();
      const world = preflightWorld(settings(lab));
      const report = await runPreflight(world, labPairDocument(), {
        signal: controller.signal,
        onCheck: (check) => {
          if (check.id === 'directory.connect') controller.abort();
        },
      });
      expect(report.passed).toBe(false);
      expect(report.cancelled).toBe(true);
      expect(report.checks.map((c) => c.id)).toEqual(ALL_IDS);
      expect(report.checks.filter((c) => c.result === 'skipped').every((c) => c.result === 'skipped' && c.skippedBecause === 'cancelled')).toBe(true);
      expect(byId(report, 'node-files.online-dtcl.TGT2')).toMatchObject({ result: 'skipped', skippedBecause: 'cancelled' });
    },
    TEST_MS,
  );

  function clusterWith(command: readonly [string, ...string[]], name: string): ClusterExeAdapter {
    return new ClusterExeAdapter({ cluster: name, command, timeoutMs: 25_000 });
  }
});
