import { switchLikeNameProblem } from '../cluster/switch-like-name';
import { windowsPathKey, parseWindowsPath } from '../nodes/windows-path';
import type { PairDocument, PairIpAddressResource, PairSourceSide, PairTargetSide } from './pair-document-schema';
import { diskSignatureProblem, driveLetterProblem, windowsPathProblem } from './field-rules';
import { formatFieldPath } from './pair-problems';
import { isIpv4Address, isSubnetMask } from '../cluster/ipv4';
import { hostAddressProblem, maskPrefixLength, subnetOf } from './ipv4-subnet';

/**
 * The rules between fields of a pair document whose fields are each valid: addresses inside their subnets and
 * distinct, names unique, the Double-Take target and the monitor pointing at the right addresses, replication
 * rules and the data path on the group's disks.
 */

/** A problem found between fields; `path` is in zod's form so the schema can report it. */
export interface CrossFieldProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Side = PairSourceSide | PairTargetSide;
type Path = readonly (string | number)[];

/**
 * Every problem between fields, in document order. The document must have the schema's shape; values that fail
 * their own field's rule are skipped here (that rule reports them), so each problem is reported once.
 */
export function crossFieldProblems(document: PairDocument): CrossFieldProblem[] {
  const problems: CrossFieldProblem[] = [];
  const add = (path: Path, message: string): void => {
    problems.push({ path, message });
  };
  checkSide(document.source, 'source', add);
  checkSide(document.target, 'target', add);
  checkComputerNames(document, add);
  checkDistinctAddresses(document, add);
  checkDoubleTakeTarget(document, add);
  checkReplicationRules(document, add);
  checkMonitor(document, add);
  return problems;
}

type Add = (path: Path, message: string) => void;

function ipResources(side: Side, role: 'source' | 'target'): { path: Path; resource: PairIpAddressResource }[] {
  const list = [{ path: [role, 'ipAddress'] as Path, resource: side.ipAddress }];
  if ('replicationIpAddress' in side) list.push({ path: [role, 'replicationIpAddress'], resource: side.replicationIpAddress });
  return list;
}

