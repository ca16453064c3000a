import { z } from 'zod';
import { nodeNameProblem } from '../nodes/node-name';
import { crossFieldProblems } from './cross-field-rules';
import {
  clusterObjectNameProblem,
  descriptionProblem,
  diskSignatureProblem,
  driveLetterProblem,
  installFolderProblem,
  netbiosNameProblem,
  replicationSetNameProblem,
  windowsPathProblem,
} from './field-rules';
import { ipv4AddressProblem, subnetMaskProblem } from './ipv4-subnet';
import { pairingRuleTextProblem } from './pairing-rule-text';

/** The Failover Control Center's monitor defaults (see `intervalSeconds`). */
export const MONITOR_DEFAULTS = { intervalSeconds: 5, missedReplies: 5 } as const;

/**
 * The pair document, version 1: everything the guide (sections 4-6) asks the administrator to record about the
 * source and target clusters, in one JSON file the wizard and the command line share. Every object is strict, so
 * a misspelt field is reported instead of silently ignored. Field-level rules live in field-rules.ts and
 * ipv4-subnet.ts; rules between fields in cross-field-rules.ts.
 */

/** The document format this code reads and writes. */
export const PAIR_DOCUMENT_VERSION = 1;

/**
 * A string, its leading and trailing white space trimmed (a value pasted with a space around it is meant without
 * it; the document the program writes holds the trimmed value), then refused with `problem`'s message when it
 * returns one.
 */
function checked(problem: (value: string) => string | undefined) {
  return z.string().trim().superRefine((value, ctx) => {
    const message = problem(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message });
  });
}

const resourceName = checked(clusterObjectNameProblem);
const ipv4Address = checked(ipv4AddressProblem);

/** An IP Address resource: its name and the three private properties the guide's TCP/IP dialog asks for. */
export const ipAddressResourceSchema = z.strictObject({
  resourceName,
  address: ipv4Address,
  subnetMask: checked(subnetMaskProblem),
  /** The cluster network the address uses ("Network to use"), e.g. Public. */
  network: checked(clusterObjectNameProblem),
});

/** A cluster node and where Double-Take is installed on it (guide 4.3/5.3: installation defaults). */
export const pairNodeSchema = z.strictObject({
  name: checked(nodeNameProblem),
  doubleTakeFolder: checked(installFolderProblem),
});

/** A Physical Disk resource (guide 4.2.4); one per disk the Exchange data lives on. */
export const physicalDiskSchema = z.strictObject({
  resourceName,
  /** The drive letter alone, `E`. */
  drive: checked(driveLetterProblem),
  /** The disk signature (the resource's `Signature` DWORD). */
  signature: z.number().superRefine((value, ctx) => {
    const message = diskSignatureProblem(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message });
  }),
});

/** What both clusters record: the cluster, the Exchange group and the virtual server's resources (guide 4.2). */
const clusterSideShape = {
  cluster: z.strictObject({
    /** The cluster's own name, as `cluster /cluster:NAME` takes it. */
    name: checked(netbiosNameProblem),
    nodes: z.array(pairNodeSchema).min(1, 'List at least one node of the cluster.'),
  }),
  group: z.strictObject({ name: checked(clusterObjectNameProblem), description: checked(descriptionProblem) }),
  ipAddress: ipAddressResourceSchema,
  /** The Network Name resource; `name` is the virtual server's NetBIOS name clients use. */
  networkName: z.strictObject({ resourceName, name: checked(netbiosNameProblem) }),
  physicalDisks: z.array(physicalDiskSchema).min(1, 'List at least one physical disk: the one holding the Exchange data.'),
  /** The Microsoft Exchange System Attendant resource and its data path (`E:\Exchsrvr`). */
  systemAttendant: z.strictObject({ resourceName, dataPath: checked(windowsPathProblem) }),
};

/** The source cluster, plus the Double-Take Source Connection resource (guide 4.5). */
export const sourceSideSchema = z.strictObject({
  ...clusterSideShape,
  sourceConnection: z.strictObject({
    resourceName,
    /** The "Double-Take Target" field: the target's replication IP address. */
    targetAddress: ipv4Address,
  }),
});

/** The target cluster, plus the IP Address resource Double-Take replicates to (guide 5.2 step 2). */
export const targetSideSchema = z.strictObject({
  ...clusterSideShape,
  replicationIpAddress: ipAddressResourceSchema,
});

/** One row of the guide's "Replication Set Properties" table. */
export const replicationRuleSchema = z.strictObject({
  path: checked(windowsPathProblem),
  /** Trimmed like every text of the document. */
  mode: z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.enum(['include', 'exclude'], { error: 'Give include or exclude.' })),
  /** "Recurse Sub-directories". */
  recursive: z.boolean(),
});

/** The replication set (guide 4.4): its exact, case-sensitive name and its rules, identical on every node. */
export const replicationSetSchema = z.strictObject({
  name: checked(replicationSetNameProblem),
  rules: z.array(replicationRuleSchema).min(1, 'List at least one rule: the paths the guide records in the Replication Set Properties table.'),
});

/** Text values are trimmed like every text of the document. */
const trimString = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);
const trimKind = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && 'kind' in value && typeof value.kind === 'string' ? { ...value, kind: value.kind.trim() } : value;

