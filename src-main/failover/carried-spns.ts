/**
 * SPNs left on no account by an interrupted run. The SPN phase removes the source's Exchange SPNs from the losing
 * computer account before adding them to the gaining one (SPNs are unique in the forest), so a run killed — or
 * stopped by a refusal — between the two leaves them on neither account, and the directory alone no longer says
 * what they were. The run's journal does: its removal intent holds the exact values. A re-run of the same failover
 * (or failback) reads the newest run recorded in the journals it is given and, when that run is the same one and
 * removed SPNs it never added, carries them into its own plan.
 *
 * Only the newest run involving the same two servers counts (a failback after an interrupted failover means the
 * operator moved on), and only its last lines are read (backwards until its run line), so old journals cost nothing.
 */
import { stat } from 'node:fs/promises';
import { holdsValue } from './attribute-values';
import type { FailoverRequest } from './engine-api';
import { type JournalLine, journalLineSchema } from './journal-lines';
import { readSeal } from './journal-seal';
import { linesBackwards } from './reverse-lines';

const SPN = 'servicePrincipalName';

interface LastRun {
  readonly time: string;
  readonly direction: string | undefined;
  readonly source: string | undefined;
  readonly target: string | undefined;
  readonly removed: string[];
  readonly added: string[];
}

/** The last run of one journal file, read backwards; undefined when the file cannot be read or holds no run. */
async function lastRunOf(path: string): Promise<LastRun | undefined> {
  const outcomes = new Map<number, string>();
  const removed: string[] = [];
  const added: string[] = [];
  try {
    for await (const text of linesBackwards(path)) {
      if (!readSeal(text).ok) continue;
      const parsed = journalLineSchema.safeParse(JSON.parse(text));
      if (!parsed.success) continue;
      const line: JournalLine = parsed.data;
      if (line.kind === 'outcome') outcomes.set(line.op, line.result);
      else if (line.kind === 'intent' && line.phase === 'spn') {
        const outcome = outcomes.get(line.op);
        for (const change of line.changes) {
          if (change.attribute.toLowerCase() !== SPN.toLowerCase()) continue;
          const gone = change.before.filter((value) => !holdsValue(SPN, change.after, value));
          const come = change.after.filter((value) => !holdsValue(SPN, change.before, value));
          // A removal that may have reached the directory; an addition the directory confirmed.
          if (outcome === undefined || outcome === 'applied') removed.push(...gone);
          if (outcome === 'applied') added.push(...come);
        }
      } else if (line.kind === 'run') {
        return { time: line.time, direction: line.direction, source: line.source, target: line.target, removed, added };
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

const same = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * The SPNs the newest run of `request`'s two servers (among `journals`) removed and never added, when that run was
 * the same direction; otherwise none.
 */
export async function carriedSpns(journals: readonly string[], request: Pick<FailoverRequest, 'direction' | 'source' | 'target'>): Promise<string[]> {
  // The newest files first; a folder of old runs is not read beyond the first that involves these servers.
  const dated = await Promise.all(
    journals.map(async (path) => ({ path, mtime: await stat(path).then((info) => info.mtimeMs, () => -1) })),
  );
  let newest: LastRun | undefined;
  for (const { path } of dated.filter((file) => file.mtime >= 0).sort((a, b) => b.mtime - a.mtime)) {
    const run = await lastRunOf(path);
    if (run === undefined) continue;
    const servers = [run.source, run.target];
    const involves = servers.some((name) => same(name, request.source)) && servers.some((name) => same(name, request.target));
    if (!involves) continue;
    if (newest === undefined || run.time > newest.time) newest = run;
    break;
  }
  if (newest === undefined || newest.direction !== request.direction) return [];
  return newest.removed.filter((value) => !holdsValue(SPN, newest.added, value));
}
