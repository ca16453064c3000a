/**
 * Preloaded into the measured command with `node --import` (through NODE_OPTIONS) by the benchmark's memory
 * measurement. When the process exits — normally or by process.exit(), which both emit 'exit' — it writes its own
 * peak resident set size (getrusage ru_maxrss, kilobytes: the kernel's high-water mark, so no sample can miss the
 * peak) to EXCHHA_BENCH_RSS_DIR/<pid>.json. Plain JavaScript: it must load before any TypeScript loader.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.env.EXCHHA_BENCH_RSS_DIR;
if (folder !== undefined && folder !== '') {
  process.on('exit', (code) => {
    const report = { pid: process.pid, argv: process.argv, exitCode: code, maxRssKb: process.resourceUsage().maxRSS };
    try {
      writeFileSync(join(folder, `${process.pid}.json`), JSON.stringify(report));
    } catch {
      // The benchmark reports a missing measurement; the measured process must not fail because of it.
    }
  });
}
