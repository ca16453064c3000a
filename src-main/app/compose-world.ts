/**
 * One composition for both worlds. Given the world chosen — the lab in a folder, or a real pair (its pair document,
 * a connection profile and the session's credentials) — it builds what every host needs: the setup world, where
 * progress and journals live, the failover runner's directory, what the preflight check reads, the environment's
 * name and warnings, the lab's controls (lab only), and `close()`. The desktop program, the browser preview and
 * `exchange-ha` all build their world here; none wires the tools itself.
 */
import { ClusterError, type ClusterPort } from '../cluster/port';
import type { CredentialId } from '../contract/channels';
import { Secret } from '../credentials/secret';
import type { CredentialSpec, SessionCredentials } from '../credentials/session-credentials';
import { borrowedDirectory } from '../directory/borrowed-directory';
import { openLdaptsDirectory } from '../directory/ldapts-directory';
import type { DirectoryPort } from '../directory/port';
import { DtclSecret } from '../doubletake/dtcl-ast';
import { openLab, type Lab } from '../lab/lab';
import { labSetupWorld } from '../lab/adapters/lab-setup-world';
import { labIncidentWorld } from '../lab/adapters/lab-incident-world';
import type { IncidentWorld } from '../incident/incident-world';
import { realProbe } from '../incident/probes/real-probe';
import { askSourceCluster } from '../incident/probes/cluster-second-path';
import { realExchange } from '../incident/real-exchange';
import { readDoubleTakeLog } from '../incident/real-doubletake-log';
import { sleepFor } from '../shared/timers';
import type { PairDocument } from '../pair/pair-document-schema';
import { LAB_DOUBLETAKE_USER } from '../lab/doubletake/lab-accounts';
import type { PreflightWorld } from '../preflight/preflight-world';
import { connectionProfileWarnings, isPlainLdapUrl, type ConnectionProfile } from '../profile/connection-profile-schema';
import { createTemplateNodeFiles } from '../profile/node-files-root';
import { silentLogger, type Logger } from '../shared/log-port';
import type { SetupWorld } from '../setup/setup-world';
import { exeToolFactories, realSetupWorld } from './real-setup-world';
import { labWorldFiles, realWorldFiles, type WorldFiles } from './world-files';

/** The world a host opens. */
export type WorldChoice = LabWorldChoice | RealWorldChoice;

export interface LabWorldChoice {
  readonly kind: 'lab';
  /** The lab's folder (created and seeded when empty). */
  readonly labFolder: string;
}

export interface RealWorldChoice {
  readonly kind: 'real';
  /** The pair document (absolute path); progress and journals are kept beside it. */
  readonly pairFile: string;
  /** The connection profile, parsed and checked (profile/connection-profile-file.ts). */
  readonly profile: ConnectionProfile;
  /** Where the profile was read from, for the environment's description. */
  readonly profileFile?: string;
  /** The session's passwords; read only when a tool runs, so they can be entered after the start. */
  readonly credentials: SessionCredentials;
  /**
   * The source and target clusters' names now (from the pair document), asked at each use so the world follows a
   * document edited while the program runs.
   */
  readonly clusters: () => { readonly source: string; readonly target: string };
  /**
   * The pair document now, when valid (the incident world reads the source's Exchange group and each node's
   * Double-Take folder from it).
   */
  readonly pair?: () => PairDocument | undefined;
  /** The environment cluster.exe and dtcl.exe run in (never holding a password); this process's when absent. */
  readonly childEnv?: NodeJS.ProcessEnv;
  /** Their working folder. */
  readonly cwd?: string;
}

/** Everything a host needs from a world. */
export interface ComposedWorld {
  readonly kind: 'lab' | 'real';
  /** "Lab", or the profile's name ("Production"). */
  readonly name: string;
  readonly setupWorld: SetupWorld;
  readonly files: WorldFiles;
  /** Opens the directory for the failover engine: the lab's (borrowed), or LDAP with the profile and bind password. */
  connectDirectory(): Promise<DirectoryPort>;
  /** What the preflight check reads (src-main/preflight/preflight-world.ts). */
  readonly preflight: PreflightWorld;
  /** What the monitor probes and the guided failover and failback drive (src-main/incident/incident-world.ts). */
  readonly incident: IncidentWorld;
  /** Shown every time the world is described or used (plain LDAP with a password, ...). */
  readonly warnings: readonly string[];
  /** The lab itself (its controls: clusters, power), only in the lab. */
  readonly lab?: Lab;
  readonly labFolder?: string;
  readonly profileFile?: string;
  close(): Promise<void>;
}

