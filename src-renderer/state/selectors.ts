import type { ClusterSummary, PairProblemView, StepState, StepSummary } from '../../src-main/contract';
import { formatPath, getAt, listLengthAt, type FieldPath } from '../pair/json-path';
import { ALL_GROUPS, fieldsShownBy, groupsOfStep, otherPathLabel, pathsShownBy, type PairGroupId } from '../pair/pair-fields';
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
  /** For a prerequisite that needs rechecking: what it was under the other pair document. */
  readonly recheckOf?: StepSummary['recheckOf'];
  readonly met: boolean;
}

/** The steps a step requires, with where each stands now. */
export function selectPrerequisites(state: WizardState, stepId: string): Prerequisite[] {
  const summary = selectStepSummary(state, stepId) ?? (state.current?.stepId === stepId && state.current.detail.status === 'ready' ? state.current.detail.value.summary : undefined);
  if (summary === undefined) return [];
  return summary.requires.map((id) => {
    const required = selectStepSummary(state, id);
    const stepState = required?.state ?? 'not-started';
    return {
      id,
      title: required?.title ?? '',
      state: stepState,
      ...(required?.recheckOf !== undefined ? { recheckOf: required.recheckOf } : {}),
      met: SETTLED_STATES.includes(stepState),
    };
  });
}

/** The cluster names a pair document gives, '' where it names none yet. */
export interface PairClusterNames {
  readonly source: string;
  readonly target: string;
}

/**
 * The clusters the pair document open now names: from the saved file (what Plan and Apply work from), or the
 * draft (what the form shows). Undefined until the document is read. Headings follow these, never the clusters the
 * program started with, so after New or Open the page names the document's clusters (or none yet).
 */
export function selectPairClusterNames(state: WizardState, from: 'saved' | 'draft' = 'saved'): PairClusterNames | undefined {
  if (state.pair.status !== 'ready') return undefined;
  const document = from === 'saved' ? state.pair.value.saved : state.pair.value.draft;
  const name = (side: 'source' | 'target'): string => {
    const value = getAt(document, [side, 'cluster', 'name']);
    return typeof value === 'string' ? value.trim() : '';
  };
  return { source: name('source'), target: name('target') };
}

/**
 * What the header and the window's title call the environment: its name and the clusters of the pair document open
 * now ("Lab — SRCCLUS → TGTCLUS"), or that the document names none yet, never the clusters of a document opened
 * before. The environment's own title until the document is read.
 */
export function selectEnvironmentTitle(state: WizardState): string | undefined {
  if (state.environment.status !== 'ready') return undefined;
  const { name, title } = state.environment.value;
  const clusters = selectPairClusterNames(state);
  if (clusters === undefined) return title;
  if (clusters.source === '' && clusters.target === '') return `${name} — no clusters named yet`;
  const named = (cluster: string): string => (cluster === '' ? '(not named yet)' : cluster);
  return `${name} — ${named(clusters.source)} → ${named(clusters.target)}`;
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
  // Each message once: a rule may name a field twice (its own check and a cross-field one saying the same).
  const messages = [...new Set(selectPairProblems(state).filter((p) => p.path === path).map((p) => p.message))];
  return messages.length === 0 ? undefined : messages.join('; ');
}

/** Whether the user is shown the problems of the field at `path` yet (touched, or Save tried). */
export function selectProblemShown(state: WizardState, path: string): boolean {
  return state.pairAttention.saveTried || state.pairAttention.touched.includes(path);
}

/** The message to show next to a field now: its problem once the user has touched it or tried to save. */
export function selectShownFieldProblem(state: WizardState, path: string): string | undefined {
  return selectProblemShown(state, path) ? selectFieldProblem(state, path) : undefined;
}

/** Every field of the whole document by its path string, with its label (list parts by their current length). */
export function selectFieldLabels(state: WizardState): Map<string, string> {
  const draft = state.pair.status === 'ready' ? state.pair.value.draft : undefined;
  return fieldsShownBy(ALL_GROUPS, (path) => listLengthAt(draft, path), formatPath);
}

/**
 * A problem's message with the document paths it names (`already the address at source.ipAddress.address`) put in
 * the fields' labels (`Source IP address`): the user sees the form, not the file. Longest paths first, so a path is
 * never replaced inside a longer one.
 */
export function labelledMessage(message: string, labels: ReadonlyMap<string, string>): string {
  const paths = [...labels.keys()].filter((p) => message.includes(p)).sort((a, b) => b.length - a.length);
  let out = message;
  for (const path of paths) out = out.split(path).join(labels.get(path) ?? path);
  return out;
}

/** A problem as the summary lists it: the field's path (for the link), its label, the message in the form's words. */
export interface LabelledProblem {
  readonly path: string;
  readonly label: string;
  readonly message: string;
  /** The field is empty (it still needs a value) rather than holding a wrong one. */
  readonly empty: boolean;
}

export interface PairProblemSummary {
  /** The problems shown now (touched fields, or all once Save was tried), labelled, one per field. */
  readonly shown: readonly LabelledProblem[];
  /** Fields with a problem not shown yet that are empty: they still need a value. */
  readonly emptyWaiting: number;
  /** Fields with a problem not shown yet that hold a value. */
  readonly otherWaiting: number;
}

/**
 * The problems of the draft for the summary above a form showing `groups`: labelled, one entry per field, in the
 * form's order. Problems of fields the form does not show are left out (selectUnplacedProblems lists them).
 */
