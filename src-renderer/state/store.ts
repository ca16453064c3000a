import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  AppError,
  ClusterSummary,
  CredentialId,
  CredentialsStatus,
  Environment,
  IncidentState,
  PairProblemView,
  PlanChanges,
  PreflightReport,
  ProfileCommands,
  RunbookKind,
  RunPlanView,
  RunView,
  StepDetail,
  StepPlan,
  StepSummary,
  StepVerification,
} from '../../src-main/contract';

/**
 * The renderer's one store, made of typed slices. It holds a view of what the main process owns (environment, step
 * progress, the pair document, clusters) plus what the user is doing on the current page. Actions live outside the
 * store (`actions.ts`); what may be done next is derived by selectors (`selectors.ts`), never stored.
 */

/** Something fetched from the main process. */
export type Loadable<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly error: AppError };

/** The bridge to the main process: the preview socket can be lost (server stopped); the Electron IPC cannot. */
export interface ConnectionSlice {
  readonly connection: 'open' | 'lost';
}

export interface EnvironmentSlice {
  readonly environment: Loadable<Environment>;
}

/** Where the left navigation points. */
export type NavTarget =
  | { readonly kind: 'step'; readonly stepId: string }
  | { readonly kind: 'pair' }
  | { readonly kind: 'failover' }
  | { readonly kind: 'connections' };

export interface StepsSlice {
  /** Every setup step of guide sections 3-6 with its state, as the main process reports it. */
  readonly steps: Loadable<readonly StepSummary[]>;
  readonly selected: NavTarget | undefined;
}

/** The pair document as the form edits it: the saved file's content and the draft, with the main process's problems. */
export interface PairForm {
  readonly path: string;
  /** The document as last read or saved (undefined when the file does not exist or could not be parsed). */
  readonly saved: unknown;
  readonly draft: unknown;
  /** What the user typed in fields whose text is not the document's value (disk signatures), by path. */
  readonly texts: Readonly<Record<string, string>>;
  /** The main process's problems with the draft (the last `pair.check`, or the last read or save). */
  readonly problems: readonly PairProblemView[];
  /** A check is scheduled or on its way. */
  readonly checking: boolean;
  readonly saving: boolean;
  /** The problems of the last refused save (nothing was written); cleared by a successful save. */
  readonly refused: readonly PairProblemView[] | undefined;
  /** When the last save succeeded (ISO 8601), this session. */
  readonly savedAt: string | undefined;
  readonly saveError: AppError | undefined;
  /** Opening another file or saving as one: running, or how the last attempt was refused (nothing changed). */
  readonly relocation: PairRelocationState;
}

/** The "Open" / "Save as" of another pair document file. */
export type PairRelocationState =
  | { readonly status: 'idle' }
  | { readonly status: 'busy' }
  | { readonly status: 'refused'; readonly error: AppError }
  /** "Save as" found a file there: the wizard asks before replacing it. */
  | { readonly status: 'exists'; readonly path: string; readonly message: string }
  /** "Open" or "New" while the form has unsaved changes: the wizard asks before dropping them. */
  | { readonly status: 'discard'; readonly path: string; readonly action: 'open' | 'new' };

export interface PairSlice {
  readonly pair: Loadable<PairForm>;
  /**
   * Which problems of the form the user is shown: a field's once it has been left after an edit (touched), every
   * field's once Save was tried. A new document does not open with every empty field marked as an error.
   */
  readonly pairAttention: PairAttention;
}

export interface PairAttention {
  /** The path strings of the fields the user has edited and left. */
  readonly touched: readonly string[];
  /** Save was tried on this document: every problem is shown. */
  readonly saveTried: boolean;
}

export const NO_ATTENTION: PairAttention = { touched: [], saveTried: false };

/** Plan shown: `fresh` when asked for on this page, not when it is the last plan the main process remembered. */
export type PlanState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly plan: StepPlan; readonly fresh: boolean }
  | { readonly status: 'error'; readonly error: AppError };

export type JobState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'running';
      readonly jobId: string;
      /** 0..1 */
      readonly value: number;
      readonly title: string;
      readonly description?: string;
      readonly cancelRequested: boolean;
    }
  | { readonly status: 'cancelled'; readonly message: string }
  | { readonly status: 'failed'; readonly error: AppError };

