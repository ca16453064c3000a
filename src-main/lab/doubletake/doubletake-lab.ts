import { canonicalNodeName, nodeNameProblem } from '../../nodes/node-name';
import { ALL_LAB_NODES } from '../topology';
import { DoubleTakeServer } from './doubletake-server';
import { describeZodError, doubleTakeLabStateSchema, type DoubleTakeLabState, type ServerState } from './doubletake-state';
import { DoubleTakeError, serverUnreachableMessage } from './errors';
import { DEFAULT_SERVER_OPTIONS } from './server-options';

/** [assumed] the lab's link between clusters: 1 MiB/s, slow enough that a monitor shows mirroring progress. */
export const DEFAULT_LAB_BYTES_PER_SECOND = 1_048_576;

/** What the Double-Take lab asks of the rest of the lab; both default to "everything is up". */
export interface DoubleTakeLabOptions {
  /** Lab power: a node that is down cannot be reached by Double-Take's tools. */
  readonly isNodeUp?: (node: string) => boolean;
  /** Whether a connection's target address answers (the target cluster's Double-Take IP Address is online). */
  readonly isTargetReachable?: (target: string) => boolean;
}

/** A lab state file that cannot be used; the message names the file (when known) and each bad field. */
export class DoubleTakeLabStateError extends Error {
  override readonly name = 'DoubleTakeLabStateError';
}

/** A fresh server as "installed using the installation defaults": default options, no sets, no connections. */
export function freshServerState(): ServerState {
  return { options: { ...DEFAULT_SERVER_OPTIONS }, replicationSets: [], connections: [], nextConnectionId: 1 };
}

/**
 * Double-Take on every lab node, in one object the lab adapter, the dtcl.exe emulator and the monitor share.
 * Serializable: `toJSON` gives the validated state; `fromJSON` checks one and names the bad field.
 */
export class DoubleTakeLab {
  private readonly servers = new Map<string, DoubleTakeServer>();
  private readonly bytesPerSecond: number;
  private readonly isNodeUp: (node: string) => boolean;
  private readonly isTargetReachable: (target: string) => boolean;

  private constructor(state: DoubleTakeLabState, options: DoubleTakeLabOptions) {
    this.bytesPerSecond = state.bytesPerSecond;
    this.isNodeUp = options.isNodeUp ?? (() => true);
    this.isTargetReachable = options.isTargetReachable ?? (() => true);
    for (const [node, server] of Object.entries(state.servers)) {
      this.servers.set(node, new DoubleTakeServer(node, server, () => this.ensureReachable(node)));
    }
  }

  /** A lab with Double-Take freshly installed on `nodes` (the four lab nodes by default). */
  static create(nodes: readonly string[] = ALL_LAB_NODES, options: DoubleTakeLabOptions = {}): DoubleTakeLab {
    const servers: Record<string, ServerState> = {};
    for (const node of nodes) {
      const problem = nodeNameProblem(node);
      if (problem !== undefined) throw new DoubleTakeLabStateError(problem);
      servers[canonicalNodeName(node)] = freshServerState();
    }
    return new DoubleTakeLab({ version: 1, bytesPerSecond: DEFAULT_LAB_BYTES_PER_SECOND, servers }, options);
  }

  /** Reads a state as `toJSON` wrote it, refusing any bad field with its path. `source` names the file in messages. */
  static fromJSON(value: unknown, options: DoubleTakeLabOptions = {}, source = 'Double-Take lab state'): DoubleTakeLab {
    const parsed = doubleTakeLabStateSchema.safeParse(value);
    if (!parsed.success) throw new DoubleTakeLabStateError(`${source} is not valid:\n${describeZodError(parsed.error)}`);
    return new DoubleTakeLab(parsed.data, options);
  }

  toJSON(): DoubleTakeLabState {
    const servers: Record<string, ServerState> = {};
    for (const [node, server] of this.servers) servers[node] = server.snapshot();
    return { version: 1, bytesPerSecond: this.bytesPerSecond, servers };
  }

  /** The lab's node names (upper case), in the order they were created. */
  nodes(): readonly string[] {
    return [...this.servers.keys()];
  }

  /**
   * Double-Take on `node` (any case). A node that is down or has no Double-Take refuses, now and on every later call
   * through the returned object, with the message Double-Take's tools print.
   */
  server(node: string): DoubleTakeServer {
    const canonical = canonicalNodeName(node);
    this.ensureReachable(canonical);
    const server = this.servers.get(canonical);
    if (server === undefined) throw new DoubleTakeError('server-unreachable', canonical, serverUnreachableMessage(canonical));
    return server;
  }

  /**
   * Lab time passes: every connection on a node that is up, to a target that answers, sends for `elapsedMs`.
   * Deterministic; ticking in pieces ends where one tick of the sum ends.
   */
  tick(elapsedMs: number): void {
    if (!Number.isSafeInteger(elapsedMs) || elapsedMs < 0 || !Number.isSafeInteger(elapsedMs * this.bytesPerSecond)) {
      throw new RangeError(`tick needs a whole number of milliseconds of at least 0, not ${elapsedMs}`);
    }
    for (const [node, server] of this.servers) {
      if (this.isNodeUp(node)) server.tick(elapsedMs, this.bytesPerSecond, this.isTargetReachable);
    }
  }

  private ensureReachable(node: string): void {
    if (!this.servers.has(node) || !this.isNodeUp(node)) {
      throw new DoubleTakeError('server-unreachable', node, serverUnreachableMessage(node));
    }
  }
}
