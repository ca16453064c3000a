import type { SetupStep } from '../setup-step';
import { STEP_CATALOGUE } from '../step-catalogue';
import { backupsConfirmed } from './backups-confirmed';
import { bringOnlineAndMonitor } from './bring-online-and-monitor';
import { sourceDoubleTakeOptions, targetDoubleTakeOptions } from './doubletake-options';
import { compareTargetExchange, recordSourceExchange } from './exchange-configuration';
import { replicationSetStep } from './replication-set';
import { sourceConnection } from './source-connection';
import { sourceVirtualServerSteps } from './source-virtual-server';
import { targetVirtualServer } from './target-virtual-server';

/** Every step of the guide's sections 3-6, by id; fails at start-up if the catalogue and the steps disagree. */
export function setupSteps(): ReadonlyMap<string, SetupStep> {
  const all: readonly SetupStep[] = [
    backupsConfirmed,
    recordSourceExchange,
    ...sourceVirtualServerSteps,
    sourceDoubleTakeOptions,
    replicationSetStep,
    sourceConnection,
    compareTargetExchange,
    targetVirtualServer,
    targetDoubleTakeOptions,
    bringOnlineAndMonitor,
  ];
  const byId = new Map(all.map((step) => [step.id, step]));
  const missing = STEP_CATALOGUE.filter((entry) => !byId.has(entry.id)).map((entry) => entry.id);
  const extra = all.filter((step) => !STEP_CATALOGUE.some((entry) => entry.id === step.id)).map((step) => step.id);
  if (missing.length > 0 || extra.length > 0 || byId.size !== all.length) {
    throw new Error(`The setup steps do not match the guide's catalogue (missing ${missing.join(', ') || 'none'}, extra ${extra.join(', ') || 'none'}).`);
  }
  return byId;
}
