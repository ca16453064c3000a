import type { VerifyCheck } from '../../../contract/steps';
import type { PairDocument } from '../../../pair/pair-document-schema';
import type { StepConfirmation, StepHandwork, StepRecordData } from '../../setup-step';

/**
 * The Failover Control Center monitor each target node runs (guide 6 step 2): what step 6 records in the progress
 * file, how it is shown, and the exact settings an administrator enters on each target node.
 */

export interface MonitorSettings {
  readonly monitoredAddress: string;
  readonly monitoredName: string;
  readonly clearItemsToFailover: boolean;
  readonly useShrShareMapping: boolean;
}

/** The settings as step 6 records them (exactly these four fields). */
export function monitorSettings(pair: PairDocument): MonitorSettings {
  const { monitoredAddress, monitoredName, clearItemsToFailover, useShrShareMapping } = pair.monitor;
  return { monitoredAddress, monitoredName, clearItemsToFailover, useShrShareMapping };
}

/** The settings fields that differ between what is recorded and what is wanted (all four when nothing is recorded). */
export function monitorFieldsDiffering(recorded: StepRecordData | undefined, wanted: MonitorSettings): (keyof MonitorSettings)[] {
  const keys = Object.keys(wanted) as (keyof MonitorSettings)[];
  return keys.filter((key) => recorded === undefined || recorded[key] !== wanted[key]);
}

/** The record action's shown lines. */
export function monitorSettingsLines(settings: MonitorSettings, targetNodes: readonly string[]): string[] {
  return [
    `Failover Control Center monitor on ${targetNodes.join(', ')}:`,
    `Monitored address (Custom): ${settings.monitoredAddress}`,
    `Monitored name: ${settings.monitoredName}`,
    `Items to Failover: ${settings.clearItemsToFailover ? 'all cleared' : 'left as they are'}`,
    `Use .SHR Share Mapping File (If Available): ${settings.useShrShareMapping ? 'checked' : 'cleared'}`,
  ];
}

/**
 * What the administrator does by hand on one target node (guide 6 step 2 a-i, repeated per node in step 3).
 * [assumed] the Failover Control Center has no command line or file the program could set the monitor through.
 */
export function monitorByHandFinding(settings: MonitorSettings, node: string): string {
  return (
    `On ${node}: Start, Programs, Double-Take, Failover Control Center; Target Machine: ${node}; Add Monitor; Custom; ` +
    `IP address ${settings.monitoredAddress}, name ${settings.monitoredName}; OK; in Names to Monitor mark ${settings.monitoredAddress}; ` +
    `${settings.clearItemsToFailover ? 'clear every item in Items to Failover' : 'leave Items to Failover'}; ` +
    `${settings.useShrShareMapping ? 'mark' : 'clear'} "Use .SHR Share Mapping File (If Available)"; OK.`
  );
}

/**
 * The part of step 6 only the administrator can do: enter the monitor on every target node. What a confirmation
 * covers is the settings and the nodes as shown (the record action's lines), so a confirmation of other settings or
 * other nodes does not count once the pair document changes.
 */
export function monitorHandwork(settings: MonitorSettings, targetNodes: readonly string[]): StepHandwork {
  return {
    what: `The administrator confirmed the monitor was entered on ${targetNodes.join(', ')}`,
    subject: monitorSettingsLines(settings, targetNodes).join('\n'),
  };
}

/** The check of that confirmation: missing, of other settings (naming what differs), or there with its note. */
export function monitorHandworkCheck(handwork: StepHandwork, confirmed: StepConfirmation | undefined, stepId: string): VerifyCheck {
  if (confirmed === undefined) {
    return {
      what: handwork.what,
      ok: false,
      detail: `Not confirmed yet: enter the monitor on each target node as the plan's findings say, then confirm it with a note (the wizard's Confirm on step ${stepId}, or exchange-ha setup apply --confirm ${stepId}="what was entered where").`,
    };
  }
  if (confirmed.subject !== handwork.subject) {
    const before = new Set((confirmed.subject ?? '').split('\n'));
    const differing = handwork.subject.split('\n').filter((line) => !before.has(line));
    return {
      what: handwork.what,
      ok: false,
      detail: `The confirmation of ${confirmed.at} was for other settings; now wanted: ${differing.join('; ')}. Enter these and confirm again.`,
    };
  }
  return { what: handwork.what, ok: true, detail: `Confirmed at ${confirmed.at}: ${confirmed.note}` };
}
