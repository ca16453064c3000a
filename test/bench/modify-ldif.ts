/**
 * The `ldapmodify` peer's input: one LDIF change record per mailbox move, each attribute as `delete:` the old value
 * then `add:` the new one in ONE modify operation — the engine's compare-and-set, so both contenders make exactly
 * the same writes. Values that are not LDIF SAFE-STRINGs (non-ASCII names, a leading space, colon or `<`...) are
 * base64, and long lines are folded, as RFC 2849 asks.
 */
import type { MailboxMove } from './mailbox-pairing';

const LINE_LENGTH = 76;

function isSafe(value: string): boolean {
  if (value === '') return true;
  if (/^[ :<]/.test(value) || value.endsWith(' ')) return false;
  return /^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(value);
}

/** One `name: value` line (or `name:: base64`), folded at 76 columns. Every character written is ASCII. */
export function ldifLine(name: string, value: string): string {
  const line = isSafe(value) ? `${name}: ${value}` : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
  if (line.length <= LINE_LENGTH) return line;
  const parts = [line.slice(0, LINE_LENGTH)];
  for (let i = LINE_LENGTH; i < line.length; i += LINE_LENGTH - 1) parts.push(` ${line.slice(i, i + LINE_LENGTH - 1)}`);
  return parts.join('\n');
}

/** The change record of one move, followed by the blank line that ends it. */
export function modifyRecord(move: MailboxMove): string {
  const lines = [ldifLine('dn', move.dn), 'changetype: modify'];
  for (const change of move.changes) {
    lines.push(`delete: ${change.attribute}`, ldifLine(change.attribute, change.before), '-');
    lines.push(`add: ${change.attribute}`, ldifLine(change.attribute, change.after), '-');
  }
  return `${lines.join('\n')}\n\n`;
}

/** The change records of all moves, one chunk per record (stream them to a file). */
export function* modifyLdifChunks(moves: Iterable<MailboxMove>): Generator<string> {
  for (const move of moves) yield modifyRecord(move);
}

/**
 * Splits a change LDIF written by `modifyLdifChunks` (every record ends with one blank line, none holds one) into
 * `parts` contiguous slices of whole records, sizes differing by at most one: the floor measurement's input, the
 * same bytes as the serial peer's file. Fewer slices when there are fewer records than `parts`.
 */
export function splitChangeRecords(text: string, parts: number): string[][] {
  if (!Number.isInteger(parts) || parts <= 0) throw new Error(`splitChangeRecords: ${parts} parts`);
  const records = text.split('\n\n');
  if (records.pop() !== '') throw new Error('splitChangeRecords: the change LDIF does not end with a blank line');
  const slices: string[][] = [];
  const count = Math.min(parts, records.length);
  for (let i = 0; i < count; i += 1) {
    const from = Math.floor((i * records.length) / count);
    const to = Math.floor(((i + 1) * records.length) / count);
    slices.push(records.slice(from, to).map((record) => {
      if (!/^dn::? /.test(record)) throw new Error(`splitChangeRecords: a record does not start with dn: (${record.slice(0, 60)})`);
      return `${record}\n\n`;
    }));
  }
  return slices;
}
