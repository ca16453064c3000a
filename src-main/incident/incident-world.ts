/**
 * The outside world an incident reads and changes, passed in: what the monitor probes, what the failover and
 * failback runbooks (guide sections 7 and 8) drive, and what tells whether Exchange serves its mailboxes again.
 * The lab hands its models (src-main/lab/adapters/lab-incident-world.ts); a real pair hands cluster.exe, dtcl.exe,
 * the nodes' files, the directory and the system's ping (src-main/incident/real-incident-world.ts). Both are built
 * in one place, src-main/app/compose-world.ts.
 */
import type { DirectoryPort } from '../directory/port';
import type { SetupWorld } from '../setup/setup-world';

/** How one probe reached (or did not reach) the monitored address. */
export interface ProbeReply {
  readonly ok: boolean;
  /** What answered or why nothing did ("reply from 10.0.0.20 in 1 ms", "connection refused", "timed out after 2 s"). */
  readonly detail: string;
  /** Round trip in milliseconds, when it answered. */
  readonly rttMs?: number;
}

/** What to probe: ICMP echo through the system's ping, a TCP port, or the lab's answer for its fictional addresses. */
export type ProbeSpec =
  | { readonly kind: 'icmp'; readonly host: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'lab'; readonly address: string };

/** One way of asking whether the monitored address answers. */
export interface Probe {
  /** What it does, as shown beside the countdown ("ICMP echo to 10.0.0.20: ping -c 1 -W 2 10.0.0.20"). */
  readonly description: string;
  /** One attempt, bounded by `timeoutMs`; never throws for an address that does not answer (ok: false says it). */
  probe(timeoutMs: number, signal: AbortSignal): Promise<ProbeReply>;
}

/** What the second path says about the source (by default: whether the source cluster answers cluster.exe). */
export interface SecondPathReply {
  /** True when this path also finds the source down. */
  readonly down: boolean;
  /** What it found ("SRCCLUS answers: EXCHVS online on SRC1", "SRCCLUS does not answer: RPC server unavailable (1722)"). */
  readonly detail: string;
}

/** A mount event an Exchange store logged (the application log's event id and its text). */
export interface StoreEvent {
  /** 1087: the copied database cannot be mounted (not marked to be overwritten by a restore); 9524: patched and mounted. */
  readonly id: number;
  readonly text: string;
  /** ISO 8601. */
  readonly at: string;
}

/** One store of an Exchange server and whether it is mounted. */
export interface StoreMount {
  readonly server: string;
  readonly storageGroup: string;
  readonly store: string;
  readonly dn: string;
  readonly kind: 'mailbox' | 'public';
  readonly mounted: boolean;
  /** The last mount event, when there was one. */
  readonly event?: StoreEvent;
  /**
   * How `mounted` was found: `store` (the store itself says so: the lab), or `resource` (a real pair: the server's
   * Information Store cluster resource is online; cluster.exe cannot see a single store).
   */
  readonly basis: 'store' | 'resource';
}

/** The result of trying every mailbox as a client would (homeMDB → store → server → the node that runs it). */
export interface MailboxCheck {
  readonly total: number;
  /** Mailboxes whose store is on the expected server and can be opened there. */
  readonly opened: number;
  /** At most 20 mailboxes that could not be opened, each with why. */
  readonly failures: readonly { readonly mailbox: string; readonly reason: string }[];
  /** `opened`: the lab's client opened each one; `resolved`: a real pair, where the program resolves each mailbox to a mounted store on a running node but does not log on. */
  readonly method: 'opened' | 'resolved';
}

/** What Exchange itself says: its stores' mount state and whether mailboxes can be opened. */
export interface ExchangePort {
  /** The stores of one Exchange virtual server (by its network name) and whether each is mounted. */
  stores(server: string, signal?: AbortSignal): Promise<readonly StoreMount[]>;
  /** Tries every mailbox of the organisation that `server` should now serve (its homeMDB points to one of its stores). */
  openMailboxes(server: string, signal?: AbortSignal): Promise<MailboxCheck>;
}

/** Lines of Double-Take's log on one node that report a write error (guide 8 step 7), with where they were read. */
export interface DoubleTakeLogReport {
  readonly node: string;
  /** Where the log was read (a file path, or "lab"). */
  readonly source: string;
  readonly writeErrors: readonly string[];
  /**
   * Set when the log could not be read (the node's files unreachable, no log where it was looked for): the guide's
   * review of the log is then the operator's, and the step says so as a warning rather than passing in silence.
   */
  readonly unreadable?: string;
}

/** The outside world of an incident: the setup's world (clusters, Double-Take, node files, directory reads) and more. */
export interface IncidentWorld {
  readonly kind: 'lab' | 'real';
  readonly setup: SetupWorld;
  /** Opens the directory for the failover engine (the same as `exchfailover`'s). */
  connectDirectory(): Promise<DirectoryPort>;
  /** The monitor's probe of an address (the lab's own probe in the lab, whatever the spec says, unless on 127.0.0.1). */
  probe(spec: ProbeSpec): Probe;
  /** The second path's view of the source cluster (by its name). */
  secondPath(sourceCluster: string, signal: AbortSignal): Promise<SecondPathReply>;
  readonly exchange: ExchangePort;
  /** Double-Take's write errors on a node since `since` (ISO 8601). */
  doubleTakeLog(node: string, since: string, signal?: AbortSignal): Promise<DoubleTakeLogReport>;
  readonly now: () => Date;
  /** Waits `ms` (lab time passes with it), or rejects with the signal's reason when aborted. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}
