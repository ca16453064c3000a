/**
 * A real pair for the end-to-end test, on this machine only: the lab's clusters and Double-Take reached through the
 * REAL cluster.exe and dtcl.exe adapters spawning the emulators (test/fixtures/bin), the nodes' files through the
 * connection profile's folder template, and the directory on a real OpenLDAP slapd on 127.0.0.1 over ldaps:// (a
 * fresh CA), loaded with the lab's seeded Exchange organisation. The app is composed for the REAL world in this
 * process and hosted by the browser preview server; a plain `npm run preview` stays lab only.
 */
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAB_DOUBLETAKE_PASSWORD, LAB_DOUBLETAKE_USER } from '../../../src-main/lab/doubletake/lab-accounts';
import { LAB_DIRECTORY_FILE } from '../../../src-main/lab/directory/lab-directory';
import { LAB_CLUSTERS_ENV } from '../../../src-main/lab/emulators/cluster-exe-cli';
import { LAB_FOLDER_ENV } from '../../../src-main/lab/emulators/emulator-env';
import { LAB_CLUSTERS_FILE, openLab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { writePairDocument } from '../../../src-main/pair/pair-document-file';
import { CONNECTION_PROFILE_FORMAT, CONNECTION_PROFILE_VERSION, type ConnectionProfileInput } from '../../../src-main/profile/connection-profile-schema';
import { startSlapd, type RunningSlapd } from '../../helpers/slapd/start-slapd';
import { REPO_ROOT } from './preview';

/** The emulators the real adapters spawn, as cluster.exe and dtcl.exe. */
export const CLUSTER_EXE = join(REPO_ROOT, 'test', 'fixtures', 'bin', 'cluster');
export const DTCL_EXE = join(REPO_ROOT, 'test', 'fixtures', 'bin', 'dtcl');
/** What the status bar and the title call this environment (the profile's name). */
export const PROFILE_NAME = 'Production';

export interface RealPair {
  /** Everything the program writes (progress, journal, logs) and the world's files live under here. */
  readonly root: string;
  /** The emulators' world: clusters.json, doubletake.json, nodes/<NODE>/<DRIVE>/. */
  readonly world: string;
  readonly pairFile: string;
  readonly profileFile: string;
  /** Where the program keeps its own state (progress, journal), as it would in userData. */
  readonly stateFolder: string;
  readonly slapd: RunningSlapd;
  /** The passwords the administrator types: the directory's bind and the Double-Take account's. */
  readonly directoryPassword: string;
  readonly doubleTakePassword: string;
  /** What the emulators read to find the world (set in this process's environment, which the adapters pass on). */
  readonly emulatorEnv: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * Seeds the world: the lab's clusters, Double-Take and node disks in `<root>/world` (the emulators' files), the
 * lab's directory loaded into slapd with TLS, the lab's pair document and a connection profile naming all of it.
 */
export async function seedRealPair(): Promise<RealPair> {
  const root = await mkdtemp(join(tmpdir(), 'exchange-ha-e2e-real-'));
  const world = join(root, 'world');
  const stateFolder = join(root, 'state');
  try {
    const seeded = await openLab(world);
    await seeded.close();
    const slapd = await startSlapd({ ldif: await readFile(join(world, LAB_DIRECTORY_FILE), 'utf8'), tls: true });
    const ldapsUrl = slapd.ldapsUrl;
    const caFile = slapd.caFile;
    if (ldapsUrl === undefined || caFile === undefined) throw new Error('slapd started without ldaps://');
    const pairFile = join(root, 'pair.json');
    await writePairDocument(pairFile, labPairDocument());
    const profile: ConnectionProfileInput = {
      format: CONNECTION_PROFILE_FORMAT,
      version: CONNECTION_PROFILE_VERSION,
      name: PROFILE_NAME,
      directory: { url: ldapsUrl, caFile, bindDn: slapd.bindDn },
      tools: { clusterExe: CLUSTER_EXE, dtclExe: DTCL_EXE },
      doubleTake: { user: LAB_DOUBLETAKE_USER },
      nodeFiles: { root: join(world, 'nodes', '{node}', '{drive}') },
    };
    const profileFile = join(root, 'connection-profile.json');
    await writeFile(profileFile, `${JSON.stringify(profile, null, 2)}\n`);
    const emulatorEnv = { [LAB_CLUSTERS_ENV]: join(world, LAB_CLUSTERS_FILE), [LAB_FOLDER_ENV]: world };
    return {
      root,
      world,
      pairFile,
      profileFile,
      stateFolder,
      slapd,
      directoryPassword: slapd.password,
      doubleTakePassword: LAB_DOUBLETAKE_PASSWORD,
      emulatorEnv,
      async close() {
        await slapd.stop();
        // An emulator started by a request the closing page left behind may still write in the world for a moment.
        await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      },
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Powers a node or a whole cluster of the emulators' world off or on, as the lab panel would: the world is opened
 * in this process only for the change (the emulators read the files on their next run).
 */
export async function setWorldPower(pair: RealPair, target: string, on: boolean): Promise<void> {
  const lab = await openLab(pair.world);
  try {
    await lab.power(target, on);
  } finally {
    await lab.close();
  }
}
