import type { ClusterSummary, PairProblemView, StepState, StepSummary } from '../../src-main/contract';
import { formatPath, getAt, listLengthAt, type FieldPath } from '../pair/json-path';
import { groupsOfStep, pathsShownBy, type PairGroupId } from '../pair/pair-fields';
import { formatSignature, parseSignature, SIGNATURE_TEXT_PROBLEM } from '../pair/signature';
import type { PairForm, WizardState } from './store';

/** Derived facts: what the screen shows and what the user may do next. Nothing here is stored. */

/** Steps that count as done for the steps that require them (the main process's rule). */
export const SETTLED_STATES: readonly StepState[] = ['verified', 'done-by-hand'];

/** The summary of a step as the navigation shows it (the list is refreshed after every apply). */
export function selectStepSummary(state: WizardState, stepId: string): StepSummary | undefined {
  return state.steps.status === 'ready' ? state.steps.value.find((s) => s.id === stepId) : undefined;
}

export interface Prerequisite {
  readonly id: string;
  readonly title: string;
  readonly state: StepState;
  readonly met: boolean;
}

/** The steps a step requires, with where each stands now. */
export function selectPrerequisites(state: WizardState, stepId: string): Prerequisite[] {
  const summary = selectStepSummary(state, stepId) ?? (state.current?.stepId === stepId && state.current.detail.status === 'ready' ? state.current.detail.value.summary : undefined);
  if (summary === undefined) return [];
  return summary.requires.map((id) => {
    const required = selectStepSummary(state, id);
    const stepState = required?.state ?? 'not-started';
    return { id, title: required?.title ?? '', state: stepState, met: SETTLED_STATES.includes(stepState) };
  });
}

/** The draft differs from the saved file. */
export function selectPairDirty(state: WizardState): boolean {
  const pair = state.pair;
  return pair.status === 'ready' && JSON.stringify(pair.value.draft) !== JSON.stringify(pair.value.saved);
}

/** Problems the renderer finds itself: only text that cannot become the document's value (a signature that is not a number). */
export function localPairProblems(pair: PairForm): PairProblemView[] {
  const problems: PairProblemView[] = [];
  for (const [path, text] of Object.entries(pair.texts)) {
    if (parseSignature(text) === undefined) problems.push({ path, message: SIGNATURE_TEXT_PROBLEM });
  }
  return problems;
}

/** Every problem of the draft: the renderer's own (for fields it could not convert) replace the main process's for that field. */
export function selectPairProblems(state: WizardState): readonly PairProblemView[] {
  if (state.pair.status !== 'ready') return [];
  const local = localPairProblems(state.pair.value);
  const localPaths = new Set(local.map((p) => p.path));
  return [...state.pair.value.problems.filter((p) => !localPaths.has(p.path)), ...local];
}

/** The message to show next to a field (several joined with "; "), or undefined. */
export function selectFieldProblem(state: WizardState, path: string): string | undefined {
  const messages = selectPairProblems(state).filter((p) => p.path === path).map((p) => p.message);
  return messages.length === 0 ? undefined : messages.join('; ');
}

/** The problems no field of these parts shows (they are listed together under the form). */
export function selectUnplacedProblems(state: WizardState, groups: readonly PairGroupId[]): PairProblemView[] {
  if (state.pair.status !== 'ready') return [];
  const draft = state.pair.value.draft;
  const shown = pathsShownBy(groups, (path) => listLengthAt(draft, path), formatPath);
  return selectPairProblems(state).filter((p) => !shown.has(p.path));
}

/** The text a field shows: what the user typed for converted fields (signatures), else the document's value. */
export function selectFieldText(state: WizardState, path: FieldPath, kind: 'text' | 'signature'): string {
  if (state.pair.status !== 'ready') return '';
  const typed = state.pair.value.texts[formatPath(path)];
  if (typed !== undefined) return typed;
  const value = getAt(state.pair.value.draft, path);
  if (kind === 'signature') return formatSignature(value);
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

export const draftValue = (state: WizardState, path: readonly (string | number)[]): unknown =>
  state.pair.status === 'ready' ? getAt(state.pair.value.draft, path) : undefined;

/** The parts of the pair document a step works from. */
export const selectStepGroups = (stepId: string): readonly PairGroupId[] => groupsOfStep(stepId);

export interface StepCapabilities {
  readonly canPlan: boolean;
  readonly canApply: boolean;
  /** Why Apply is not available now, in words (empty when it is). */
  readonly applyBlockers: readonly string[];
  readonly canCancel: boolean;
  readonly canVerify: boolean;
  readonly canMarkDone: boolean;
  /** Confirm the part of the step only the administrator can do (a step that has one, a note long enough). */
  readonly canConfirmHandwork: boolean;
  readonly busy: boolean;
}

const NONE: StepCapabilities = {
  canPlan: false,
  canApply: false,
  applyBlockers: [],
  canCancel: false,
  canVerify: false,
  canMarkDone: false,
  canConfirmHandwork: false,
  busy: false,
};

/** The minimum a note needs (the contract's rule). */
export const NOTE_MIN = 3;

/**
 * What the current step may do now. Apply needs the step's prerequisites verified or done by hand, a plan shown
 * (fresh, or the last one the program remembered), and the pair document saved (Apply works from the file).
 */
export function selectStepCapabilities(state: WizardState): StepCapabilities {
  const current = state.current;
  if (current === undefined || current.detail.status !== 'ready') return NONE;
  const open = state.connection === 'open';
  const summary = selectStepSummary(state, current.stepId) ?? current.detail.value.summary;
  const running = current.job.status === 'running';
  const busy =
    running ||
    current.plan.status === 'loading' ||
    current.verification?.status === 'loading' ||
    current.mark.status === 'saving' ||
    current.handwork.status === 'saving';
  const blockers: string[] = [];
  if (!open) blockers.push('The connection to the program is lost.');
  if (summary.kind === 'manual') {
    blockers.push('The program cannot do this step: do it yourself, then confirm it with a note.');
  } else {
    const missing = selectPrerequisites(state, current.stepId).filter((p) => !p.met);
    if (missing.length > 0) {
      blockers.push(`Needs ${missing.map((p) => `${p.id} ${p.title} (${stateLabel(p.state)})`).join(', ')} verified or done by hand first.`);
    }
    if (current.plan.status !== 'ready') blockers.push('Plan the step first, to see what Apply will change.');
    if (selectPairDirty(state)) blockers.push('Save the pair document first: Apply works from the saved file.');
  }
  if (running) blockers.push('The step is being applied.');
  return {
    canPlan: open && !busy,
    canApply: open && !busy && blockers.length === 0,
    applyBlockers: blockers,
    canCancel: open && current.job.status === 'running' && !current.job.cancelRequested,
    canVerify: open && !busy,
    canMarkDone: open && !busy && current.note.trim().length >= NOTE_MIN,
    canConfirmHandwork: open && !busy && current.detail.value.handwork !== undefined && current.handworkNote.trim().length >= NOTE_MIN,
    busy,
  };
}

/** The state's words, as the badges show them. */
export function stateLabel(state: StepState): string {
  return STATE_LABEL[state];
}

export const STATE_LABEL: Record<StepState, string> = {
  'not-started': 'not started',
  planned: 'planned',
  applied: 'applied',
  verified: 'verified',
  failed: 'failed',
  'done-by-hand': 'done by hand',
};

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
