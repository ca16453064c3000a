/**
 * `exchange-ha pair new FILE` and `exchange-ha pair check FILE [--json]`: the pair document from the command line.
 * `new` writes a document to fill in (every site value empty; never over an existing file); `check` reads one and
 * lists every problem by its field, changing nothing.
 */
import { existsSync } from 'node:fs';
import { pairFilePathProblem } from '../../pair/pair-file-path';
import { checkPairDocument } from '../../pair/parse-pair-document';
import { openPairStore } from '../../setup/pair-store';
import { UsageError } from '../usage-error';

/** What `pair check` found: the problems by field (none when the document is valid). */
export interface PairCheckReport {
  readonly file: string;
  readonly valid: boolean;
  readonly problems: readonly { readonly path: string; readonly message: string }[];
  /** One line on what the valid document describes. */
  readonly summary?: string;
}

function usablePath(file: string): void {
  const problem = pairFilePathProblem(file);
  if (problem !== undefined) throw new UsageError(`${file}: ${problem}`);
}

/** Writes the template; returns the lines to print. Throws UsageError (nothing written) for a file that exists. */
export async function newPairDocument(file: string): Promise<string[]> {
  usablePath(file);
  if (existsSync(file)) throw new UsageError(`${file} already exists; nothing was written. Choose another name, or check it with: exchange-ha pair check ${file}`);
  const created = await openPairStore(file).create(file);
  if (!created.ok) throw new UsageError(`${created.message} Nothing was written.`);
  return [
    `A new pair document in ${file}, with ${created.status.problems.length} values to fill in (names, addresses, disks, paths, the replication set).`,
    'Two nodes per cluster, one disk and one replication rule are listed: copy an entry for each more.',
    `Next: fill it in (or open it in the wizard), then: exchange-ha pair check ${file}`,
  ];
}

/** Reads and checks the document; changes nothing. */
export async function checkPairFile(file: string): Promise<PairCheckReport> {
  if (!existsSync(file)) throw new UsageError(`there is no file at ${file}; write a new one with: exchange-ha pair new ${file}`);
  const store = openPairStore(file);
  const status = await store.status();
  const check = status.problems.length === 0 ? checkPairDocument(status.document) : undefined;
  if (check?.ok !== true) return { file, valid: false, problems: status.problems };
  const { source, target, replicationSet } = check.document;
  return {
    file,
    valid: true,
    problems: [],
    summary:
      `${source.networkName.name} on ${source.cluster.name} (${source.cluster.nodes.map((n) => n.name).join(', ')}) replicates "${replicationSet.name}" ` +
      `(${replicationSet.rules.length} rule${replicationSet.rules.length === 1 ? '' : 's'}) to ${target.cluster.name} ` +
      `(${target.cluster.nodes.map((n) => n.name).join(', ')}) at ${source.sourceConnection.targetAddress}.`,
  };
}

/** The report as lines of text. */
export function formatPairCheck(report: PairCheckReport): string[] {
  if (report.valid) return [`${report.file}: the pair document is valid.`, report.summary ?? ''].filter((l) => l !== '');
  return [
    `${report.file}: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}:`,
    ...report.problems.map((p) => `  ${p.path}: ${p.message}`),
  ];
}