export function selectPairProblemSummary(state: WizardState, groups: readonly PairGroupId[] = ALL_GROUPS): PairProblemSummary {
  if (state.pair.status !== 'ready') return { shown: [], emptyWaiting: 0, otherWaiting: 0 };
  const draft = state.pair.value.draft;
  const labels = selectFieldLabels(state);
  const here = pathsShownBy(groups, (path) => listLengthAt(draft, path), formatPath);
  const order = [...labels.keys()];
  const byPath = new Map<string, string[]>();
  for (const p of selectPairProblems(state)) {
    const known = byPath.get(p.path) ?? [];
    if (here.has(p.path) && !known.includes(p.message)) byPath.set(p.path, [...known, p.message]);
  }
  const rank = (path: string): number => {
    const i = order.indexOf(path);
    return i === -1 ? order.length : i;
  };
  const shown: LabelledProblem[] = [];
  let emptyWaiting = 0;
  let otherWaiting = 0;
  for (const path of [...byPath.keys()].sort((a, b) => rank(a) - rank(b))) {
    const value = getAt(draft, parsePathString(path));
    const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (typeof value === 'number' && value === 0) || (Array.isArray(value) && value.length === 0);
    if (selectProblemShown(state, path)) {
      shown.push({ path, label: labels.get(path) ?? otherPathLabel(path), message: labelledMessage((byPath.get(path) ?? []).join('; '), labels), empty });
    } else if (empty) emptyWaiting += 1;
    else otherWaiting += 1;
  }
  return { shown, emptyWaiting, otherWaiting };
}

/** `source.physicalDisks[0].drive` → `['source', 'physicalDisks', 0, 'drive']` (the inverse of formatPath). */
export function parsePathString(path: string): FieldPath {
  const out: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) out.push(Number(match[2]));
    else if (match[1] !== undefined) out.push(match[1]);
  }
  return out;
}

/** The problems no field of these parts shows (they are listed together under the form). */
export function selectUnplacedProblems(state: WizardState, groups: readonly PairGroupId[]): PairProblemView[] {
  if (state.pair.status !== 'ready') return [];
  const draft = state.pair.value.draft;
  const shown = pathsShownBy(groups, (path) => listLengthAt(draft, path), formatPath);
  return selectPairProblems(state).filter((p) => !shown.has(p.path));
}

/**
 * The fields of other pages that have a problem (one per field), for a page showing `groups`: a step page counts
 * them quietly and points to the pair document page instead of listing every one.
 */
export function selectProblemFieldsElsewhere(state: WizardState, groups: readonly PairGroupId[]): number {
  if (state.pair.status !== 'ready') return 0;
  const draft = state.pair.value.draft;
  const listLength = (path: FieldPath): number => listLengthAt(draft, path);
  const here = pathsShownBy(groups, listLength, formatPath);
  const anywhere = pathsShownBy(ALL_GROUPS, listLength, formatPath);
  return new Set(selectPairProblems(state).map((p) => p.path).filter((path) => anywhere.has(path) && !here.has(path))).size;
}

/** The problems no field of the form shows on any page (the document's version, a file that is not a document). */
export const selectFieldlessProblems = (state: WizardState): PairProblemView[] => selectUnplacedProblems(state, ALL_GROUPS);

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
  /**
   * The button that moves the user on: Plan before a plan, Apply once planned, Next step once the step is verified
   * or done by hand (none on the last step then: the setup is through).
   */
  readonly primary: 'plan' | 'apply' | 'next' | 'none';
  /** The step after this one in the guide's order, if any. */
  readonly nextStepId: string | undefined;
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
  primary: 'plan',
  nextStepId: undefined,
};

/** The step after `stepId` in the guide's order, or undefined for the last one. */
export function selectNextStepId(state: WizardState, stepId: string): string | undefined {
  if (state.steps.status !== 'ready') return undefined;
  const steps = state.steps.value;
  const index = steps.findIndex((s) => s.id === stepId);
  return index === -1 ? undefined : steps[index + 1]?.id;
}

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
  // A settled step (verified, or done by hand, against the document open now): what is left is to move on, so Next
  // step is the primary button; Apply stays available (it changes only what is still needed, then verifies).
  const settled = SETTLED_STATES.includes(summary.state);
  const nextStepId = selectNextStepId(state, current.stepId);
  const primary: StepCapabilities['primary'] = settled ? (nextStepId !== undefined ? 'next' : 'none') : current.plan.status === 'ready' ? 'apply' : 'plan';
  return {
    primary,
    nextStepId,
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

/**
 * The state as a badge says it: "Verified", or for a step whose outcome was reached under another pair document,
 * "Recheck (was verified)" (what it was there, and that it must be checked again here).
 */
export function stepStateText(state: StepState, recheckOf?: StepSummary['recheckOf']): string {
  if (state === 'needs-recheck') return recheckOf === undefined ? 'Recheck' : `Recheck (was ${STATE_LABEL[recheckOf]})`;
  const label = STATE_LABEL[state];
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
}

export const STATE_LABEL: Record<StepState, string> = {
  'not-started': 'not started',
  planned: 'planned',
  applied: 'applied',
  verified: 'verified',
  failed: 'failed',
  'done-by-hand': 'done by hand',
  'needs-recheck': 'needs rechecking',
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
