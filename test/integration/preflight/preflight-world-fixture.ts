/**
 * A preflight world over real adapters: the cluster.exe and dtcl.exe emulators (test/fixtures/bin) spawned over a
 * lab folder, the lab's node files, and a real slapd on 127.0.0.1 reached with ldapts (ldaps:// with a CA file, or
 * StartTLS), seeded with the lab's Exchange organisation, an account that may read it and one that may not.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ClusterExeAdapter } from '../../../src-main/cluster/cluster-exe-adapter';
import { openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';
import { DtclSecret } from '../../../src-main/doubletake/dtcl-ast';
import { DtclExeAdapter } from '../../../src-main/doubletake/dtcl-exe-adapter';
import { seedExchangeOrganization } from '../../../src-main/lab/directory/exchange-seed';
import { writeLdif, type LdifRecord } from '../../../src-main/lab/directory/ldif';
import { LAB_DOUBLETAKE_PASSWORD, LAB_DOUBLETAKE_USER } from '../../../src-main/lab/doubletake/lab-accounts';
import { openLab } from '../../../src-main/lab/lab';
import { createLabNodeFiles } from '../../../src-main/lab/nodes/lab-node-files';
import { readClusterStore } from '../../../src-main/lab/mscs/cluster-store-file';
import { LAB } from '../../../src-main/lab/topology';
import type { PreflightDirectory, PreflightWorld } from '../../../src-main/preflight/preflight-world';
import { startSlapd, type RunningSlapd } from '../../helpers/slapd/start-slapd';

const repo = resolve(__dirname, '../../..');
export const CLUSTER_EMULATOR = [join(repo, 'test/fixtures/bin/cluster')] as const;
export const DTCL_EMULATOR = [join(repo, 'test/fixtures/bin/dtcl')] as const;

export const READER_DN = `CN=HA Reader,${LAB.domain.dn}`;
export const BLIND_DN = `CN=Blind Reader,${LAB.domain.dn}`;
export const READER_PASSWORD = 'reader-Secret-17';
export const BLIND_PASSWORD = 'blind-Secret-23';
export const EXCHANGE_BASE = `CN=Microsoft Exchange,CN=Services,CN=Configuration,${LAB.domain.dn}`;

function account(dn: string, cn: string, password: string): LdifRecord {
  return {
    dn,
    attributes: [
      { name: 'objectClass', value: 'person' },
      { name: 'objectClass', value: 'extensibleObject' },
      { name: 'cn', value: cn },
      { name: 'userPassword', value: password },
    ],
  };
}

/** slapd with TLS, the lab organisation, the reader, and the blind account that may not read Exchange's container. */
export function startPreflightSlapd(): Promise<RunningSlapd> {
  return startSlapd({
    ldif: writeLdif([...seedExchangeOrganization({ userCount: 3 }), account(READER_DN, 'HA Reader', READER_PASSWORD), account(BLIND_DN, 'Blind Reader', BLIND_PASSWORD)]),
    tls: true,
    access: [`access to dn.subtree="${EXCHANGE_BASE}" by dn.exact="${BLIND_DN}" none by * read`, 'access to * by * read'],
  });
}

/** A fresh lab folder (seeded by opening it once) inside `root`. */
export async function freshLab(root: string): Promise<string> {
  const folder = await mkdtemp(join(root, 'lab-'));
  const lab = await openLab(folder);
  await lab.close();
  return folder;
}

export interface WorldSettings {
  readonly lab: string;
  readonly directory: Omit<PreflightDirectory, 'connect'> & { readonly password?: string };
  readonly doubleTakePassword?: string;
  readonly timeoutMs?: number;
}

export function preflightWorld(settings: WorldSettings): PreflightWorld {
  const env = { ...process.env, EXCH_HA_LAB_CLUSTERS: join(settings.lab, 'clusters.json'), EXCH_HA_LAB: settings.lab };
  const { password, ...shown } = settings.directory;
  return {
    directory: {
      ...shown,
      connect: () =>
        openLdaptsDirectory({
          url: shown.url,
          startTls: shown.startTls,
          ...(shown.caFile === undefined ? {} : { caFile: shown.caFile }),
          ...(shown.bindDn === undefined ? {} : { bindDn: shown.bindDn }),
          ...(password === undefined ? {} : { password }),
          connectTimeoutMs: 5_000,
          operationTimeoutMs: 10_000,
        }),
    },
    cluster: (name) => new ClusterExeAdapter({ cluster: name, command: CLUSTER_EMULATOR, env, cwd: settings.lab, timeoutMs: 30_000 }),
    doubleTake: (node) =>
      new DtclExeAdapter({
        node,
        user: LAB_DOUBLETAKE_USER,
        password: new DtclSecret(settings.doubleTakePassword ?? LAB_DOUBLETAKE_PASSWORD),
        command: DTCL_EMULATOR,
        env,
        cwd: settings.lab,
        timeoutMs: 30_000,
      }),
    nodeFiles: createLabNodeFiles(settings.lab, { isNodeUp: (node) => labNodeIsUp(settings.lab, node) }),
    clusterExe: CLUSTER_EMULATOR,
    dtclExe: DTCL_EMULATOR,
    doubleTakeUser: LAB_DOUBLETAKE_USER,
  };
}

/** Lab power as the cluster.exe emulator keeps it (`<lab>/clusters.json`): a node that is down has no share. */
function labNodeIsUp(lab: string, node: string): boolean {
  const nodes = [...readClusterStore(join(lab, 'clusters.json')).values()].flatMap((model) => model.toJSON().nodes);
  return !nodes.some((n) => n.name.toUpperCase() === node.toUpperCase() && n.state === 'Down');
}

/** Every file of a folder (relative path -> sha256). */
export async function snapshot(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const item of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!item.isFile()) continue;
    const path = join(item.parentPath, item.name);
    files[relative(folder, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return files;
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function scratch(prefix: string): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}
