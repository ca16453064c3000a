import type { Handlers } from '../../../src-main/contract/dispatcher';
import { err, ok } from '../../../src-main/contract/result';
import type { ClusterSummary } from '../../../src-main/contract/channels';
import type {
  IncidentAnswer,
  IncidentState,
  IncidentView,
  LabFailureInput,
  MonitorView,
  PromptView,
  RunbookKind,
  RunPlanView,
  RunView,
} from '../../../src-main/contract/incident';

/**
 * The failover panel's side of the fake main process: a monitor that counts down (one second of Time to Fail per
 * `incident.state` read while the source is down), the manual intervention prompt it raises, guided runs made of
 * steps with progress, log lines, a series of bytes and a question, and the lab's failures.
 */
export interface FakeIncident {
  monitorOn: boolean;
  secondsLeft: number;
  prompt: PromptView | undefined;
  run: RunView | undefined;
  lastIncident: IncidentView | undefined;
  /** A refusal the failover plan's step 7.2 shows (undefined: none). */
  refusal: string | undefined;
  /** The question the failover asks at its step 7.3 (the failback always asks for the downtime at 8.1). */
  failoverQuestion: { kind: 'intervention' | 'guard'; text: string } | undefined;
  /** The answers `incident.answer` took, in order. */
  readonly answers: IncidentAnswer[];
  /** The `incident.run` requests, in order. */
  readonly runRequests: { runbook: RunbookKind; dryRun: boolean; resume?: boolean; reason?: string }[];
  /** The `lab.failure` requests, in order. */
  readonly failureRequests: { failure: LabFailureInput; restore: boolean }[];
  /** The failures pulled now ("source", "link", "node TGT1", ...). */
  readonly failures: Set<string>;
  /** While set, the run waits for it before each step starts (to observe the step list between steps). */
  stepGate: (() => Promise<void>) | undefined;
}

export type IncidentHandlers = Pick<Handlers, 'incident.state' | 'incident.monitor' | 'incident.answer' | 'incident.plan' | 'incident.run' | 'lab.failure'>;

export interface FakeIncidentHooks {
  /** The source cluster's power (lab.power) in the fake. */
  readonly sourcePowered: () => boolean;
  readonly clusters: () => ClusterSummary[];
}

const INTERVAL = 2;
const MISSED = 3;
export const FAKE_TTF = INTERVAL * MISSED;
const ADDRESS = '10.0.0.20';
const NAME = 'EXCHVS1';

interface StepDef {
  id: string;
  title: string;
  guide: string;
  tool: RunPlanView['steps'][number]['actions'][number]['tool'];
  target: string;
  command: string;
  /** Bytes the step moves (the series), when it moves any. */
  bytes?: number;
}

const FAILOVER: StepDef[] = [
  { id: '7.1', title: 'Confirm the source is down', guide: '7 step 1', tool: 'probe', target: ADDRESS, command: `ping -n 3 ${ADDRESS}` },
  { id: '7.2', title: 'Let the queue drain to the target', guide: '7 step 2', tool: 'dtcl', target: 'TGT1', command: 'connection 1 queue', bytes: 4_000_000 },
  { id: '7.3', title: 'Move the mailboxes with ExchFailover', guide: '7 step 3', tool: 'exchfailover', target: 'TGTCLUS', command: 'exchfailover -failover -s EXCHVS1 -t EXCHVS2' },
  { id: '7.4', title: 'Bring the Exchange group online on the target', guide: '7 step 4', tool: 'cluster', target: 'TGTCLUS', command: 'cluster TGTCLUS group "Exchange Group" /online' },
];
const FAILBACK: StepDef[] = [
  { id: '8.1', title: 'Schedule the downtime', guide: '8 step 1', tool: 'operator', target: 'administrator', command: '(a time of day chosen by the administrator)' },
  { id: '8.2', title: 'Mirror the data back to the source', guide: '8 step 2', tool: 'dtcl', target: 'SRC1', command: 'mirror start 1', bytes: 6_000_000 },
  { id: '8.3', title: 'Move the mailboxes back', guide: '8 step 3', tool: 'exchfailover', target: 'SRCCLUS', command: 'exchfailover -failback -s EXCHVS1 -t EXCHVS2' },
];