function checkSide(side: Side, role: 'source' | 'target', add: Add): void {
  // Resource names are unique in a cluster, compared without case.
  const names: { path: Path; name: string }[] = [
    { path: [role, 'ipAddress', 'resourceName'], name: side.ipAddress.resourceName },
    { path: [role, 'networkName', 'resourceName'], name: side.networkName.resourceName },
    ...side.physicalDisks.map((disk, i) => ({ path: [role, 'physicalDisks', i, 'resourceName'] as Path, name: disk.resourceName })),
    { path: [role, 'systemAttendant', 'resourceName'], name: side.systemAttendant.resourceName },
  ];
  if ('sourceConnection' in side) names.push({ path: [role, 'sourceConnection', 'resourceName'], name: side.sourceConnection.resourceName });
  if ('replicationIpAddress' in side) {
    names.push({ path: [role, 'replicationIpAddress', 'resourceName'], name: side.replicationIpAddress.resourceName });
  }
  reportDuplicates(names.map((n) => ({ path: n.path, key: n.name.toLowerCase(), text: n.name })), add, (text, first) =>
    `'${text}' is already the name of ${first}; resource names are unique in a cluster (compared without case).`);

  // The node rule (nodes/node-name.ts) lets a name begin with '-'; cluster.exe would read such a name as a switch.
  side.cluster.nodes.forEach((node, i) => {
    const problem = switchLikeNameProblem(node.name);
    if (problem !== undefined) add([role, 'cluster', 'nodes', i, 'name'], problem);
  });

  reportDuplicates(
    side.cluster.nodes.map((node, i) => ({ path: [role, 'cluster', 'nodes', i, 'name'], key: node.name.toUpperCase(), text: node.name })),
    add,
    (text, first) => `'${text}' is listed twice (first at ${first}); list each node once.`,
  );

  reportDuplicates(
    side.physicalDisks.flatMap((disk, i) =>
      driveLetterProblem(disk.drive) === undefined ? [{ path: [role, 'physicalDisks', i, 'drive'], key: disk.drive.toUpperCase(), text: disk.drive }] : [],
    ),
    add,
    (text, first) => `drive ${text.toUpperCase()} is already given at ${first}; each disk has its own drive letter.`,
  );
  reportDuplicates(
    side.physicalDisks.flatMap((disk, i) =>
      diskSignatureProblem(disk.signature) === undefined
        ? [{ path: [role, 'physicalDisks', i, 'signature'], key: String(disk.signature), text: String(disk.signature) }]
        : [],
    ),
    add,
    (text, first) => `signature ${hex(Number(text))} is already given at ${first}; each disk has its own signature.`,
  );

  const drives = diskDrives(side);
  const dataDrive = pathDrive(side.systemAttendant.dataPath);
  if (drives !== undefined && dataDrive !== undefined && !drives.includes(dataDrive)) {
    add(
      [role, 'systemAttendant', 'dataPath'],
      `'${side.systemAttendant.dataPath}' is on drive ${dataDrive}, which is not one of the group's physical disks (${listDrives(drives)}); the data must live on a disk of the group.`,
    );
  }

  // Addresses: a host address inside its subnet; addresses on the same network share its subnet and mask.
  const byNetwork = new Map<string, { path: Path; resource: PairIpAddressResource }>();
  for (const entry of ipResources(side, role)) {
    const { address, subnetMask, network } = entry.resource;
    if (!isIpv4Address(address) || !isSubnetMask(subnetMask)) continue;
    const hostProblem = hostAddressProblem(address, subnetMask);
    if (hostProblem !== undefined) add([...entry.path, 'address'], hostProblem);
    const first = byNetwork.get(network.toLowerCase());
    if (first === undefined) {
      byNetwork.set(network.toLowerCase(), entry);
      continue;
    }
    const there = first.resource;
    if (there.subnetMask !== subnetMask) {
      add(
        [...entry.path, 'subnetMask'],
        `${subnetMask} differs from ${there.subnetMask} given at ${formatFieldPath([...first.path, 'subnetMask'])} for the same network '${network}'; one network has one mask.`,
      );
    } else if (subnetOf(address, subnetMask) !== subnetOf(there.address, there.subnetMask)) {
      add(
        [...entry.path, 'address'],
        `${address} is outside the subnet ${subnetOf(there.address, there.subnetMask)}/${maskPrefixLength(subnetMask)} of network '${network}' (see ${formatFieldPath([...first.path, 'address'])}); give an address in that subnet or name the network it is on.`,
      );
    }
  }
}

/** Cluster names, node names and virtual server names share the network's NetBIOS name space. */
function checkComputerNames(document: PairDocument, add: Add): void {
  const entries: { path: Path; key: string; text: string }[] = [];
  for (const role of ['source', 'target'] as const) {
    const side = document[role];
    entries.push({ path: [role, 'cluster', 'name'], key: side.cluster.name.toUpperCase(), text: side.cluster.name });
    side.cluster.nodes.forEach((node, i) => {
      entries.push({ path: [role, 'cluster', 'nodes', i, 'name'], key: node.name.toUpperCase(), text: node.name });
    });
    entries.push({ path: [role, 'networkName', 'name'], key: side.networkName.name.toUpperCase(), text: side.networkName.name });
  }
  // Node names repeated inside one cluster are reported by checkSide; here only clashes between different roles count.
  const seen = new Map<string, Path>();
  for (const entry of entries.filter((e) => e.key.trim() !== '')) {
    const first = seen.get(entry.key);
    if (first === undefined) {
      seen.set(entry.key, entry.path);
    } else if (!(isNodePath(first) && isNodePath(entry.path) && first[0] === entry.path[0])) {
      add(entry.path, `'${entry.text}' is already used at ${formatFieldPath(first)}; cluster, node and virtual server names must all differ (compared without case).`);
    }
  }
}

function isNodePath(path: Path): boolean {
  return path[2] === 'nodes';
}