/** One line of an apply job's log, as the main process streamed it. */
export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly line: string;
}

export type MarkState = { readonly status: 'idle' } | { readonly status: 'saving' } | { readonly status: 'error'; readonly error: AppError };

/** The step on screen: its saved state, the plan shown, the running job with its log, and the last verification. */
export interface CurrentStep {
  readonly stepId: string;
  /** `step.get`: the summary, the last plan and the last verification, so a restart resumes where it stopped. */
  readonly detail: Loadable<StepDetail>;
  readonly plan: PlanState;
  /** Apply found the plan changed since it was shown (nothing ran): what changed; the plan shown is the new one. */
  readonly planChange: PlanChanges | undefined;
  readonly job: JobState;
  readonly log: readonly LogLine[];
  readonly verification: Loadable<StepVerification> | undefined;
  /** The note for "Mark done by hand" (or Confirm, for a manual step). */
  readonly note: string;
  readonly mark: MarkState;
  /** The note confirming the part of the step only the administrator can do (step 6's monitor), and its saving. */
  readonly handworkNote: string;
  readonly handwork: MarkState;
  /** What the last Copy did, announced politely. */
  readonly copied: string | undefined;
  /** Apply on a real pair is waiting for the administrator to confirm the changes listed (the plan with this digest). */
  readonly confirmingApply: string | undefined;
}

export interface CurrentStepSlice {
  readonly current: CurrentStep | undefined;
}

export interface LabSlice {
  readonly lab: {
    readonly clusters: Loadable<readonly ClusterSummary[]> | undefined;
    /** The lab.power request in flight, if any. */
    readonly power: { readonly target: string; readonly on: boolean } | undefined;
    readonly powerError: AppError | undefined;
  };
}

/** "Check connections" (the preflight): running with its progress, its report, or how it could not run. */
export type PreflightState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'running';
      readonly jobId: string;
      /** 0..1 */
      readonly value: number;
      readonly title: string;
      readonly description?: string;
    }
  | { readonly status: 'done'; readonly report: PreflightReport }
  | { readonly status: 'failed'; readonly error: AppError };

/** The Connections page: which passwords the main process holds (never the passwords), and the preflight. */
export interface ConnectionsSlice {
  readonly connections: {
    readonly credentials: Loadable<CredentialsStatus> | undefined;
    /** The credential being sent or forgotten, if any. */
    readonly sending: CredentialId | undefined;
    /** How the last send or forget of a credential was refused. */
    readonly credentialError: { readonly id: CredentialId; readonly error: AppError } | undefined;
    readonly preflight: PreflightState;
    /** What the last Copy did, announced politely. */
    readonly copied: string | undefined;
  };
}

/** The Connections page's "Connection profile" form: a draft checked by `profile.check`, saved with `profile.saveAs`. */
export interface ProfileFormState {
  /** The profile being edited (JSON data), undefined until `profile.template` answers. */
  readonly draft: unknown;
  readonly loadError: AppError | undefined;
  /** The main process's problems with the draft (the last check or refused save), by field path. */
  readonly problems: readonly PairProblemView[];
  /** The file name typed (the preview); the desktop program's dialog ignores it. */
  readonly fileName: string;
  readonly saving: boolean;
  readonly saveError: AppError | undefined;
  /** The file exists: the form asks before replacing it (the message of `profile/exists`). */
  readonly exists: string | undefined;
  /** The last file written this session and the commands that use it. */
  readonly saved: { readonly path: string; readonly commands: ProfileCommands } | undefined;
  /** What the last Copy did, announced politely. */
  readonly copied: string | undefined;
}

export interface ProfileFormSlice {
  readonly profileForm: ProfileFormState;
}

export const initialProfileForm = (): ProfileFormState => ({
  draft: undefined,
  loadError: undefined,
  problems: [],
  fileName: 'production-profile.json',
  saving: false,
  saveError: undefined,
  exists: undefined,
  saved: undefined,
  copied: undefined,
});

