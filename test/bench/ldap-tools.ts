/**
 * The OpenLDAP client tools as the benchmark's peers and checkers: `ldapmodify` applying a change LDIF,
 * `ldapsearch` with the paged-results control (1000 a page, as Active Directory), and entry counts read from
 * ldapsearch's output as it streams.
 */
import { escapeFilterValue } from '../../src-main/directory/filter-escape';
import { describeFailure, runTimed, type TimedRun } from './timed-process';

/** Where and as whom the tools connect. */
export interface LdapConnection {
  readonly url: string;
  readonly bindDn: string;
  readonly passwordFile: string;
}

function connectionArgs(connection: LdapConnection): string[] {
  return ['-x', '-H', connection.url, '-D', connection.bindDn, '-y', connection.passwordFile];
}

/** `ldapmodify` applying every change record of `ldifFile`, stopping at the first error. */
export function ldapmodifyArgv(connection: LdapConnection, ldifFile: string): string[] {
  return ['ldapmodify', ...connectionArgs(connection), '-f', ldifFile];
}

/** `ldapsearch -LLL -E pr=1000/noprompt` of a subtree (attribute `1.1` asks for DNs only). */
export function pagedSearchArgv(connection: LdapConnection, base: string, filter: string, attributes: readonly string[]): string[] {
  return ['ldapsearch', ...connectionArgs(connection), '-LLL', '-E', 'pr=1000/noprompt', '-b', base, '-s', 'sub', filter, ...attributes];
}

/** Counts LDIF records (`dn:` / `dn::` lines) in a stream of chunks that may split lines anywhere. */
export class DnLineCounter {
  private partial = '';
  private counted = 0;

  /** Feeds one chunk of ldapsearch's output. */
  push(chunk: Buffer): void {
    const lines = (this.partial + chunk.toString('latin1')).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('dn:')) this.counted += 1;
  }

  /** The number of records seen, the unterminated last line included. */
  get count(): number {
    return this.counted + (this.partial.startsWith('dn:') ? 1 : 0);
  }
}

/** A paged ldapsearch, timed, with the number of entries it printed. */
export async function timedPagedSearch(
  connection: LdapConnection,
  base: string,
  filter: string,
  attributes: readonly string[],
): Promise<{ run: TimedRun; entries: number }> {
  const counter = new DnLineCounter();
  const run = await runTimed(pagedSearchArgv(connection, base, filter, attributes), { onStdout: (chunk) => counter.push(chunk) });
  return { run, entries: counter.count };
}

/** How many entries under `base` match `filter`; throws when ldapsearch fails. */
export async function countEntries(connection: LdapConnection, base: string, filter: string): Promise<number> {
  const { run, entries } = await timedPagedSearch(connection, base, filter, ['1.1']);
  if (run.exitCode !== 0) throw new Error(`ldapsearch ${filter} failed: ${describeFailure(run)}`);
  return entries;
}

/** `(&(objectClass=user)(attribute=value))` with the value escaped (store names hold parentheses). */
export function userFilter(attribute: string, value: string): string {
  return `(&(objectClass=user)(${attribute}=${escapeFilterValue(value)}))`;
}