function checkDistinctAddresses(document: PairDocument, add: Add): void {
  reportDuplicates(
    [
      { path: ['source', 'ipAddress', 'address'], key: document.source.ipAddress.address, text: document.source.ipAddress.address },
      { path: ['target', 'ipAddress', 'address'], key: document.target.ipAddress.address, text: document.target.ipAddress.address },
      {
        path: ['target', 'replicationIpAddress', 'address'],
        key: document.target.replicationIpAddress.address,
        text: document.target.replicationIpAddress.address,
      },
    ].filter((entry) => isIpv4Address(entry.key)),
    add,
    (text, first) => `${text} is already the address at ${first}; the two client addresses and the replication address must all differ.`,
  );
}

function checkDoubleTakeTarget(document: PairDocument, add: Add): void {
  const wanted = document.target.replicationIpAddress.address;
  const given = document.source.sourceConnection.targetAddress;
  if (isIpv4Address(given) && isIpv4Address(wanted) && given !== wanted) {
    add(
      ['source', 'sourceConnection', 'targetAddress'],
      `${given} is not the target's replication address ${wanted} (target.replicationIpAddress.address); the guide (4.5, 5.2) makes them the same.`,
    );
  }
}

function checkReplicationRules(document: PairDocument, add: Add): void {
  const sourceDrives = diskDrives(document.source);
  const targetDrives = diskDrives(document.target);
  const seen = new Map<string, number>();
  document.replicationSet.rules.forEach((rule, i) => {
    const path: Path = ['replicationSet', 'rules', i, 'path'];
    const drive = pathDrive(rule.path);
    if (drive === undefined) return;
    const key = windowsPathKey(rule.path);
    const first = seen.get(key);
    if (first !== undefined) {
      add(path, `'${rule.path}' already has a rule at replicationSet.rules[${first}]; give each path one rule.`);
    } else {
      seen.set(key, i);
    }
    if (sourceDrives !== undefined && !sourceDrives.includes(drive)) {
      add(path, `'${rule.path}' is on drive ${drive}, which is not one of the source group's physical disks (${listDrives(sourceDrives)}); replicate only the group's disks.`);
    } else if (sourceDrives !== undefined && targetDrives !== undefined && !targetDrives.includes(drive)) {
      add(path, `'${rule.path}' is on drive ${drive}, which is not one of the target group's physical disks (${listDrives(targetDrives)}); the connection maps paths exactly, so the target needs the same drive.`);
    }
  });
}

function checkMonitor(document: PairDocument, add: Add): void {
  const { monitor, source } = document;
  if (isIpv4Address(monitor.monitoredAddress) && isIpv4Address(source.ipAddress.address) && monitor.monitoredAddress !== source.ipAddress.address) {
    add(
      ['monitor', 'monitoredAddress'],
      `${monitor.monitoredAddress} is not the source virtual server's address ${source.ipAddress.address} (source.ipAddress.address); the target monitors that address.`,
    );
  }
  if (monitor.monitoredName.toUpperCase() !== source.networkName.name.toUpperCase()) {
    add(
      ['monitor', 'monitoredName'],
      `'${monitor.monitoredName}' is not the source virtual server's name '${source.networkName.name}' (source.networkName.name); the target monitors that name.`,
    );
  }
}

/** The upper-case drive letters of the side's disks; undefined while one of them is refused by its own rule. */
function diskDrives(side: Side): string[] | undefined {
  if (side.physicalDisks.some((disk) => driveLetterProblem(disk.drive) !== undefined)) return undefined;
  return side.physicalDisks.map((disk) => disk.drive.toUpperCase());
}

/** The drive of a valid path; undefined for a path its own rule refuses. */
function pathDrive(path: string): string | undefined {
  return windowsPathProblem(path) === undefined ? parseWindowsPath(path).drive : undefined;
}

function reportDuplicates(
  entries: readonly { path: Path; key: string; text: string }[],
  add: Add,
  message: (text: string, firstPath: string) => string,
): void {
  const seen = new Map<string, Path>();
  // An empty value is its own field's problem ("empty"), not a duplicate of another empty one.
  for (const entry of entries.filter((e) => e.key.trim() !== '')) {
    const first = seen.get(entry.key);
    if (first === undefined) seen.set(entry.key, entry.path);
    else add(entry.path, message(entry.text, formatFieldPath(first)));
  }
}

function listDrives(drives: readonly string[]): string {
  return drives.map((d) => `${d}:`).join(', ');
}

function hex(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
}
