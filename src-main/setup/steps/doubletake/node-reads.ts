import { ClusterError } from '../../../cluster/port';
import { DoubleTakePortError } from '../../../doubletake/port';
import type { VerifyCheck } from '../../../contract/steps';
import type { SetupAction, SetupStepPlan } from '../../setup-step';

/**
 * Reading one node or one cluster without letting it stop the others: a node that is down, refuses the login or
 * prints something unreadable becomes that node's problem (a warning in the plan, a failed check in verify), never
 * the whole step's error. Anything else (a bug) still throws.
 */

/** What a read gave: the value, or why it could not be had, in words naming the node or cluster. */
export type ReadOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** Runs a Double-Take read on `node`; a DoubleTakePortError becomes the node's problem. */
export async function readDoubleTake<T>(node: string, read: () => Promise<T>): Promise<ReadOutcome<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof DoubleTakePortError) return { ok: false, problem: doubleTakeProblem(node, error) };
    throw error;
  }
}

/** Runs a cluster read; a ClusterError becomes the cluster's problem. */
export async function readCluster<T>(cluster: string, read: () => Promise<T>): Promise<ReadOutcome<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof ClusterError) return { ok: false, problem: `${cluster} could not be read (system error ${error.code}): ${error.message}` };
    throw error;
  }
}

function doubleTakeProblem(node: string, error: DoubleTakePortError): string {
  switch (error.failure) {
    case 'unreachable':
      return `${node}: Double-Take did not answer (${error.message}). Power the node up and start the Double-Take service, then plan again.`;
    case 'login-failed':
      return `${node}: Double-Take refused the login (${error.message}). Check the account the wizard logs in with.`;
    case 'refused':
    case 'failed':
      return `${node}: Double-Take could not be read (${error.message}).`;
  }
}

/** A failed check for something that could not be read. */
export function unreadableCheck(what: string, problem: string): VerifyCheck {
  return { what, ok: false, detail: problem };
}

/** One plan from several parts, in order. */
export function combinePlans(...parts: readonly SetupStepPlan[]): SetupStepPlan {
  const actions: SetupAction[] = [];
  const warnings: string[] = [];
  const findings: string[] = [];
  for (const part of parts) {
    actions.push(...part.actions);
    warnings.push(...part.warnings);
    findings.push(...part.findings);
  }
  return { actions, warnings, findings };
}
