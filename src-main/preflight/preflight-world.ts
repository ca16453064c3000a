/**
 * The outside world the preflight check ("Check connections") reads: the directory (with how it is reached, so the
 * check can show the exact `ldapsearch` equivalent), each cluster through cluster.exe, each node's Double-Take
 * through dtcl.exe, and each node's files. The composition (src-main/app/compose-world.ts) fills it from a
 * connection profile; the lab can fill it from its own ports. Nothing here changes anything: the checks only read.
 */
import type { ClusterPort } from '../cluster/port';
import type { DirectoryPort } from '../directory/port';
import type { DoubleTakePort } from '../doubletake/port';
import type { NodeFiles } from '../nodes/port';

/** How the directory is reached, and a way to open it. No password here: the composition keeps it in `connect`. */
export interface PreflightDirectory {
  /** `ldap://host[:port]` or `ldaps://host[:port]`. */
  readonly url: string;
  /** Upgrade an ldap:// connection with StartTLS (RFC 4511 §4.14) before binding. */
  readonly startTls: boolean;
  /** PEM file of the CA trusted for ldaps:// and StartTLS; the system's CAs when absent. */
  readonly caFile?: string;
  /** The simple-bind DN (or `user@domain`); anonymous when absent. */
  readonly bindDn?: string;
  /**
   * Opens the directory: connects, upgrades to TLS when asked, binds. May reject (with a DirectoryError) or return a
   * port whose first operation rejects, as ldapts connects lazily; the checks classify either.
   */
  connect(): Promise<DirectoryPort>;
}

export interface PreflightWorld {
  readonly directory: PreflightDirectory;
  /** The cluster named as `cluster /cluster:NAME` takes it. */
  cluster(name: string): ClusterPort;
  /** Double-Take on one node (upper-case NetBIOS name). */
  doubleTake(node: string): DoubleTakePort;
  readonly nodeFiles: NodeFiles;
  /** The cluster.exe command as run (program then fixed arguments), for the command shown with each check. */
  readonly clusterExe: readonly string[];
  /** The dtcl.exe command as run, for the command shown with each check. */
  readonly dtclExe: readonly string[];
  /** The Double-Take user the DTCL login uses (shown; its password never is). */
  readonly doubleTakeUser: string;
}
