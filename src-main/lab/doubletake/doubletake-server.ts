import { advanceConnectionOver } from './connection-progress';
import type { ConnectionState, MirrorOptions, ReplicationRule, ServerState } from './doubletake-state';
import { DOUBLE_TAKE_MESSAGES as M, DoubleTakeError, type DoubleTakeErrorCode } from './errors';
import { replicationSetNameProblem, rulePathProblem, sameRules, withoutRule, withRule } from './replication-set-rules';
import { findServerOption, parseOptionBit, SERVER_OPTION_NAMES, type OptionBit, type ServerOptionName, type ServerOptions } from './server-options';

/** A replication set as a reader sees it: both rule lists and whether they differ. */
export interface ReplicationSetView {
  readonly name: string;
  readonly rules: readonly ReplicationRule[];
  /** Rules as last saved; undefined when the set was never saved. */
  readonly savedRules: readonly ReplicationRule[] | undefined;
  /** True when the rules shown are not what a service restart would keep. */
  readonly unsavedChanges: boolean;
}

/** What a node writes into its replication sets while lab time passes, and the lab clock's stretch (ms since 1970). */
export interface ServerWrites {
  readonly bytesPerSecond: number;
  /** Whether writes no connection carries leave the other cluster's copy behind (divergedBytes). */
  readonly diverge?: boolean;
  readonly startAt?: number;
  readonly endAt?: number;
}

const NO_WRITES: ServerWrites = { bytesPerSecond: 0 };

/** How `MIRROR START` was asked for, before the server adds its own ChecksumAll option. */
export type MirrorRequest = Omit<MirrorOptions, 'checksumAllFiles'>;

/**
 * Double-Take on one lab node: server options, replication sets, connections and their mirrors, with the rules
 * the real service enforces. Every call first asks `ensureReachable`, so a node that loses power refuses even
 * through a reference taken earlier. State goes in and out as plain data (ServerState).
 */
export class DoubleTakeServer {
  private state: ServerState;

  constructor(
    readonly node: string,
    state: ServerState,
    private readonly ensureReachable: () => void,
  ) {
    this.state = structuredClone(state);
  }

  /** The server's state as data, for saving; a copy. */
  snapshot(): ServerState {
    return structuredClone(this.state);
  }

  options(): ServerOptions {
    this.ensureReachable();
    return { ...this.state.options };
  }

  /** `GET <option>`: the name is matched case-insensitively, as registry value names are. */
  getOption(name: string): OptionBit {
    this.ensureReachable();
    return this.state.options[this.optionName(name)];
  }

  /** `SET <option>=<value>`: only 0 and 1 are accepted (`"1"` as text too, as a script gives it). */
  setOption(name: string, value: unknown): void {
    this.ensureReachable();
    const option = this.optionName(name);
    const bit = parseOptionBit(value);
    if (bit === undefined) throw this.error('invalid-option-value', M.invalidOptionValue(option, value));
    this.state.options = { ...this.state.options, [option]: bit };
  }

  replicationSets(): readonly ReplicationSetView[] {
    this.ensureReachable();
    return this.state.replicationSets.map((set) => ({
      name: set.name,
      rules: structuredClone(set.rules),
      savedRules: set.savedRules === null ? undefined : structuredClone(set.savedRules),
      unsavedChanges: set.savedRules === null || !sameRules(set.rules, set.savedRules),
    }));
  }

  /** The set named exactly `name` (names are case-sensitive), or undefined. */
  replicationSet(name: string): ReplicationSetView | undefined {
    return this.replicationSets().find((set) => set.name === name);
  }

  /** `REPSET CREATE <name>`: a new, empty, unsaved set. `Sales` and `sales` are two sets. */
  createReplicationSet(name: string): void {
    this.ensureReachable();
    const problem = replicationSetNameProblem(name);
    if (problem !== undefined) throw this.error('invalid-replication-set-name', M.invalidReplicationSetName(name, problem));
    if (this.state.replicationSets.some((set) => set.name === name)) throw this.error('replication-set-exists', M.replicationSetExists(name));
    this.state.replicationSets.push({ name, rules: [], savedRules: null });
  }

