import type { LabFailureInput, MonitorStatus, PromptView, RunPlanView, RunView } from '../../src-main/contract';
import type { WizardState } from './store';

/**
 * What the failover panel derives from the store: never stored, always computed from the last `incident.state`, the
 * plan shown and the run started here.
 */

/** Each monitor status in words (the badge shows the word, never colour alone). */
export const MONITOR_STATUS_TEXT: Record<MonitorStatus, string> = {
  stopped: 'Stopped: the monitor is not running',
  green: 'Green: replies arrive',
  yellow: 'Yellow: replies are missing',
  red: 'Red: Time to Fail reached zero, asking the second path',
  vetoed: 'Vetoed: the second path found the source up',
  raised: 'Raised: manual intervention needed',
};

/** The monitor's status word alone (badge text). */
export const MONITOR_STATUS_WORD: Record<MonitorStatus, string> = {
  stopped: 'Stopped',
  green: 'Green',
  yellow: 'Yellow',
  red: 'Red',
  vetoed: 'Vetoed',
  raised: 'Raised',
};

/** The manual intervention prompt pending now, if any (shown on every page). */
export function selectPrompt(state: WizardState): PromptView | undefined {
  const incident = state.incident.state;
  return incident?.status === 'ready' ? incident.value.prompt : undefined;
}

/** The window's title: "⚠ " before it while the manual intervention prompt waits for an answer. */
export function titleWithAttention(state: WizardState, title: string): string {
  return selectPrompt(state) === undefined ? title : `⚠ ${title}`;
}

/**
 * The run to show: the one `incident.state` reports (the run going on, or the last incident's last run), or the
 * reply of the run started here when the state has not caught up with it yet.
 */
export function selectRunShown(state: WizardState): RunView | undefined {
  const polled = state.incident.state?.status === 'ready' ? state.incident.state.value.run : undefined;
  const job = state.incident.job;
  return polled ?? (job.status === 'ended' ? job.run : undefined);
}

/** The last run stopped before it ended (the program closed, the machine restarted): Resume continues it. */
export function selectResumable(state: WizardState): RunView | undefined {
  if (state.incident.job.status === 'running') return undefined;
  const run = selectRunShown(state);
  return run !== undefined && !run.running && run.outcome === undefined ? run : undefined;
}

/** A run is going on (started here, or reported running by the state). */
export function selectRunGoingOn(state: WizardState): boolean {
  if (state.incident.job.status === 'running') return true;
  return state.incident.state?.status === 'ready' && state.incident.state.value.run?.running === true;
}

export interface RunCapabilities {
  /** The plan on screen, when it is ready. */
  readonly plan: RunPlanView | undefined;
  readonly canStart: boolean;
  /** Why Start is disabled, in words (undefined when it is not). */
  readonly whyNot: string | undefined;
  /** A dry run changes nothing: it may walk through a refused plan, up to the step that refuses. */
  readonly canDryRun: boolean;
  readonly canCancel: boolean;
}

export function selectRunCapabilities(state: WizardState): RunCapabilities {
  const planState = state.incident.plan;
  const plan = planState.status === 'ready' ? planState.plan : undefined;
  const job = state.incident.job;
  const blocked =
    state.connection === 'lost' ? 'The program is not connected.' : plan === undefined ? 'Plan the run first.' : selectRunGoingOn(state) ? 'A run is going on.' : undefined;
  const whyNot = blocked ?? (plan?.refused === true ? 'A step refuses: do what it says, then plan again (a dry run stops at that step).' : undefined);
  return {
    plan,
    canStart: whyNot === undefined,
    whyNot,
    canDryRun: blocked === undefined,
    canCancel: job.status === 'running' && !job.cancelRequested && state.connection === 'open',
  };
}

/** A time of day as the downtime question takes it (24-hour HH:MM). */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A duration in words for people: "42 s", "3 min 05 s", "2 h 07 min". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A byte count in words: "512 bytes", "3.4 MB" (decimal units, as Double-Take's queue is reported). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** An ISO 8601 instant as local time of day (HH:MM:SS), or the text itself when it is not one. */
export function timeOfDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** One of the lab panel's failure controls: what it pulls or restores, and its words. */
export interface LabFailureControl {
  readonly key: string;
  readonly label: string;
  readonly failure: LabFailureInput;
}

/**
 * The lab's failures the lab panel offers, each pulled and restored by its own buttons: the source cluster, the
 * target cluster, the replication link, a split (both sides up, unable to see each other), and each node.
 */
export function labFailureControls(state: WizardState): readonly LabFailureControl[] {
  const clusters = state.lab.clusters?.status === 'ready' ? state.lab.clusters.value : [];
  const env = state.environment.status === 'ready' ? state.environment.value : undefined;
  const fixed: LabFailureControl[] = [
    { key: 'source', label: `Source cluster${env?.sourceCluster !== undefined ? ` ${env.sourceCluster}` : ''}`, failure: { kind: 'source' } },
    { key: 'target', label: `Target cluster${env?.targetCluster !== undefined ? ` ${env.targetCluster}` : ''}`, failure: { kind: 'target' } },
    { key: 'link', label: 'Replication link', failure: { kind: 'link' } },
    { key: 'split', label: 'Split (each side up, neither sees the other)', failure: { kind: 'split' } },
  ];
  const nodes = clusters.flatMap((c) => c.nodes.map((n): LabFailureControl => ({ key: `node ${n.name}`, label: `Node ${n.name}`, failure: { kind: 'node', node: n.name } })));
  return [...fixed, ...nodes];
}

/** Whether the lab reports this control's failure as pulled now (unknown before the first `lab.failure`). */
export function failurePulled(state: WizardState, control: LabFailureControl): boolean | undefined {
  const failures = state.labFailure.failures;
  if (failures === undefined) return undefined;
  // The lab names a failure in the command line's words ("source", "node SRC1"), perhaps followed by more.
  const key = control.key.toLowerCase();
  return failures.some((f) => {
    const name = f.toLowerCase();
    return name === key || name.startsWith(`${key} `) || name.startsWith(`${key}:`) || name.startsWith(`${key},`);
  });
}
