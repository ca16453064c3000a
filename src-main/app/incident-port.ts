/**
 * What the failover panel's channels call (contract/incident.ts): the monitor, the prompt, the guided runs and the
 * last incident, composed on the world (app/incident-service.ts).
 */
import type { IncidentAnswer, IncidentState, MonitorView, RunPlanView, RunView, RunbookKind } from '../contract/incident';
import type { Result } from '../contract/result';

export interface IncidentRunHooks {
  readonly signal: AbortSignal;
  progress(value: number, title: string, description?: string): void;
  log(level: 'info' | 'warn' | 'error', line: string): void;
}

export interface IncidentService {
  state(): Promise<Result<IncidentState>>;
  monitor(on: boolean): Promise<Result<MonitorView>>;
  answer(answer: IncidentAnswer): Promise<Result<IncidentState>>;
  plan(runbook: RunbookKind): Promise<Result<RunPlanView>>;
  run(
    request: { readonly runbook: RunbookKind; readonly dryRun: boolean; readonly resume?: boolean; readonly reason?: string },
    hooks: IncidentRunHooks,
  ): Promise<Result<RunView>>;
  /** Stops the monitor and any run (the program is closing). */
  close(): Promise<void>;
}
