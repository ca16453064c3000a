import type { VerifyCheck } from '../../../contract/steps';
import {
  DOUBLE_TAKE_OPTION_NAMES,
  type DoubleTakeCommand,
  type DoubleTakeOptionName,
  type DoubleTakeOptions,
} from '../../../doubletake/port';
import { doubleTakeAction } from '../../setup-actions';
import type { SetupAction, SetupStepPlan } from '../../setup-step';
import type { SetupWorld } from '../../setup-world';
import { readDoubleTake } from './node-reads';

/**
 * Guide 4.3 / 5.3 steps 2-4: on every node of a cluster, clear "Automatically Reconnect During Source
 * Initialization" (AutoReconnect = 0) so the Source Connection resource alone controls the connections, and mark
 * "Block Checksum All Files on a Difference Mirror" (ChecksumAll = 1).
 */

/** The values the guide asks for on every node of both clusters. */
export const GUIDE_OPTIONS: DoubleTakeOptions = { AutoReconnect: 0, ChecksumAll: 1 };

/** The label the Management Console shows for each option (Setup tab, Source tab). */
export const OPTION_LABELS: Readonly<Record<DoubleTakeOptionName, string>> = {
  AutoReconnect: 'Automatically Reconnect During Source Initialization',
  ChecksumAll: 'Block Checksum All Files on a Difference Mirror',
};

const wanted = (): string => DOUBLE_TAKE_OPTION_NAMES.map((name) => `${name} = ${GUIDE_OPTIONS[name]}`).join(' and ');
const found = (options: DoubleTakeOptions): string => DOUBLE_TAKE_OPTION_NAMES.map((name) => `${name} = ${options[name]}`).join(', ');

/** The options whose value differs from the guide's. */
export function differingOptions(options: DoubleTakeOptions): DoubleTakeOptionName[] {
  return DOUBLE_TAKE_OPTION_NAMES.filter((name) => options[name] !== GUIDE_OPTIONS[name]);
}

/** The SET commands giving `names` the guide's values. */
export function optionCommands(names: readonly DoubleTakeOptionName[]): DoubleTakeCommand[] {
  return names.map((name) => ({ kind: 'set-option', option: name, value: GUIDE_OPTIONS[name] }));
}

/**
 * Reads every node's options now and plans one DTCL script per node: the SET lines of the options that differ
 * (needed), or — when the node is set already — the whole script shown as not needed. A node that cannot be read
 * gets no action and a warning; the others are planned as usual.
 */
export async function planNodeOptions(world: SetupWorld, nodes: readonly string[]): Promise<SetupStepPlan> {
  const actions: SetupAction[] = [];
  const warnings: string[] = [];
  const findings: string[] = [];
  for (const node of nodes) {
    const read = await readDoubleTake(node, () => world.doubleTake(node).options());
    if (!read.ok) {
      warnings.push(`${read.problem} Its Double-Take options are not planned; verification fails until they are set.`);
      continue;
    }
    const differing = differingOptions(read.value);
    if (differing.length === 0) {
      findings.push(`${node}: ${found(read.value)} already, as the guide asks.`);
      actions.push(doubleTakeAction(world, node, optionCommands(DOUBLE_TAKE_OPTION_NAMES), `${node}: Double-Take options ${wanted()} (already set)`, false));
      continue;
    }
    const changes = differing.map((name) => `"${OPTION_LABELS[name]}" (${name} ${read.value[name]} -> ${GUIDE_OPTIONS[name]})`);
    findings.push(`${node}: ${found(read.value)}.`);
    actions.push(doubleTakeAction(world, node, optionCommands(differing), `${node}: set ${changes.join(' and ')}`, true));
  }
  return { actions, warnings, findings };
}

/** One check per node: both options read back with the guide's values. */
export async function verifyNodeOptions(world: SetupWorld, nodes: readonly string[]): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  for (const node of nodes) {
    const what = `${node}: Double-Take options ${wanted()}`;
    const read = await readDoubleTake(node, () => world.doubleTake(node).options());
    if (!read.ok) {
      checks.push({ what, ok: false, detail: read.problem });
      continue;
    }
    const ok = differingOptions(read.value).length === 0;
    checks.push({ what, ok, detail: `${ok ? 'Found' : 'Found instead'} ${found(read.value)}.` });
  }
  return checks;
}
