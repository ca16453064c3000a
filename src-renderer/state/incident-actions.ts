import { newJobId, type ContractClient, type IncidentAnswer, type LabFailureInput, type RunbookKind } from '../../src-main/contract';
import { copyText } from './copy-text';
import { TIME_OF_DAY, selectRunCapabilities, selectResumable } from './incident-selectors';
import { MAX_LOG_LINES, type IncidentPanelState, type WizardState, type WizardStore } from './store';

/**
 * The failover panel and the lab's failures, as plain functions over the store and the contract client: the monitor
 * read about once a second (`incident.state`, wherever the user is, so the manual intervention prompt shows on every
 * page), the prompt and the run's questions answered, a runbook planned and run as a job, the lab's failures pulled.
 */
export interface IncidentActions {
  /** Reads `incident.state` once (a read already on its way is followed by one more, never by several). */
  refreshIncident(): Promise<void>;
  /** Reads `incident.state` every `intervalMs` (1 s) until the returned function is called. */
  startIncidentPolling(intervalMs?: number): () => void;
  setMonitor(on: boolean): Promise<void>;
  editPromptNote(note: string): void;
  /** "Start failover": accepts the prompt, opens the failover panel and plans the failover. */
  acceptPrompt(): Promise<void>;
  /** "Not now": declines the prompt, with the note when one was written. */
  declinePrompt(): Promise<void>;
  /** Shows the whole plan of a runbook (`incident.plan`); changes nothing. */
  planRunbook(runbook: RunbookKind): Promise<void>;
  editReason(reason: string): void;
  /** Runs the plan on screen (or a dry run of it) as a job with its live steps, progress and log. */
  startRun(dryRun: boolean): Promise<void>;
  /** Continues the last run, which stopped before it ended. */
  resumeRun(): Promise<void>;
  cancelRun(): Promise<void>;
  editQuestionNote(note: string): void;
  editDowntime(at: string): void;
  /** Answers the run's intervention or guard question (the guard needs a reason: the note). */
  answerQuestion(kind: 'accepted' | 'declined'): Promise<void>;
  /** Answers the run's downtime question with the time typed (HH:MM). */
  scheduleDowntime(): Promise<void>;
  copyIncidentText(text: string, what: string): Promise<void>;
  /** Pulls (restore false) or restores one of the lab's failures. */
  labFailure(failure: LabFailureInput, restore: boolean): Promise<void>;
}

export interface IncidentActionOptions {
  readonly writeClipboard: (text: string) => Promise<void>;
  /** Opens the failover panel (when no step job holds the page). */
  readonly openFailoverPanel: () => void;
}

/** The key of a lab failure request, to say which button is busy. */
export const labFailureKey = (failure: LabFailureInput, restore: boolean): string =>
  `${restore ? 'restore' : 'pull'} ${failure.kind === 'node' ? `node ${failure.node}` : failure.kind}`;

