/**
 * The guided failback (guide section 8) as a runbook: the steps in the application note's order, each planning its
 * exact commands, applying only what is needed and verifying. The runner (runbook/runbook-runner.ts) runs it.
 */
import { runFailover } from '../../failover/engine';
import type { RunFailover } from '../../failover/engine-api';
import type { Runbook } from '../runbook/runbook-step';
import { downtimeStep } from './downtime';
import { exchfailoverFailbackStep, exchfailoverSetupFailbackStep } from './exchfailover-steps';
import { mailboxesOpenStep } from './mailboxes-open';
import { mirrorStep } from './mirror';
import { queueDrainedStep } from './queue-drained';
import { reverseReplicationSetStep } from './reverse-replication-set';
import { reverseSourceConnectionStep } from './reverse-source-connection';
import { sourceConnectionOfflineStep } from './source-connection-offline';
import { sourceNodeUpStep } from './source-node-up';
import { sourceOnlineStep } from './source-online';
import { targetExchangeOfflineStep } from './target-exchange-offline';

export { failbackGuard, type FailbackGuard } from './failback-guard';

export interface FailbackRunbookDeps {
  /** The incident the run belongs to (names the engine's journals); `failback` when not given. */
  readonly incident?: string;
  /** The failover engine (tests pass a fake); the real one when not given. */
  readonly runFailover?: RunFailover;
}

export function failbackRunbook(deps: FailbackRunbookDeps = {}): Runbook {
  const engine = { incident: deps.incident ?? 'failback', runFailover: deps.runFailover ?? runFailover };
  return {
    kind: 'failback',
    steps: [
      sourceNodeUpStep,
      reverseReplicationSetStep,
      reverseSourceConnectionStep,
      mirrorStep,
      downtimeStep,
      targetExchangeOfflineStep,
      queueDrainedStep,
      sourceConnectionOfflineStep,
      exchfailoverSetupFailbackStep(engine),
      sourceOnlineStep,
      exchfailoverFailbackStep(engine),
      mailboxesOpenStep,
    ],
  };
}
