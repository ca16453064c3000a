/**
 * The monitor, in the main process, running until stopped (whether the failover panel is open or not): it probes
 * the source virtual server's address every interval, feeds the countdown (monitor-countdown.ts), asks the second
 * path when Time to Fail reaches zero, and raises the manual intervention prompt when the second path agrees:
 * an incident is opened (its timeline gets the first missed reply, the recovery point, Time to Fail reached and the
 * prompt shown) and the prompt is kept on disk (store/prompt-file.ts) until someone answers it. A prompt pending on
 * disk at start is reported at once, before anything is probed. A snapshot is emitted on every change.
 *
 * Probes run on a fixed schedule (start + k × interval), one at a time, each bounded by the interval: a probe still
 * running when its interval is over is a missed reply. A probe that cannot probe at all (a ProbeError: ping missing)
 * stops the monitor with the reason, never counted as the source not answering. Every few probes while the source
 * answers, Double-Take's queue on the source nodes is sampled for the recovery point (recovery-point.ts).
 *
 * Answering the prompt (accepted or declined) stops the monitor: after an accepted intervention the failover runbook
 * takes over, after a declined one the host starts the monitor again when it wants it watching.
 */
import type { IncidentWorld, Probe, ProbeReply, ProbeSpec, SecondPathReply } from '../incident-world';
import { boundedAttempt } from './bounded-attempt';
import type { PairDocument } from '../../pair/pair-document-schema';
import { systemTimers, type Timers } from '../../shared/timers';
import { openIncidentFolder } from '../store/incident-folder';
import { readPrompt, writePrompt, type InterventionPrompt } from '../store/prompt-file';
import type { TimelineEventInput } from '../runbook/timeline-event';
import { DEFAULT_FLAPPING_RULE, type FlappingRule } from './flapping';
import {
  evaluate,
  flapping,
  msLeft,
  nextDeadline,
  onProbe,
  onSecondPath,
  startCountdown,
  ttfMs,
  type CountdownEvent,
  type CountdownState,
} from './monitor-countdown';
import type { MonitorSnapshot, MonitorStatus, PendingPrompt } from './monitor-snapshot';
import { EMPTY_RECOVERY_POINT, recordSample, recoveryPointAtLoss, sampleQueue, type RecoveryPointState } from './recovery-point';

/** What replaces the pair document's monitor settings (the command line's --probe, --interval, --missed). */
export interface MonitorOverrides {
  readonly probe?: ProbeSpec;
  /** Milliseconds; fractions of a second are taken (tests, the command line). */
  readonly intervalMs?: number;
  readonly missedReplies?: number;
}

export interface MonitorOptions {
  readonly world: IncidentWorld;
  /** The pair document, read at each start; the monitor refuses to start without one. */
  readonly pair: () => PairDocument | undefined;
  /** The world's incidents folder (app/world-files.ts `incidents`). */
  readonly incidentsRoot: string;
  /** Where the prompt is shown, for the timeline ("the command line", "the window, a desktop notification and the panel's banner"). */
  readonly promptShownWhere: string;
  readonly onChange?: (snapshot: MonitorSnapshot) => void;
  readonly overrides?: MonitorOverrides;
  /** The clock and timers (a fake clock in tests); the system's by default. */
  readonly timers?: Timers;
  /** Double-Take's queue is sampled every `sampleEvery`-th probe that is answered (5). */
  readonly sampleEvery?: number;
  readonly flapping?: FlappingRule;
  /** How long the second path is given before it counts as a veto ("did not answer"); 90 s. */
  readonly secondPathTimeoutMs?: number;
}

