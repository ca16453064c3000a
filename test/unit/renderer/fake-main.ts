import { createDispatcher, type Dispatcher, type Handlers } from '../../../src-main/contract/dispatcher';
import { createClient, type ContractClient, type ContractTransport } from '../../../src-main/contract/client';
import { err, ok } from '../../../src-main/contract/result';
import type { ClusterSummary, Environment } from '../../../src-main/contract/channels';
import type { StepInput, StepSummary } from '../../../src-main/contract/steps';

/**
 * A small main process for the renderer's tests: handlers over an in-memory cluster and step progress, behind the
 * real dispatcher, reached through a transport that serialises every message like IPC would.
 */
export interface FakeMain {
  readonly client: ContractClient;
  /** The dispatcher behind the transport, to host the fake as an App (preview server tests). */
  readonly dispatcher: Dispatcher;
  readonly transport: ContractTransport;
  /** Channels called, in order. */
  readonly calls: string[];
  readonly groups: Set<string>;
  readonly progress: Map<string, { state: StepSummary['state']; input: StepInput }>;
  /** While set, step.apply waits for it after its first progress event (to observe a running job). */
  applyGate: Promise<void> | undefined;
  clusterUp: boolean;
}

const CATALOGUE = [
  { id: '3', title: 'Back up every node and Active Directory', section: '3 Backing Up Your Environment', cluster: 'none' },
  { id: '4.1', title: 'Install Exchange', section: '4 Configuring the Source Cluster', cluster: 'source' },
  { id: '4.2.1', title: 'Create the Exchange group', section: '4 Configuring the Source Cluster', cluster: 'source' },
  { id: '5.1', title: 'Install Exchange on the target', section: '5 Configuring the Target Cluster', cluster: 'target' },
] as const;

export function createFakeMain(environment: Partial<Environment> = {}): FakeMain {
  const env: Environment = { kind: 'lab', labFolder: '/tmp/lab', sourceCluster: 'SRCCLUS', targetCluster: 'TGTCLUS', appVersion: '0.0.0', ...environment };
  const calls: string[] = [];
  const fake: FakeMain = {
    client: undefined as never,
    dispatcher: undefined as never,
    transport: undefined as never,
    calls,
    groups: new Set(),
    progress: new Map(),
    applyGate: undefined,
    clusterUp: true,
  };
  const summary = (entry: (typeof CATALOGUE)[number]): StepSummary => ({
    ...entry,
    automated: entry.id === '4.2.1',
    state: fake.progress.get(entry.id)?.state ?? 'not-started',
  });
  const clusters = (): ClusterSummary[] => [
    { name: 'SRCCLUS', up: fake.clusterUp, nodes: [{ name: 'SRC1', up: fake.clusterUp }, { name: 'SRC2', up: fake.clusterUp }], groups: [] },
    { name: 'TGTCLUS', up: true, nodes: [{ name: 'TGT1', up: true }, { name: 'TGT2', up: true }], groups: [] },
  ];
  const plan = (input: StepInput) => ({
    stepId: input.stepId,
    actions: [
      { command: `cluster SRCCLUS group "${input.form.name}" /create`, description: 'Create the group', needed: !fake.groups.has(input.form.name) },
      { command: `cluster SRCCLUS group "${input.form.name}" /prop Description="${input.form.description}"`, description: 'Describe it', needed: true },
    ],
    warnings: [],
  });
  const handlers: Handlers = {
    'environment.describe': async () => ok(env),
    'steps.list': async () => ok(CATALOGUE.map(summary)),
    'step.get': async ({ stepId }) => {
      const entry = CATALOGUE.find((e) => e.id === stepId);
      if (!entry) return err('setup/unknown-step', `No step ${stepId}`);
      const saved = fake.progress.get(stepId);
      return ok(saved ? { summary: summary(entry), input: saved.input } : { summary: summary(entry) });
    },
    'step.plan': async ({ input }) => ok(plan(input)),
    'step.apply': async ({ input }, { signal, emit }) => {
      emit({ kind: 'progress', value: 0.25, title: 'Creating the group', description: plan(input).actions[0]!.command });
      if (fake.applyGate) await fake.applyGate;
      if (signal.aborted) return err('job/cancelled', 'Cancelled before anything changed.');
      if (!fake.clusterUp) return err('setup/cluster-refused', 'The cluster refused: SRCCLUS is down.');
      fake.groups.add(input.form.name);
      emit({ kind: 'progress', value: 1, title: 'Done' });
      fake.progress.set(input.stepId, { state: 'done', input });
      return ok({ stepId: input.stepId, ok: true, checks: [{ what: `Group "${input.form.name}" exists on SRCCLUS`, ok: true }] });
    },
    'step.verify': async ({ stepId }) => {
      const saved = fake.progress.get(stepId);
      if (!saved) return err('setup/nothing-applied', 'Nothing to verify.');
      const exists = fake.groups.has(saved.input.form.name);
      return ok({ stepId, ok: exists, checks: [{ what: `Group "${saved.input.form.name}" exists on SRCCLUS`, ok: exists }] });
    },
    'lab.clusters': async () => ok(clusters()),
    'lab.power': async ({ target, on }) => {
      if (target !== 'SRCCLUS') return err('lab/power', `No cluster ${target}`);
      fake.clusterUp = on;
      return ok(clusters());
    },
    'failover.run': async () => err('test/unused', 'The wizard does not run failovers yet.'),
  };
  const recorded = Object.fromEntries(
    Object.entries(handlers).map(([channel, handler]) => [
      channel,
      (request: never, context: never) => {
        calls.push(channel);
        return (handler as (r: never, c: never) => unknown)(request, context);
      },
    ]),
  ) as unknown as Handlers;
  const dispatcher = createDispatcher(recorded);
  const listeners = new Set<(event: unknown) => void>();
  const transport: ContractTransport = {
    invoke: async (message) => {
      const result = await dispatcher.dispatch(JSON.parse(JSON.stringify(message)), (event) => {
        const copy = JSON.parse(JSON.stringify(event)) as unknown;
        for (const l of listeners) l(copy);
      });
      return JSON.parse(JSON.stringify(result)) as unknown;
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  Object.assign(fake, { transport, dispatcher, client: createClient(transport) });
  return fake;
}

/** A promise with its resolve function, to hold a handler at a known point. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
