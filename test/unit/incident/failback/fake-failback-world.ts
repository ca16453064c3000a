/**
 * A hand-made incident world for the failback steps' unit tests: clusters, Double-Take connections and Exchange as
 * plain data the test changes, a clock that moves only when the world sleeps, and every cluster command recorded.
 */
import type { ClusterCommand, ClusterPort, GroupInfo, NodeInfo, ResourceInfo } from '../../../../src-main/cluster/port';
import { ClusterError } from '../../../../src-main/cluster/port';
import type { ConnectionInfo, DoubleTakePort } from '../../../../src-main/doubletake/port';
import type { IncidentWorld, MailboxCheck, StoreMount } from '../../../../src-main/incident/incident-world';
import type { OperatorAnswer, OperatorQuestion, RunbookContext, RunbookProgress } from '../../../../src-main/incident/runbook/runbook-step';
import type { TimelineEventInput } from '../../../../src-main/incident/runbook/timeline-event';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import type { PairDocument } from '../../../../src-main/pair/pair-document-schema';

export interface FakeCluster {
  nodes: NodeInfo[];
  groups: GroupInfo[];
  resources: ResourceInfo[];
  /** Set: every read and command fails as an unreachable cluster. */
  unreachable?: string;
  readonly commands: ClusterCommand[];
}

export interface FakeState {
  readonly source: FakeCluster;
  readonly target: FakeCluster;
  /** Double-Take connections by node. */
  connections: Record<string, ConnectionInfo[]>;
  stores: StoreMount[];
  mailboxes: MailboxCheck;
  writeErrors: Record<string, string[]>;
  /** Called after every sleep (the test moves the world on). */
  onSleep?: (ms: number) => void;
  now: Date;
}

export const T0 = new Date('2026-11-25T03:00:00Z');

export function resource(name: string, type: string, state: ResourceInfo['state'], dependencies: string[] = [], group = 'Exchange Group'): ResourceInfo {
  return { name, group, type, description: '', state, owner: 'TGT1', dependencies, possibleOwners: ['TGT1', 'TGT2'], privateProperties: {} };
}

export function connection(overrides: Partial<ConnectionInfo> = {}): ConnectionInfo {
  return {
    id: 1,
    replicationSet: 'Exchange',
    target: '10.0.0.10',
    state: 'connected',
    mirrorState: 'complete',
    bytesToMirror: 0,
    mirroredBytes: 0,
    queuedReplicationBytes: 0,
    ...overrides,
  };
}

function fakePort(name: string, cluster: FakeCluster): ClusterPort {
  const check = (): void => {
    if (cluster.unreachable !== undefined) throw new ClusterError(1722, cluster.unreachable);
  };
  return {
    cluster: name,
    async run(command) {
      check();
      cluster.commands.push(command);
    },
    async nodes() {
      check();
      return cluster.nodes;
    },
    async groups() {
      check();
      return cluster.groups;
    },
    async resources() {
      check();
      return cluster.resources;
    },
  };
}

export function fakeState(): FakeState {
  return {
    source: {
      nodes: [
        { name: 'SRC1', state: 'Up' },
        { name: 'SRC2', state: 'Down' },
      ],
      groups: [{ name: 'Exchange Group', description: '', state: 'Offline', owner: 'SRC1', preferredOwners: [] }],
      resources: [],
      commands: [],
    },
    target: {
      nodes: [
        { name: 'TGT1', state: 'Up' },
        { name: 'TGT2', state: 'Up' },
      ],
      groups: [{ name: 'Exchange Group', description: '', state: 'Online', owner: 'TGT1', preferredOwners: [] }],
      resources: [],
      commands: [],
    },
    connections: {},
    stores: [],
    mailboxes: { total: 0, opened: 0, failures: [], method: 'opened' },
    writeErrors: {},
    now: T0,
  };
}

export function fakeWorld(state: FakeState): IncidentWorld {
  const doubleTake = (node: string): DoubleTakePort => ({
    node: node.toUpperCase(),
    run: async () => undefined,
    options: async () => ({ AutoReconnect: 0, ChecksumAll: 1 }),
    replicationSets: async () => [],
    connections: async () => state.connections[node.toUpperCase()] ?? [],
  });
  return {
    kind: 'lab',
    setup: {
      kind: 'lab',
      source: fakePort('SRCCLUS', state.source),
      target: fakePort('TGTCLUS', state.target),
      doubleTake,
      doubleTakeUser: 'LAB\\dtadmin',
      nodeFiles: {} as IncidentWorld['setup']['nodeFiles'],
      readExchange: () => Promise.reject(new Error('not in this fake')),
      readExchangeServer: () => Promise.reject(new Error('not in this fake')),
      directoryName: 'the fake directory',
      now: () => state.now,
    },
    connectDirectory: () => Promise.reject(new Error('no directory in this fake')),
    probe: () => {
      throw new Error('no probe in this fake');
    },
    secondPath: () => Promise.reject(new Error('no second path in this fake')),
    exchange: {
      stores: async () => state.stores,
      openMailboxes: async () => state.mailboxes,
    },
    doubleTakeLog: async (node) => ({ node, source: 'fake', writeErrors: state.writeErrors[node] ?? [] }),
    now: () => state.now,
    async sleep(ms, signal) {
      signal.throwIfAborted();
      state.now = new Date(state.now.getTime() + ms);
      state.onSleep?.(ms);
    },
  };
}

export interface FakeRun {
  readonly context: RunbookContext;
  readonly progress: RunbookProgress[];
  readonly timeline: TimelineEventInput[];
  readonly questions: OperatorQuestion[];
  readonly answers: OperatorAnswer[];
  readonly records: Map<string, Readonly<Record<string, unknown>>>;
  readonly abort: AbortController;
}

export function fakeRun(state: FakeState, options: { pair?: PairDocument; dryRun?: boolean; journalFolder?: string } = {}): FakeRun {
  const progress: RunbookProgress[] = [];
  const timeline: TimelineEventInput[] = [];
  const questions: OperatorQuestion[] = [];
  const answers: OperatorAnswer[] = [];
  const records = new Map<string, Readonly<Record<string, unknown>>>();
  const abort = new AbortController();
  const context: RunbookContext = {
    pair: options.pair ?? labPairDocument(),
    world: fakeWorld(state),
    dryRun: options.dryRun ?? false,
    signal: abort.signal,
    journalFolder: options.journalFolder ?? '/nonexistent/journals',
    log: () => undefined,
    progress: (p) => progress.push(p),
    async timeline(event) {
      timeline.push(event);
    },
    async ask(question) {
      questions.push(question);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected question: ${question.text}`);
      return answer;
    },
    recorded: (id) => records.get(id),
    async record(id, data) {
      records.set(id, data);
    },
  };
  return { context, progress, timeline, questions, answers, records, abort };
}
