/**
 * Where incidents are kept, in the world's incidents folder (a lab's `incidents/`, a real pair's
 * `pair.json.incidents/`):
 *
 *   prompt.json               the manual intervention prompt the monitor raised, until it is answered (prompt-file.ts)
 *   runbook.lock              the one runbook running for this pair: host, process, start (runbook-lock.ts)
 *   <id>/timeline.jsonl       the incident's events, one JSON line each, appended and fsynced (timeline-event.ts)
 *   <id>/failover.json        the failover run's state: each step's status (runbook-state.ts)
 *   <id>/failback.json        the failback run's state
 *   <id>/postover.bat         the equivalent script of the failover as run
 *
 * An incident's id is the UTC time it was opened, `20261208-031522Z` (sortable; a second in the same second gets
 * `-2`). The monitor opens one when it raises the prompt; a failover started without a prompt opens one itself; a
 * failback joins the latest incident whose failover succeeded and that has no finished failback.
 */
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { timelineEventSchema, type TimelineEvent, type TimelineEventInput } from '../runbook/timeline-event';

const ID = /^\d{8}-\d{6}Z(-\d+)?$/;

/** A timeline that cannot be read: the file and the line. */
export class TimelineFileError extends Error {
  override readonly name = 'TimelineFileError';
}

/** The incidents folder of one world. */
export interface IncidentFolder {
  readonly root: string;
  /** Opens a new incident; its folder exists when this resolves. */
  create(now: Date): Promise<string>;
  /** Incident ids, oldest first. */
  list(): Promise<string[]>;
  /** The folder of one incident. */
  path(id: string): string;
  /** Appends one event to an incident's timeline, durable (fsynced) when this resolves. */
  append(id: string, event: TimelineEventInput, now: Date): Promise<TimelineEvent>;
  /** The incident's events in the order written; a damaged line is refused naming the file and line. */
  timeline(id: string): Promise<TimelineEvent[]>;
}

/** The incident id of a moment: `20261208-031522Z`. */
export function incidentIdAt(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

export function openIncidentFolder(root: string): IncidentFolder {
  const path = (id: string): string => {
    if (!ID.test(id)) throw new Error(`"${id}" is not an incident id (such as 20261208-031522Z).`);
    return join(root, id);
  };
  const timelineFile = (id: string) => join(path(id), 'timeline.jsonl');
  return {
    root,
    path,
    async create(now) {
      await mkdir(root, { recursive: true });
      const base = incidentIdAt(now);
      for (let n = 1; n < 1000; n += 1) {
        const id = n === 1 ? base : `${base}-${n}`;
        try {
          await mkdir(join(root, id));
          return id;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
      }
      throw new Error(`Could not open a new incident folder in ${root}: 999 incidents opened in the same second.`);
    },
    async list() {
      try {
        return (await readdir(root, { withFileTypes: true }))
          .filter((entry) => entry.isDirectory() && ID.test(entry.name))
          .map((entry) => entry.name)
          .sort();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
    },
    async append(id, input, now) {
      const event = timelineEventSchema.parse({ ...input, at: input.at ?? now.toISOString() });
      const handle = await open(timelineFile(id), 'a');
      try {
        await handle.write(`${JSON.stringify(event)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return event;
    },
    async timeline(id) {
      let text: string;
      try {
        text = await readFile(timelineFile(id), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
      const lines = text.split('\n');
      // The last piece is '' after a whole line, or a line without its newline that was being written when the
      // process died: that event never happened.
      lines.pop();
      return lines.map((line, index) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          throw new TimelineFileError(`${timelineFile(id)}, line ${index + 1}: not JSON.`);
        }
        const parsed = timelineEventSchema.safeParse(value);
        if (!parsed.success) throw new TimelineFileError(`${timelineFile(id)}, line ${index + 1}: ${parsed.error.issues[0]?.message ?? 'not a timeline event'}.`);
        return parsed.data;
      });
    },
  };
}