export interface Monitor {
  /** Starts probing, or reports the prompt pending on disk (status raised, nothing probed). Refused without a pair document. */
  start(): Promise<MonitorSnapshot>;
  /** Stops probing; a raised prompt stays raised (and on disk). */
  stop(reason?: string): Promise<void>;
  snapshot(): MonitorSnapshot;
  /**
   * Answers the pending prompt: updates it on disk, appends `intervention` (with how long the prompt waited) to its
   * incident, and stops the monitor. Refused when no prompt is pending.
   */
  answer(answer: 'accepted' | 'declined', by: string, note?: string): Promise<InterventionPrompt>;
  /** Resolves once the monitor is no longer probing: raised, stopped, or stopped on an error. */
  readonly settled: Promise<MonitorSnapshot>;
}

/** The monitor did not start, or an answer was refused: what and why. */
export class MonitorError extends Error {
  override readonly name = 'MonitorError';
}

interface Setup {
  readonly pair: PairDocument;
  readonly probe: Probe;
  readonly secondPathName: string;
  readonly address: string;
}

/** The probe spec the pair document's monitor names (its address, ICMP or a TCP port). */
export function pairProbeSpec(pair: PairDocument): ProbeSpec {
  const { monitor } = pair;
  return monitor.probe.kind === 'tcp' ? { kind: 'tcp', host: monitor.monitoredAddress, port: monitor.probe.port } : { kind: 'icmp', host: monitor.monitoredAddress };
}

const specAddress = (spec: ProbeSpec): string => (spec.kind === 'lab' ? spec.address : spec.host);