  /**
   * `REPSET RULE ADD "<path>" INCLUDE|EXCLUDE [RECURSIVE] TO <name>`. A rule for a path the set already has
   * replaces it. The path need not exist on this node (the guide's second node does not own the disk).
   */
  addRule(setName: string, rule: ReplicationRule): void {
    this.ensureReachable();
    const set = this.findSet(setName);
    const problem = rulePathProblem(rule.path);
    if (problem !== undefined) throw this.error('invalid-rule-path', M.invalidRulePath(rule.path, problem));
    set.rules = withRule(set.rules, rule);
  }

  /** `REPSET RULE REMOVE "<path>" FROM <name>`. */
  removeRule(setName: string, path: string): void {
    this.ensureReachable();
    const set = this.findSet(setName);
    const problem = rulePathProblem(path);
    if (problem !== undefined) throw this.error('invalid-rule-path', M.invalidRulePath(path, problem));
    const kept = withoutRule(set.rules, path);
    if (kept === undefined) throw this.error('rule-not-found', M.ruleNotFound(setName, path));
    set.rules = kept;
  }

  /** `REPSET DELETE <name>`: refused while a connection uses the set. [assumed] deleting takes effect at once. */
  deleteReplicationSet(name: string): void {
    this.ensureReachable();
    this.findSet(name);
    const users = this.state.connections.filter((c) => c.replicationSet === name).map((c) => c.id);
    if (users.length > 0) throw this.error('replication-set-connected', M.replicationSetConnected(name, users));
    this.state.replicationSets = this.state.replicationSets.filter((set) => set.name !== name);
  }

  /** `REPSET SAVE`: saves every set on the server, so they survive a service restart. */
  saveReplicationSets(): void {
    this.ensureReachable();
    for (const set of this.state.replicationSets) set.savedRules = structuredClone(set.rules);
  }

  connections(): readonly ConnectionState[] {
    this.ensureReachable();
    return structuredClone(this.state.connections);
  }

  connection(id: number): ConnectionState {
    this.ensureReachable();
    return structuredClone(this.findConnection(id));
  }

  /** `CONNECT <set> TO <target> MAP EXACT`: returns the new connection's id. No mirror starts by itself. */
  connect(setName: string, target: string): number {
    this.ensureReachable();
    this.findSet(setName);
    if (!/^[A-Za-z0-9._:-]+$/.test(target)) throw this.error('invalid-target', M.invalidTarget(target));
    const existing = this.state.connections.find((c) => c.replicationSet === setName && c.target.toLowerCase() === target.toLowerCase());
    if (existing !== undefined) throw this.error('already-connected', M.alreadyConnected(setName, target, existing.id));
    const id = this.state.nextConnectionId;
    this.state.nextConnectionId += 1;
    this.state.connections.push({
      id,
      replicationSet: setName,
      target,
      mapping: 'exact',
      state: 'connected',
      mirror: { state: 'idle', options: null, bytesToMirror: 0, mirroredBytes: 0 },
      queuedReplicationBytes: 0,
      transmitRemainder: 0,
    });
    return id;
  }

  /** `DISCONNECT <id>`: the connection and its queue go away. */
  disconnect(id: number): void {
    this.ensureReachable();
    this.findConnection(id);
    this.state.connections = this.state.connections.filter((c) => c.id !== id);
  }

  /**
   * `MIRROR START <id> ...`. `bytesToMirror` is what this mirror will send (the caller measures the replication
   * set's data). A mirror with nothing to send completes at once. The server's ChecksumAll option is recorded.
   */
  startMirror(id: number, request: MirrorRequest, bytesToMirror: number): void {
    this.ensureReachable();
    const connection = this.findConnection(id);
    this.checkAmount('bytes to mirror', bytesToMirror);
    if (connection.mirror.state === 'started') throw this.error('mirror-running', M.mirrorRunning(id));
    const options: MirrorOptions = { ...request, checksumAllFiles: this.state.options.ChecksumAll === 1 };
    connection.mirror = { state: bytesToMirror === 0 ? 'complete' : 'started', options, bytesToMirror, mirroredBytes: 0 };
  }

  /**
   * What the next difference mirror from this node sends: the bytes Exchange wrote here while no connection carried
   * them (see ServerState.divergedBytes).
   */
  divergedBytes(): number {
    this.ensureReachable();
    return this.state.divergedBytes ?? 0;
  }

