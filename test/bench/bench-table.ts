/**
 * The benchmark's result rows and the table printed at the end: measurement, contender, peer, ratio, target,
 * result. PASS/MISS inform (a MISS does not fail the run); INFO marks a row with no target (the floor), which
 * informs only; FAILED means a contender or a peer did not run correctly, and NOT RUN that the contender was not
 * available — both make the run exit non-zero.
 */

/** The outcome of one measurement. */
export type RowStatus = 'PASS' | 'MISS' | 'INFO' | 'FAILED' | 'NOT RUN';

/** One line of the table, with the notes printed under it. */
export interface BenchRow {
  readonly measurement: string;
  readonly contender: string;
  readonly peer: string;
  readonly ratio: string;
  readonly target: string;
  readonly status: RowStatus;
  readonly notes: readonly string[];
}

/** Seconds with two decimals. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** The median of non-empty samples (the middle one, or the mean of the two middle ones). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** A time ratio row: contender/peer against `target` (at most), FAILED when there are problems. */
export function ratioRow(input: {
  readonly measurement: string;
  readonly contenderMs: number | undefined;
  readonly peerMs: number | undefined;
  readonly peerName: string;
  readonly targetAtMost: number;
  readonly problems: readonly string[];
  readonly notRun?: string;
  readonly notes?: readonly string[];
}): BenchRow {
  const { contenderMs, peerMs } = input;
  const ratio = contenderMs !== undefined && peerMs !== undefined && peerMs > 0 ? contenderMs / peerMs : undefined;
  let status: RowStatus;
  if (input.problems.length > 0) status = 'FAILED';
  else if (input.notRun !== undefined || ratio === undefined) status = 'NOT RUN';
  else status = ratio <= input.targetAtMost ? 'PASS' : 'MISS';
  return {
    measurement: input.measurement,
    contender: contenderMs === undefined ? '—' : seconds(contenderMs),
    peer: peerMs === undefined ? '—' : `${seconds(peerMs)} (${input.peerName})`,
    ratio: ratio === undefined ? '—' : ratio.toFixed(2),
    target: `≤ ${input.targetAtMost.toFixed(1)}`,
    status,
    notes: [...(input.notRun === undefined ? [] : [`not run: ${input.notRun}`]), ...input.problems.map((p) => `FAILED: ${p}`), ...(input.notes ?? [])],
  };
}

const HEADERS = ['measurement', 'contender', 'peer', 'ratio', 'target', 'result'] as const;

/** The table as text: aligned columns, notes indented under their row. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [row.measurement, row.contender, row.peer, row.ratio, row.target, row.status]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...cells.map((line) => (line[column] ?? '').length)));
  const line = (values: readonly string[]): string => values.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const out = [line(HEADERS), line(widths.map((width) => '-'.repeat(width)))];
  rows.forEach((row, index) => {
    out.push(line(cells[index] ?? []));
    for (const note of row.notes) out.push(`    ${note}`);
  });
  return out.join('\n');
}
