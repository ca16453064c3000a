import type { ConnectionInfo, DoubleTakeFailure, DoubleTakeOptionBit, DoubleTakeRule, ReplicationSetInfo } from './port';

/**
 * What dtcl.exe prints, in one place: the emulator writes with these functions and the dtcl.exe adapter reads with
 * their inverses. [assumed] throughout — no public source quotes the 4.x output beyond "Replication bytes in queue";
 * a wording learnt from a real server is changed here only. No line ever holds a password.
 */

/** Exit statuses ([assumed]: dtcl.exe is only known to exit non-zero on failure). */
export const DTCL_EXIT = { ok: 0, refused: 1, loginFailed: 2, unreachable: 3, usage: 4 } as const;

/** The failure an exit status stands for. */
export function failureForExit(code: number): DoubleTakeFailure {
  if (code === DTCL_EXIT.loginFailed) return 'login-failed';
  if (code === DTCL_EXIT.unreachable) return 'unreachable';
  if (code === DTCL_EXIT.refused) return 'refused';
  return 'failed';
}

export const DTCL_TEXT = {
  loggedIn: (host: string, user: string) => `Logged in to ${host} as ${user}.`,
  /** Deliberately without the user's password (and without saying which of the two was wrong). */
  loginFailed: (host: string) => `Login to ${host} failed: unknown user name or bad password.`,
  notLoggedIn: 'Not logged in: the script must start with LOGIN <server> <user> <password>.',
  optionSet: (option: string, value: DoubleTakeOptionBit) => `${option} set to ${value}.`,
  repsetCreated: (name: string) => `Replication set '${name}' created.`,
  ruleAdded: (name: string, rule: DoubleTakeRule) => `Rule ${formatRule(rule)} added to replication set '${name}'.`,
  repsetsSaved: 'Replication sets saved.',
  connected: (id: number) => `Connection ${id} established.`,
  mirrorStarted: (id: number) => `Mirror started on connection ${id}.`,
  mirrorStopped: (id: number) => `Mirror stopped on connection ${id}.`,
  disconnected: (id: number) => `Connection ${id} disconnected.`,
  /** The prefix of every refusal on stderr; what follows is the lab's message (src-main/lab/doubletake/errors.ts). */
  errorPrefix: 'Error: ',
  atLine: (line: number) => `(script line ${line})`,
  unsupported: (what: string) => `${what} is not supported by the lab's dtcl emulator.`,
} as const;

/** `"E:\Exchsrvr" INCLUDE RECURSIVE`: a rule as REPSET LIST and the confirmations show it. */
export function formatRule(rule: DoubleTakeRule): string {
  return `"${rule.path}" ${rule.mode.toUpperCase()}${rule.recursive ? ' RECURSIVE' : ''}`;
}

/** `GET <option>` prints `<option> = <value>`. */
export function formatOptionValue(option: string, value: DoubleTakeOptionBit): string {
  return `${option} = ${value}`;
}

/** `REPSET LIST`: each set, whether it is saved, then its rules. */
export function formatReplicationSets(sets: readonly ReplicationSetInfo[]): string[] {
  const lines: string[] = [];
  for (const set of sets) {
    lines.push(`Replication set: ${set.name}`);
    lines.push(`  Status: ${set.unsavedChanges ? 'unsaved changes' : 'saved'}`);
    for (const rule of set.rules) lines.push(`  Rule: ${formatRule(rule)}`);
  }
  if (sets.length === 0) lines.push('No replication sets.');
  return lines;
}

/** `STATUS CON <id>` and `CONNECTION LIST`: one block per connection. */
export function formatConnections(connections: readonly ConnectionInfo[]): string[] {
  const lines: string[] = [];
  for (const c of connections) {
    lines.push(`Connection ${c.id}: ${c.replicationSet} to ${c.target}`);
    lines.push(`  State: ${c.state}`);
    lines.push(`  Mirror: ${c.mirrorState}`);
    lines.push(`  Bytes to mirror: ${c.bytesToMirror}`);
    lines.push(`  Mirrored bytes: ${c.mirroredBytes}`);
    lines.push(`  Replication bytes in queue: ${c.queuedReplicationBytes}`);
  }
  if (connections.length === 0) lines.push('No connections.');
  return lines;
}