/** The Failover Control Center monitor on each target node (guide 6 step 2). */
export const monitorSchema = z.strictObject({
  /** The source virtual server's client IP address ("Custom" monitor). */
  monitoredAddress: ipv4Address,
  /** The source virtual server's network name. */
  monitoredName: checked(netbiosNameProblem),
  /** Guide 6 step 2g: every item in "Items to Failover" is cleared. */
  clearItemsToFailover: z.literal(true, { error: 'The guide (section 6, step 2g) clears every item to failover; set true.' }),
  /** Guide 6 step 2h: "Use .SHR Share Mapping File" is cleared. */
  useShrShareMapping: z.literal(false, { error: 'The guide (section 6, step 2h) clears "Use .SHR Share Mapping File"; set false.' }),
  /**
   * Seconds between two probes of the monitored address ("Monitor interval"). Double-Take's default is 5 seconds;
   * with the default 5 missed replies, 25 seconds pass before the source is taken as failed
   * (https://download.doubletake.com/_download/dt52/dt522/docs/Availability/User's%20Guide/Content/FullServerConfiguringFailover.htm).
   */
  intervalSeconds: z
    .number({ error: 'Give the monitor interval in whole seconds.' })
    .int('Give the monitor interval in whole seconds.')
    .min(1, 'The monitor interval is at least 1 second.')
    .max(3600, 'The monitor interval is at most 3600 seconds (one hour).')
    .default(MONITOR_DEFAULTS.intervalSeconds),
  /** Replies that may be missed in a row before Time to Fail reaches zero ("Missed intervals"; default 5). */
  missedReplies: z
    .number({ error: 'Give the number of missed replies as a whole number.' })
    .int('Give the number of missed replies as a whole number.')
    .min(1, 'At least 1 missed reply.')
    .max(1000, 'At most 1000 missed replies.')
    .default(MONITOR_DEFAULTS.missedReplies),
  /**
   * How the program's own monitor probes the monitored address from the admin workstation: ICMP echo through the
   * system's ping (as the Failover Control Center does), or a TCP port that the virtual server answers on.
   */
  probe: z.preprocess(trimKind, z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('icmp') }),
      z.strictObject({
        kind: z.literal('tcp'),
        port: z.number({ error: 'Give a TCP port number.' }).int('Give a TCP port number.').min(1, 'A TCP port is 1 to 65535.').max(65535, 'A TCP port is 1 to 65535.'),
      }),
    ], { error: 'Give the probe as {"kind": "icmp"} or {"kind": "tcp", "port": N}.' }))
    .default({ kind: 'icmp' }),
  /**
   * The second path that must agree before the source is taken as failed: the source cluster answering cluster.exe
   * (default), or none (the probe alone decides).
   */
  secondPath: z.preprocess(trimString, z.enum(['source-cluster', 'none'], { error: 'Give "source-cluster" or "none".' })).default('source-cluster'),
});

/**
 * What the guided failover and failback (guide sections 7 and 8) run with: the ExchFailover options that belong
 * to the pair (its `-r` rules in the utility's own syntax, `-norus`, `-nospn`), the address on the source cluster
 * the target's reverse Source Connection mirrors back to during a failback (an address online while the source's
 * Exchange group stays offline: the source cluster's own IP address or a node's), and how long after a failback a
 * new failover asks for a reason.
 */
export const incidentOptionsSchema = z.strictObject({
  rules: z.array(checked(pairingRuleTextProblem)).max(200, 'At most 200 rules.').default([]),
  noRus: z.boolean({ error: 'Give true or false.' }).default(false),
  noSpn: z.boolean({ error: 'Give true or false.' }).default(false),
  failbackAddress: ipv4Address.optional(),
  guardMinutes: z
    .number({ error: 'Give the guard period in whole minutes.' })
    .int('Give the guard period in whole minutes.')
    .min(0, 'The guard period is at least 0 minutes.')
    .max(10080, 'The guard period is at most 10080 minutes (a week).')
    .default(60),
});

/** The document's fields, before the rules between them. */
const pairDocumentObjectSchema = z.strictObject({
  version: z.literal(PAIR_DOCUMENT_VERSION, {
    error: `This program reads pair documents of version ${PAIR_DOCUMENT_VERSION}; set "version": ${PAIR_DOCUMENT_VERSION}.`,
  }),
  source: sourceSideSchema,
  target: targetSideSchema,
  replicationSet: replicationSetSchema,
  monitor: monitorSchema,
  incident: incidentOptionsSchema.default({ rules: [], noRus: false, noSpn: false, guardMinutes: 60 }),
});

/** A valid pair document. */
export type PairDocument = z.infer<typeof pairDocumentObjectSchema>;

/** The whole pair document, with the rules between fields (subnets, distinct addresses, unique names, rules on disks). */
export const pairDocumentSchema = pairDocumentObjectSchema.superRefine((document, ctx) => {
  for (const problem of crossFieldProblems(document)) {
    ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
  }
});

/** The source cluster's part of the document. */
export type PairSourceSide = PairDocument['source'];
/** The target cluster's part of the document. */
export type PairTargetSide = PairDocument['target'];
/** An IP Address resource as recorded. */
export type PairIpAddressResource = z.infer<typeof ipAddressResourceSchema>;
/** The guided failover's and failback's options. */
export type PairIncidentOptions = PairDocument['incident'];
/** One replication set rule. */
export type PairReplicationRule = z.infer<typeof replicationRuleSchema>;
