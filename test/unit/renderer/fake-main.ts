import { createHash } from 'node:crypto';
import { createDispatcher, type Dispatcher, type Handlers } from '../../../src-main/contract/dispatcher';
import { createClient, type ContractClient, type ContractTransport } from '../../../src-main/contract/client';
import { err, ok } from '../../../src-main/contract/result';
import type { ClusterSummary, CredentialsStatus, Environment } from '../../../src-main/contract/channels';
import type { PairProblemView } from '../../../src-main/contract/pair';
import type { StepPlan, StepState, StepSummary, StepVerification } from '../../../src-main/contract/steps';
import { comparePlans } from '../../../src-main/setup/plan-changes';
import { planDigest } from '../../../src-main/setup/plan-digest';
import { profileCommands } from '../../../src-main/app/profile-service';
import { checkConnectionProfile, connectionProfileTemplate, formatConnectionProfile } from '../../../src-main/profile/connection-profile-file';
import { createFakeIncident, type FakeIncident } from './fake-incident';

/**
 * A small main process for the renderer's tests: handlers over an in-memory cluster, step progress and pair file,
 * behind the real dispatcher, reached through a transport that serialises every message like IPC would.
 */
export interface FakeMain {
  readonly client: ContractClient;
  /** The dispatcher behind the transport, to host the fake as an App (preview server tests). */
  readonly dispatcher: Dispatcher;
  readonly transport: ContractTransport;
  /** Channels called, in order. */
  readonly calls: string[];
  /** Cluster groups on SRCCLUS. */
  readonly groups: Set<string>;
  readonly progress: Map<string, StepRecord>;
  /** The pair file's text, as written by pair.save; undefined while there is no file. */
  pairFile: string | undefined;
  /** Where the pair file is (pair.open and pair.saveAs move it). */
  pairPath: string;
  /** Other files pair.open can open, and where pair.saveAs wrote, by path. */
  readonly otherFiles: Map<string, string>;
  /** The plan digests step.apply was given, in order. */
  readonly appliedDigests: string[];
  /** While set, step.apply waits for it after its first progress and log events (to observe a running job). */
  applyGate: Promise<void> | undefined;
  clusterUp: boolean;
  /** The failover panel's fake: the monitor, the prompt, the runs, the lab's failures (fake-incident.ts). */
  readonly incident: FakeIncident;
}

export interface StepRecord {
  state: StepState;
  at?: string;
  note?: string;
  plan?: StepPlan;
  verification?: StepVerification;
  /** The confirmation of the step's part done by hand (step 6). */
  handwork?: { note: string; at: string };
  /** The pair file's digest when the step was applied, verified or done by hand (absent: holds for every file). */
  pairDigest?: string;
}

const SECTION_3 = '3 Backing Up Your Environment';
const SECTION_4 = '4 Configuring the Source Cluster';
const SECTION_5 = '5 Configuring the Target Cluster';
const SECTION_6 = '6 Bringing the Components Online and Beginning Monitoring';
const CATALOGUE = [
  { id: '3', title: 'Back up every node and Active Directory', section: SECTION_3, cluster: 'none', kind: 'manual', requires: [] },
  { id: '4.2.1', title: 'Create the Exchange group', section: SECTION_4, cluster: 'source', kind: 'automated', requires: ['3'] },
  { id: '4.2.2', title: 'Create the Exchange IP Address resource', section: SECTION_4, cluster: 'source', kind: 'automated', requires: ['4.2.1'] },
  { id: '5.1', title: 'Install Exchange on the target', section: SECTION_5, cluster: 'target', kind: 'automated', requires: ['4.2.1'] },
  { id: '6', title: 'Bring the source group online and begin monitoring', section: SECTION_6, cluster: 'both', kind: 'automated', requires: ['4.2.1'] },
] as const satisfies readonly Omit<StepSummary, 'state'>[];

/** The part of step 6 only the administrator can do, as the fake's catalogue has it. */
export const FAKE_HANDWORK = 'The Failover Control Center monitor entered on each target node';
const MONITOR_CHECK = 'The administrator confirmed the monitor was entered on TGT1, TGT2';