/** Output dtcl.exe printed that does not read as expected. */
export class DtclOutputError extends Error {
  override readonly name = 'DtclOutputError';
}

const lines = (text: string) => text.split(/\r?\n/);

/** Reads `<option> = <value>` lines (names matched case-insensitively). */
export function parseOptionValues(text: string): Map<string, DoubleTakeOptionBit> {
  const values = new Map<string, DoubleTakeOptionBit>();
  for (const line of lines(text)) {
    const match = /^\s*([A-Za-z]+)\s*=\s*([01])\s*$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) values.set(match[1].toLowerCase(), match[2] === '1' ? 1 : 0);
  }
  return values;
}

function parseRule(text: string): DoubleTakeRule {
  const match = /^"([^"]+)" (INCLUDE|EXCLUDE)( RECURSIVE)?$/.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined) throw new DtclOutputError(`unreadable replication set rule: ${text.trim()}`);
  return { path: match[1], mode: match[2] === 'INCLUDE' ? 'include' : 'exclude', recursive: match[3] !== undefined };
}

/** Reads REPSET LIST output; other lines (LOGIN's confirmation) are skipped. */
export function parseReplicationSets(text: string): ReplicationSetInfo[] {
  const sets: { name: string; rules: DoubleTakeRule[]; unsavedChanges: boolean }[] = [];
  for (const line of lines(text)) {
    const head = /^Replication set: (.+)$/.exec(line);
    const current = sets[sets.length - 1];
    if (head?.[1] !== undefined) sets.push({ name: head[1], rules: [], unsavedChanges: true });
    else if (current !== undefined && line.startsWith('  Status: ')) current.unsavedChanges = line.slice(10).trim() !== 'saved';
    else if (current !== undefined && line.startsWith('  Rule: ')) current.rules.push(parseRule(line.slice(8)));
  }
  return sets;
}

/** Reads STATUS CON / CONNECTION LIST output. */
export function parseConnections(text: string): ConnectionInfo[] {
  const out: ConnectionInfo[] = [];
  let current: { -readonly [K in keyof ConnectionInfo]: ConnectionInfo[K] } | undefined;
  const number = (value: string, what: string): number => {
    if (!/^[0-9]+$/.test(value)) throw new DtclOutputError(`unreadable ${what}: ${value}`);
    return Number(value);
  };
  for (const line of lines(text)) {
    const head = /^Connection ([0-9]+): (.+) to (\S+)$/.exec(line);
    if (head?.[1] !== undefined && head[2] !== undefined && head[3] !== undefined) {
      current = {
        id: Number(head[1]),
        replicationSet: head[2],
        target: head[3],
        state: 'connected',
        mirrorState: 'idle',
        bytesToMirror: 0,
        mirroredBytes: 0,
        queuedReplicationBytes: 0,
      };
      out.push(current);
      continue;
    }
    const field = /^ {2}([A-Za-z ]+): (.*)$/.exec(line);
    if (current === undefined || field?.[1] === undefined || field[2] === undefined) continue;
    const value = field[2].trim();
    switch (field[1]) {
      case 'State':
        if (value !== 'connected' && value !== 'paused') throw new DtclOutputError(`unreadable connection state: ${value}`);
        current.state = value;
        break;
      case 'Mirror':
        if (value !== 'idle' && value !== 'started' && value !== 'complete') throw new DtclOutputError(`unreadable mirror state: ${value}`);
        current.mirrorState = value;
        break;
      case 'Bytes to mirror':
        current.bytesToMirror = number(value, 'bytes to mirror');
        break;
      case 'Mirrored bytes':
        current.mirroredBytes = number(value, 'mirrored bytes');
        break;
      case 'Replication bytes in queue':
        current.queuedReplicationBytes = number(value, 'replication bytes in queue');
        break;
      default:
        break;
    }
  }
  return out;
}

/** The refusal lines dtcl.exe printed on stderr, prefix removed, joined. */
export function parseErrorText(stderr: string): string {
  return lines(stderr)
    .filter((line) => line.startsWith(DTCL_TEXT.errorPrefix))
    .map((line) => line.slice(DTCL_TEXT.errorPrefix.length).trim())
    .join(' ');
}
