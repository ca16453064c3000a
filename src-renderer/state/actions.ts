import { newJobId, type ContractClient, type StepSummary } from '../../src-main/contract';
import { createConnectionActions, selectApplyNeedsConfirmation, type ConnectionActions } from './connection-actions';
import { copyText } from './copy-text';
import { createIncidentActions, type IncidentActions } from './incident-actions';
import { createPairActions, type PairActions } from './pair-actions';
import { createProfileActions, type ProfileActions } from './profile-actions';
import { selectIsLab, selectStepCapabilities } from './selectors';
import { MAX_LOG_LINES, NO_ATTENTION, newCurrentStep, type CurrentStep, type WizardState, type WizardStore } from './store';

/**
 * Everything the wizard does, as plain functions over the store and the contract client: they call the main process
 * and apply the answers (and job events) with `setState`, outside React. Answers that arrive after the user has moved
 * to another page are dropped.
 */
export interface WizardActions extends PairActions, ConnectionActions, ProfileActions, IncidentActions {
  /** Loads the environment, the step list and the pair document, opens the first step, and the lab's clusters in a lab. */
  start(): Promise<void>;
  selectStep(stepId: string): Promise<void>;
  selectPair(): void;
  selectFailover(): void;
  /** Opens the step after the current one in the guide's order. */
  nextStep(): Promise<void>;
  /** The user left a field after editing it (or changed a check box or a choice): its problems are shown from now on. */
  touchPairField(path: string): void;
  plan(): Promise<void>;
  /**
   * Applies the plan on screen. On a real pair, a plan that changes something outside the program first opens the
   * confirmation (nothing is sent); `confirmed` is its "Apply these changes", sent with the request.
   */
  apply(confirmed?: boolean): Promise<void>;
  cancel(): Promise<void>;
  verify(): Promise<void>;
  editNote(note: string): void;
  markDone(): Promise<void>;
  editHandworkNote(note: string): void;
  /** Confirms the part of the step only the administrator can do; verifies again when a verification is shown. */
  confirmHandwork(): Promise<void>;
  /** Copies text (a command, or all of them) and announces it. */
  copy(text: string, what: string): Promise<void>;
  refreshSteps(): Promise<void>;
  refreshClusters(): Promise<void>;
  setPower(target: string, on: boolean): Promise<void>;
  /** The preview socket closed (server stopped): nothing more can be asked. */
  connectionLost(): void;
}

export interface WizardActionOptions {
  /** How long after the last edit the draft is checked by the main process (ms). */
  readonly checkDelayMs?: number;
  /** Writes text to the clipboard (the browser's by default). */
  readonly writeClipboard?: (text: string) => Promise<void>;
}

function browserClipboard(text: string): Promise<void> {
  // Typed structurally: the unit tests compile this module without the DOM library.
  const clipboard = (globalThis as { navigator?: { clipboard?: { writeText(text: string): Promise<void> } } }).navigator?.clipboard;
  if (clipboard === undefined) return Promise.reject(new Error('No clipboard here.'));
  return clipboard.writeText(text);
}

