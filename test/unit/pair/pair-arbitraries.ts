import fc from 'fast-check';
import type { PairDocument } from '../../../src-main/pair';

/** Arbitraries for pair documents: every value they produce is a valid document. */

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const folderName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,10}[A-Za-z0-9]$/);
const netbiosName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,6}$/);
const resourceName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 :()_-]{0,20}[A-Za-z0-9)]$/);

/** A folder path on `drive`, at most three names deep. */
function pathOn(drive: string): fc.Arbitrary<string> {
  return fc.array(folderName, { minLength: 0, maxLength: 3 }).map((names) => `${drive}:\\${names.join('\\')}`);
}

/** A valid pair document with random names, addresses, disks and rules. */
export function validPairDocument(): fc.Arbitrary<PairDocument> {
  return fc
    .record({
      computerNames: fc.uniqueArray(netbiosName, { minLength: 6, maxLength: 6, selector: (n) => n.toUpperCase() }),
      resourceNames: fc.array(fc.uniqueArray(resourceName, { minLength: 9, maxLength: 9, selector: (n) => n.toLowerCase() }), {
        minLength: 2,
        maxLength: 2,
      }),
      subnets: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 2, maxLength: 2 }),
      hosts: fc.uniqueArray(fc.integer({ min: 1, max: 254 }), { minLength: 2, maxLength: 2 }),
      drives: fc.uniqueArray(fc.constantFrom(...letters.slice(3)), { minLength: 1, maxLength: 3 }),
      signatures: fc.uniqueArray(fc.integer({ min: 1, max: 0xffffffff }), { minLength: 6, maxLength: 6 }),
      // The document keeps texts trimmed (edge spaces are dropped when it is read), so a valid one has none.
      descriptions: fc.array(fc.string({ maxLength: 256 }).filter((s) => s === s.trim() && !/[\u0000-\u001f\u007f"]/.test(s)), { minLength: 2, maxLength: 2 }),
      setName: fc.string({ minLength: 1, maxLength: 128 }).filter((s) => s !== '' && s === s.trim() && !/[\u0000-\u001f\u007f"%\u201c\u201d]/.test(s)),
      folders: fc.array(pathOn('C'), { minLength: 4, maxLength: 4 }),
      network: fc.constantFrom('Public', 'Client LAN', 'Net 1'),
    })
    .chain((base) =>
      fc.record({
        base: fc.constant(base),
        dataDrive: fc.constantFrom(...base.drives),
        dataFolder: folderName,
        rules: fc.uniqueArray(
          fc.record({
            path: fc.constantFrom(...base.drives).chain(pathOn),
            mode: fc.constantFrom('include' as const, 'exclude' as const),
            recursive: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4, selector: (r) => r.path.toUpperCase() },
        ),
      }),
    )
    .map(({ base, dataDrive, dataFolder, rules }) => {
      const [srcCluster, srcNode, srcVs, tgtCluster, tgtNode, tgtVs] = base.computerNames as [string, string, string, string, string, string];
      const side = (role: 0 | 1, cluster: string, node: string, vs: string) => {
        const names = base.resourceNames[role] as string[];
        const subnet = `10.${base.subnets[role] ?? 0}.0`;
        return {
          cluster: { name: cluster, nodes: [{ name: node, doubleTakeFolder: base.folders[role * 2] ?? 'C:\\DT' }] },
          group: { name: names[0] ?? 'G', description: base.descriptions[role] ?? '' },
          ipAddress: { resourceName: names[1] ?? 'IP', address: `${subnet}.${base.hosts[0] ?? 1}`, subnetMask: '255.255.255.0', network: base.network },
          networkName: { resourceName: names[2] ?? 'NN', name: vs },
          physicalDisks: base.drives.map((drive, i) => ({
            resourceName: `${names[3] ?? 'Disk'} ${drive}`,
            drive,
            signature: base.signatures[role * 3 + i] ?? 1,
          })),
          systemAttendant: { resourceName: names[4] ?? 'SA', dataPath: `${dataDrive}:\\${dataFolder}` },
        };
      };
      const replicationAddress = `10.${base.subnets[1] ?? 0}.0.${base.hosts[1] ?? 2}`;
      const sourceNames = base.resourceNames[0] as string[];
      const targetNames = base.resourceNames[1] as string[];
      const document: PairDocument = {
        version: 1,
        source: {
          ...side(0, srcCluster, srcNode, srcVs),
          sourceConnection: { resourceName: sourceNames[5] ?? 'DT', targetAddress: replicationAddress },
        },
        target: {
          ...side(1, tgtCluster, tgtNode, tgtVs),
          replicationIpAddress: { resourceName: targetNames[5] ?? 'RIP', address: replicationAddress, subnetMask: '255.255.255.0', network: base.network },
        },
        replicationSet: { name: base.setName, rules },
        monitor: { monitoredAddress: `10.${base.subnets[0] ?? 0}.0.${base.hosts[0] ?? 1}`, monitoredName: srcVs, clearItemsToFailover: true, useShrShareMapping: false, intervalSeconds: 5, missedReplies: 5, probe: { kind: 'icmp' }, secondPath: 'source-cluster' },
        incident: { rules: [], noRus: false, noSpn: false, guardMinutes: 60 },
      };
      return document;
    });
}
