import type { FieldPath } from './json-path';

/**
 * The pair document's form, described as data: which fields each part holds, their labels, and which parts each
 * setup step uses. The shapes follow the main process's pair document (version 1); the renderer does not import it
 * (the process boundary), and validation always comes from the main process through `pair.check`.
 */

export type Side = 'source' | 'target';
export const SIDES: readonly Side[] = ['source', 'target'];
export const SIDE_LABEL: Record<Side, string> = { source: 'Source', target: 'Target' };

/** One input: its path inside its part, its label, and how its text maps to the document. */
export interface FieldSpec {
  readonly key: FieldPath;
  readonly label: string;
  readonly hint?: string;
  /** `signature`: the document holds a number, the form takes hex or decimal. */
  readonly kind: 'text' | 'signature';
}

/** A part both clusters record, shown side by side (source | target). `list` parts repeat their fields per item. */
export interface SharedGroupSpec {
  readonly id: SharedGroupId;
  readonly title: string;
  readonly base: FieldPath;
  readonly fields: readonly FieldSpec[];
  readonly list?: { readonly itemLabel: string };
}

export type SharedGroupId = 'cluster' | 'nodes' | 'group' | 'ipAddress' | 'networkName' | 'physicalDisks' | 'systemAttendant';
/** Parts that belong to one side only, or to the pair. */
export type SingleGroupId = 'sourceConnection' | 'replicationIpAddress' | 'replicationSet' | 'monitor' | 'incident';
export type PairGroupId = SharedGroupId | SingleGroupId;

/** `Subnet mask` → `subnet mask`, but `IP address` stays (an acronym keeps its case). */
export const lowerFirst = (label: string): string => (/^[A-Z][a-z]/.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label);

const text = (key: FieldPath, label: string, hint?: string): FieldSpec => ({ key, label, kind: 'text', ...(hint !== undefined ? { hint } : {}) });

const ipFields: readonly FieldSpec[] = [
  text(['resourceName'], 'IP Address resource name'),
  text(['address'], 'IP address', 'Four numbers 0-255, such as 10.0.0.20'),
  text(['subnetMask'], 'Subnet mask', 'Such as 255.255.255.0'),
  text(['network'], 'Network name', 'The cluster network to use, such as Public'),
];

export const SHARED_GROUPS: readonly SharedGroupSpec[] = [
  { id: 'cluster', title: 'Cluster', base: ['cluster'], fields: [text(['name'], 'Cluster name')] },
  {
    id: 'nodes',
    title: 'Nodes and the Double-Take folder',
    base: ['cluster', 'nodes'],
    list: { itemLabel: 'Node' },
    fields: [text(['name'], 'Node name'), text(['doubleTakeFolder'], 'Double-Take folder')],
  },
  {
    id: 'group',
    title: 'Exchange group',
    base: ['group'],
    fields: [text(['name'], 'Group name'), text(['description'], 'Group description')],
  },
  { id: 'ipAddress', title: 'IP Address resource (clients)', base: ['ipAddress'], fields: ipFields },
  {
    id: 'networkName',
    title: 'Network Name resource',
    base: ['networkName'],
    fields: [text(['resourceName'], 'Network Name resource name'), text(['name'], 'Virtual server name')],
  },
  {
    id: 'physicalDisks',
    title: 'Physical Disk resources',
    base: ['physicalDisks'],
    list: { itemLabel: 'Disk' },
    fields: [
      text(['resourceName'], 'Disk resource name'),
      text(['drive'], 'Drive letter', 'The letter alone, such as E'),
      { key: ['signature'], label: 'Disk signature', kind: 'signature', hint: 'Hex with 0x, or decimal' },
    ],
  },
  {
    id: 'systemAttendant',
    title: 'System Attendant resource',
    base: ['systemAttendant'],
    fields: [text(['resourceName'], 'System Attendant resource name'), text(['dataPath'], 'Exchange data path', 'Such as E:\\Exchsrvr')],
  },
];