/** The failover panel (guide sections 6-8): what `incident.state` says, the plan shown, the run started here. */
export interface IncidentPanelState {
  /** The last `incident.state` (polled about once a second while the program runs); undefined before the first. */
  readonly state: Loadable<IncidentState> | undefined;
  /** `incident.monitor` in flight, and how the last one was refused. */
  readonly monitorBusy: boolean;
  readonly monitorError: AppError | undefined;
  readonly plan:
    | { readonly status: 'idle' }
    | { readonly status: 'loading'; readonly runbook: RunbookKind }
    | { readonly status: 'ready'; readonly plan: RunPlanView }
    | { readonly status: 'error'; readonly runbook: RunbookKind; readonly error: AppError };
  /** The run started from this window (`incident.run` job), or how it ended. */
  readonly job:
    | { readonly status: 'idle' }
    | {
        readonly status: 'running';
        readonly jobId: string;
        readonly runbook: RunbookKind;
        readonly dryRun: boolean;
        /** 0..1, and what runs now, from the job's progress events. */
        readonly value: number;
        readonly title: string;
        readonly description?: string;
        readonly cancelRequested: boolean;
      }
    | { readonly status: 'ended'; readonly run: RunView }
    | { readonly status: 'failed'; readonly error: AppError };
  readonly log: readonly LogLine[];
  /** An answer (to the prompt or the run's question) in flight, and how the last one was refused. */
  readonly answering: boolean;
  readonly answerError: AppError | undefined;
  /** The prompt's "Not now" note, the question's note (the guard's reason), the downtime HH:MM, the run's reason. */
  readonly promptNote: string;
  readonly questionNote: string;
  readonly downtime: string;
  readonly reason: string;
  /** A field refused here before anything was sent (the downtime not HH:MM, the guard with no reason). */
  readonly inputProblem: string | undefined;
  /** What the last Copy did, announced politely. */
  readonly copied: string | undefined;
}

export interface IncidentSlice {
  readonly incident: IncidentPanelState;
}

export const initialIncidentPanel = (): IncidentPanelState => ({
  state: undefined,
  monitorBusy: false,
  monitorError: undefined,
  plan: { status: 'idle' },
  job: { status: 'idle' },
  log: [],
  answering: false,
  answerError: undefined,
  promptNote: '',
  questionNote: '',
  downtime: '',
  reason: '',
  inputProblem: undefined,
  copied: undefined,
});

/** The lab panel's failures (`lab.failure`): the request in flight, what is pulled now, the last message. */
export interface LabFailureSlice {
  readonly labFailure: {
    readonly busy: string | undefined;
    /** The failures pulled now, as the lab names them (after the last `lab.failure`). */
    readonly failures: readonly string[] | undefined;
    readonly message: string | undefined;
    readonly error: AppError | undefined;
  };
}

export type WizardState = ConnectionSlice &
  EnvironmentSlice &
  StepsSlice &
  PairSlice &
  CurrentStepSlice &
  LabSlice &
  ConnectionsSlice &
  ProfileFormSlice &
  IncidentSlice &
  LabFailureSlice;
export type WizardStore = StoreApi<WizardState>;

/** The state before anything has been fetched. */
export const initialWizardState = (): WizardState => ({
  connection: 'open',
  environment: { status: 'loading' },
  steps: { status: 'loading' },
  selected: undefined,
  pair: { status: 'loading' },
  pairAttention: NO_ATTENTION,
  current: undefined,
  lab: { clusters: undefined, power: undefined, powerError: undefined },
  connections: { credentials: undefined, sending: undefined, credentialError: undefined, preflight: { status: 'idle' }, copied: undefined },
  profileForm: initialProfileForm(),
  incident: initialIncidentPanel(),
  labFailure: { busy: undefined, failures: undefined, message: undefined, error: undefined },
});

/** A fresh store (one per window; one per test). */
export const createWizardStore = (): WizardStore => createStore<WizardState>()(() => initialWizardState());

/** The most log lines a page keeps (the journal on disk has them all). */
export const MAX_LOG_LINES = 500;

/** A fresh page for a step, before `step.get` answers. */
export const newCurrentStep = (stepId: string): CurrentStep => ({
  stepId,
  detail: { status: 'loading' },
  plan: { status: 'idle' },
  planChange: undefined,
  job: { status: 'idle' },
  log: [],
  verification: undefined,
  note: '',
  mark: { status: 'idle' },
  handworkNote: '',
  handwork: { status: 'idle' },
  copied: undefined,
  confirmingApply: undefined,
});
