/**
 * What the monitor shows, as one value emitted on every change: the countdown, the last probe, the veto, the flapping
 * report, the recovery point sampled so far and the prompt it raised (or found pending on disk). It holds the fields
 * of the contract's monitor view (contract/incident.ts `MonitorView`) and more.
 */
import type { InterventionPrompt } from '../store/prompt-file';
import type { FlappingReport } from './flapping';

export type MonitorStatus = 'stopped' | 'green' | 'yellow' | 'red' | 'vetoed' | 'raised';

/** The prompt on disk, pending, with how long it has waited. */
export interface PendingPrompt extends InterventionPrompt {
  readonly waitedSeconds: number;
}

export interface MonitorSnapshot {
  readonly status: MonitorStatus;
  /** The monitored address and name (the pair document's monitor). */
  readonly address: string;
  readonly name: string;
  /** How it probes ("TCP connect to 127.0.0.1:8025", "ICMP echo to 10.0.0.20: ping -c 1 -W <interval, s> 10.0.0.20"). */
  readonly probe: string;
  /** What must agree before the source is taken as down ("the source cluster SRCCLUS", "none"). */
  readonly secondPath: string;
  readonly intervalSeconds: number;
  readonly missedReplies: number;
  /** Time to Fail when full (interval × missed) and left now, in seconds. */
  readonly ttfSeconds: number;
  readonly secondsLeft: number;
  /** The last probe's result. */
  readonly lastReply?: { readonly at: string; readonly ok: boolean; readonly detail: string; readonly rttMs?: number };
  /** The last reply (a probe answered). */
  readonly lastOkAt?: string;
  /** When the first probe of the current run of misses was sent. */
  readonly firstMissedAt?: string;
  /** Which path vetoed the failure and what it found (status vetoed). */
  readonly veto?: string;
  readonly flapping?: FlappingReport;
  readonly counts: { readonly probes: number; readonly replies: number; readonly misses: number; readonly vetoes: number; readonly outages: number };
  /** The last sample of Double-Take's queue on the source, taken while it answered. */
  readonly recoveryPoint?: { readonly sampledAt: string; readonly queuedBytes: number; readonly connections: number; readonly lastEmptyAt?: string };
  /** The manual intervention prompt raised by this monitor or found pending on disk. */
  readonly prompt?: PendingPrompt;
  /** Why the monitor stopped on its own (a probe that cannot run, a prompt that could not be kept on disk, ...). */
  readonly error?: string;
  /** Why it is stopped (stopped by its host, the intervention answered). */
  readonly stopReason?: string;
  /** When this snapshot was taken (ISO 8601). */
  readonly at: string;
}
