/**
 * The world of the guided-failover measurement, made once per benchmark run (not timed) and copied fresh for each
 * contender: a lab folder made by `exchange-ha lab init`, set up by `exchange-ha setup apply --pair P --lab WORLD`
 * (the clusters "set up": Exchange group on the source, the Double-Take resources and connection in place) and
 * whose source has lost power (`exchange-ha lab fail WORLD source`). The cluster.exe and dtcl.exe emulators read
 * that folder; the directory is the benchmark's slapd, named in a connection profile beside a copy of the lab's
 * pair document. The commands run in this process (runExchangeHa), as the integration tests run them.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DT_PASSWORD_ENV } from '../../src-main/cli/exchange-ha/password-options';
import { runExchangeHa } from '../../src-main/cli/exchange-ha/run-exchange-ha';
import { LAB_DOUBLETAKE_PASSWORD, LAB_DOUBLETAKE_USER } from '../../src-main/lab/doubletake/lab-accounts';
import { LAB_CLUSTERS_ENV } from '../../src-main/lab/emulators/cluster-exe-cli';
import { LAB_FOLDER_ENV } from '../../src-main/lab/emulators/emulator-env';
import { LAB_CLUSTERS_FILE } from '../../src-main/lab/lab';
import { labPairDocument } from '../../src-main/lab/lab-pair-document';
import { formatPairDocument } from '../../src-main/pair/pair-document-file';
import { CONNECTION_PROFILE_FORMAT, CONNECTION_PROFILE_VERSION, type ConnectionProfileInput } from '../../src-main/profile/connection-profile-schema';
import { setupSteps } from '../../src-main/setup/steps';
import type { LdapConnection } from './ldap-tools';

/** The emulators the profile names as cluster.exe and dtcl.exe (shell scripts that run the bundles when named). */
export function emulatorPaths(repoRoot: string): { readonly cluster: string; readonly dtcl: string } {
  return { cluster: join(repoRoot, 'test', 'fixtures', 'bin', 'cluster'), dtcl: join(repoRoot, 'test', 'fixtures', 'bin', 'dtcl') };
}

async function exchangeHa(argv: readonly string[], cwd: string): Promise<void> {
  let said = '';
  const code = await runExchangeHa({
    argv,
    env: {},
    cwd,
    stdout: (text) => (said = (said + text).slice(-4000)),
    stderr: (text) => (said = (said + text).slice(-4000)),
    now: () => new Date(),
    signal: new AbortController().signal,
    steps: setupSteps,
  });
  if (code !== 0) throw new Error(`exchange-ha ${argv.slice(0, 2).join(' ')} exited ${code} while preparing the guided failover's world:\n${said.trim().split('\n').slice(-8).join('\n')}`);
}

/** Makes the template lab folder `<folder>`: set up, source powered off. */
export async function prepareTemplateWorld(folder: string, cwd: string): Promise<void> {
  await exchangeHa(['lab', 'init', folder], cwd);
  await exchangeHa(['setup', 'apply', '--pair', join(folder, 'pair.json'), '--lab', folder, '--confirm', '6=monitor entered on TGT1 and TGT2'], cwd);
  await exchangeHa(['lab', 'fail', folder, 'source'], cwd);
}

/** One contender's copy: the world, and a site folder with the pair document and the connection profile. */
export interface GuidedSite {
  readonly world: string;
  readonly pairFile: string;
  readonly profileFile: string;
  /** The environment every program of this copy gets: where the emulators find the world, the Double-Take password. */
  readonly env: NodeJS.ProcessEnv;
}

/** Copies the template to `<folder>/world` and writes the site's pair document and profile naming `connection`. */
export async function copySite(template: string, folder: string, repoRoot: string, connection: LdapConnection, emulatorBundles: string): Promise<GuidedSite> {
  const world = join(folder, 'world');
  await cp(template, world, { recursive: true });
  const site = join(folder, 'site');
  await mkdir(site, { recursive: true });
  const pairFile = join(site, 'pair.json');
  await writeFile(pairFile, formatPairDocument(labPairDocument()));
  const emulators = emulatorPaths(repoRoot);
  const profile: ConnectionProfileInput = {
    format: CONNECTION_PROFILE_FORMAT,
    version: CONNECTION_PROFILE_VERSION,
    name: 'Benchmark',
    // The benchmark's slapd listens on 127.0.0.1 only, plain ldap:// as the exchfailover rows use it.
    directory: { url: connection.url, bindDn: connection.bindDn, allowPlainLdapPassword: true },
    tools: { clusterExe: emulators.cluster, dtclExe: emulators.dtcl },
    doubleTake: { user: LAB_DOUBLETAKE_USER },
    nodeFiles: { root: join(world, 'nodes', '{node}', '{drive}') },
  };
  const profileFile = join(site, 'connection-profile.json');
  await writeFile(profileFile, `${JSON.stringify(profile, null, 2)}\n`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    [LAB_FOLDER_ENV]: world,
    [LAB_CLUSTERS_ENV]: join(world, LAB_CLUSTERS_FILE),
    EXCH_HA_EMULATOR_BUNDLES: emulatorBundles,
    [DT_PASSWORD_ENV]: LAB_DOUBLETAKE_PASSWORD,
  };
  return { world, pairFile, profileFile, env };
}
