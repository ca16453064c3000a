import { z } from 'zod';
import { canonicalNodeName, nodeNameProblem } from '../../nodes/node-name';

/**
 * The failures the lab can pull (and restore), for a new user to live through an incident:
 * - `source` / `target`: both nodes of that cluster lose power;
 * - `node NODE`: one node loses power (its groups fail over to the other node, as MSCS moves them);
 * - `link`: the replication link between the clusters is cut: Double-Take cannot send either way, while the monitor
 *   still sees the source;
 * - `split`: the target side (and the monitor's lab probe) cannot see the source while the source keeps running:
 *   Double-Take cannot send, but the source cluster still answers cluster.exe from the admin workstation.
 */
export const labFailureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['source', 'target', 'link', 'split']) }).strict(),
  z
    .object({
      kind: z.literal('node'),
      node: z.string().superRefine((name, ctx) => {
        const problem = nodeNameProblem(name);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
      }),
    })
    .strict(),
]);
export type LabFailure = z.infer<typeof labFailureSchema>;
export type LabFailureKind = LabFailure['kind'];

/** The words that name the failures on a command line, in the order the usage lists them. */
export const LAB_FAILURE_WORDS = ['source', 'target', 'link', 'split', 'node NODE'] as const;

/** A bad failure named on a command line or by the lab panel; the message says which word and why. */
export class LabFailureWordsError extends Error {
  override readonly name = 'LabFailureWordsError';
}

/** The failure `words` name (`link`, `node SRC1`, any case); throws LabFailureWordsError saying what is wrong. */
export function parseLabFailureWords(words: readonly string[]): LabFailure {
  const [kind, node, ...extra] = words;
  const expected = `one of ${LAB_FAILURE_WORDS.join(', ')}`;
  if (kind === undefined) throw new LabFailureWordsError(`the failure is missing: ${expected}`);
  const lower = kind.toLowerCase();
  if (lower === 'node') {
    if (node === undefined) throw new LabFailureWordsError('"node" needs the node\'s name (node SRC1)');
    const problem = nodeNameProblem(node);
    if (problem !== undefined) throw new LabFailureWordsError(`node ${node}: ${problem}`);
    if (extra.length > 0) throw new LabFailureWordsError(`unexpected "${extra.join(' ')}" after node ${node}`);
    return { kind: 'node', node: canonicalNodeName(node) };
  }
  if (lower !== 'source' && lower !== 'target' && lower !== 'link' && lower !== 'split') {
    throw new LabFailureWordsError(`"${kind}" is not a failure the lab knows: ${expected}`);
  }
  if (node !== undefined) throw new LabFailureWordsError(`unexpected "${words.slice(1).join(' ')}" after ${lower}`);
  return { kind: lower };
}

/** The failure in the command line's words: `source`, `link`, `node SRC1`. */
export function labFailureWords(failure: LabFailure): string {
  return failure.kind === 'node' ? `node ${failure.node}` : failure.kind;
}

/** Whether two failures are the same one (node names compared without case). */
export function sameLabFailure(a: LabFailure, b: LabFailure): boolean {
  if (a.kind === 'node' && b.kind === 'node') return canonicalNodeName(a.node) === canonicalNodeName(b.node);
  return a.kind === b.kind;
}