export const FAKE_PAIR_PATH = '/tmp/lab/pair.json';

/** A small pair document of the same shape as the real one (the parts the tests edit). */
export function fakePairDocument() {
  const side = (subnet: string, cluster: string) => ({
    cluster: { name: cluster, nodes: [{ name: `${cluster.slice(0, 3)}1`, doubleTakeFolder: 'C:\\Program Files\\NSI Software\\Double-Take' }] },
    group: { name: 'Exchange Group', description: 'Exchange virtual server' },
    ipAddress: { resourceName: 'Exchange IP Address', address: `${subnet}.20`, subnetMask: '255.255.255.0', network: 'Public' },
    physicalDisks: [{ resourceName: 'Disk E:', drive: 'E', signature: 0x5a17e0e0 }],
  });
  return {
    version: 1,
    source: side('10.0.0', 'SRCCLUS'),
    target: side('10.1.0', 'TGTCLUS'),
    replicationSet: { name: 'Exchange', rules: [{ path: 'E:\\Exchsrvr', mode: 'include', recursive: true }] },
  };
}

const CONTIGUOUS_MASKS = new Set(Array.from({ length: 32 }, (_v, bits) => {
  const value = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}).slice(1).concat('255.255.255.255'));

/** The fake's field rules: enough to show each problem lands by its path. */
export function fakePairProblems(document: unknown): PairProblemView[] {
  const problems: PairProblemView[] = [];
  const doc = document as ReturnType<typeof fakePairDocument> | undefined;
  if (typeof doc !== 'object' || doc === null) return [{ path: '(document)', message: 'Not a pair document.' }];
  for (const role of ['source', 'target'] as const) {
    const side = doc[role];
    if (!CONTIGUOUS_MASKS.has(side.ipAddress.subnetMask)) {
      problems.push({ path: `${role}.ipAddress.subnetMask`, message: `${side.ipAddress.subnetMask} is not a contiguous mask; a subnet mask is ones then zeros, such as 255.255.255.0.` });
    }
    if (side.group.name.trim() === '') problems.push({ path: `${role}.group.name`, message: 'Enter a group name.' });
    side.physicalDisks.forEach((disk, i) => {
      if (typeof disk.signature !== 'number') problems.push({ path: `${role}.physicalDisks[${i}].signature`, message: 'Invalid input: expected number, received string' });
    });
  }
  if (doc.replicationSet.rules.length === 0) problems.push({ path: 'replicationSet.rules', message: 'List at least one rule.' });
  doc.replicationSet.rules.forEach((rule, i) => {
    if (rule.path.trim() === '') problems.push({ path: `replicationSet.rules[${i}].path`, message: 'Give a path such as E:\\Exchsrvr.' });
  });
  return problems;
}

/** The lab's credentials: none needed, none held. */
const NO_CREDENTIALS: CredentialsStatus = { items: [], canRemember: false };

