/**
 * One benchmark organisation on disk: the seed's LDIF for slapadd, the `ldapmodify` peer's change LDIF, and what
 * the directory must show after the failover. Generated once per size and streamed to files; the records are
 * dropped afterwards, so the benchmark process holds no whole directory either.
 */
import { join } from 'node:path';
import { seedExchangeOrganization } from '../../src-main/lab/directory/exchange-seed';
import { ldifChunks } from '../../src-main/lab/directory/ldif';
import { LAB } from '../../src-main/lab/topology';
import { type MoveExpectation, planMailboxMoves } from './mailbox-pairing';
import { modifyLdifChunks } from './modify-ldif';
import { writeTextChunks } from './text-file';

/** The files and expectations of one generated organisation. */
export interface BenchDataset {
  readonly userCount: number;
  readonly source: string;
  readonly target: string;
  /** The seed's content records, for slapadd. */
  readonly ldifFile: string;
  readonly ldifBytes: number;
  /** The mailbox moves as ldapmodify change records. */
  readonly modifyFile: string;
  readonly expectation: MoveExpectation;
  readonly generateMs: number;
}

/** Generates the lab organisation with `userCount` mailboxes into `folder` (files named after the size). */
export async function createBenchDataset(folder: string, userCount: number): Promise<BenchDataset> {
  const started = performance.now();
  const source = LAB.source.virtualServer;
  const target = LAB.target.virtualServer;
  const records = seedExchangeOrganization({ userCount, sourceServer: source, targetServer: target });
  const ldifFile = join(folder, `org-${userCount}.ldif`);
  const ldifBytes = await writeTextChunks(ldifFile, ldifChunks(records));
  const { moves, expectation } = planMailboxMoves(records, source, target);
  if (expectation.userCount !== userCount) {
    throw new Error(`the seed of ${userCount} users puts ${expectation.userCount} mailboxes on ${source}`);
  }
  const modifyFile = join(folder, `moves-${userCount}.ldif`);
  await writeTextChunks(modifyFile, modifyLdifChunks(moves));
  return { userCount, source, target, ldifFile, ldifBytes, modifyFile, expectation, generateMs: performance.now() - started };
}
