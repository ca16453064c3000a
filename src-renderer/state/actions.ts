import { newJobId, type ContractClient, type StepSummary } from '../../src-main/contract';
import { selectIsLab, selectStepInput } from './selectors';
import { newCurrentStep, type CurrentStep, type GroupFormField, type WizardState, type WizardStore } from './store';

/**
 * Everything the wizard does, as plain functions over the store and the contract client: they call the main process
 * and apply the answers (and job events) with `setState`, outside React. Answers that arrive after the user has moved
 * to another step are dropped.
 */
export interface WizardActions {
  /** Loads the environment and the step list, opens the first step, and the lab's clusters in a lab. */
  start(): Promise<void>;
  selectStep(stepId: string): Promise<void>;
  selectFailover(): void;
  editDraft(field: GroupFormField, value: string): void;
  touchField(field: GroupFormField): void;
  preview(): Promise<void>;
  apply(): Promise<void>;
  cancel(): Promise<void>;
  verify(): Promise<void>;
  refreshSteps(): Promise<void>;
  refreshClusters(): Promise<void>;
  setPower(target: string, on: boolean): Promise<void>;
  /** The preview socket closed (server stopped): nothing more can be asked. */
  connectionLost(): void;
}

export function createWizardActions(store: WizardStore, client: ContractClient): WizardActions {
  const get = store.getState;

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
   * step.get: the saved state and input, so a done step shows done with what was applied, after a restart too.
   * `fillForm` is false when refreshing after an apply or a verify: the form keeps what the user typed.
   */
  async function loadStep(stepId: string, fillForm: boolean): Promise<void> {
    const reply = await client.invoke('step.get', { stepId });
    if (!reply.ok) {
      patchCurrent(stepId, () => ({ detail: { status: 'error', error: reply.error } }));
      return;
    }
    const { summary, input } = reply.value;
    patchCurrent(stepId, (current) => ({
      detail: { status: 'ready', value: { summary, savedInput: input !== undefined } },
      draft: fillForm && input?.stepId === '4.2.1' && current.draft !== undefined ? { ...input.form } : current.draft,
    }));
    replaceSummary(summary);
  }

  const actions: WizardActions = {
    async start() {
      const [environment, steps] = await Promise.all([
        client.invoke('environment.describe', {}),
        client.invoke('steps.list', {}),
      ]);
      store.setState({
        environment: environment.ok ? { status: 'ready', value: environment.value } : { status: 'error', error: environment.error },
        steps: steps.ok ? { status: 'ready', value: steps.value } : { status: 'error', error: steps.error },
      });
      const first = steps.ok ? steps.value[0] : undefined;
      await Promise.all([
        first !== undefined && get().selected === undefined ? actions.selectStep(first.id) : Promise.resolve(),
        selectIsLab(get()) ? actions.refreshClusters() : Promise.resolve(),
      ]);
    },

    async selectStep(stepId) {
      const current = get().current;
      if (current?.stepId === stepId && get().selected?.kind === 'step') return;
      if (current?.job.status === 'running') {
        // The job keeps running in the main process; its page is left, and its answer dropped. Keep it simple:
        // stay on the page until it ends (the navigation is disabled while a job runs).
        return;
      }
      store.setState({ selected: { kind: 'step', stepId }, current: newCurrentStep(stepId) });
      await loadStep(stepId, true);
    },

    selectFailover() {
      if (get().current?.job.status === 'running') return;
      store.setState({ selected: { kind: 'failover' }, current: undefined });
    },

    editDraft(field, value) {
      const current = get().current;
      if (current?.draft === undefined || current.job.status === 'running') return;
      // A plan stands for the input it was made from: editing drops it, so Apply needs a fresh Preview.
      patchCurrent(current.stepId, (c) => ({ draft: { ...c.draft!, [field]: value }, plan: { status: 'idle' } }));
    },

    touchField(field) {
      const current = get().current;
      if (current === undefined || current.touched[field]) return;
      patchCurrent(current.stepId, (c) => ({ touched: { ...c.touched, [field]: true } }));
    },

    async preview() {
      const current = get().current;
      if (current === undefined) return;
      const { stepId } = current;
      patchCurrent(stepId, () => ({ submitted: true }));
      const input = selectStepInput(get());
      if (input === undefined) return;
      patchCurrent(stepId, () => ({ plan: { status: 'loading' } }));
      const reply = await client.invoke('step.plan', { input });
      patchCurrent(stepId, (c) =>
        // Drop a plan for an input the user has changed meanwhile.
        c.plan.status !== 'loading'
          ? {}
          : { plan: reply.ok ? { status: 'ready', plan: reply.value } : { status: 'error', error: reply.error } },
      );
    },

    async apply() {
      const state = get();
      const current = state.current;
      const input = selectStepInput(state);
      if (current === undefined || input === undefined || current.plan.status !== 'ready' || current.job.status === 'running') return;
      const { stepId } = current;
      const jobId = newJobId();
      patchCurrent(stepId, () => ({
        job: { status: 'running', jobId, value: 0, title: 'Starting', cancelRequested: false },
        verification: undefined,
      }));
      const unsubscribe = client.onJobEvent(jobId, (event) => {
        if (event.kind !== 'progress') return;
        patchCurrent(stepId, (c) =>
          c.job.status === 'running' && c.job.jobId === jobId
            ? {
                job: {
                  ...c.job,
                  value: Math.max(c.job.value, event.value),
                  title: event.title,
                  ...(event.description !== undefined ? { description: event.description } : { description: undefined }),
                },
              }
            : {},
        );
      });
      let reply;
      try {
        reply = await client.invoke('step.apply', { jobId, input });
      } finally {
        unsubscribe();
      }
      if (reply.ok) {
        patchCurrent(stepId, () => ({ job: { status: 'idle' }, plan: { status: 'idle' }, verification: { status: 'ready', value: reply.value } }));
      } else if (reply.error.code === 'job/cancelled') {
        patchCurrent(stepId, () => ({ job: { status: 'cancelled', message: reply.error.message } }));
      } else {
        patchCurrent(stepId, () => ({ job: { status: 'failed', error: reply.error } }));
      }
      await Promise.all([loadStep(stepId, false), selectIsLab(get()) ? actions.refreshClusters() : Promise.resolve()]);
    },

    async cancel() {
      const job = get().current?.job;
      if (job?.status !== 'running' || job.cancelRequested) return;
      const stepId = get().current!.stepId;
      patchCurrent(stepId, (c) => (c.job.status === 'running' ? { job: { ...c.job, cancelRequested: true } } : {}));
      await client.invoke('job.cancel', { jobId: job.jobId });
    },

    async verify() {
      const current = get().current;
      if (current === undefined) return;
      const { stepId } = current;
      patchCurrent(stepId, () => ({ verification: { status: 'loading' } }));
      const reply = await client.invoke('step.verify', { stepId });
      patchCurrent(stepId, () => ({
        verification: reply.ok ? { status: 'ready', value: reply.value } : { status: 'error', error: reply.error },
      }));
      await loadStep(stepId, false);
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
      store.setState({ connection: 'lost' });
    },
  };
  return actions;
}