/** A part of one side or of the pair, with plain text fields (the replication set and monitor have their own UI). */
export interface SingleGroupSpec {
  readonly id: 'sourceConnection' | 'replicationIpAddress';
  readonly side: Side;
  readonly title: string;
  readonly base: FieldPath;
  readonly fields: readonly FieldSpec[];
}

export const SOURCE_CONNECTION: SingleGroupSpec = {
  id: 'sourceConnection',
  side: 'source',
  title: 'Double-Take Source Connection (source)',
  base: ['source', 'sourceConnection'],
  fields: [
    text(['resourceName'], 'Source Connection resource name'),
    text(['targetAddress'], 'Double-Take target address', 'The target’s replication IP address'),
  ],
};

export const REPLICATION_IP: SingleGroupSpec = {
  id: 'replicationIpAddress',
  side: 'target',
  title: 'Replication IP Address resource (target)',
  base: ['target', 'replicationIpAddress'],
  fields: ipFields.map((f) => ({ ...f, label: f.label === 'IP Address resource name' ? 'Replication IP resource name' : `Replication ${lowerFirst(f.label)}` })),
};

export const REPLICATION_SET_BASE: FieldPath = ['replicationSet'];
export const RULES_PATH: FieldPath = ['replicationSet', 'rules'];
export const MONITOR_BASE: FieldPath = ['monitor'];
export const INCIDENT_BASE: FieldPath = ['incident'];
/** The guided failover's ExchFailover `-r` rules, one text per rule. */
export const INCIDENT_RULES_PATH: FieldPath = ['incident', 'rules'];

/** A whole-number field of the pair document: the document holds a number, the form a number input. */
export interface NumberFieldSpec {
  readonly path: FieldPath;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** The value the main process uses when the document leaves the field out (none: the field is needed). */
  readonly defaultValue?: number;
  readonly unit?: string;
}

/** The monitor's timing (Double-Take's "Monitor interval" and "Missed intervals"; defaults 5 and 5). */
export const MONITOR_INTERVAL: NumberFieldSpec = { path: [...MONITOR_BASE, 'intervalSeconds'], label: 'Monitor interval', min: 1, max: 3600, defaultValue: 5, unit: 'seconds' };
export const MONITOR_MISSED: NumberFieldSpec = { path: [...MONITOR_BASE, 'missedReplies'], label: 'Missed replies', min: 1, max: 1000, defaultValue: 5 };
/** The TCP port the probe connects to (shown when the probe is TCP). */
export const PROBE_PORT: NumberFieldSpec = { path: [...MONITOR_BASE, 'probe', 'port'], label: 'Probe TCP port', min: 1, max: 65535 };
export const PROBE_KIND_PATH: FieldPath = [...MONITOR_BASE, 'probe', 'kind'];
export const PROBE_PATH: FieldPath = [...MONITOR_BASE, 'probe'];
export const SECOND_PATH_PATH: FieldPath = [...MONITOR_BASE, 'secondPath'];
/** How long after a failback a new failover asks for a reason (default 60 minutes). */
export const GUARD_MINUTES: NumberFieldSpec = { path: [...INCIDENT_BASE, 'guardMinutes'], label: 'Guard period after a failback', min: 0, max: 10080, defaultValue: 60, unit: 'minutes' };
export const FAILBACK_ADDRESS_PATH: FieldPath = [...INCIDENT_BASE, 'failbackAddress'];

/** The probe's choices: the document's `kind` and its words. */
export const PROBE_KINDS: readonly (readonly ['icmp' | 'tcp', string])[] = [
  ['icmp', 'ICMP echo (ping)'],
  ['tcp', 'TCP port'],
];
/** The second path's choices: the document's value and its words. */
export const SECOND_PATHS: readonly (readonly ['source-cluster' | 'none', string])[] = [
  ['source-cluster', 'The source cluster (cluster.exe must not answer either)'],
  ['none', 'None (the probe alone decides)'],
];

