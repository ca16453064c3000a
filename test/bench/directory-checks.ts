/**
 * What the directory shows, counted with ldapsearch: after a failover every mailbox user points at the paired
 * target store, the target's MTA and the target's server legacy DN, and none at a source store; before (or after a
 * `-test` run) every one still points at the source. Each check returns the problems found, empty when it held.
 */
import { type LdapConnection, countEntries, userFilter } from './ldap-tools';
import type { MoveExpectation } from './mailbox-pairing';

async function expectCount(problems: string[], connection: LdapConnection, base: string, filter: string, wanted: number): Promise<void> {
  const found = await countEntries(connection, base, filter);
  if (found !== wanted) problems.push(`${filter}: ${found} users, expected ${wanted}`);
}

/** Checks that all mailboxes moved exactly as the one-to-one pairing says. */
export async function checkMailboxesMoved(connection: LdapConnection, base: string, expectation: MoveExpectation): Promise<string[]> {
  const problems: string[] = [];
  for (const [store, count] of expectation.targetCounts) await expectCount(problems, connection, base, userFilter('homeMDB', store), count);
  for (const store of expectation.sourceStores) await expectCount(problems, connection, base, userFilter('homeMDB', store), 0);
  await expectCount(problems, connection, base, userFilter('homeMTA', expectation.targetMta), expectation.userCount);
  await expectCount(problems, connection, base, userFilter('msExchHomeServerName', expectation.targetServerLegacyDn), expectation.userCount);
  return problems;
}

/** Checks that no mailbox moved: all users on the source stores, MTA and server. */
export async function checkMailboxesUnmoved(connection: LdapConnection, base: string, expectation: MoveExpectation): Promise<string[]> {
  const problems: string[] = [];
  let onSource = 0;
  for (const store of expectation.sourceStores) onSource += await countEntries(connection, base, userFilter('homeMDB', store));
  if (onSource !== expectation.userCount) problems.push(`${onSource} users on the source stores, expected ${expectation.userCount}`);
  for (const store of expectation.targetCounts.keys()) await expectCount(problems, connection, base, userFilter('homeMDB', store), 0);
  await expectCount(problems, connection, base, userFilter('homeMTA', expectation.sourceMta), expectation.userCount);
  await expectCount(problems, connection, base, userFilter('msExchHomeServerName', expectation.sourceServerLegacyDn), expectation.userCount);
  return problems;
}