  /** A mirror started: the copies agree again once it completes, so nothing is left diverged. */
  clearDivergedBytes(): void {
    this.ensureReachable();
    delete this.state.divergedBytes;
  }

  /** `MIRROR STOP <id>`: what was sent stays counted. */
  stopMirror(id: number): void {
    this.ensureReachable();
    const connection = this.findConnection(id);
    if (connection.mirror.state !== 'started') throw this.error('mirror-not-running', M.mirrorNotRunning(id));
    connection.mirror = { ...connection.mirror, state: 'idle' };
  }

  /** The source changed `bytes` of data inside the replication set: they wait in the connection's queue. */
  replicate(id: number, bytes: number): void {
    this.ensureReachable();
    const connection = this.findConnection(id);
    this.checkAmount('replication bytes', bytes);
    connection.queuedReplicationBytes += bytes;
  }

  /** `PAUSE TARGET`: nothing is sent; changes keep queueing. */
  pause(id: number): void {
    this.ensureReachable();
    this.findConnection(id).state = 'paused';
  }

  /** `RESUME TARGET`. */
  resume(id: number): void {
    this.ensureReachable();
    this.findConnection(id).state = 'connected';
  }

  /**
   * The Double-Take service restarts (the node rebooted): unsaved replication set changes are lost, and existing
   * connections come back only when AutoReconnect is 1 — which is why the guide sets it to 0 and lets the cluster
   * resource connect. [assumed] reconnected connections keep their queue and mirror state.
   */
  restartService(): void {
    this.ensureReachable();
    this.state.replicationSets = this.state.replicationSets
      .filter((set) => set.savedRules !== null)
      .map((set) => ({ ...set, rules: structuredClone(set.savedRules ?? []) }));
    const names = new Set(this.state.replicationSets.map((set) => set.name));
    this.state.connections = this.state.options.AutoReconnect === 1 ? this.state.connections.filter((c) => names.has(c.replicationSet)) : [];
  }

  /**
   * Lab time passes for this server's connections; `canReach(target)` says whether a target can be sent to, `writes`
   * what this node writes into its sets meanwhile (Exchange running here) and the lab clock's stretch.
   */
  tick(elapsedMs: number, bytesPerSecond: number, canReach: (target: string) => boolean, writes: ServerWrites = NO_WRITES): void {
    if (writes.diverge === true && this.state.connections.length === 0 && writes.bytesPerSecond > 0) {
      // Nothing carries these writes: the other cluster's copy falls behind by them ([assumed] whole bytes per stretch).
      this.state.divergedBytes = (this.state.divergedBytes ?? 0) + Math.floor((writes.bytesPerSecond * elapsedMs) / 1000);
    }
    this.state.connections = this.state.connections.map((c) =>
      advanceConnectionOver(c, {
        elapsedMs,
        linkBytesPerSecond: bytesPerSecond,
        canSend: canReach(c.target),
        writeBytesPerSecond: writes.bytesPerSecond,
        ...(writes.startAt !== undefined ? { startAt: writes.startAt } : {}),
        ...(writes.endAt !== undefined ? { endAt: writes.endAt } : {}),
      }),
    );
  }

  private optionName(name: string): ServerOptionName {
    const option = findServerOption(name);
    if (option === undefined) throw this.error('unknown-option', M.unknownOption(name, SERVER_OPTION_NAMES));
    return option;
  }

  private findSet(name: string): ServerState['replicationSets'][number] {
    const set = this.state.replicationSets.find((candidate) => candidate.name === name);
    if (set === undefined) {
      throw this.error('replication-set-not-found', M.replicationSetNotFound(name, this.state.replicationSets.map((s) => s.name)));
    }
    return set;
  }

  private findConnection(id: number): ConnectionState {
    const connection = this.state.connections.find((candidate) => candidate.id === id);
    if (connection === undefined) throw this.error('connection-not-found', M.connectionNotFound(id));
    return connection;
  }

  private checkAmount(what: string, value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw this.error('invalid-amount', M.invalidAmount(what, value));
  }

  private error(code: DoubleTakeErrorCode, message: string): DoubleTakeError {
    return new DoubleTakeError(code, this.node, message);
  }
}
