import { MONITOR_DEFAULTS } from './pair-document-schema';

/**
 * A new pair document to fill in (`exchange-ha pair new FILE`): the shape of a valid document with every value that
 * belongs to the site left empty — cluster, node and virtual server names, addresses and masks, networks, disks,
 * paths, the replication set — so that `exchange-ha pair check` lists each field still to fill, by its path. What
 * the guide itself suggests is kept: resource names, the Double-Take install folder, the rule modes, the monitor's
 * check boxes. Never a valid document: nothing can be applied from it before a person has filled it in.
 */

/** One side of the template: what both clusters record, with the site's own values empty. */
function templateSide(): Record<string, unknown> {
  return {
    cluster: {
      name: '',
      nodes: [
        { name: '', doubleTakeFolder: DOUBLE_TAKE_INSTALL_FOLDER },
        { name: '', doubleTakeFolder: DOUBLE_TAKE_INSTALL_FOLDER },
      ],
    },
    group: { name: '', description: '' },
    ipAddress: { resourceName: 'Exchange IP Address', address: '', subnetMask: '', network: '' },
    networkName: { resourceName: 'Exchange Network Name', name: '' },
    // A disk's signature 0 is no disk's: the site's own number goes there.
    physicalDisks: [{ resourceName: 'Disk E:', drive: '', signature: 0 }],
    systemAttendant: { resourceName: 'Exchange System Attendant', dataPath: '' },
  };
}

/** Double-Take's installation default folder on every node. */
const DOUBLE_TAKE_INSTALL_FOLDER = 'C:\\Program Files\\DoubleTake';

/** The template as JSON data (two nodes per cluster, one disk, one rule: add more by copying an entry). */
export function pairDocumentTemplate(): unknown {
  return {
    version: 1,
    source: { ...templateSide(), sourceConnection: { resourceName: 'Double-Take Source Connection', targetAddress: '' } },
    target: {
      ...templateSide(),
      replicationIpAddress: { resourceName: 'Double-Take Replication IP Address', address: '', subnetMask: '', network: '' },
    },
    replicationSet: { name: '', rules: [{ path: '', mode: 'include', recursive: true }] },
    monitor: {
      monitoredAddress: '',
      monitoredName: '',
      clearItemsToFailover: true,
      useShrShareMapping: false,
      intervalSeconds: MONITOR_DEFAULTS.intervalSeconds,
      missedReplies: MONITOR_DEFAULTS.missedReplies,
      probe: { kind: 'icmp' },
      secondPath: 'source-cluster',
    },
    incident: { rules: [], noRus: false, noSpn: false, failbackAddress: '', guardMinutes: 60 },
  };
}