/** The labels and accounts of the two secrets a world may need. */
export function credentialSpecs(choice: { readonly kind: 'lab' } | { readonly kind: 'real'; readonly profile: ConnectionProfile }, howToGive?: Partial<Record<CredentialId, string>>): CredentialSpec[] {
  const bindDn = choice.kind === 'real' ? (choice.profile.directory.bindDn ?? '') : '';
  const dtUser = choice.kind === 'real' ? choice.profile.doubleTake.user : LAB_DOUBLETAKE_USER;
  const hint = (id: CredentialId) => (howToGive?.[id] === undefined ? {} : { howToGive: howToGive[id] });
  return [
    { id: 'directory', label: 'Directory bind password', account: bindDn, needed: choice.kind === 'real' && bindDn !== '', ...hint('directory') },
    { id: 'doubleTake', label: 'Double-Take password', account: dtUser, needed: choice.kind === 'real', ...hint('doubleTake') },
  ];
}

/**
 * Builds the world chosen. The lab is opened (and locked) here; `close()` releases it. `logger` is the program's
 * diagnostic log: the real tools write a line per call to the outside world (cluster.exe, dtcl.exe, the directory,
 * the nodes' files) in their subsystem's child; nothing is logged when absent.
 */
export async function composeWorld(choice: WorldChoice, deps: { readonly now: () => Date; readonly logger?: Logger }): Promise<ComposedWorld> {
  return choice.kind === 'lab' ? composeLab(choice, deps.now) : composeReal(choice, deps.now, deps.logger ?? silentLogger);
}

async function composeLab(choice: LabWorldChoice, now: () => Date): Promise<ComposedWorld> {
  const lab = await openLab(choice.labFolder);
  const setupWorld = labSetupWorld(lab, now);
  // The lab answers for its own (fictional) addresses; only a probe of 127.0.0.1 is a real one.
  const incident = labIncidentWorld(lab, setupWorld, { realProbe: (spec) => realProbe(spec), now });
  const connectDirectory = async (): Promise<DirectoryPort> => borrowedDirectory(lab.directory);
  const clusterByName = (name: string): ClusterPort => {
    const found = [lab.source, lab.target].find((port) => port.cluster.toUpperCase() === name.toUpperCase());
    return found ?? unknownCluster(name, `The lab has no cluster ${name}; its clusters are ${lab.source.cluster} and ${lab.target.cluster}.`);
  };
  return {
    kind: 'lab',
    name: 'Lab',
    setupWorld,
    files: labWorldFiles(choice.labFolder),
    connectDirectory,
    preflight: {
      directory: { url: 'lab://directory', startTls: false, connect: connectDirectory },
      cluster: clusterByName,
      doubleTake: (node) => setupWorld.doubleTake(node),
      nodeFiles: lab.nodeFiles,
      clusterExe: ['cluster.exe'],
      dtclExe: ['dtcl.exe'],
      doubleTakeUser: LAB_DOUBLETAKE_USER,
    },
    incident,
    warnings: [],
    lab,
    labFolder: choice.labFolder,
    close: () => lab.close(),
  };
}

/**
 * The Double-Take password as the dtcl.exe adapter takes it, read from the session at each use: a GUI session can
 * enter it after the start, and a missing one fails the run with `credentials/missing` before dtcl.exe is started.
 */
class SessionDtclSecret extends DtclSecret {
  readonly #read: () => Secret;
  constructor(read: () => Secret) {
    super('');
    this.#read = read;
  }
  override reveal(): string {
    return this.#read().reveal();
  }
}

