/**
 * The plan of a small phase (patch flags, public-folder references, RUS, SPNs, routing master): a handful of
 * entries, so it is held whole, applied in order and verified afterwards. Mailboxes are never held: they stream.
 */
import type { ChangeSet } from './change-set';
import type { PhaseName } from './engine-api';

export interface PhasePlan {
  readonly phase: PhaseName;
  /** The entries to change, in the order they must be changed. */
  readonly sets: ChangeSet[];
  /** Entries found already in the wanted state (a re-run, or someone did the same). */
  alreadyDone: number;
}
