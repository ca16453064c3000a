import { changesOutsideProgram, newJobId, type ActionTool, type ContractClient, type CredentialId, type StepPlan } from '../../src-main/contract';
import type { PreflightState, WizardState, WizardStore } from './store';
import { copyText } from './copy-text';

/**
 * The Connections page and the confirmation an Apply on a real pair asks for, as plain functions over the store and
 * the contract client. A password goes from the page to `credentials.set` once and is never kept here: the store
 * holds only whether the main process has one ("entered" or "remembered").
 */
export interface ConnectionActions {
  selectConnections(): void;
  /** Reads which credentials the main process holds (never their values). */
  loadCredentials(): Promise<void>;
  /** Sends one password to the main process, once; true when it was taken. The caller clears its field either way. */
  enterCredential(id: CredentialId, password: string, remember: boolean): Promise<boolean>;
  forgetCredential(id: CredentialId): Promise<void>;
  /** Runs "Check connections" (`preflight.run`) with live progress; nothing in the outside world changes. */
  checkConnections(): Promise<void>;
  cancelCheck(): Promise<void>;
  copyCheckCommand(text: string, what: string): Promise<void>;
  /** The Apply dialog's "Cancel": nothing is sent. */
  dismissApplyConfirmation(): void;
}

export interface ConnectionActionOptions {
  readonly writeClipboard: (text: string) => Promise<void>;
  /** Leaves the page a step job is running on (the navigation waits for the job). */
  readonly canLeavePage: () => boolean;
}


/** How many lines of each target's changes the confirmation shows before "and N more". */
export const CONFIRM_FIRST_LINES = 3;

export interface TargetChanges {
  readonly target: string;
  readonly tool: ActionTool;
  readonly count: number;
  /** The first lines of the commands, as the plan shows them (masked passwords stay masked). */
  readonly firstLines: readonly string[];
  /** Command lines not shown. */
  readonly moreLines: number;
}

/** What an Apply of this plan will change outside the program: the needed actions, counted per target and tool. */
export function outsideChanges(plan: StepPlan): { readonly total: number; readonly targets: readonly TargetChanges[] } {
  const groups = new Map<string, { target: string; tool: ActionTool; count: number; lines: string[] }>();
  for (const action of plan.actions) {
    if (!action.needed || !changesOutsideProgram(action.tool)) continue;
    const key = `${action.tool}\u0000${action.target}`;
    const group = groups.get(key) ?? { target: action.target, tool: action.tool, count: 0, lines: [] };
    group.count += 1;
    group.lines.push(...action.command.split('\n').filter((line) => line.trim() !== ''));
    groups.set(key, group);
  }
  const targets = [...groups.values()].map((g) => ({
    target: g.target,
    tool: g.tool,
    count: g.count,
    firstLines: g.lines.slice(0, CONFIRM_FIRST_LINES),
    moreLines: Math.max(0, g.lines.length - CONFIRM_FIRST_LINES),
  }));
  return { total: targets.reduce((sum, t) => sum + t.count, 0), targets };
}

/**
 * An Apply that must be confirmed first: on a real pair, when the plan on screen changes a cluster, Double-Take, a
 * node's file or the directory. The lab, and a plan with nothing needed, apply at once.
 */
export function selectApplyNeedsConfirmation(state: WizardState): boolean {
  const plan = state.current?.plan;
  if (state.environment.status !== 'ready' || state.environment.value.kind !== 'real') return false;
  return plan?.status === 'ready' && outsideChanges(plan.plan).total > 0;
}

/** The plan Apply is waiting to be confirmed for, while its dialog is open. */
export function selectPlanToConfirm(state: WizardState): StepPlan | undefined {
  const current = state.current;
  if (current?.confirmingApply === undefined || current.plan.status !== 'ready') return undefined;
  return current.plan.plan.digest === current.confirmingApply ? current.plan.plan : undefined;
}

/** How many checks failed, and how many were not run, or undefined before a check ran. */
export function preflightCounts(preflight: PreflightState): { readonly failed: number; readonly skipped: number; readonly total: number } | undefined {
  if (preflight.status !== 'done') return undefined;
  const { checks } = preflight.report;
  return {
    failed: checks.filter((c) => c.result === 'failed').length,
    skipped: checks.filter((c) => c.result === 'skipped').length,
    total: checks.length,
  };
}

export function createConnectionActions(store: WizardStore, client: ContractClient, options: ConnectionActionOptions): ConnectionActions {
  const get = store.getState;
  const patch = (update: (c: WizardState['connections']) => Partial<WizardState['connections']>): void => {
    store.setState((state) => ({ connections: { ...state.connections, ...update(state.connections) } }));
  };

  const actions: ConnectionActions = {
    selectConnections() {
      if (!options.canLeavePage()) return;
      store.setState({ selected: { kind: 'connections' }, current: undefined });
      void actions.loadCredentials();
    },

    async loadCredentials() {
      const reply = await client.invoke('credentials.status', {});
      patch(() => ({ credentials: reply.ok ? { status: 'ready', value: reply.value } : { status: 'error', error: reply.error } }));
    },

    async enterCredential(id, password, remember) {
      if (get().connections.sending !== undefined || password === '') return false;
      patch(() => ({ sending: id, credentialError: undefined }));
      const reply = await client.invoke('credentials.set', { id, password, remember });
      patch(() => ({
        sending: undefined,
        ...(reply.ok ? { credentials: { status: 'ready', value: reply.value } } : { credentialError: { id, error: reply.error } }),
      }));
      return reply.ok;
    },

    async forgetCredential(id) {
      if (get().connections.sending !== undefined) return;
      patch(() => ({ sending: id, credentialError: undefined }));
      const reply = await client.invoke('credentials.forget', { id });
      patch(() => ({
        sending: undefined,
        ...(reply.ok ? { credentials: { status: 'ready', value: reply.value } } : { credentialError: { id, error: reply.error } }),
      }));
    },

    async checkConnections() {
      if (get().connections.preflight.status === 'running') return;
      const jobId = newJobId();
      patch(() => ({ preflight: { status: 'running', jobId, value: 0, title: 'Starting the checks' }, copied: undefined }));
      const unsubscribe = client.onJobEvent(jobId, (event) => {
        if (event.kind !== 'progress') return;
        patch((c) =>
          c.preflight.status === 'running' && c.preflight.jobId === jobId
            ? {
                preflight: {
                  ...c.preflight,
                  value: Math.max(c.preflight.value, event.value),
                  title: event.title,
                  ...(event.description !== undefined ? { description: event.description } : { description: undefined }),
                },
              }
            : {},
        );
      });
      let reply;
      try {
        reply = await client.invoke('preflight.run', { jobId });
      } finally {
        unsubscribe();
      }
      patch(() => ({ preflight: reply.ok ? { status: 'done', report: reply.value } : { status: 'failed', error: reply.error } }));
    },

    async cancelCheck() {
      const preflight = get().connections.preflight;
      if (preflight.status === 'running') await client.invoke('job.cancel', { jobId: preflight.jobId });
    },

    async copyCheckCommand(text, what) {
      const message = await copyText(options.writeClipboard, text, what);
      patch(() => ({ copied: message }));
    },

    dismissApplyConfirmation() {
      store.setState((state) => (state.current === undefined ? {} : { current: { ...state.current, confirmingApply: undefined } }));
    },
  };
  return actions;
}