export function createIncidentActions(store: WizardStore, client: ContractClient, options: IncidentActionOptions): IncidentActions {
  const get = store.getState;
  const patch = (update: (c: IncidentPanelState) => Partial<IncidentPanelState>): void => {
    store.setState((state: WizardState) => ({ incident: { ...state.incident, ...update(state.incident) } }));
  };
  const connected = (): boolean => get().connection === 'open';

  let reading: Promise<void> | undefined;
  let readAgain = false;
  async function readState(): Promise<void> {
    do {
      readAgain = false;
      const reply = await client.invoke('incident.state', {});
      // A failed read keeps what was shown (a transient error must not hide a pending prompt) unless nothing was.
      patch((c) => ({
        state: reply.ok ? { status: 'ready', value: reply.value } : c.state?.status === 'ready' ? c.state : { status: 'error', error: reply.error },
      }));
      // The lab's failures pulled now, known from the first read (not only after a Pull or Restore here).
      const labFailures = reply.ok ? reply.value.labFailures : undefined;
      if (labFailures !== undefined && get().labFailure.busy === undefined) {
        store.setState((state) => ({ labFailure: { ...state.labFailure, failures: labFailures } }));
      }
    } while (readAgain && connected());
  }

  async function answer(request: IncidentAnswer, after?: () => Partial<IncidentPanelState>): Promise<boolean> {
    if (get().incident.answering || !connected()) return false;
    patch(() => ({ answering: true, answerError: undefined, inputProblem: undefined }));
    const reply = await client.invoke('incident.answer', request);
    patch((c) =>
      reply.ok
        ? { answering: false, state: { status: 'ready', value: reply.value }, ...(after?.() ?? {}) }
        : { answering: false, answerError: reply.error, state: c.state },
    );
    return reply.ok;
  }

  async function run(runbook: RunbookKind, dryRun: boolean, resume: boolean): Promise<void> {
    if (get().incident.job.status === 'running' || !connected()) return;
    const reason = get().incident.reason.trim();
    const jobId = newJobId();
    patch(() => ({
      job: { status: 'running', jobId, runbook, dryRun, value: 0, title: resume ? 'Resuming' : 'Starting', cancelRequested: false },
      log: [],
      answerError: undefined,
      inputProblem: undefined,
    }));
    const unsubscribe = client.onJobEvent(jobId, (event) => {
      if (event.kind === 'log') {
        patch((c) => (c.job.status === 'running' && c.job.jobId === jobId ? { log: [...c.log, { level: event.level, line: event.line }].slice(-MAX_LOG_LINES) } : {}));
        return;
      }
      patch((c) =>
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
      // A step started or ended: the step list follows at once rather than at the next poll.
      void actions.refreshIncident();
    });
    let reply;
    try {
      reply = await client.invoke('incident.run', {
        jobId,
        run: { runbook, dryRun, ...(resume ? { resume: true } : {}), ...(reason !== '' ? { reason } : {}) },
      });
    } finally {
      unsubscribe();
    }
    patch(() => ({ job: reply.ok ? { status: 'ended', run: reply.value } : { status: 'failed', error: reply.error } }));
    // The plan shown was read before the run: it is read again, so Start offers what is true now.
    await Promise.all([actions.refreshIncident(), actions.planRunbook(runbook)]);
  }

  const actions: IncidentActions = {
    refreshIncident() {
      if (!connected()) return Promise.resolve();
      if (reading !== undefined) {
        readAgain = true;
        return reading;
      }
      reading = readState().finally(() => {
        reading = undefined;
      });
      return reading;
    },

    startIncidentPolling(intervalMs = 1000) {
      void actions.refreshIncident();
      const timer = setInterval(() => {
        // One read at a time: a slow main process is not queued a read every second.
        if (reading === undefined) void actions.refreshIncident();
      }, intervalMs);
      return () => clearInterval(timer);
    },

    async setMonitor(on) {
      if (get().incident.monitorBusy || !connected()) return;
      patch(() => ({ monitorBusy: true, monitorError: undefined }));
      const reply = await client.invoke('incident.monitor', { on });
      patch((c) => ({
        monitorBusy: false,
        ...(reply.ok
          ? { state: c.state?.status === 'ready' ? { status: 'ready', value: { ...c.state.value, monitor: reply.value } } : c.state }
          : { monitorError: reply.error }),
      }));
      await actions.refreshIncident();
    },

    editPromptNote(note) {
      patch(() => ({ promptNote: note }));
    },

    async acceptPrompt() {
      const note = get().incident.promptNote.trim();
      const accepted = await answer({ kind: 'accepted', ...(note !== '' ? { note } : {}) }, () => ({ promptNote: '' }));
      if (!accepted) return;
      options.openFailoverPanel();
      await actions.planRunbook('failover');
    },

    async declinePrompt() {
      const note = get().incident.promptNote.trim();
      await answer({ kind: 'declined', ...(note !== '' ? { note } : {}) }, () => ({ promptNote: '' }));
    },

    async planRunbook(runbook) {
      if (!connected()) return;
      patch(() => ({ plan: { status: 'loading', runbook }, copied: undefined }));
      const reply = await client.invoke('incident.plan', { runbook });
      patch(() => ({ plan: reply.ok ? { status: 'ready', plan: reply.value } : { status: 'error', runbook, error: reply.error } }));
    },

    editReason(reason) {
      patch(() => ({ reason }));
    },

    async startRun(dryRun) {
      const capabilities = selectRunCapabilities(get());
      if (!(dryRun ? capabilities.canDryRun : capabilities.canStart) || capabilities.plan === undefined) return;
      await run(capabilities.plan.runbook, dryRun, false);
    },

    async resumeRun() {
      const last = selectResumable(get());
      if (last === undefined) return;
      await run(last.runbook, last.dryRun, true);
    },

    async cancelRun() {
      const job = get().incident.job;
      if (job.status !== 'running' || job.cancelRequested) return;
      patch((c) => (c.job.status === 'running' ? { job: { ...c.job, cancelRequested: true } } : {}));
      await client.invoke('job.cancel', { jobId: job.jobId });
    },

    editQuestionNote(note) {
      patch(() => ({ questionNote: note, inputProblem: undefined }));
    },

    editDowntime(at) {
      patch(() => ({ downtime: at, inputProblem: undefined }));
    },

    async answerQuestion(kind) {
      const state = get().incident.state;
      const question = state?.status === 'ready' ? state.value.run?.question : undefined;
      const note = get().incident.questionNote.trim();
      if (question?.kind === 'guard' && kind === 'accepted' && note === '') {
        patch(() => ({ inputProblem: 'Give the reason for failing over within the guard period (the note).' }));
        return;
      }
      await answer({ kind, ...(note !== '' ? { note } : {}) }, () => ({ questionNote: '' }));
    },

    async scheduleDowntime() {
      const at = get().incident.downtime.trim();
      if (!TIME_OF_DAY.test(at)) {
        patch(() => ({ inputProblem: `Downtime: "${at}" is not a time of day; enter HH:MM (24-hour), such as 02:30.` }));
        return;
      }
      await answer({ kind: 'scheduled', at }, () => ({ downtime: '' }));
    },

    async copyIncidentText(text, what) {
      const message = await copyText(options.writeClipboard, text, what);
      patch(() => ({ copied: message }));
    },

    async labFailure(failure, restore) {
      if (get().labFailure.busy !== undefined || !connected()) return;
      const key = labFailureKey(failure, restore);
      store.setState((state) => ({ labFailure: { ...state.labFailure, busy: key, error: undefined } }));
      const reply = await client.invoke('lab.failure', { failure, restore });
      store.setState((state) =>
        reply.ok
          ? {
              labFailure: { busy: undefined, failures: reply.value.failures, message: reply.value.message, error: undefined },
              lab: { ...state.lab, clusters: { status: 'ready', value: reply.value.clusters } },
            }
          : { labFailure: { ...state.labFailure, busy: undefined, error: reply.error } },
      );
      await actions.refreshIncident();
    },
  };
  return actions;
}