export function createFakeIncident(hooks: FakeIncidentHooks): { readonly incident: FakeIncident; readonly handlers: IncidentHandlers } {
  const incident: FakeIncident = {
    monitorOn: false,
    secondsLeft: FAKE_TTF,
    prompt: undefined,
    run: undefined,
    lastIncident: undefined,
    refusal: undefined,
    failoverQuestion: undefined,
    answers: [],
    runRequests: [],
    failureRequests: [],
    failures: new Set(),
    stepGate: undefined,
  };
  let lastReply: MonitorView['lastReply'];
  let firstMissedAt: string | undefined;
  /** Resolves the run's pending question with its answer. */
  let answerQuestion: ((answer: IncidentAnswer) => void) | undefined;
  const now = (): string => new Date().toISOString();
  const sourceDown = (): boolean => !hooks.sourcePowered() || incident.failures.has('source') || incident.failures.has('link');

  const monitorView = (): MonitorView => {
    const status: MonitorView['status'] = !incident.monitorOn
      ? 'stopped'
      : incident.prompt !== undefined
        ? 'raised'
        : incident.secondsLeft === 0
          ? 'red'
          : incident.secondsLeft <= FAKE_TTF * 0.75
            ? 'yellow'
            : 'green';
    return {
      status,
      address: ADDRESS,
      name: NAME,
      probe: `the lab's answer for ${ADDRESS}`,
      intervalSeconds: INTERVAL,
      missedReplies: MISSED,
      ttfSeconds: FAKE_TTF,
      secondsLeft: incident.secondsLeft,
      ...(lastReply !== undefined ? { lastReply } : {}),
      at: now(),
    };
  };

  /** One second of the monitor: a reply resets Time to Fail; none counts it down and raises the prompt at zero. */
  const tick = (): void => {
    if (!incident.monitorOn || incident.prompt !== undefined) return;
    if (!sourceDown()) {
      incident.secondsLeft = FAKE_TTF;
      firstMissedAt = undefined;
      lastReply = { at: now(), ok: true, detail: `reply from ${ADDRESS}` };
      return;
    }
    firstMissedAt ??= now();
    lastReply = { at: now(), ok: false, detail: `no reply from ${ADDRESS}` };
    incident.secondsLeft = Math.max(0, incident.secondsLeft - 1);
    if (incident.secondsLeft === 0) {
      incident.prompt = {
        incident: `inc-${Date.now()}`,
        address: ADDRESS,
        name: NAME,
        firstMissedAt,
        raisedAt: now(),
        waitedSeconds: 0,
        probeDetail: `${MISSED} replies missed from ${ADDRESS}`,
        secondPathDetail: 'TGT1 cannot reach SRCCLUS either',
      };
    }
  };

  const state = (): IncidentState => {
    const prompt = incident.prompt && { ...incident.prompt, waitedSeconds: Math.max(0, (Date.now() - Date.parse(incident.prompt.raisedAt)) / 1000) };
    return {
      monitor: monitorView(),
      ...(prompt !== undefined ? { prompt } : {}),
      ...(incident.run !== undefined ? { run: structuredClone(incident.run) } : {}),
      ...(incident.lastIncident !== undefined ? { lastIncident: structuredClone(incident.lastIncident) } : {}),
      labFailures: [...incident.failures],
    };
  };

  const planOf = (runbook: RunbookKind): RunPlanView => {
    const defs = runbook === 'failover' ? FAILOVER : FAILBACK;
    const steps = defs.map((d) => ({
      id: d.id,
      title: d.title,
      guide: d.guide,
      actions: [{ tool: d.tool, target: d.target, command: d.command, description: d.title, needed: true }],
      warnings: d.id === '7.3' ? ['Clients reconnect only once the directory has replicated.'] : [],
      findings: d.id === '7.1' ? [`${ADDRESS} did not answer the last ${MISSED} probes.`] : [],
      ...(d.id === '7.2' && incident.refusal !== undefined ? { refusal: incident.refusal } : {}),
    }));
    return {
      runbook,
      steps,
      refused: steps.some((s) => s.refusal !== undefined),
      ...(runbook === 'failover' ? { script: 'exchfailover -failover -s EXCHVS1 -t EXCHVS2\r\ncluster TGTCLUS group "Exchange Group" /online\r\n' } : {}),
    };
  };

  const timeline = (kind: string, text: string): void => {
    const id = incident.prompt?.incident ?? incident.run?.incident ?? `inc-${Date.now()}`;
    incident.lastIncident ??= { id, timeline: [], measures: { recoveryPoint: { known: false, detail: 'The queue was never read.' } } };
    incident.lastIncident.timeline.push({ at: now(), kind, text });
  };

  const waitAnswer = (signal: AbortSignal): Promise<IncidentAnswer | undefined> =>
    new Promise((resolve) => {
      const onAbort = () => {
        answerQuestion = undefined;
        resolve(undefined);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      answerQuestion = (answer) => {
        signal.removeEventListener('abort', onAbort);
        answerQuestion = undefined;
        resolve(answer);
      };
    });

  const handlers: IncidentHandlers = {
    'incident.state': async () => {
      tick();
      return ok(state());
    },
    'incident.monitor': async ({ on }) => {
      incident.monitorOn = on;
      incident.secondsLeft = FAKE_TTF;
      return ok(monitorView());
    },
    'incident.answer': async (answer) => {
      incident.answers.push(answer);
      if (answerQuestion !== undefined && incident.run?.question !== undefined) {
        const question = incident.run.question;
        if (answer.kind === 'scheduled' && question.kind !== 'downtime') return err('incident/no-question', 'The run asks no downtime.');
        if (answer.kind !== 'scheduled' && question.kind === 'downtime') return err('incident/no-question', 'The run asks for a time of day.');
        answerQuestion(answer);
        return ok(state());
      }
      if (incident.prompt !== undefined && answer.kind !== 'scheduled') {
        timeline(answer.kind === 'accepted' ? 'prompt-accepted' : 'prompt-declined', `${answer.kind}${answer.note !== undefined ? `: ${answer.note}` : ''}`);
        incident.prompt = undefined;
        incident.secondsLeft = FAKE_TTF;
        return ok(state());
      }
      return err('incident/no-question', 'No prompt is pending and no run is waiting for an answer.');
    },
    'incident.plan': async ({ runbook }) => ok(planOf(runbook)),
    'incident.run': async ({ run: request }, { signal, emit }) => {
      incident.runRequests.push({ ...request });
      if (incident.run?.running === true) return err('incident/busy', `A ${incident.run.runbook} runs since ${incident.run.startedAt}.`);
      const plan = planOf(request.runbook);
      if (plan.refused && !request.dryRun) return err('incident/refused', plan.steps.find((s) => s.refusal)!.refusal!);
      let run: RunView;
      if (request.resume === true) {
        const last = incident.run;
        if (last === undefined || last.runbook !== request.runbook || last.outcome !== undefined) return err('incident/no-run', `No unfinished ${request.runbook} to resume.`);
        run = { ...last, running: true };
      } else {
        run = {
          incident: incident.lastIncident?.id ?? `inc-${Date.now()}`,
          runbook: request.runbook,
          dryRun: request.dryRun,
          running: true,
          by: 'operator',
          host: 'WORKSTATION',
          startedAt: now(),
          steps: plan.steps.map((s) => ({ id: s.id, title: s.title, guide: s.guide, status: 'pending' })),
          series: [],
        };
      }
      incident.run = run;
      timeline('run-started', `${request.runbook}${request.dryRun ? ' (dry run)' : ''}${request.resume ? ' resumed' : ''}`);
      const defs = request.runbook === 'failover' ? FAILOVER : FAILBACK;
      const end = (outcome: RunView['outcome']): ReturnType<NonNullable<Handlers['incident.run']>> => {
        run.running = false;
        run.outcome = outcome;
        run.endedAt = now();
        delete run.progress;
        delete run.question;
        timeline('run-ended', `${request.runbook} ${outcome}`);
        if (outcome === 'succeeded' && !request.dryRun && incident.lastIncident !== undefined) {
          incident.lastIncident.measures = {
            recoveryTimeSeconds: 95,
            programSeconds: 12,
            recoveryPoint: { known: true, queuedBytes: 0, lastEmptyAt: run.startedAt, detail: 'The queue was empty when the run started.' },
          };
        }
        return Promise.resolve(ok(structuredClone(run)));
      };
      for (const [i, step] of run.steps.entries()) {
        if (step.status === 'done' || step.status === 'skipped') continue;
        if (incident.stepGate !== undefined) await incident.stepGate();
        if (signal.aborted) {
          for (const s of run.steps.slice(i)) s.status = 'cancelled';
          return end('cancelled');
        }
        const def = defs[i]!;
        step.status = 'running';
        step.startedAt = now();
        run.progress = { what: step.title, text: `Step ${step.id}: ${step.title}` };
        emit({ kind: 'progress', value: i / run.steps.length, title: `Step ${step.id}: ${step.title}`, description: def.command });
        emit({ kind: 'log', level: 'info', line: `${def.target}: ${def.command}` });
        const refusal = plan.steps[i]?.refusal;
        if (refusal !== undefined) {
          // As the runner does: a dry run walks up to the step that refuses, and stops there.
          step.status = 'failed';
          step.endedAt = now();
          step.detail = `Refused: ${refusal}`;
          run.failedStep = step.id;
          return end('failed');
        }
        if (request.dryRun) {
          step.status = 'planned';
          step.endedAt = now();
          continue;
        }
        const question =
          step.id === '8.1'
            ? { kind: 'downtime' as const, text: 'When may Exchange stop for the failback? Enter a time of day.' }
            : step.id === '7.3'
              ? incident.failoverQuestion
              : undefined;
        if (question !== undefined) {
          run.question = question;
          const answer = await waitAnswer(signal);
          delete run.question;
          if (answer === undefined || answer.kind === 'declined') {
            step.status = 'cancelled';
            for (const s of run.steps.slice(i + 1)) s.status = 'cancelled';
            return end('cancelled');
          }
          step.detail = answer.kind === 'scheduled' ? `Downtime at ${answer.at}` : `Accepted${answer.note !== undefined ? `: ${answer.note}` : ''}`;
        }
        if (def.bytes !== undefined) {
          // Five samples, five seconds apart, ending now: the bytes left draining to zero.
          for (let k = 0; k <= 4; k++) {
            const at = new Date(Date.now() - (4 - k) * 5000).toISOString();
            run.series.push({ at, bytes: Math.round(def.bytes * (1 - k / 4)), what: def.id === '8.2' ? 'mirror' : 'queue' });
          }
          run.progress = { what: step.title, text: 'Queue empty', fraction: 1 };
        }
        step.status = 'done';
        step.endedAt = now();
      }
      emit({ kind: 'progress', value: 1, title: 'Done' });
      return end('succeeded');
    },
    'lab.failure': async ({ failure, restore }) => {
      incident.failureRequests.push({ failure, restore });
      const name = failure.kind === 'node' ? `node ${failure.node}` : failure.kind;
      if (failure.kind === 'node' && !hooks.clusters().some((c) => c.nodes.some((n) => n.name === failure.node))) {
        return err('lab/failure', `There is no node ${failure.node} in the lab.`);
      }
      if (!restore && incident.failures.has(name)) return err('lab/failure', `${name} is already pulled.`);
      if (restore && !incident.failures.has(name)) return err('lab/failure', `${name} is not pulled: nothing to restore.`);
      if (restore) incident.failures.delete(name);
      else incident.failures.add(name);
      const clusters = hooks.clusters().map((c) => {
        const clusterDown = (c.name === 'SRCCLUS' && incident.failures.has('source')) || (c.name === 'TGTCLUS' && incident.failures.has('target'));
        const nodes = c.nodes.map((n) => ({ ...n, up: n.up && !clusterDown && !incident.failures.has(`node ${n.name}`) }));
        return { ...c, up: c.up && !clusterDown, nodes };
      });
      return ok({ clusters, failures: [...incident.failures], message: `${restore ? 'Restored' : 'Pulled'}: ${name}.` });
    },
  };
  return { incident, handlers };
}
