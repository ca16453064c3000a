import { ClusterError } from '../cluster/port';
import type { ErrorCode } from '../contract/error-catalogue';
import { err, type Err } from '../contract/result';
import { DoubleTakePortError } from '../doubletake/port';
import { NodeFilesError } from '../nodes/port';
import { CredentialsMissingError } from '../credentials/session-credentials';

/** The catalogue's codes the setup service answers with. */
export const SetupErrorCode = {
  UnknownStep: 'setup/unknown-step',
  Manual: 'setup/manual-step',
  Note: 'setup/note',
  NoHandwork: 'setup/no-handwork',
  PairInvalid: 'pair/invalid',
  NotReady: 'setup/prerequisite',
  ClusterUnreachable: 'setup/cluster-unreachable',
  ClusterRefused: 'setup/cluster-refused',
  DoubleTakeUnreachable: 'setup/doubletake-unreachable',
  DoubleTakeRefused: 'setup/doubletake-refused',
  NodeFiles: 'setup/node-files',
  Failed: 'setup/failed',
  Busy: 'setup/busy',
  Cancelled: 'job/cancelled',
  ConfirmationNeeded: 'setup/confirmation-needed',
  CredentialsMissing: 'credentials/missing',
} as const satisfies Readonly<Record<string, ErrorCode>>;

/** A cluster's answer (or its silence) in words, naming the system error once: "… (System error 1722)". */
export function clusterErrorText(e: ClusterError): string {
  return `${e.message.trim()} (System error ${e.code})`;
}

/**
 * What a step's failure is for the user: the cluster or Double-Take unreachable (no answer, nothing decided there)
 * or refusing (an answer), a node's files, a cancel, or a plain failure. The catalogue gives the title and what to
 * do next; the message says what happened, each fact once.
 */
export function setupFailure(e: unknown): Err {
  if (e instanceof ClusterError) {
    return err(e.failure === 'unreachable' ? SetupErrorCode.ClusterUnreachable : SetupErrorCode.ClusterRefused, clusterErrorText(e));
  }
  if (e instanceof DoubleTakePortError) {
    const where = `Double-Take on ${e.node}: ${e.message}`;
    if (e.failure === 'unreachable') return err(SetupErrorCode.DoubleTakeUnreachable, where);
    if (e.failure === 'failed') return err(SetupErrorCode.Failed, where);
    return err(SetupErrorCode.DoubleTakeRefused, where, e.reason);
  }
  if (e instanceof CredentialsMissingError) return err(SetupErrorCode.CredentialsMissing, e.message);
  if (e instanceof NodeFilesError) return err(SetupErrorCode.NodeFiles, e.message, e.code);
  if (e instanceof Error && (e.name === 'AbortError' || e.message === 'This operation was aborted')) return err(SetupErrorCode.Cancelled, 'Cancelled.');
  return err(SetupErrorCode.Failed, e instanceof Error ? e.message : String(e));
}
