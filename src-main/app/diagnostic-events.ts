/**
 * The diagnostic log's lines for what a host runs on the services: each setup plan, apply, verify and confirmation
 * (subsystem `setup`: step, outcome, duration) and each preflight check (subsystem `preflight`: check, where,
 * result). The tools' own calls (cluster.exe, dtcl.exe, the directory, the nodes' files) are logged by their adapters.
 * The services stay as they are: these wrap what they return.
 */
import type { Result } from '../contract/result';
import type { PreflightCheck } from '../preflight/preflight-check';
import { elapsedMs, silentLogger, type Logger } from '../shared/log-port';
import type { SetupService } from '../setup/setup-service';

/** One line per preflight check, at `info` when it passed and `warn` otherwise; the command shown has no password. */
export function logPreflightCheck(log: Logger, check: PreflightCheck): void {
  const fields = {
    event: 'check',
    check: check.id,
    system: check.system,
    where: check.where,
    outcome: check.result,
    ...(check.result === 'ok' ? { detail: check.detail } : {}),
    ...(check.result === 'failed' ? { failure: check.failure } : {}),
    ...(check.result === 'skipped' ? { skippedBecause: check.skippedBecause } : {}),
  };
  if (check.result === 'ok') log.info(`preflight ${check.id} passed`, fields);
  else log.warn(`preflight ${check.id} ${check.result}`, fields);
}

/** What a setup result says in a line: `ok` or the error's code and message; an apply's kind, a verification's ok. */
function resultFields(result: Result<unknown>): Record<string, unknown> {
  if (!result.ok) return { outcome: 'error', code: result.error.code, error: result.error.message };
  const value = result.value;
  if (typeof value !== 'object' || value === null) return { outcome: 'ok' };
  const fields: Record<string, unknown> = { outcome: 'ok' };
  if ('kind' in value && typeof value.kind === 'string') fields['applyOutcome'] = value.kind;
  const verification = 'verification' in value ? value.verification : value;
  if (typeof verification === 'object' && verification !== null && 'ok' in verification && typeof verification.ok === 'boolean') {
    fields['verified'] = verification.ok;
  }
  if ('digest' in value && typeof value.digest === 'string') fields['digest'] = value.digest;
  return fields;
}

/**
 * The setup service with one `setup` line per plan, apply, verify, done-by-hand and confirmation: the step, the
 * outcome (and error code), the duration. Reading the list or a step is not logged. The service itself is unchanged.
 */
export function loggedSetupService(service: SetupService, logger: Logger = silentLogger): SetupService {
  if (logger === silentLogger) return service;
  const log = logger.child({ subsystem: 'setup' });
  async function logged<T>(operation: string, stepId: string, extra: Record<string, unknown>, work: () => Promise<Result<T>>): Promise<Result<T>> {
    const start = performance.now();
    try {
      const result = await work();
      const fields: Record<string, unknown> = { event: operation, step: stepId, ...extra, ...resultFields(result), durationMs: elapsedMs(start) };
      if (result.ok && fields['verified'] !== false) log.info(`setup ${operation} ${stepId}`, fields);
      else log.warn(`setup ${operation} ${stepId}`, fields);
      return result;
    } catch (error) {
      log.error(`setup ${operation} ${stepId} failed`, {
        event: operation,
        step: stepId,
        ...extra,
        outcome: 'thrown',
        error: error instanceof Error ? error.message : String(error),
        durationMs: elapsedMs(start),
      });
      throw error;
    }
  }
  return {
    ...service,
    plan: (stepId) => logged('plan', stepId, {}, () => service.plan(stepId)),
    apply: (stepId, expected, hooks) =>
      logged('apply', stepId, { digest: expected.digest, confirmed: expected.confirmed === true }, () => service.apply(stepId, expected, hooks)),
    verify: (stepId) => logged('verify', stepId, {}, () => service.verify(stepId)),
    markDone: (stepId, note) => logged('done-by-hand', stepId, {}, () => service.markDone(stepId, note)),
    confirm: (stepId, note) => logged('confirm', stepId, {}, () => service.confirm(stepId, note)),
  };
}
