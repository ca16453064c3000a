/**
 * The guided failback (guide section 8) as a runbook: the steps in the application note's order, each planning its
 * exact commands, applying only what is needed and verifying. The runner (runbook/runbook-runner.ts) runs it.
 */
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

export function failbackRunbook(): Runbook {
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
      exchfailoverSetupFailbackStep,
      sourceOnlineStep,
      exchfailoverFailbackStep,
      mailboxesOpenStep,
    ],
  };
}
