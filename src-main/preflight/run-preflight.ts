/**
 * The preflight ("Check connections"): reads every outside system of a pair and reports, check by check, what
 * answered and what did not, without changing anything. The four systems are checked side by side; within one
 * system the checks run in order, each skipped when a check it needs did not pass. The report lists the checks in a
 * fixed order (directory, cluster, Double-Take, node files) whatever order they finished in.
 */
import type { PairDocument } from '../pair';
import { CheckRunner } from './check-runner';
import { clusterChecks } from './cluster-checks';
import { directoryChecks } from './directory-checks';
import { doubleTakeChecks } from './doubletake-checks';
import { nodeFilesChecks } from './node-files-checks';
import type { PreflightCheck, PreflightReport } from './preflight-check';
import type { PreflightWorld } from './preflight-world';

/** Each check's time limit unless told otherwise: long enough for cluster.exe against a slow cluster. */
export const DEFAULT_CHECK_TIMEOUT_MS = 60_000;

export interface RunPreflightOptions {
  /** Cancels the run: unfinished checks are reported skipped (`cancelled`). */
  readonly signal?: AbortSignal;
  /** Told of each check as soon as its result is known (for progress). */
  readonly onCheck?: (check: PreflightCheck) => void;
  /** The time limit of each check, in milliseconds. */
  readonly timeoutMs?: number;
}

export async function runPreflight(world: PreflightWorld, document: PairDocument, options: RunPreflightOptions = {}): Promise<PreflightReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`timeoutMs must be a positive number of milliseconds, not ${timeoutMs}`);
  const runner = (): CheckRunner =>
    new CheckRunner({
      timeoutMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onCheck === undefined ? {} : { onCheck: options.onCheck }),
    });
  const groups = [
    { runner: runner(), run: (r: CheckRunner) => directoryChecks(r, world.directory, document) },
    { runner: runner(), run: (r: CheckRunner) => clusterChecks(r, world, document) },
    { runner: runner(), run: (r: CheckRunner) => doubleTakeChecks(r, world, document) },
    { runner: runner(), run: (r: CheckRunner) => nodeFilesChecks(r, world, document) },
  ];
  await Promise.all(groups.map((group) => group.run(group.runner)));
  const checks = groups.flatMap((group) => group.runner.checks);
  const cancelled = options.signal?.aborted === true && checks.some((check) => check.result !== 'ok');
  return { passed: !cancelled && checks.length > 0 && checks.every((check) => check.result === 'ok'), cancelled, checks };
}
