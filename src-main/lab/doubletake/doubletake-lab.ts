import { canonicalNodeName, nodeNameProblem } from '../../nodes/node-name';
import { ALL_LAB_NODES } from '../topology';
import { DoubleTakeServer } from './doubletake-server';
import { describeZodError, doubleTakeLabStateSchema, type DoubleTakeLabState, type ServerState } from './doubletake-state';
import { DoubleTakeError, serverUnreachableMessage } from './errors';
import { DEFAULT_SERVER_OPTIONS } from './server-options';
import { DEFAULT_LAB_WRITE_BYTES_PER_SECOND } from './connection-progress';

/** [assumed] the lab's link between clusters: 1 MiB/s, slow enough that a monitor shows mirroring progress. */
export const DEFAULT_LAB_BYTES_PER_SECOND = 1_048_576;

/** The most lab time one catch-up moves the connections by: a lab left closed for a day moves one hour. */
export const MAX_LAB_ADVANCE_MS = 3_600_000;

/**
 * What the Double-Take lab asks of the rest of the lab; by default everything is up, nothing writes, and lab time
 * moves only by tick().
 */
export interface DoubleTakeLabOptions {
  /** Lab power: a node that is down cannot be reached by Double-Take's tools. */
  readonly isNodeUp?: (node: string) => boolean;
  /**
   * Whether a connection's target address answers from the sending node (the target cluster's Double-Take IP
   * Address is online, and no failure cuts the link between them).
   */
  readonly isTargetReachable?: (target: string, from: string) => boolean;
  /** Whether `node` runs a mounted Exchange server, whose writes join its connections' queues. */
  readonly isWriting?: (node: string) => boolean;
  /**
   * Whether `node` holds a copy of the other cluster's Exchange data, so that what it writes while no connection
   * carries it is what a later difference mirror from it sends (divergedBytes). Default: no node.
   */
  readonly holdsCopy?: (node: string) => boolean;
  /**
   * The lab clock (ms since 1970). Given, lab time follows it: whenever the state is loaded or read, the connections
   * move by the time passed since they were last advanced (at most MAX_LAB_ADVANCE_MS at once, never backwards).
   */
  readonly now?: () => number;
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
  private readonly isTargetReachable: (target: string, from: string) => boolean;
  private readonly isWriting: (node: string) => boolean;
  private readonly holdsCopy: (node: string) => boolean;
  private readonly writeBytesPerSecond: number;
  private readonly now: (() => number) | undefined;
  private advancedAt: number | undefined;
  private advancing = false;

  private constructor(state: DoubleTakeLabState, options: DoubleTakeLabOptions) {
    this.bytesPerSecond = state.bytesPerSecond;
    this.writeBytesPerSecond = state.writeBytesPerSecond ?? DEFAULT_LAB_WRITE_BYTES_PER_SECOND;
    this.advancedAt = state.advancedAt;
    this.isNodeUp = options.isNodeUp ?? (() => true);
    this.isTargetReachable = options.isTargetReachable ?? (() => true);
    this.isWriting = options.isWriting ?? (() => false);
    this.holdsCopy = options.holdsCopy ?? (() => false);
    this.now = options.now;
    for (const [node, server] of Object.entries(state.servers)) {
      this.servers.set(
        node,
        new DoubleTakeServer(node, server, () => {
          this.catchUp();
          this.ensureReachable(node);
        }),
      );
    }
    this.catchUp();
  }

  /** A lab with Double-Take freshly installed on `nodes` (the four lab nodes by default). */
  static create(nodes: readonly string[] = ALL_LAB_NODES, options: DoubleTakeLabOptions = {}): DoubleTakeLab {
    const servers: Record<string, ServerState> = {};
    for (const node of nodes) {
      const problem = nodeNameProblem(node);
      if (problem !== undefined) throw new DoubleTakeLabStateError(problem);
      servers[canonicalNodeName(node)] = freshServerState();
    }
    return new DoubleTakeLab({ version: 1, bytesPerSecond: DEFAULT_LAB_BYTES_PER_SECOND, writeBytesPerSecond: DEFAULT_LAB_WRITE_BYTES_PER_SECOND, servers }, options);
  }

  /** Reads a state as `toJSON` wrote it, refusing any bad field with its path. `source` names the file in messages. */
  static fromJSON(value: unknown, options: DoubleTakeLabOptions = {}, source = 'Double-Take lab state'): DoubleTakeLab {
    const parsed = doubleTakeLabStateSchema.safeParse(value);
    if (!parsed.success) throw new DoubleTakeLabStateError(`${source} is not valid:\n${describeZodError(parsed.error)}`);
    return new DoubleTakeLab(parsed.data, options);
  }

  /** The state as of now (lab time caught up first when it follows a clock). */
  toJSON(): DoubleTakeLabState {
    this.catchUp();
    const servers: Record<string, ServerState> = {};
    for (const [node, server] of this.servers) servers[node] = server.snapshot();
    return {
      version: 1,
      bytesPerSecond: this.bytesPerSecond,
      writeBytesPerSecond: this.writeBytesPerSecond,
      ...(this.advancedAt !== undefined ? { advancedAt: this.advancedAt } : {}),
      servers,
    };
  }

  /**
   * The state without what only the clock moves (when it was advanced, the carried fractions of a byte, when each
   * queue was last empty), as JSON text: equal texts mean nothing a reader sees changed, so nothing needs saving.
   */
  visibleStateText(): string {
    const state = this.toJSON();
    const servers = Object.fromEntries(
      Object.entries(state.servers).map(([node, server]) => [
        node,
        { ...server, connections: server.connections.map(({ transmitRemainder: _t, writeRemainder: _w, lastEmptyAt: _l, ...rest }) => rest) },
      ]),
    );
    return JSON.stringify({ ...state, advancedAt: undefined, servers });
  }

  /**
   * Lab time catches up with the clock (when one was given): every connection moves by the time passed since the
   * last catch-up, capped at MAX_LAB_ADVANCE_MS; a clock that went back moves nothing and lab time starts again
   * from it. Called by every read and change, and when a state is loaded. Returns the milliseconds applied.
   */
  catchUp(): number {
    if (this.now === undefined || this.advancing) return 0;
    const now = this.now();
    if (!Number.isSafeInteger(now) || now < 0) throw new RangeError(`the lab clock gave ${now}, not a time in whole milliseconds`);
    const from = this.advancedAt;
    this.advancedAt = now;
    if (from === undefined || now <= from) return 0;
    const elapsed = Math.min(now - from, MAX_LAB_ADVANCE_MS);
    this.advance(elapsed, now - elapsed, now);
    return elapsed;
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
    this.advance(elapsedMs);
  }

  private advance(elapsedMs: number, startAt?: number, endAt?: number): void {
    // A callback of the rest of the lab may read Double-Take again: it sees the state as it was, not a second advance.
    this.advancing = true;
    try {
      for (const [node, server] of this.servers) {
        if (!this.isNodeUp(node)) continue;
        const writes = {
          bytesPerSecond: this.isWriting(node) ? this.writeBytesPerSecond : 0,
          diverge: this.holdsCopy(node),
          ...(startAt !== undefined ? { startAt } : {}),
          ...(endAt !== undefined ? { endAt } : {}),
        };
        server.tick(elapsedMs, this.bytesPerSecond, (target) => this.isTargetReachable(target, node), writes);
      }
    } finally {
      this.advancing = false;
    }
  }

  private ensureReachable(node: string): void {
    if (!this.servers.has(node) || !this.isNodeUp(node)) {
      throw new DoubleTakeError('server-unreachable', node, serverUnreachableMessage(node));
    }
  }
}
