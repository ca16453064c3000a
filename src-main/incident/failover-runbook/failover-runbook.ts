/**
 * The guided failover (guide section 7) as a runbook the runner runs: the source confirmed down by both paths with
 * its Exchange group online nowhere; the manual intervention; `exchfailover -setup -failover`; the target group
 * online in dependency order with its stores mounted; `exchfailover -failover`; every mailbox opened on the target.
 */
import type { RunFailover } from '../../failover/engine-api';
import { runFailover as engineRunFailover } from '../../failover/engine';
import type { Runbook } from '../runbook/runbook-step';
import { confirmSourceDown } from './confirm-source-down';
import { exchfailoverSetupStep, exchfailoverStep } from './exchfailover-steps';
import { interventionStep } from './intervention';
import { mailboxesOpen } from './mailboxes-open';
import { targetOnline } from './target-online';

export interface FailoverRunbookDeps {
  /** The incidents folder (its pending prompt is this run's intervention). */
  readonly incidentsRoot: string;
  /** The incident the run belongs to (names the engine's journals). */
  readonly incident: string;
  /** The failover engine (the real one by default). */
  readonly runFailover?: RunFailover;
}

export function failoverRunbook(deps: FailoverRunbookDeps): Runbook {
  const engine = { runFailover: deps.runFailover ?? engineRunFailover, incident: deps.incident };
  return {
    kind: 'failover',
    steps: [confirmSourceDown, interventionStep(deps.incidentsRoot, deps.incident), exchfailoverSetupStep(engine), targetOnline, exchfailoverStep(engine), mailboxesOpen],
  };
}
