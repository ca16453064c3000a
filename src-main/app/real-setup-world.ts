/**
 * The setup world of the real tools: cluster.exe for each cluster, dtcl.exe for each node (the script on its
 * standard input, the password never in its argv), files on the nodes, and the directory read for the Exchange
 * organisation. Every collaborator is passed in, so a test runs the same wiring with the emulators as the programs,
 * the lab's node files and the lab's directory.
 */
import { ClusterExeAdapter } from '../cluster/cluster-exe-adapter';
import type { ClusterPort } from '../cluster/port';
import type { DirectoryPort } from '../directory/port';
import type { DtclSecret } from '../doubletake/dtcl-ast';
import { DtclExeAdapter } from '../doubletake/dtcl-exe-adapter';
import type { DoubleTakePort } from '../doubletake/port';
import type { NodeFiles } from '../nodes/port';
import type { Logger } from '../shared/log-port';
import { exchangeReader, exchangeServerReader } from '../setup/exchange-reader';
import type { SetupWorld } from '../setup/setup-world';

/** Makes the cluster port of one cluster, by name. */
export type ClusterPortFactory = (cluster: string) => ClusterPort;
/** Makes the Double-Take port of one node, by name. */
export type DoubleTakePortFactory = (node: string) => DoubleTakePort;

export interface RealSetupWorldParts {
  /**
   * The source and target clusters' names (from the pair document); a function is asked at each use, so a world
   * follows a pair document edited while the program runs.
   */
  readonly sourceCluster: string | (() => string);
  readonly targetCluster: string | (() => string);
  readonly cluster: ClusterPortFactory;
  readonly doubleTake: DoubleTakePortFactory;
  /** The account the DTCL scripts log in with (shown in previews; the password is always masked). */
  readonly doubleTakeUser: string;
  readonly nodeFiles: NodeFiles;
  /** Opens a directory connection for one read (closed after it; hand a borrowed one to keep it open). */
  readonly connectDirectory: () => Promise<DirectoryPort>;
  /** Where the directory is, for messages (`ldaps://dc1.example.com`). */
  readonly directoryName: string;
  readonly now?: () => Date;
}

/** The real world from its parts; one Double-Take port per node (by upper-case name), made when first used. */
export function realSetupWorld(parts: RealSetupWorldParts): SetupWorld {
  const doubleTakePorts = new Map<string, DoubleTakePort>();
  const clusterPorts = new Map<string, ClusterPort>();
  const clusterPort = (name: string | (() => string)): ClusterPort => {
    const wanted = typeof name === 'function' ? name() : name;
    let port = clusterPorts.get(wanted.toUpperCase());
    if (port === undefined) {
      port = parts.cluster(wanted);
      clusterPorts.set(wanted.toUpperCase(), port);
    }
    return port;
  };
  return {
    kind: 'real',
    get source() {
      return clusterPort(parts.sourceCluster);
    },
    get target() {
      return clusterPort(parts.targetCluster);
    },
    doubleTake(node) {
      const key = node.toUpperCase();
      let port = doubleTakePorts.get(key);
      if (port === undefined) {
        port = parts.doubleTake(key);
        doubleTakePorts.set(key, port);
      }
      return port;
    },
    doubleTakeUser: parts.doubleTakeUser,
    nodeFiles: parts.nodeFiles,
    readExchange: exchangeReader(parts.connectDirectory),
    readExchangeServer: exchangeServerReader(parts.connectDirectory),
    directoryName: parts.directoryName,
    now: parts.now ?? (() => new Date()),
  };
}

/** How the command-line tools are run: the programs (and any leading arguments), their environment and folder. */
export interface ExeToolOptions {
  /** cluster.exe, e.g. `['cluster.exe']`, or an emulator executable in tests. */
  readonly clusterExe: readonly [string, ...string[]];
  /** dtcl.exe, e.g. `['C:\\Program Files\\NSI Software\\Double-Take\\dtcl.exe']`. */
  readonly dtclExe: readonly [string, ...string[]];
  readonly doubleTakeUser: string;
  readonly doubleTakePassword: DtclSecret;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /**
   * The program's diagnostic log: every cluster.exe and dtcl.exe run is a line of its child `cluster` or
   * `doubletake` (program, arguments, exit code, duration; never the script or a password). None when absent.
   */
  readonly logger?: Logger;
}

/** The factories of the cluster.exe and dtcl.exe adapters. */
export function exeToolFactories(options: ExeToolOptions): { readonly cluster: ClusterPortFactory; readonly doubleTake: DoubleTakePortFactory } {
  const spawnOptions = {
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  };
  return {
    cluster: (cluster) => new ClusterExeAdapter({ cluster, command: options.clusterExe, ...spawnOptions }),
    doubleTake: (node) =>
      new DtclExeAdapter({ node, user: options.doubleTakeUser, password: options.doubleTakePassword, command: options.dtclExe, ...spawnOptions }),
  };
}