/** The label of one ExchFailover rule row: `ExchFailover rule 2`. */
export const incidentRuleLabel = (index: number): string => `ExchFailover rule ${index + 1}`;

/** The pair document format the form describes; a new document (no file yet) starts with it. */
export const PAIR_DOCUMENT_VERSION = 1;

/** A new replication rule row. */
export const newRule = (): { path: string; mode: 'include' | 'exclude'; recursive: boolean } => ({ path: '', mode: 'include', recursive: true });

/** The accessible label of a one-side field: `Target replication IP address`. */
export const singleFieldLabel = (group: SingleGroupSpec, field: FieldSpec): string => `${SIDE_LABEL[group.side]} ${lowerFirst(field.label)}`;

/** Every part, in the order of the pair document page. */
export const ALL_GROUPS: readonly PairGroupId[] = [
  'cluster',
  'nodes',
  'group',
  'ipAddress',
  'networkName',
  'physicalDisks',
  'systemAttendant',
  'sourceConnection',
  'replicationIpAddress',
  'replicationSet',
  'monitor',
  'incident',
];

/** The parts of the pair document each step works from (the guide's fields for that step). */
export const STEP_GROUPS: Readonly<Record<string, readonly PairGroupId[]>> = {
  '3': ['nodes'],
  '4.1': ['cluster', 'networkName', 'systemAttendant'],
  '4.2.1': ['group'],
  '4.2.2': ['ipAddress'],
  '4.2.3': ['networkName'],
  '4.2.4': ['physicalDisks'],
  '4.2.5': ['systemAttendant'],
  '4.3': ['nodes'],
  '4.4': ['replicationSet'],
  '4.5': ['sourceConnection', 'replicationIpAddress'],
  '5.1': ['cluster', 'networkName', 'systemAttendant'],
  '5.2': ['group', 'ipAddress', 'networkName', 'physicalDisks', 'systemAttendant', 'replicationIpAddress'],
  '5.3': ['nodes'],
  '6': ['group', 'monitor'],
};

export const groupsOfStep = (stepId: string): readonly PairGroupId[] => STEP_GROUPS[stepId] ?? [];

/** The absolute path of a shared field of one side (`source.ipAddress.subnetMask`, `target.physicalDisks[0].drive`). */
export function sharedFieldPath(side: Side, group: SharedGroupSpec, field: FieldSpec, index?: number): FieldPath {
  return [side, ...group.base, ...(index !== undefined ? [index] : []), ...field.key];
}

/** The accessible label of a shared field: `Source subnet mask`, `Target disk 1 drive letter`. */
export function sharedFieldLabel(side: Side, group: SharedGroupSpec, field: FieldSpec, index?: number): string {
  const item = group.list !== undefined && index !== undefined ? `${group.list.itemLabel.toLowerCase()} ${index + 1} ` : '';
  return `${SIDE_LABEL[side]} ${item}${lowerFirst(field.label)}`;
}

/**
 * Every field a list of parts shows for a document (list parts by their current length), by its path string, with
 * the label the form gives it (`Source subnet mask`, `Rule 2 path`): problems are named by these labels.
 */
