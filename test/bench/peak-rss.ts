/**
 * Peak memory of a child Node process, measured by the process itself: max-rss-hook.mjs is preloaded through
 * NODE_OPTIONS (so it also reaches a command started as `node --import tsx ...`) and writes the kernel's RSS
 * high-water mark at exit. Polling /proc/<pid>/status from outside races the exit and can miss a short peak.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What one Node process reported at exit. */
export interface RssReport {
  readonly pid: number;
  readonly argv: readonly string[];
  readonly exitCode: number;
  readonly maxRssKb: number;
}

const HOOK = new URL('./max-rss-hook.mjs', import.meta.url);

/** The environment that makes every Node child report into `folder`. */
export function peakRssEnv(folder: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const hook = `--import=${HOOK.href}`; // a file URL: no spaces to break NODE_OPTIONS apart
  return { ...base, EXCHHA_BENCH_RSS_DIR: folder, NODE_OPTIONS: [base.NODE_OPTIONS, hook].filter((x) => x !== undefined && x !== '').join(' ') };
}

/** The reports written into `folder`, largest peak first. */
export async function readRssReports(folder: string): Promise<RssReport[]> {
  const names = (await readdir(folder)).filter((name) => /^\d+\.json$/.test(name));
  const reports = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(folder, name), 'utf8')) as RssReport));
  return reports.sort((a, b) => b.maxRssKb - a.maxRssKb);
}