export function createMonitor(options: MonitorOptions): Monitor {
  const timers = options.timers ?? systemTimers;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const folder = openIncidentFolder(options.incidentsRoot);
  const sampleEvery = options.sampleEvery ?? 5;
  const flappingRule = options.flapping ?? DEFAULT_FLAPPING_RULE;

  let setup: Setup | undefined;
  let state: CountdownState | undefined;
  let status: MonitorStatus = 'stopped';
  let running = false;
  let run = 0;
  let lastReply: MonitorSnapshot['lastReply'];
  let firstMissDetail: string | undefined;
  let recovery: RecoveryPointState = EMPTY_RECOVERY_POINT;
  let prompt: InterventionPrompt | undefined;
  let error: string | undefined;
  let stopReason: string | undefined;
  let answeredProbes = 0;
  let sampling = false;
  let askingSecondPath = false;
  let probeTimer: unknown;
  let deadlineTimer: unknown;
  let controller = new AbortController();
  let settle: (snapshot: MonitorSnapshot) => void = () => undefined;
  let settled = new Promise<MonitorSnapshot>((resolve) => {
    settle = resolve;
  });

  const snapshot = (): MonitorSnapshot => {
    const now = timers.now();
    const config = state?.config;
    const intervalMs = config?.intervalMs ?? 0;
    const missed = config?.missedReplies ?? 0;
    const report = state === undefined ? undefined : flapping(state, now);
    const last = recovery.samples[recovery.samples.length - 1];
    return {
      status,
      address: setup?.address ?? prompt?.address ?? '',
      name: setup?.pair.monitor.monitoredName ?? prompt?.name ?? '',
      probe: setup?.probe.description ?? '',
      secondPath: setup?.secondPathName ?? '',
      intervalSeconds: intervalMs / 1000,
      missedReplies: missed,
      ttfSeconds: (intervalMs * missed) / 1000,
      secondsLeft: state === undefined || status === 'stopped' ? 0 : Math.ceil(msLeft(state, now) / 100) / 10,
      ...(lastReply === undefined ? {} : { lastReply }),
      ...(state?.lastReplyAt === undefined ? {} : { lastOkAt: iso(state.lastReplyAt) }),
      ...(state?.firstMissedAt === undefined ? {} : { firstMissedAt: iso(state.firstMissedAt) }),
      ...(state?.veto === undefined || status !== 'vetoed' ? {} : { veto: state.veto }),
      ...(report === undefined ? {} : { flapping: report }),
      counts: { ...(state?.counts ?? { probes: 0, replies: 0, misses: 0, vetoes: 0 }), outages: state?.outages.length ?? 0 },
      ...(last === undefined
        ? {}
        : {
            recoveryPoint: {
              sampledAt: iso(last.at),
              queuedBytes: last.queuedBytes,
              connections: last.connections,
              ...(recovery.lastEmptyAt === undefined ? {} : { lastEmptyAt: iso(recovery.lastEmptyAt) }),
            },
          }),
      ...(prompt === undefined ? {} : { prompt: pending(prompt, now) }),
      ...(error === undefined ? {} : { error }),
      ...(stopReason === undefined ? {} : { stopReason }),
      at: iso(now),
    };
  };

  const pending = (p: InterventionPrompt, now: number): PendingPrompt => ({ ...p, waitedSeconds: Math.max(0, Math.round((now - Date.parse(p.raisedAt)) / 1000)) });

  const emit = (): void => {
    options.onChange?.(snapshot());
  };

  const clearTimers = (): void => {
    if (probeTimer !== undefined) timers.clearTimeout(probeTimer);
    if (deadlineTimer !== undefined) timers.clearTimeout(deadlineTimer);
    probeTimer = undefined;
    deadlineTimer = undefined;
  };

  /** Ends probing (raised, stopped or an error); `settled` resolves. */
  const halt = (settleNow = true): void => {
    running = false;
    clearTimers();
    controller.abort(new Error('The monitor stopped.'));
    if (settleNow) settle(snapshot());
  };

  const fail = (message: string): void => {
    error = message;
    if (status !== 'raised') status = 'stopped';
    halt();
    emit();
  };

  const apply = (next: CountdownState, events: readonly CountdownEvent[]): void => {
    state = next;
    if (status !== 'raised') status = next.status;
    scheduleDeadline();
    if (events.some((e) => e.kind === 'ask-second-path')) void askSecondPath();
  };

  const scheduleDeadline = (): void => {
    if (deadlineTimer !== undefined) timers.clearTimeout(deadlineTimer);
    deadlineTimer = undefined;
    if (!running || state === undefined) return;
    const at = nextDeadline(state, timers.now());
    if (at === undefined) return;
    const mine = run;
    deadlineTimer = timers.setTimeout(() => {
      deadlineTimer = undefined;
      if (!running || mine !== run || state === undefined) return;
      const result = evaluate(state, timers.now());
      if (result.state !== state) {
        apply(result.state, result.events);
        emit();
      } else scheduleDeadline();
    }, Math.max(0, at - timers.now()));
  };

  const scheduleProbe = (at: number, k: number, start: number): void => {
    const mine = run;
    probeTimer = timers.setTimeout(() => {
      probeTimer = undefined;
      if (!running || mine !== run) return;
      const intervalMs = state?.config.intervalMs ?? 1000;
      scheduleProbe(start + (k + 1) * intervalMs, k + 1, start);
      void probeOnce(mine);
    }, Math.max(0, at - timers.now()));
  };

  let probing = false;
  const probeOnce = async (mine: number): Promise<void> => {
    if (probing || state === undefined || setup === undefined) return;
    probing = true;
    const { probe } = setup;
    const intervalMs = state.config.intervalMs;
    const sentAt = timers.now();
    try {
      const reply = await boundedAttempt<ProbeReply>(timers, controller.signal, intervalMs, (signal) => probe.probe(intervalMs, signal), () => ({
        ok: false,
        detail: `no answer within the interval (${intervalMs} ms)`,
      }));
      if (!running || mine !== run || state === undefined) return;
      const now = timers.now();
      lastReply = { at: iso(now), ok: reply.ok, detail: reply.detail, ...('rttMs' in reply && reply.rttMs !== undefined ? { rttMs: reply.rttMs } : {}) };
      if (!reply.ok && state.firstMissedAt === undefined) firstMissDetail = reply.detail;
      const result = onProbe(state, now, sentAt, reply.ok);
      apply(result.state, result.events);
      emit();
      if (reply.ok) {
        answeredProbes += 1;
        if (answeredProbes % sampleEvery === 1 || sampleEvery === 1) void sample(mine, now);
      }
    } catch (e) {
      if (!running || mine !== run) return;
      if (controller.signal.aborted) return;
      fail(`The probe cannot probe: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      probing = false;
    }
  };

  const sample = async (mine: number, at: number): Promise<void> => {
    if (sampling || setup === undefined || state === undefined) return;
    sampling = true;
    try {
      const { pair } = setup;
      const result = await sampleQueue(
        (node) => options.world.setup.doubleTake(node),
        pair.source.cluster.nodes.map((n) => n.name),
        pair.replicationSet.name,
        at,
        state.config.intervalMs,
      );
      if (result !== undefined && mine === run) recovery = recordSample(recovery, result);
    } finally {
      sampling = false;
    }
  };

  const askSecondPath = async (): Promise<void> => {
    if (askingSecondPath || setup === undefined) return;
    askingSecondPath = true;
    const mine = run;
    const { pair, secondPathName } = setup;
    let reply: SecondPathReply;
    try {
      if (pair.monitor.secondPath === 'none') {
        reply = { down: true, detail: 'no second path is set (the pair document\'s monitor.secondPath is "none"): the probe alone decides' };
      } else {
        const limitMs = options.secondPathTimeoutMs ?? 90_000;
        try {
          reply = await boundedAttempt<SecondPathReply>(timers, controller.signal, limitMs, (signal) => options.world.secondPath(pair.source.cluster.name, signal), () => ({
            down: false,
            detail: `no answer within ${Math.round(limitMs / 1000)} s: cannot tell, so the source is not taken as down`,
          }));
        } catch (e) {
          reply = { down: false, detail: `could not be asked (${e instanceof Error ? e.message : String(e)}): cannot tell, so the source is not taken as down` };
        }
      }
    } finally {
      askingSecondPath = false;
    }
    if (!running || mine !== run || state === undefined) return;
    const next = onSecondPath(state, timers.now(), secondPathName, reply);
    if (next === state) return;
    state = next;
    if (next.status === 'raised') {
      await raise(mine);
      return;
    }
    status = next.status;
    emit();
  };

  const raise = async (mine: number): Promise<void> => {
    if (state === undefined || setup === undefined || mine !== run) return;
    const raisedState = state;
    const { pair, address, probe } = setup;
    status = 'raised';
    // `settled` resolves once the prompt is on disk (below).
    halt(false);
    const now = timers.now();
    const firstMissedAt = raisedState.firstMissedAt ?? now;
    const zeroAt = Math.min(now, raisedState.countFrom + ttfMs(raisedState.config));
    const agreed = raisedState.agreed?.detail ?? '';
    const config = raisedState.config;
    const seconds = (ms: number): string => `${Math.round(ms / 100) / 10}`;
    const probeDetail = `${probe.description}: ${firstMissDetail ?? 'no reply'}; ${raisedState.missesInRow} missed in a row, no reply for ${seconds(now - raisedState.countFrom)} s`;
    const report = flapping(raisedState, now);
    const events: TimelineEventInput[] = [
      { kind: 'first-missed-reply', at: iso(firstMissedAt), address, detail: `${probe.description}: ${firstMissDetail ?? 'no reply'}` },
      { ...recoveryPointAtLoss(recovery, firstMissedAt, pair.replicationSet.name, iso), at: iso(firstMissedAt) },
      {
        kind: 'time-to-fail-reached',
        at: iso(zeroAt),
        detail: `no reply from ${address} for ${seconds(ttfMs(config))} s (${seconds(config.intervalMs)} s × ${config.missedReplies}); the second path (${setup.secondPathName}) agreed: ${agreed}`,
      },
      ...(report === undefined ? [] : [{ kind: 'note', at: iso(zeroAt), text: `Flapping before the failure: ${report.suggestion}.` } as const]),
      { kind: 'prompt-shown', at: iso(now), where: options.promptShownWhere },
    ];
    try {
      const incident = await folder.create(new Date(now));
      for (const event of events) await folder.append(incident, event, new Date(now));
      prompt = {
        incident,
        address,
        name: pair.monitor.monitoredName,
        firstMissedAt: iso(firstMissedAt),
        raisedAt: iso(now),
        probeDetail,
        secondPathDetail: agreed,
        status: 'pending',
      };
      await writePrompt(options.incidentsRoot, prompt);
    } catch (e) {
      error = `The manual intervention prompt could not be kept on disk in ${options.incidentsRoot}: ${e instanceof Error ? e.message : String(e)}`;
    }
    settle(snapshot());
    emit();
  };

  const resolveSetup = (pair: PairDocument): Setup => {
    const spec = options.overrides?.probe ?? pairProbeSpec(pair);
    const address = specAddress(spec);
    return {
      pair,
      probe: options.world.probe(spec),
      secondPathName: pair.monitor.secondPath === 'none' ? 'none' : `the source cluster ${pair.source.cluster.name}`,
      address,
    };
  };

  const monitor: Monitor = {
    get settled() {
      return settled;
    },
    snapshot,
    async start() {
      if (running) return snapshot();
      run += 1;
      settled = new Promise<MonitorSnapshot>((resolve) => {
        settle = resolve;
      });
      error = undefined;
      stopReason = undefined;
      const onDisk = await readPrompt(options.incidentsRoot);
      if (onDisk !== undefined && onDisk.status === 'pending') {
        prompt = onDisk;
        status = 'raised';
        const pair = options.pair();
        if (pair !== undefined) setup = resolveSetup(pair);
        settle(snapshot());
        emit();
        return snapshot();
      }
      prompt = undefined;
      const pair = options.pair();
      if (pair === undefined) throw new MonitorError('The monitor needs a pair document (its monitor section names the address to probe); open or make one first.');
      setup = resolveSetup(pair);
      const now = timers.now();
      state = startCountdown(
        {
          intervalMs: options.overrides?.intervalMs ?? pair.monitor.intervalSeconds * 1000,
          missedReplies: options.overrides?.missedReplies ?? pair.monitor.missedReplies,
          flapping: flappingRule,
        },
        now,
      );
      lastReply = undefined;
      firstMissDetail = undefined;
      recovery = EMPTY_RECOVERY_POINT;
      answeredProbes = 0;
      controller = new AbortController();
      running = true;
      status = 'green';
      scheduleProbe(now, 0, now);
      scheduleDeadline();
      emit();
      return snapshot();
    },
    async stop(reason) {
      // Raised: nothing probes any more, and the prompt stands (being written, or on disk) until answered.
      if (status === 'raised') return;
      if (!running) {
        status = 'stopped';
        return;
      }
      run += 1;
      status = 'stopped';
      stopReason = reason ?? 'stopped';
      halt();
      emit();
    },
    async answer(answer, by, note) {
      const onDisk = await readPrompt(options.incidentsRoot);
      if (onDisk === undefined || onDisk.status !== 'pending') {
        throw new MonitorError(onDisk === undefined ? 'No manual intervention prompt is pending.' : `The prompt of incident ${onDisk.incident} was already ${onDisk.status} by ${onDisk.answeredBy ?? 'someone'} at ${onDisk.answeredAt ?? '?'}.`);
      }
      const now = timers.now();
      const answered: InterventionPrompt = { ...onDisk, status: answer, answeredBy: by, answeredAt: iso(now), ...(note === undefined ? {} : { note }) };
      await writePrompt(options.incidentsRoot, answered);
      await folder.append(
        onDisk.incident,
        { kind: 'intervention', accepted: answer === 'accepted', by, waitedMs: Math.max(0, now - Date.parse(onDisk.raisedAt)), ...(note === undefined ? {} : { note }) },
        new Date(now),
      );
      prompt = undefined;
      run += 1;
      status = 'stopped';
      stopReason = answer === 'accepted' ? `the intervention was accepted by ${by}: the failover takes over` : `the intervention was declined by ${by}: start the monitor again to watch the source`;
      halt();
      emit();
      return answered;
    },
  };
  return monitor;
}
