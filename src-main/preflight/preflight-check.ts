/**
 * What one preflight check reports: which outside system it read, where, the exact command an administrator can run
 * to see the same thing, and its result. A failure says what failed, where, and what to do next, one sentence each.
 */

/** The outside systems the preflight reads. */
export type PreflightSystem = 'directory' | 'cluster' | 'doubletake' | 'node-files';

export const PREFLIGHT_SYSTEMS: readonly PreflightSystem[] = ['directory', 'cluster', 'doubletake', 'node-files'];

/** Why a check failed, for an administrator at 3 a.m.: one sentence each. */
export interface PreflightFailure {
  readonly what: string;
  readonly where: string;
  readonly next: string;
}

/** `skippedBecause` of a check that did not finish because the run was cancelled. */
export const SKIPPED_CANCELLED = 'cancelled';

interface PreflightCheckBase {
  /** Stable id, e.g. `directory.bind`, `cluster.nodes.SRCCLUS`, `doubletake.login.SRC1`. */
  readonly id: string;
  readonly system: PreflightSystem;
  /** What is checked, in a few words ("the bind DN and password"). */
  readonly title: string;
  /** The host, cluster, node or path checked. */
  readonly where: string;
  /** The exact command that shows the same thing (passwords as `********`); may span lines (a DTCL script). */
  readonly command: string;
}

export type PreflightCheck =
  | (PreflightCheckBase & { readonly result: 'ok'; readonly detail: string })
  | (PreflightCheckBase & { readonly result: 'failed'; readonly failure: PreflightFailure })
  /** Not run: `skippedBecause` is the id of an earlier check it needs that did not pass, or `cancelled`. */
  | (PreflightCheckBase & { readonly result: 'skipped'; readonly skippedBecause: string });

export interface PreflightReport {
  /** True only when every check passed. */
  readonly passed: boolean;
  /** True when the run was cancelled before every check finished. */
  readonly cancelled: boolean;
  readonly checks: readonly PreflightCheck[];
}

/** What a check's body finds: ok with what it saw, or a failure (its `where` defaults to the check's). */
export type CheckOutcome =
  | { readonly ok: true; readonly detail: string }
  | { readonly ok: false; readonly what: string; readonly next: string; readonly where?: string };

export const passed = (detail: string): CheckOutcome => ({ ok: true, detail });
export const failed = (what: string, next: string, where?: string): CheckOutcome =>
  where === undefined ? { ok: false, what, next } : { ok: false, what, next, where };

/** The identity of a check before it runs. */
export type CheckSpec = PreflightCheckBase;

/** One line of text from whatever was thrown, for a failure's "what" (never a stack). */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 400 ? `${line.slice(0, 400)}…` : line === '' ? 'no message' : line;
}
