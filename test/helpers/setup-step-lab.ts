import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { exchangeDns } from '../../src-main/lab/directory/exchange-names';
import { doubleTakeLabFile } from '../../src-main/lab/doubletake/doubletake-lab-file';
import { openLab, LAB_CLUSTERS_FILE, type Lab } from '../../src-main/lab/lab';
import { labPairDocument } from '../../src-main/lab/lab-pair-document';
import type { PairDocument } from '../../src-main/pair/pair-document-schema';
import { labSetupWorld } from '../../src-main/lab/adapters/lab-setup-world';
import type { SetupStep, SetupStepContext, SetupStepPlan, StepRecordData } from '../../src-main/setup/setup-step';
import type { SetupWorld } from '../../src-main/setup/setup-world';

/** What one context may change from the lab's defaults. */
export interface StepContextOptions {
  /** Replaces parts of the lab's setup world (e.g. a `readExchangeServer` that fails). */
  readonly world?: Partial<SetupWorld>;
  /** What the administrator confirmed per step (default: nothing). */
  readonly confirmation?: SetupStepContext['confirmation'];
}

/**
 * A fresh lab for the setup step tests: a hand-built step context over it whose records live in memory, stored as
 * the progress file would (JSON), a way to apply a plan as the service does (only needed actions), and a byte
 * snapshot of what the Double-Take steps may change (doubletake.json, clusters.json and every file under each
 * node's Double-Take folder, backups included).
 */
export interface StepLab {
  readonly folder: string;
  readonly lab: Lab;
  /** The records steps kept, by step id (shared by every context of this lab). */
  readonly records: Map<string, StepRecordData>;
  context(pair?: PairDocument, options?: StepContextOptions): SetupStepContext;
  /** Plans, runs the needed actions in order, and returns the plan that was applied. */
  apply(step: SetupStep, pair?: PairDocument): Promise<SetupStepPlan>;
  snapshot(): Promise<ReadonlyMap<string, Buffer>>;
  close(): Promise<void>;
}

export const NOW = new Date('2026-11-25T03:00:00Z');
const signal = new AbortController().signal;

export async function openStepLab(): Promise<StepLab> {
  const folder = await mkdtemp(join(tmpdir(), 'exch-ha-steps-'));
  const lab = await openLab(folder);
  const world = labSetupWorld(lab, () => NOW);
  const records = new Map<string, StepRecordData>();
  const context = (pair: PairDocument = labPairDocument(), options: StepContextOptions = {}): SetupStepContext => ({
    pair,
    world: options.world === undefined ? world : { ...world, ...options.world },
    recorded: (stepId) => records.get(stepId),
    async record(stepId, data) {
      records.set(stepId, JSON.parse(JSON.stringify(data)) as StepRecordData);
    },
    confirmation: options.confirmation ?? (() => undefined),
  });
  return {
    folder,
    lab,
    records,
    context,
    async apply(step, pair) {
      const plan = await step.plan(context(pair));
      for (const action of plan.actions.filter((a) => a.needed)) await action.run(signal);
      return plan;
    },
    async snapshot() {
      const files = new Map<string, Buffer>();
      for (const path of [doubleTakeLabFile(folder), join(folder, LAB_CLUSTERS_FILE)]) files.set(path, await readFile(path));
      for (const node of await readdir(join(folder, 'nodes'))) {
        const dt = join(folder, 'nodes', node, 'C', 'Program Files', 'DoubleTake');
        for (const name of await readdir(dt)) files.set(join(dt, name), await readFile(join(dt, name)));
      }
      return files;
    },
    async close() {
      await lab.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a fresh step lab before each test of the calling file and closes it after. The returned object always
 * speaks for the lab of the running test (call it at the top level of a test file, not inside a test).
 */
export function stepLabPerTest(): StepLab {
  let open: StepLab | undefined;
  beforeEach(async () => {
    open = await openStepLab();
  });
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });
  const current = (): StepLab => {
    if (open === undefined) throw new Error('No step lab is open: use it inside a test.');
    return open;
  };
  return {
    get folder() {
      return current().folder;
    },
    get lab() {
      return current().lab;
    },
    get records() {
      return current().records;
    },
    context: (pair, options) => current().context(pair, options),
    apply: (step, pair) => current().apply(step, pair),
    snapshot: () => current().snapshot(),
    close: () => current().close(),
  };
}

/** The commands of a plan's needed actions, in order. */
export const neededCommands = (plan: SetupStepPlan): string[] => plan.actions.filter((a) => a.needed).map((a) => a.command);

/** Points a store's database file (msExchEDBFile) in the lab directory elsewhere. */
export async function setEdbFile(lab: Lab, server: string, group: string, store: string, path: string): Promise<void> {
  await lab.directory.modify(exchangeDns().store(server, group, store), [{ operation: 'replace', attribute: 'msExchEDBFile', values: [path] }]);
}

/** The path of a node's online.dtcl in the lab folder (installation default). */
export function onlineDtclOnDisk(folder: string, node: string): string {
  return join(folder, 'nodes', node, 'C', 'Program Files', 'DoubleTake', 'online.dtcl');
}

export const runSignal = signal;