export function fieldsShownBy(groups: readonly PairGroupId[], listLength: (path: FieldPath) => number, format: (path: FieldPath) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of groups) {
    const shared = SHARED_GROUPS.find((g) => g.id === id);
    if (shared !== undefined) {
      for (const side of SIDES) {
        if (shared.list !== undefined) {
          out.set(format([side, ...shared.base]), `${SIDE_LABEL[side]} ${shared.title.toLowerCase()}`);
          const n = listLength([side, ...shared.base]);
          for (let i = 0; i < n; i += 1) for (const f of shared.fields) out.set(format(sharedFieldPath(side, shared, f, i)), sharedFieldLabel(side, shared, f, i));
        } else {
          for (const f of shared.fields) out.set(format(sharedFieldPath(side, shared, f)), sharedFieldLabel(side, shared, f));
        }
      }
    } else if (id === 'sourceConnection' || id === 'replicationIpAddress') {
      const spec = id === 'sourceConnection' ? SOURCE_CONNECTION : REPLICATION_IP;
      for (const f of spec.fields) out.set(format([...spec.base, ...f.key]), singleFieldLabel(spec, f));
    } else if (id === 'replicationSet') {
      out.set(format([...REPLICATION_SET_BASE, 'name']), 'Replication set name');
      out.set(format(RULES_PATH), 'Replication rules');
      const n = listLength(RULES_PATH);
      for (let i = 0; i < n; i += 1) {
        for (const [key, label] of RULE_FIELD_LABELS) out.set(format([...RULES_PATH, i, key]), `Rule ${i + 1} ${label}`);
      }
    } else if (id === 'monitor') {
      for (const [key, label] of MONITOR_FIELD_LABELS) out.set(format([...MONITOR_BASE, ...key]), label);
    } else {
      out.set(format(INCIDENT_RULES_PATH), 'ExchFailover rules');
      const n = listLength(INCIDENT_RULES_PATH);
      for (let i = 0; i < n; i += 1) out.set(format([...INCIDENT_RULES_PATH, i]), incidentRuleLabel(i));
      for (const [key, label] of INCIDENT_FIELD_LABELS) out.set(format([...INCIDENT_BASE, ...key]), label);
    }
  }
  return out;
}

/** The replication rules table's columns: the document's key and the words of its label. */
export const RULE_FIELD_LABELS: readonly (readonly [string, string])[] = [
  ['path', 'path'],
  ['mode', 'include or exclude'],
  ['recursive', 'recurse sub-directories'],
];

/**
 * The monitor's fields (their path inside `monitor`) and their labels. The probe's port is listed whatever the
 * probe: it names a problem only when the document has one (a TCP probe, or a port left on an ICMP probe).
 */
export const MONITOR_FIELD_LABELS: readonly (readonly [FieldPath, string])[] = [
  [['monitoredAddress'], 'Monitored IP address'],
  [['monitoredName'], 'Monitored name'],
  [['clearItemsToFailover'], 'Clear every item to failover'],
  [['useShrShareMapping'], 'Use .SHR share mapping file'],
  [['intervalSeconds'], MONITOR_INTERVAL.label],
  [['missedReplies'], MONITOR_MISSED.label],
  [['probe'], 'Probe'],
  [['probe', 'kind'], 'Probe'],
  [['probe', 'port'], PROBE_PORT.label],
  [['secondPath'], 'Second path'],
];

/** The incident options' fields other than the rules (their path inside `incident`) and their labels. */
export const INCIDENT_FIELD_LABELS: readonly (readonly [FieldPath, string])[] = [
  [['noRus'], 'Leave the Recipient Update Service alone (-norus)'],
  [['noSpn'], 'Leave the Service Principal Names alone (-nospn)'],
  [['failbackAddress'], 'Failback address'],
  [['guardMinutes'], GUARD_MINUTES.label],
];

/** Every field path a list of parts shows for a document (list parts by their current length), as path strings. */
export function pathsShownBy(groups: readonly PairGroupId[], listLength: (path: FieldPath) => number, format: (path: FieldPath) => string): Set<string> {
  return new Set(fieldsShownBy(groups, listLength, format).keys());
}

/** The label of a problem's path no field shows (`version`, the whole document), in words. */
export function otherPathLabel(path: string): string {
  if (path === 'version') return 'Document version';
  if (path === '' || path === '(document)') return 'The pair document';
  return path;
}

/** The id of a field's input, for the links of the problem summary (a path string made safe for an id). */
export const fieldInputId = (path: string): string => `field-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;
