/**
 * Who leaves and who arrives. Failover and failback are one engine with the roles reversed: on failover the
 * original source's stores are left for their partners on the target; on failback the target's stores are left
 * for their partners on the original source (rules and pairs are always written source → target).
 */
import type { Direction } from './engine-api';
import type { StorePair } from './store-pairing';
import type { ServerInfo, StoreInfo, Topology } from './topology';

/** One store being left and the partner that takes over its mailboxes or public folders. */
export interface StoreMove {
  readonly from: StoreInfo;
  readonly to: StoreInfo;
  /** `Indy, Sales (EXCHVS) -> Indy_Bkup, Sales (EXCHVS-DR)`, the `why` of every change it causes. */
  readonly text: string;
}

export interface Roles {
  readonly direction: Direction;
  /** The server whose stores are left (failover: the source; failback: the target). */
  readonly leaving: ServerInfo;
  /** The server that takes over. */
  readonly arriving: ServerInfo;
  /** Every paired store being left, by store key. */
  readonly moves: ReadonlyMap<string, StoreMove>;
  /** The partners that become active, by store key. */
  readonly arrivals: ReadonlyMap<string, StoreInfo>;
}

/** The roles of a run in `direction` over the given pairs. */
export function rolesFor(direction: Direction, topology: Topology, pairs: readonly StorePair[]): Roles {
  const failover = direction === 'failover';
  const leaving = failover ? topology.source : topology.target;
  const arriving = failover ? topology.target : topology.source;
  const moves = new Map<string, StoreMove>();
  const arrivals = new Map<string, StoreInfo>();
  for (const pair of pairs) {
    const from = failover ? pair.source : pair.target;
    const to = failover ? pair.target : pair.source;
    moves.set(from.key, { from, to, text: `${from.group}, ${from.name} (${leaving.name}) -> ${to.group}, ${to.name} (${arriving.name})` });
    arrivals.set(to.key, to);
  }
  return { direction, leaving, arriving, moves, arrivals };
}
