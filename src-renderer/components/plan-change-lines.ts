import type { PlanChanges, PlannedAction } from '../../src-main/contract';

/** One difference between the plan seen and the plan now, in words, with the command when it is an action. */
export interface PlanChangeLine {
  readonly kind: string;
  readonly text: string;
  readonly command?: string;
}

/** One line per difference, in words: what was added, removed, now (not) needed, warned of; the pair document. */
export function planChangeLines(changes: PlanChanges): PlanChangeLine[] {
  const action = (kind: string, a: PlannedAction): PlanChangeLine => ({ kind, text: `${a.target}: ${a.description}`, command: a.command });
  return [
    ...(changes.pairChanged ? [{ kind: 'Pair document', text: 'The pair document changed since the plan you saw was made.' }] : []),
    ...changes.added.map((a) => action(a.needed ? 'Added, needed' : 'Added, already done', a)),
    ...changes.removed.map((a) => action('No longer planned', a)),
    ...changes.neededChanged.map((a) => action(a.needed ? 'Now needed' : 'Now already done', a)),
    ...changes.warningsAdded.map((w) => ({ kind: 'New warning', text: w })),
    ...changes.warningsRemoved.map((w) => ({ kind: 'Warning gone', text: w })),
    ...(changes.reordered ? [{ kind: 'Order', text: 'The same changes come in another order.' }] : []),
    ...(!changes.known ? [{ kind: 'Unknown', text: 'The plan you saw is no longer known to the program: compare the plan below with what you expected.' }] : []),
  ];
}