export function createWizardActions(store: WizardStore, client: ContractClient, options: WizardActionOptions = {}): WizardActions {
  const get = store.getState;
  // After a save, Open, New or Save as, everything shown follows the document open now (documentChanged).
  const pairActions = createPairActions(store, client, options.checkDelayMs ?? 300, () => documentChanged());
  const writeClipboard = options.writeClipboard ?? browserClipboard;
  const connectionActions = createConnectionActions(store, client, { writeClipboard, canLeavePage: () => get().current?.job.status !== 'running' });
  const profileActions = createProfileActions(store, client, { writeClipboard });
  const incidentActions = createIncidentActions(store, client, { writeClipboard, openFailoverPanel: () => actions.selectFailover() });

  /** Updates the current step only if it is still `stepId`. */
  const patchCurrent = (stepId: string, patch: (current: CurrentStep) => Partial<CurrentStep>): void => {
    store.setState((state: WizardState) =>
      state.current?.stepId === stepId ? { current: { ...state.current, ...patch(state.current) } } : {},
    );
  };

  const replaceSummary = (summary: StepSummary): void => {
    store.setState((state) =>
      state.steps.status === 'ready'
        ? { steps: { status: 'ready', value: state.steps.value.map((s) => (s.id === summary.id ? summary : s)) } }
        : {},
    );
  };

  /**
   * step.get: the state, the last plan and the last verification (after a restart too); a page's own plan is kept.
   * Only when a page opens does it adopt the remembered plan and verification (`adopt`): after an action, what the
   * page shows is that action's own outcome, never an older result the program remembered.
   */
  async function loadStep(stepId: string, adopt = false): Promise<void> {
    const reply = await client.invoke('step.get', { stepId });
    if (!reply.ok) {
      patchCurrent(stepId, () => ({ detail: { status: 'error', error: reply.error } }));
      return;
    }
    const { summary } = reply.value;
    // What the program remembers of a step that needs rechecking was planned and checked under another pair
    // document: it is not shown as this document's plan or verification.
    const recheck = summary.state === 'needs-recheck';
    const plan = recheck ? undefined : reply.value.plan;
    const verification = recheck ? undefined : reply.value.verification;
    patchCurrent(stepId, (current) => ({
      detail: { status: 'ready', value: reply.value },
      plan: adopt && current.plan.status === 'idle' && plan !== undefined ? { status: 'ready', plan, fresh: false } : current.plan,
      verification: adopt && current.verification === undefined && verification !== undefined ? { status: 'ready', value: verification } : current.verification,
    }));
    replaceSummary(summary);
  }

  /**
   * Plans the step again after it changed something (apply, verify, a note), so the plan shown is the world's
   * current truth (changes made show as in place, a recording as recorded). The plan shown stays until the new one
   * arrives; an error leaves it, since the action's own outcome is already on screen.
   */
  async function replan(stepId: string): Promise<void> {
    const reply = await client.invoke('step.plan', { stepId });
    if (reply.ok) patchCurrent(stepId, () => ({ plan: { status: 'ready', plan: reply.value, fresh: true } }));
  }

  /**
   * The pair document open now changed (saved with new values, another file opened, a new one, saved as): the step
   * list, the environment's title and the step on screen are read again, and the plan and verification shown (made
   * with the document before) are dropped, so nothing on screen belongs to another document.
   */
  async function documentChanged(): Promise<void> {
    const current = get().current;
    const running = current?.job.status === 'running';
    if (current !== undefined && !running) {
      patchCurrent(current.stepId, (c) => ({
        plan: { status: 'idle' },
        planChange: undefined,
        verification: undefined,
        confirmingApply: undefined,
        ...(c.job.status === 'running' ? {} : { job: { status: 'idle' }, log: [] }),
      }));
    }
    await Promise.all([
      actions.refreshSteps(),
      refreshEnvironment(),
      current !== undefined && !running ? loadStep(current.stepId, true) : Promise.resolve(),
    ]);
  }

  /** environment.describe again: its title names the clusters of the document open now. A failure keeps the last. */
  async function refreshEnvironment(): Promise<void> {
    const reply = await client.invoke('environment.describe', {});
    if (reply.ok) store.setState({ environment: { status: 'ready', value: reply.value } });
  }

  /** Drops what a finished job left on screen (its failure, or that it was cancelled): something newer replaces it. */
  const finishedJobCleared = (current: CurrentStep): Partial<CurrentStep> =>
    current.job.status === 'failed' || current.job.status === 'cancelled' ? { job: { status: 'idle' } } : {};

  const setAttention = (patch: (attention: WizardState['pairAttention']) => Partial<WizardState['pairAttention']>): void => {
    store.setState((state) => ({ pairAttention: { ...state.pairAttention, ...patch(state.pairAttention) } }));
  };
  const pairPath = (): string | undefined => {
    const pair = get().pair;
    return pair.status === 'ready' ? pair.value.path : undefined;
  };
  /** Another document is open (Open, New): its problems are shown afresh, as the user works through it. */
  async function forgetAttentionAfter(run: () => Promise<void>): Promise<void> {
    const before = pairPath();
    await run();
    if (pairPath() !== before) store.setState({ pairAttention: NO_ATTENTION });
  }

  const actions: WizardActions = {
    ...pairActions,

    touchPairField(path) {
      if (get().pairAttention.touched.includes(path)) return;
      setAttention((a) => ({ touched: [...a.touched, path] }));
    },

    async savePair() {
      // Save tried: every problem is shown, each by its field, so the user can see why nothing was written.
      setAttention(() => ({ saveTried: true }));
      await pairActions.savePair();
    },

    openPairFile: (path, discard) => forgetAttentionAfter(() => pairActions.openPairFile(path, discard)),
    newPairFile: (path, discard) => forgetAttentionAfter(() => pairActions.newPairFile(path, discard)),

    async savePairAs(path, replace) {
      setAttention(() => ({ saveTried: true }));
      await pairActions.savePairAs(path, replace);
    },
    ...connectionActions,
    ...profileActions,
    ...incidentActions,

    async start() {
      const [environment, steps] = await Promise.all([
        client.invoke('environment.describe', {}),
        client.invoke('steps.list', {}),
        pairActions.loadPair(),
      ]);
      store.setState({
        environment: environment.ok ? { status: 'ready', value: environment.value } : { status: 'error', error: environment.error },
        steps: steps.ok ? { status: 'ready', value: steps.value } : { status: 'error', error: steps.error },
      });
      const first = steps.ok ? steps.value[0] : undefined;
      await Promise.all([
        first !== undefined && get().selected === undefined ? actions.selectStep(first.id) : Promise.resolve(),
        selectIsLab(get()) ? actions.refreshClusters() : Promise.resolve(),
        environment.ok && environment.value.kind === 'real' ? actions.loadCredentials() : Promise.resolve(),
      ]);
    },

    async selectStep(stepId) {
      const current = get().current;
      if (current?.stepId === stepId && get().selected?.kind === 'step') return;
      // A running job keeps its page: the navigation is disabled until it ends (or is cancelled).
      if (current?.job.status === 'running') return;
      store.setState({ selected: { kind: 'step', stepId }, current: newCurrentStep(stepId) });
      await loadStep(stepId, true);
    },

    async nextStep() {
      const next = selectStepCapabilities(get()).nextStepId;
      if (next !== undefined) await actions.selectStep(next);
    },

    selectPair() {
      if (get().current?.job.status === 'running') return;
      store.setState({ selected: { kind: 'pair' }, current: undefined });
    },

    selectFailover() {
      if (get().current?.job.status === 'running') return;
      store.setState({ selected: { kind: 'failover' }, current: undefined });
    },

    async plan() {
      const current = get().current;
      if (current === undefined || !selectStepCapabilities(get()).canPlan) return;
      const { stepId } = current;
      const before = current.plan.status === 'ready' ? current.plan.plan.digest : undefined;
      patchCurrent(stepId, () => ({ plan: { status: 'loading' }, planChange: undefined }));
      const reply = await client.invoke('step.plan', { stepId });
      patchCurrent(stepId, (c) => {
        if (!reply.ok) return { plan: { status: 'error', error: reply.error } };
        const plan = { status: 'ready' as const, plan: reply.value, fresh: true };
        // The same plan as before: what was shown of it still holds. Another plan (the world or the document
        // changed): the verification and the job's outcome shown were of the world before, so they go.
        return reply.value.digest === before ? { plan } : { plan, verification: undefined, ...finishedJobCleared(c), log: c.job.status === 'running' ? c.log : [] };
      });
      await Promise.all([loadStep(stepId), actions.refreshSteps()]);
    },

    async apply(confirmed = false) {
      const current = get().current;
      if (current === undefined || current.plan.status !== 'ready' || !selectStepCapabilities(get()).canApply) return;
      const { stepId } = current;
      // Apply runs the plan on screen, named by its digest, or nothing.
      const planDigest = current.plan.plan.digest;
      // A real pair changes only once the administrator has read what will change and said yes (once per Apply).
      const mustConfirm = selectApplyNeedsConfirmation(get());
      if (mustConfirm && !(confirmed && current.confirmingApply === planDigest)) {
        patchCurrent(stepId, () => ({ confirmingApply: planDigest }));
        return;
      }
      const jobId = newJobId();
      patchCurrent(stepId, () => ({
        job: { status: 'running', jobId, value: 0, title: 'Starting', cancelRequested: false },
        log: [],
        verification: undefined,
        confirmingApply: undefined,
      }));
      const unsubscribe = client.onJobEvent(jobId, (event) => {
        patchCurrent(stepId, (c) => {
          if (c.job.status !== 'running' || c.job.jobId !== jobId) return {};
          if (event.kind === 'log') return { log: [...c.log, { level: event.level, line: event.line }].slice(-MAX_LOG_LINES) };
          return {
            job: {
              ...c.job,
              value: Math.max(c.job.value, event.value),
              title: event.title,
              ...(event.description !== undefined ? { description: event.description } : { description: undefined }),
            },
          };
        });
      });
      let reply;
      try {
        reply = await client.invoke('step.apply', { jobId, stepId, planDigest, confirmed: mustConfirm });
      } finally {
        unsubscribe();
      }
      if (reply.ok) {
        const outcome = reply.value;
        if (outcome.kind === 'applied') {
          patchCurrent(stepId, () => ({ job: { status: 'idle' }, planChange: undefined, verification: { status: 'ready', value: outcome.verification } }));
          await replan(stepId);
        } else {
          // Nothing ran: the new plan is shown with what changed, and Apply applies it once it has been read.
          patchCurrent(stepId, () => ({ job: { status: 'idle' }, plan: { status: 'ready', plan: outcome.plan, fresh: true }, planChange: outcome.changes }));
        }
      } else {
        patchCurrent(stepId, () => ({ job: reply.error.code === 'job/cancelled' ? { status: 'cancelled', message: reply.error.message } : { status: 'failed', error: reply.error } }));
        // Some changes may have been made before it stopped: the plan shows which are in place now.
        await replan(stepId);
      }
      await Promise.all([loadStep(stepId), actions.refreshSteps(), selectIsLab(get()) ? actions.refreshClusters() : Promise.resolve()]);
    },

    async cancel() {
      const current = get().current;
      const job = current?.job;
      if (current === undefined || job?.status !== 'running' || job.cancelRequested) return;
      patchCurrent(current.stepId, (c) => (c.job.status === 'running' ? { job: { ...c.job, cancelRequested: true } } : {}));
      await client.invoke('job.cancel', { jobId: job.jobId });
    },

    async verify() {
      const current = get().current;
      if (current === undefined || !selectStepCapabilities(get()).canVerify) return;
      const { stepId } = current;
      // A new verification replaces the last one, and an earlier Apply's failure: what is shown is the check now.
      patchCurrent(stepId, (c) => ({ verification: { status: 'loading' }, ...finishedJobCleared(c) }));
      const reply = await client.invoke('step.verify', { stepId });
      patchCurrent(stepId, () => ({
        verification: reply.ok ? { status: 'ready', value: reply.value } : { status: 'error', error: reply.error },
      }));
      await Promise.all([loadStep(stepId), actions.refreshSteps(), get().current?.plan.status === 'ready' ? replan(stepId) : Promise.resolve()]);
    },

    editNote(note) {
      const current = get().current;
      if (current === undefined) return;
      patchCurrent(current.stepId, () => ({ note, mark: { status: 'idle' } }));
    },

    async markDone() {
      const current = get().current;
      if (current === undefined || !selectStepCapabilities(get()).canMarkDone) return;
      const { stepId, note } = current;
      patchCurrent(stepId, () => ({ mark: { status: 'saving' } }));
      const reply = await client.invoke('step.markDone', { stepId, note });
      if (!reply.ok) {
        patchCurrent(stepId, () => ({ mark: { status: 'error', error: reply.error } }));
        return;
      }
      // The verification shown was made before the step was marked: it is replaced by what the program remembers
      // (the mark does not verify; Verify checks the step again).
      patchCurrent(stepId, () => ({ mark: { status: 'idle' }, note: '', detail: { status: 'ready', value: reply.value }, verification: undefined }));
      replaceSummary(reply.value.summary);
      await Promise.all([actions.refreshSteps(), get().current?.plan.status === 'ready' ? replan(stepId) : Promise.resolve()]);
    },

    editHandworkNote(note) {
      const current = get().current;
      if (current === undefined) return;
      patchCurrent(current.stepId, () => ({ handworkNote: note, handwork: { status: 'idle' } }));
    },

    async confirmHandwork() {
      const current = get().current;
      if (current === undefined || !selectStepCapabilities(get()).canConfirmHandwork) return;
      const { stepId, handworkNote } = current;
      patchCurrent(stepId, () => ({ handwork: { status: 'saving' } }));
      const reply = await client.invoke('step.confirm', { stepId, note: handworkNote });
      if (!reply.ok) {
        patchCurrent(stepId, () => ({ handwork: { status: 'error', error: reply.error } }));
        return;
      }
      patchCurrent(stepId, () => ({ handwork: { status: 'idle' }, handworkNote: '', detail: { status: 'ready', value: reply.value } }));
      replaceSummary(reply.value.summary);
      // The verification shown checked the confirmation as it was: check again, so it shows the confirmation.
      if (get().current?.stepId === stepId && get().current?.verification?.status === 'ready') await actions.verify();
      else await actions.refreshSteps();
    },

    async copy(text, what) {
      const current = get().current;
      if (current === undefined) return;
      const message = await copyText(writeClipboard, text, what);
      patchCurrent(current.stepId, () => ({ copied: message }));
    },

    async refreshSteps() {
      const steps = await client.invoke('steps.list', {});
      store.setState({ steps: steps.ok ? { status: 'ready', value: steps.value } : { status: 'error', error: steps.error } });
    },

    async refreshClusters() {
      const reply = await client.invoke('lab.clusters', {});
      store.setState((state) => ({
        lab: { ...state.lab, clusters: reply.ok ? { status: 'ready', value: reply.value } : { status: 'error', error: reply.error } },
      }));
    },

    async setPower(target, on) {
      if (get().lab.power !== undefined) return;
      store.setState((state) => ({ lab: { ...state.lab, power: { target, on }, powerError: undefined } }));
      const reply = await client.invoke('lab.power', { target, on });
      store.setState((state) => ({
        lab: reply.ok
          ? { clusters: { status: 'ready', value: reply.value }, power: undefined, powerError: undefined }
          : { ...state.lab, power: undefined, powerError: reply.error },
      }));
    },

    connectionLost() {
      pairActions.dispose();
      store.setState({ connection: 'lost' });
    },
  };
  return actions;
}
