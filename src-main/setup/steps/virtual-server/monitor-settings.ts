import type { PairDocument } from '../../../pair/pair-document-schema';
import type { StepRecordData } from '../../setup-step';

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
