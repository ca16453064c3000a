/**
 * Every refusal the lab's Double-Take can give, with its words, in one place: the in-process adapter and the
 * dtcl.exe emulator print the same text, and an [assumed] wording is changed here only.
 */

export type DoubleTakeErrorCode =
  | 'server-unreachable'
  | 'unknown-option'
  | 'invalid-option-value'
  | 'invalid-replication-set-name'
  | 'replication-set-exists'
  | 'replication-set-not-found'
  | 'replication-set-connected'
  | 'invalid-rule-path'
  | 'rule-not-found'
  | 'invalid-target'
  | 'already-connected'
  | 'connection-not-found'
  | 'mirror-running'
  | 'mirror-not-running'
  | 'invalid-amount';

/** A request Double-Take refused; `node` is the server that refused it. */
export class DoubleTakeError extends Error {
  override readonly name = 'DoubleTakeError';
  constructor(
    readonly code: DoubleTakeErrorCode,
    readonly node: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What Double-Take's tools print when a server cannot be reached (powered off, service stopped, name unknown).
 * [assumed] wording: no public source quotes the 4.x message.
 */
export function serverUnreachableMessage(node: string): string {
  return `Unable to communicate with ${node}. The server may be down or the Double-Take service may not be running.`;
}

/** The message builders for every other refusal ([assumed] wording throughout). */
export const DOUBLE_TAKE_MESSAGES = {
  unknownOption: (name: string, known: readonly string[]) =>
    `Unknown server option '${name}'. Known options: ${known.join(', ')}.`,
  invalidOptionValue: (name: string, value: unknown) =>
    `Invalid value '${String(value)}' for ${name}: the value must be 0 or 1.`,
  invalidReplicationSetName: (name: string, why: string) => `Invalid replication set name '${name}': ${why}.`,
  replicationSetExists: (name: string) => `Replication set '${name}' already exists.`,
  replicationSetNotFound: (name: string, others: readonly string[]) => {
    const close = others.filter((other) => other.toLowerCase() === name.toLowerCase());
    const hint = close.length > 0 ? ` Replication set names are case-sensitive; this server has ${close.map((c) => `'${c}'`).join(', ')}.` : '';
    return `Replication set '${name}' does not exist.${hint}`;
  },
  replicationSetConnected: (name: string, ids: readonly number[]) =>
    `Replication set '${name}' is in use by connection ${ids.join(', ')}; disconnect it first.`,
  invalidRulePath: (path: string, why: string) => `Invalid replication set rule path '${path}': ${why}`,
  ruleNotFound: (name: string, path: string) => `Replication set '${name}' has no rule for '${path}'.`,
  invalidTarget: (target: string) => `Invalid target '${target}': give a server name or an IP address.`,
  alreadyConnected: (name: string, target: string, id: number) =>
    `Replication set '${name}' is already connected to ${target} (connection ${id}).`,
  connectionNotFound: (id: number) => `Connection ${id} does not exist.`,
  mirrorRunning: (id: number) => `A mirror is already running on connection ${id}.`,
  mirrorNotRunning: (id: number) => `No mirror is running on connection ${id}.`,
  invalidAmount: (what: string, value: number) => `Invalid ${what} ${value}: a whole number of at least 0 is needed.`,
} as const;