async function composeReal(choice: RealWorldChoice, now: () => Date, logger: Logger): Promise<ComposedWorld> {
  const { profile, credentials } = choice;
  const { directory } = profile;
  const clusterExe: [string] = [profile.tools.clusterExe];
  const dtclExe: [string] = [profile.tools.dtclExe];
  const tools = exeToolFactories({
    clusterExe,
    dtclExe,
    doubleTakeUser: profile.doubleTake.user,
    doubleTakePassword: new SessionDtclSecret(() => credentials.require('doubleTake')),
    ...(choice.childEnv === undefined ? {} : { env: choice.childEnv }),
    ...(choice.cwd === undefined ? {} : { cwd: choice.cwd }),
    logger,
  });
  const nodeFiles = createTemplateNodeFiles(profile.nodeFiles.root, logger);
  const warnings = connectionProfileWarnings(profile);
  const connectDirectory = async (): Promise<DirectoryPort> => {
    // The bind password is asked for only now: an anonymous profile never needs one.
    const password = directory.bindDn === undefined ? undefined : credentials.require('directory').reveal();
    return openLdaptsDirectory({
      url: directory.url,
      ...(directory.bindDn === undefined ? {} : { bindDn: directory.bindDn }),
      ...(password === undefined ? {} : { password }),
      ...(directory.startTls && isPlainLdapUrl(directory.url) ? { startTls: true } : {}),
      ...(directory.caFile === undefined ? {} : { caFile: directory.caFile }),
      logger,
    });
  };
  const setupWorld = realSetupWorld({
    sourceCluster: () => choice.clusters().source,
    targetCluster: () => choice.clusters().target,
    ...tools,
    doubleTakeUser: profile.doubleTake.user,
    nodeFiles,
    connectDirectory,
    directoryName: directory.url,
    now,
  });
  const clusterPort = (name: string): ClusterPort =>
    [setupWorld.source, setupWorld.target].find((port) => port.cluster.toUpperCase() === name.toUpperCase()) ?? tools.cluster(name);
  const incident: IncidentWorld = {
    kind: 'real',
    setup: setupWorld,
    connectDirectory,
    probe: (spec) => realProbe(spec),
    secondPath: (sourceCluster, signal) => {
      const group = choice.pair?.()?.source.group.name;
      return askSourceCluster(clusterPort(sourceCluster), signal, group === undefined ? {} : { exchangeGroup: group });
    },
    exchange: realExchange({ setup: setupWorld, connectDirectory }),
    async doubleTakeLog(node, since) {
      const document = choice.pair?.();
      const folder = [...(document?.source.cluster.nodes ?? []), ...(document?.target.cluster.nodes ?? [])].find((n) => n.name.toUpperCase() === node.toUpperCase())?.doubleTakeFolder;
      if (folder === undefined) return { node, source: 'the pair document', writeErrors: [], unreadable: `the pair document names no node ${node}, so its Double-Take folder is not known` };
      return readDoubleTakeLog(nodeFiles, node, folder, since);
    },
    now,
    sleep: sleepFor,
  };
  return {
    kind: 'real',
    name: profile.name,
    setupWorld,
    incident,
    files: realWorldFiles(choice.pairFile),
    connectDirectory,
    preflight: {
      directory: {
        url: directory.url,
        startTls: directory.startTls,
        ...(directory.caFile === undefined ? {} : { caFile: directory.caFile }),
        ...(directory.bindDn === undefined ? {} : { bindDn: directory.bindDn }),
        connect: async () => {
          if (directory.bindDn !== undefined && credentials.get('directory') === undefined) {
            // No bind password yet: reach the domain controller and check its certificate without binding (the root
            // DSE is readable before a bind, RFC 4512 §5.1), then the missing password is the bind check's failure.
            const anonymous = await openLdaptsDirectory({
              url: directory.url,
              ...(directory.startTls && isPlainLdapUrl(directory.url) ? { startTls: true } : {}),
              ...(directory.caFile === undefined ? {} : { caFile: directory.caFile }),
              logger,
            });
            try {
              await anonymous.rootDse();
            } finally {
              await anonymous.close();
            }
            credentials.require('directory');
          }
          return connectDirectory();
        },
      },
      cluster: tools.cluster,
      doubleTake: (node) => setupWorld.doubleTake(node),
      nodeFiles,
      clusterExe,
      dtclExe,
      doubleTakeUser: profile.doubleTake.user,
    },
    warnings,
    ...(choice.profileFile === undefined ? {} : { profileFile: choice.profileFile }),
    close: async () => undefined,
  };
}

/** A cluster the lab does not have: every read answers as an unreachable cluster would (RPC server unavailable). */
function unknownCluster(name: string, message: string): ClusterPort {
  const fail = async (): Promise<never> => {
    throw new ClusterError(1722, message, 'unreachable');
  };
  return { cluster: name, run: fail, nodes: fail, groups: fail, resources: fail };
}

/** "Production — SRCCLUS → TGTCLUS": the environment's name and the pair it works on, for the title and status bar. */
export function environmentTitle(name: string, clusters: { readonly source: string; readonly target: string } | undefined): string {
  return clusters === undefined ? name : `${name} — ${clusters.source} → ${clusters.target}`;
}