export function createFakeMain(environment: Partial<Environment> = {}): FakeMain {
  const env: Environment = { kind: 'lab', name: 'Lab', title: 'Lab — SRCCLUS → TGTCLUS', warnings: [], labFolder: '/tmp/lab', sourceCluster: 'SRCCLUS', targetCluster: 'TGTCLUS', appVersion: '0.0.0', ...environment };
  const calls: string[] = [];
  const fake: FakeMain = {
    client: undefined as never,
    dispatcher: undefined as never,
    transport: undefined as never,
    calls,
    groups: new Set(),
    progress: new Map([['3', { state: 'done-by-hand', note: 'The lab holds nothing to lose.' }]]),
    pairFile: JSON.stringify(fakePairDocument(), null, 2),
    pairPath: FAKE_PAIR_PATH,
    otherFiles: new Map(),
    appliedDigests: [],
    applyGate: undefined,
    clusterUp: true,
    incident: undefined as never,
  };
  const entryOf = (id: string) => CATALOGUE.find((e) => e.id === id);
  const summary = (entry: (typeof CATALOGUE)[number]): StepSummary => {
    const record = fake.progress.get(entry.id);
    // As the setup service does: an outcome reached under another pair file needs rechecking under this one.
    const reached = record?.state;
    const recheckOf = reached === 'applied' || reached === 'verified' || reached === 'done-by-hand' ? reached : undefined;
    const stale = recheckOf !== undefined && record?.pairDigest !== undefined && record.pairDigest !== pairDigestNow();
    return {
      ...entry,
      requires: [...entry.requires],
      state: stale ? 'needs-recheck' : (record?.state ?? 'not-started'),
      ...(stale ? { stale: true, recheckOf } : {}),
      ...(record?.at !== undefined ? { at: record.at } : {}),
      ...(record?.note !== undefined ? { note: record.note } : {}),
    };
  };
  const detail = (entry: (typeof CATALOGUE)[number]) => {
    const record = fake.progress.get(entry.id);
    return {
      summary: summary(entry),
      ...(record?.plan !== undefined ? { plan: record.plan } : {}),
      ...(record?.verification !== undefined ? { verification: record.verification } : {}),
      ...(entry.id === '6' ? { handwork: { what: FAKE_HANDWORK, ...(record?.handwork !== undefined ? { confirmation: record.handwork } : {}) } } : {}),
    };
  };
  const update = (id: string, patch: Partial<StepRecord>): void => {
    fake.progress.set(id, { ...(fake.progress.get(id) ?? { state: 'not-started' }), ...patch, at: new Date().toISOString() });
  };
  const pair = () => JSON.parse(fake.pairFile ?? 'null') as ReturnType<typeof fakePairDocument>;
  const pairDigestNow = (): string => createHash('sha256').update(fake.pairFile ?? '').digest('hex');
  const clusters = (): ClusterSummary[] => [
    { name: 'SRCCLUS', up: fake.clusterUp, nodes: [{ name: 'SRC1', up: fake.clusterUp }, { name: 'SRC2', up: fake.clusterUp }], groups: [] },
    { name: 'TGTCLUS', up: true, nodes: [{ name: 'TGT1', up: true }, { name: 'TGT2', up: true }], groups: [] },
  ];
  /** Every plan the fake showed, by digest, to say what changed when Apply finds another. */
  const shown = new Map<string, StepPlan>();
  const planOf = (stepId: string): StepPlan => {
    const name = pair().source.group.name;
    const plan = {
      stepId,
      pairDigest: createHash('sha256').update(fake.pairFile ?? '').digest('hex'),
      actions:
        stepId === '3'
          ? []
          : [
              { tool: 'cluster', target: 'SRCCLUS', command: `cluster SRCCLUS group "${name}" /create`, description: 'Create the group', needed: !fake.groups.has(name) },
              { tool: 'record', target: 'progress', command: `record ${stepId}`, description: 'Record the step', needed: false },
            ],
      warnings: stepId === '3' ? ['Take the backups first.'] : [],
      findings: [`The group is "${name}".`],
    } satisfies Omit<StepPlan, 'digest'>;
    const digested: StepPlan = { ...plan, digest: planDigest(plan) };
    shown.set(digested.digest, digested);
    return digested;
  };
  const verificationOf = (stepId: string): StepVerification => {
    const name = pair().source.group.name;
    const exists = fake.groups.has(name);
    const checks = [{ what: `Group "${name}" exists on SRCCLUS`, ok: exists, ...(exists ? {} : { detail: 'no such group' }) }];
    if (stepId === '6') {
      const confirmed = fake.progress.get('6')?.handwork;
      checks.push({ what: MONITOR_CHECK, ok: confirmed !== undefined, detail: confirmed?.note ?? 'Not confirmed yet.' });
    }
    return { stepId, ok: checks.every((c) => c.ok), checks, at: new Date().toISOString() };
  };
  const { incident, handlers: incidentHandlers } = createFakeIncident({ sourcePowered: () => fake.clusterUp, clusters: () => clusters() });
  Object.assign(fake, { incident });
  const handlers: Handlers = {
    'environment.describe': async () => ok(env),
    'steps.list': async () => ok(CATALOGUE.map(summary)),
    'step.get': async ({ stepId }) => {
      const entry = entryOf(stepId);
      return entry ? ok(detail(entry)) : err('setup/unknown-step', `No step ${stepId}`);
    },
    'step.plan': async ({ stepId }) => {
      const plan = planOf(stepId);
      const before = fake.progress.get(stepId);
      update(stepId, { plan, ...(before === undefined || before.state === 'not-started' ? { state: 'planned' as const } : {}) });
      return ok(plan);
    },
    'step.apply': async ({ stepId, planDigest: seen }, { signal, emit }) => {
      const entry = entryOf(stepId);
      if (!entry || entry.kind === 'manual') return err('setup/manual-step', 'Confirm it with a note.');
      const missing = entry.requires.filter((id) => {
        const required = entryOf(id);
        return required === undefined || !['verified', 'done-by-hand'].includes(summary(required).state);
      });
      if (missing.length > 0) return err('setup/prerequisite', `Needs ${missing.join(', ')} first.`);
      const plan = planOf(stepId);
      fake.appliedDigests.push(seen);
      if (plan.digest !== seen) {
        update(stepId, { plan });
        return ok({ kind: 'plan-changed', plan, changes: comparePlans(shown.get(seen), plan) });
      }
      emit({ kind: 'progress', value: 0.25, title: 'Creating the group', description: plan.actions[0]!.command });
      emit({ kind: 'log', level: 'info', line: `SRCCLUS: ${plan.actions[0]!.command}` });
      if (fake.applyGate) await fake.applyGate;
      if (signal.aborted) return err('job/cancelled', 'Cancelled before anything changed.');
      if (!fake.clusterUp) {
        update(stepId, { state: 'failed' });
        return err('setup/cluster-refused', 'The cluster refused: SRCCLUS is down.');
      }
      fake.groups.add(pair().source.group.name);
      const verification = verificationOf(stepId);
      emit({ kind: 'log', level: 'info', line: `OK: ${verification.checks[0]!.what}` });
      emit({ kind: 'progress', value: 1, title: 'Verified' });
      update(stepId, { state: verification.ok ? 'verified' : 'failed', plan, verification, pairDigest: pairDigestNow() });
      return ok({ kind: 'applied', verification });
    },
    'step.verify': async ({ stepId }) => {
      const verification = verificationOf(stepId);
      const before = fake.progress.get(stepId);
      update(stepId, { verification, state: !verification.ok ? 'failed' : before?.state === 'done-by-hand' ? 'done-by-hand' : 'verified', pairDigest: pairDigestNow() });
      return ok(verification);
    },
    'step.markDone': async ({ stepId, note }) => {
      const entry = entryOf(stepId);
      if (!entry) return err('setup/unknown-step', `No step ${stepId}`);
      update(stepId, { state: 'done-by-hand', note, pairDigest: pairDigestNow() });
      return ok(detail(entry));
    },
    'step.confirm': async ({ stepId, note }) => {
      const entry = entryOf(stepId);
      if (!entry) return err('setup/unknown-step', `No step ${stepId}`);
      if (entry.id !== '6') return err('setup/no-handwork', `Step ${stepId} has no part done by hand to confirm.`);
      const record = fake.progress.get(stepId) ?? { state: 'not-started' as const };
      fake.progress.set(stepId, { ...record, handwork: { note, at: new Date().toISOString() } });
      return ok(detail(entry));
    },
    'pair.get': async () => {
      if (fake.pairFile === undefined) {
        return ok({ path: fake.pairPath, problems: [{ path: '(document)', message: 'There is no pair document yet.' }], saved: false });
      }
      const document = JSON.parse(fake.pairFile) as unknown;
      return ok({ path: fake.pairPath, document, problems: fakePairProblems(document), saved: false });
    },
    'pair.open': async ({ path = '' }) => {
      const text = path === fake.pairPath ? fake.pairFile : fake.otherFiles.get(path);
      if (!path.startsWith('/') || !path.endsWith('.json')) return err('pair/location', `"${path}" is not a full path to a .json file.`);
      if (text === undefined) return err('pair/location', `There is no file at ${path}.`);
      if (fake.pairFile !== undefined) fake.otherFiles.set(fake.pairPath, fake.pairFile);
      fake.pairPath = path;
      fake.pairFile = text;
      const document = JSON.parse(text) as unknown;
      return ok({ path, document, problems: fakePairProblems(document), saved: false });
    },
    'pair.new': async ({ path = '' }) => {
      if (!path.startsWith('/') || !path.endsWith('.json')) return err('pair/location', `"${path}" is not a full path to a .json file.`);
      if (fake.otherFiles.has(path) || path === fake.pairPath) return err('pair/location', `${path} already exists.`);
      if (fake.pairFile !== undefined) fake.otherFiles.set(fake.pairPath, fake.pairFile);
      const document = { ...fakePairDocument(), source: { ...fakePairDocument().source, group: { name: '', description: '' } } };
      fake.pairPath = path;
      fake.pairFile = JSON.stringify(document, null, 2);
      return ok({ path, document, problems: fakePairProblems(document), saved: false });
    },
    'pair.saveAs': async ({ path = '', document, replace }) => {
      if (!path.startsWith('/') || !path.endsWith('.json')) return err('pair/location', `"${path}" is not a full path to a .json file.`);
      if (fake.otherFiles.has(path) && !replace) return err('pair/exists', `${path} already exists; choose Replace to write over it.`);
      const problems = fakePairProblems(document);
      if (problems.length > 0) return ok({ path: fake.pairPath, document, problems, saved: false });
      if (fake.pairFile !== undefined) fake.otherFiles.set(fake.pairPath, fake.pairFile);
      fake.otherFiles.delete(path);
      fake.pairPath = path;
      fake.pairFile = JSON.stringify(document, null, 2);
      return ok({ path, document, problems: [], saved: true });
    },
    'pair.check': async ({ document }) => ok({ problems: fakePairProblems(document) }),
    'pair.save': async ({ document }) => {
      const problems = fakePairProblems(document);
      if (problems.length > 0) return ok({ path: fake.pairPath, document, problems, saved: false });
      fake.pairFile = JSON.stringify(document, null, 2);
      return ok({ path: fake.pairPath, document, problems: [], saved: true });
    },
    'profile.template': async () => ok({ profile: connectionProfileTemplate() }),
    'profile.check': async ({ profile }) => {
      const check = checkConnectionProfile(profile);
      return ok({ problems: check.ok ? [] : [...check.problems] });
    },
    // profile.saveAs writes into otherFiles, like pair.saveAs (a full path to a .json file).
    'profile.saveAs': async ({ path = '', profile, replace }) => {
      const check = checkConnectionProfile(profile);
      if (!check.ok) return ok({ saved: false as const, problems: [...check.problems] });
      if (!path.startsWith('/') || !path.endsWith('.json')) return err('profile/location', `"${path}" is not a full path to a .json file.`);
      if ((fake.otherFiles.has(path) || path === fake.pairPath) && !replace) return err('profile/exists', `${path} already exists; nothing was written.`);
      fake.otherFiles.set(path, formatConnectionProfile(check.profile));
      return ok({ saved: true as const, path, commands: profileCommands(fake.pairPath, path) });
    },
    'credentials.status': async () => ok(NO_CREDENTIALS),
    'credentials.set': async () => err('credentials/unavailable', 'The lab needs no password.'),
    'credentials.forget': async () => ok(NO_CREDENTIALS),
    'preflight.run': async () => ok({ passed: false, cancelled: false, checks: [] }),
    'lab.clusters': async () => ok(clusters()),
    'lab.power': async ({ target, on }) => {
      if (target !== 'SRCCLUS') return err('lab/power', `No cluster ${target}`);
      fake.clusterUp = on;
      return ok(clusters());
    },
    'failover.run': async () => err('contract/handler-failed', 'The wizard does not run failovers yet.'),
    ...incidentHandlers,
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
