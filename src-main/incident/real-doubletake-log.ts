/**
 * Guide section 8 step 7: "Review the Double-Take logs on the active node of the production cluster to ensure that
 * there are no write errors." On a real pair the program reads them through the node's files: the text log files
 * Double-Take keeps in its installation folder ([assumed] named `dtlog*.dtl`, the default log name of the Double-Take
 * versions of the guide's era), only those written since the run began, and reports every line that speaks of an
 * error while writing. When nothing can be read — the node's files unreachable, no log file there — it says so
 * (`unreadable`), and the step leaves the review to the operator as a warning instead of passing in silence.
 */
import { NodeFilesError, type NodeFiles } from '../nodes/port';
import type { DoubleTakeLogReport } from './incident-world';

const LOG_FILE = /^dtlog.*\.dtl$/i;
/** At most this many lines are reported (the first ones); the count says how many there were. */
const MAX_LINES = 50;
/** A log larger than this is read from its end only. */
const MAX_BYTES = 8 * 1024 * 1024;

/** Whether a log line reports a write error: an error (or failure) while writing (case-insensitive). */
export function isWriteErrorLine(line: string): boolean {
  return /\b(error|fail(ed|ure)?)\b/i.test(line) && /\bwrit(e|ing|ten)\b/i.test(line);
}

export async function readDoubleTakeLog(
  files: NodeFiles,
  node: string,
  doubleTakeFolder: string,
  since: string,
): Promise<DoubleTakeLogReport> {
  const sinceMs = Date.parse(since);
  const folder = doubleTakeFolder.replace(/\\+$/, '');
  try {
    const logs = (await files.list(node, folder)).filter((entry) => entry.kind === 'file' && LOG_FILE.test(entry.name));
    if (logs.length === 0) return { node, source: `${folder}\\dtlog*.dtl`, writeErrors: [], unreadable: `no Double-Take log file (dtlog*.dtl) in ${folder} on ${node}` };
    const errors: string[] = [];
    let read = 0;
    for (const log of logs) {
      const path = `${folder}\\${log.name}`;
      const stat = await files.stat(node, path);
      if (!Number.isNaN(sinceMs) && stat.modified.getTime() < sinceMs) continue;
      read += 1;
      const bytes = await files.readFile(node, path);
      const text = bytes.subarray(Math.max(0, bytes.length - MAX_BYTES)).toString('latin1');
      for (const line of text.split(/\r?\n/)) if (isWriteErrorLine(line)) errors.push(`${log.name}: ${line.trim()}`);
    }
    const shown = errors.length > MAX_LINES ? [...errors.slice(0, MAX_LINES), `… and ${errors.length - MAX_LINES} more`] : errors;
    return { node, source: `${folder}\\dtlog*.dtl (${read} file${read === 1 ? '' : 's'} written since ${since})`, writeErrors: shown };
  } catch (e) {
    if (e instanceof NodeFilesError) return { node, source: `${folder}\\dtlog*.dtl`, writeErrors: [], unreadable: e.message };
    throw e;
  }
}
