/**
 * How `exchange-ha check` writes the preflight: one line per check as soon as its result is known (`ok`, `FAIL` with
 * what, where and what to do next, `skip` with the check it needed), the exact command an administrator can run to
 * see the same below it, and a summary at the end. Passwords never reach these lines (the commands show `********`,
 * and every line still passes through the output mask).
 */
import { SKIPPED_CANCELLED, type PreflightCheck, type PreflightReport } from '../../preflight/preflight-check';

const INDENT = '      ';

/** The lines of one check. */
export function formatCheck(check: PreflightCheck): string[] {
  const commandLines = check.command.split('\n').map((text, i) => `${INDENT}${i === 0 ? '$ ' : '  '}${text}`);
  switch (check.result) {
    case 'ok':
      return [`ok    ${check.id}  ${check.where}: ${check.detail}`, ...commandLines];
    case 'failed':
      return [
        `FAIL  ${check.id}  ${check.title}`,
        `${INDENT}what:  ${check.failure.what}`,
        `${INDENT}where: ${check.failure.where}`,
        `${INDENT}next:  ${check.failure.next}`,
        ...commandLines,
      ];
    case 'skipped':
      return [
        check.skippedBecause === SKIPPED_CANCELLED
          ? `skip  ${check.id}  ${check.where}: not run, the check was cancelled`
          : `skip  ${check.id}  ${check.where}: not run, it needs ${check.skippedBecause}, which did not pass`,
      ];
  }
}

export interface CheckCounts {
  readonly total: number;
  readonly ok: number;
  readonly failed: number;
  readonly skipped: number;
}

export function countChecks(report: PreflightReport): CheckCounts {
  const count = (result: PreflightCheck['result']): number => report.checks.filter((check) => check.result === result).length;
  return { total: report.checks.length, ok: count('ok'), failed: count('failed'), skipped: count('skipped') };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The summary lines after every check. */
export function formatSummary(report: PreflightReport): string[] {
  const counts = countChecks(report);
  if (report.passed) return [`All ${plural(counts.total, 'check', 'checks')} passed. Nothing was changed.`];
  const failedIds = report.checks.filter((check) => check.result === 'failed').map((check) => check.id);
  if (report.cancelled) {
    return [
      `Cancelled: ${counts.skipped} of ${plural(counts.total, 'check', 'checks')} did not run (${counts.ok} passed, ${counts.failed} failed). Nothing was changed.`,
    ];
  }
  const skipped = counts.skipped === 0 ? '' : `; ${counts.skipped} not run because a check they need did not pass`;
  return [
    `${counts.failed} of ${plural(counts.total, 'check', 'checks')} failed${skipped}: ${failedIds.join(', ')}.`,
    'Nothing was changed. Do what each failure says next, then run the check again.',
  ];
}
