import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { doubleTakeLabFile } from '../../../../src-main/lab/doubletake/doubletake-lab-file';
import { openLab, LAB_CLUSTERS_FILE, type Lab } from '../../../../src-main/lab/lab';
import { labPairDocument } from '../../../../src-main/pair/lab-pair-document';
import type { PairDocument } from '../../../../src-main/pair/pair-document-schema';
import { labSetupWorld } from '../../../../src-main/setup/lab-setup-world';
import type { SetupStep, SetupStepContext, SetupStepPlan, StepRecordData } from '../../../../src-main/setup/setup-step';

/**
 * A fresh lab for the Double-Take step tests (4.3, 4.4, 4.5, 5.3): a hand-built step context over it, a way to
 * apply a plan as the service does (only needed actions), and a byte snapshot of what those steps may change
 * (doubletake.json, clusters.json and every file under each node's Double-Take folder, backups included).
 */
export interface StepLab {
  readonly folder: string;
  readonly lab: Lab;
  context(pair?: PairDocument): SetupStepContext;
  /** Plans, runs the needed actions in order, and returns the plan that was applied. */
  apply(step: SetupStep, pair?: PairDocument): Promise<SetupStepPlan>;
  snapshot(): Promise<ReadonlyMap<string, Buffer>>;
  close(): Promise<void>;
}

export const NOW = new Date('2026-11-25T03:00:00Z');
const signal = new AbortController().signal;

export async function openStepLab(): Promise<StepLab> {
  const folder = await mkdtemp(join(tmpdir(), 'exch-ha-dt-steps-'));
  const lab = await openLab(folder);
  const world = labSetupWorld(lab, () => NOW);
  const records = new Map<string, StepRecordData>();
  const context = (pair: PairDocument = labPairDocument()): SetupStepContext => ({
    pair,
    world,
    recorded: (stepId) => records.get(stepId),
    async record(stepId, data) {
      records.set(stepId, data);
    },
    confirmation: () => undefined,
  });
  return {
    folder,
    lab,
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

/** The path of a node's online.dtcl in the lab folder (installation default). */
export function onlineDtclOnDisk(folder: string, node: string): string {
  return join(folder, 'nodes', node, 'C', 'Program Files', 'DoubleTake', 'online.dtcl');
}

export const runSignal = signal;
