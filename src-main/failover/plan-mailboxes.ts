/**
 * Phase mailboxes, planned one user at a time as the paged search streams them: a mailbox on a store being left
 * moves to the partner store (homeMDB), to the arriving server's `CN=Microsoft MTA` (homeMTA) and to its
 * legacyExchangeDN (msExchHomeServerName) — one compare-and-set modify per user, nothing else per user.
 *
 * The search also returns mailboxes already on the partner stores: those are counted as already done, or, when
 * homeMTA or msExchHomeServerName still name another server, planned to be put right (so a re-run after anything
 * converges). On failback this includes mailboxes created on the target while failed over.
 */
import { dnKey } from './dn-key';
import { textValues } from '../directory/entry-values';
import { escapeFilterValue } from '../directory/filter-escape';
import type { DirectoryEntry } from '../directory/port';
import { sameValueSet } from './attribute-values';
import { type ChangeSet, plannedChange } from './change-set';
import { FailoverInputError, type PlannedChange } from './engine-api';
import type { Roles, StoreMove } from './roles';

/** The user attributes the phase reads and writes. */
export const MAILBOX_ATTRIBUTES: readonly string[] = ['homeMDB', 'homeMTA', 'msExchHomeServerName'];

/** What to do with one user the search returned. */
export type MailboxDecision = { readonly kind: 'change'; readonly set: ChangeSet } | { readonly kind: 'done' } | { readonly kind: 'not-ours' };

/** Plans mailbox moves for one run. */
export interface MailboxPlanner {
  /** Whether any mailbox store is being left. */
  readonly hasMoves: boolean;
  /** Users on the stores being left, and (with `includeArrivals`) on their partners. */
  filter(includeArrivals: boolean): string;
  plan(entry: DirectoryEntry): MailboxDecision;
}

/** A filter matching users whose homeMDB is one of `stores` (values escaped: store names hold parentheses). */
export function homeMdbFilter(stores: readonly string[]): string {
  const terms = stores.map((dn) => `(homeMDB=${escapeFilterValue(dn)})`).join('');
  return `(&(objectClass=user)(|${terms}))`;
}

function keyOf(dn: string | undefined): string | undefined {
  return dn === undefined ? undefined : dnKey(dn);
}

/** The planner for `roles`; refuses when the arriving server lacks what mailboxes must name. */
export function mailboxPlanner(roles: Roles): MailboxPlanner {
  const moves = new Map<string, StoreMove>();
  for (const [key, move] of roles.moves) if (move.from.kind === 'mailbox') moves.set(key, move);
  const arrivals = new Set(Array.from(moves.values(), (move) => move.to.key));
  const { arriving } = roles;
  const mta = arriving.mtaDn;
  const server = arriving.legacyExchangeDn;
  if (moves.size > 0 && (mta === undefined || server === undefined)) {
    throw new FailoverInputError(
      `server ${arriving.name} has no ${mta === undefined ? 'Microsoft MTA object (CN=Microsoft MTA)' : 'legacyExchangeDN'}: mailboxes cannot be moved to it`,
    );
  }
  const wantedMta = [mta ?? ''];
  const wantedServer = [server ?? ''];
  const fixWhy = `${roles.direction}: a mailbox on ${arriving.name} names ${arriving.name}'s MTA and server`;
  const moveWhy = new Map(Array.from(moves, ([key, move]) => [key, `${roles.direction}: mailbox moves ${move.text}`]));

  const serverChanges = (entry: DirectoryEntry, why: string): PlannedChange[] => {
    const changes: PlannedChange[] = [];
    const homeMta = textValues(entry, 'homeMTA');
    const homeServer = textValues(entry, 'msExchHomeServerName');
    if (!sameValueSet('homeMTA', homeMta, wantedMta)) changes.push(plannedChange('mailboxes', entry.dn, 'homeMTA', homeMta, wantedMta, why));
    if (!sameValueSet('msExchHomeServerName', homeServer, wantedServer)) {
      changes.push(plannedChange('mailboxes', entry.dn, 'msExchHomeServerName', homeServer, wantedServer, why));
    }
    return changes;
  };

  return {
    hasMoves: moves.size > 0,
    filter(includeArrivals) {
      const stores = Array.from(moves.values(), (move) => move.from.dn);
      if (includeArrivals) stores.push(...Array.from(moves.values(), (move) => move.to.dn));
      return homeMdbFilter(stores);
    },
    plan(entry) {
      const homeMdb = textValues(entry, 'homeMDB');
      const key = keyOf(homeMdb[0]);
      if (key === undefined || homeMdb.length !== 1) return { kind: 'not-ours' };
      const move = moves.get(key);
      if (move !== undefined) {
        const why = moveWhy.get(key) ?? '';
        const changes = [plannedChange('mailboxes', entry.dn, 'homeMDB', homeMdb, [move.to.dn], why), ...serverChanges(entry, why)];
        return { kind: 'change', set: { phase: 'mailboxes', dn: entry.dn, changes } };
      }
      if (!arrivals.has(key)) return { kind: 'not-ours' };
      const changes = serverChanges(entry, fixWhy);
      return changes.length === 0 ? { kind: 'done' } : { kind: 'change', set: { phase: 'mailboxes', dn: entry.dn, changes } };
    },
  };
}
