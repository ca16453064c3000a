/**
 * The failover engine in the failback's two exchfailover steps: the request (the ORIGINAL source and target names
 * as -s and -t, which the application note's ExchFailover syntax notes keep on failback) and the check that the
 * engine, asked in test mode, finds nothing left to change. The action itself is the runner's (runbook-engine.ts).
 */
import type { VerifyCheck } from '../../contract/steps';
import type { FailoverRequest, RunFailover } from '../../failover/engine-api';
import type { PairDocument } from '../../pair/pair-document-schema';
import { engineRequest, exchfailoverCommandLine } from '../runbook/runbook-engine';
import type { RunbookContext } from '../runbook/runbook-step';
import { messageOf } from './failback-actions';

/** What the failback's engine steps are given: the incident (names the journals) and the engine. */
export interface FailbackEngineDeps {
  readonly incident: string;
  readonly runFailover: RunFailover;
}

export function failbackRequest(pair: PairDocument, setupOnly: boolean): FailoverRequest {
  return engineRequest(pair, 'failback', setupOnly);
}

/** Changes the engine would still make for `request` (its -test run), or why it could not say. */
export async function changesLeft(context: RunbookContext, request: FailoverRequest, engine: RunFailover): Promise<{ readonly left: number } | { readonly problem: string }> {
  let left = 0;
  try {
    const outcome = await engine({ ...request, test: true }, { connect: () => context.world.connectDirectory(), now: context.world.now, signal: context.signal }, { onPlannedChange: () => (left += 1) });
    if (outcome.status !== 'planned') return { problem: `the -test run ended ${outcome.status}${outcome.errors.length > 0 ? `: ${outcome.errors.slice(0, 3).join('; ')}` : ''}` };
    return { left };
  } catch (error) {
    return { problem: messageOf(error) };
  }
}

/** Verify's check that nothing is left to change for `request`. */
export async function nothingLeftCheck(context: RunbookContext, request: FailoverRequest, engine: RunFailover): Promise<VerifyCheck> {
  const what = `${exchfailoverCommandLine({ ...request, test: true })} finds nothing left to change`;
  const result = await changesLeft(context, request, engine);
  return 'problem' in result ? { what, ok: false, detail: `${result.problem}.` } : { what, ok: result.left === 0, detail: `${result.left} change(s) left.` };
}
