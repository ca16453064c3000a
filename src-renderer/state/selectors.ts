import { createGroupFormSchema, type CreateGroupForm, type StepInput, type StepSummary } from '../../src-main/contract';
import type { ClusterSummary } from '../../src-main/contract';
import type { GroupFormDraft, GroupFormField, WizardState } from './store';

/** Derived facts: what the screen shows and what the user may do next. Nothing here is stored. */

export type GroupFormErrors = Partial<Record<GroupFormField, string>>;

/** The contract's own validation of the 4.2.1 form, as one message per field (the first problem of each). */
export function validateGroupForm(draft: GroupFormDraft): { ok: true; form: CreateGroupForm } | { ok: false; errors: GroupFormErrors } {
  const parsed = createGroupFormSchema.safeParse(draft);
  if (parsed.success) return { ok: true, form: parsed.data };
  const errors: GroupFormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === 'name' || field === 'description') && errors[field] === undefined) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/** The message to show next to a field: only once the user has left it, or tried to preview. */
export function visibleFieldError(state: WizardState, field: GroupFormField): string | undefined {
  const current = state.current;
  if (current?.draft === undefined) return undefined;
  if (!current.touched[field] && !current.submitted) return undefined;
  const result = validateGroupForm(current.draft);
  return result.ok ? undefined : result.errors[field];
}

/** The step input the form stands for, when it is valid. */
export function selectStepInput(state: WizardState): StepInput | undefined {
  const current = state.current;
  if (current?.stepId !== '4.2.1' || current.draft === undefined) return undefined;
  const result = validateGroupForm(current.draft);
  return result.ok ? { stepId: '4.2.1', form: result.form } : undefined;
}

export interface StepCapabilities {
  readonly canEdit: boolean;
  readonly canPreview: boolean;
  readonly canApply: boolean;
  readonly canCancel: boolean;
  readonly canVerify: boolean;
  readonly busy: boolean;
}

const NONE: StepCapabilities = { canEdit: false, canPreview: false, canApply: false, canCancel: false, canVerify: false, busy: false };

/**
 * What the current step may do now. Apply needs a plan previewed for exactly what the form holds (editing the form
 * drops the plan), so nothing is applied that the user has not seen.
 */
export function selectStepCapabilities(state: WizardState): StepCapabilities {
  const current = state.current;
  if (current === undefined || state.connection !== 'open' || current.detail.status !== 'ready') return NONE;
  const summary = current.detail.value.summary;
  const running = current.job.status === 'running';
  const planning = current.plan.status === 'loading';
  const verifying = current.verification?.status === 'loading';
  const busy = running || planning || verifying;
  const automated = summary.automated && current.draft !== undefined;
  return {
    canEdit: automated && !running,
    canPreview: automated && !busy,
    canApply: automated && !busy && current.plan.status === 'ready' && selectStepInput(state) !== undefined,
    canCancel: running && current.job.status === 'running' && !current.job.cancelRequested,
    canVerify: summary.automated && current.detail.value.savedInput && !busy,
    busy,
  };
}

/** The summary of a step as the navigation shows it (the list is refreshed after every apply). */
export function selectStepSummary(state: WizardState, stepId: string): StepSummary | undefined {
  return state.steps.status === 'ready' ? state.steps.value.find((s) => s.id === stepId) : undefined;
}

/** Steps grouped by the guide's top-level section, in the guide's order. */
export function groupStepsBySection(steps: readonly StepSummary[]): { section: string; steps: StepSummary[] }[] {
  const groups: { section: string; steps: StepSummary[] }[] = [];
  for (const step of steps) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.section === step.section) last.steps.push(step);
    else groups.push({ section: step.section, steps: [step] });
  }
  return groups;
}

/** How deep a section number is: 3 → 0, 4.1 → 1, 4.2.1 → 2 (for indentation). */
export const stepDepth = (stepId: string): number => stepId.split('.').length - 1;

export type ClusterHealth = { readonly known: false } | { readonly known: true; readonly up: boolean; readonly nodes: readonly { name: string; up: boolean }[] };

/** Up/down of a cluster by name, known only where the environment reports it (the lab). */
export function selectClusterHealth(state: WizardState, cluster: string): ClusterHealth {
  const clusters = state.lab.clusters;
  if (clusters?.status !== 'ready') return { known: false };
  const found: ClusterSummary | undefined = clusters.value.find((c) => c.name.toUpperCase() === cluster.toUpperCase());
  return found === undefined ? { known: false } : { known: true, up: found.up, nodes: found.nodes };
}

export const selectIsLab = (state: WizardState): boolean =>
  state.environment.status === 'ready' && state.environment.value.kind === 'lab';
