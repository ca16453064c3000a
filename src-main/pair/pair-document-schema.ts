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
/** One replication set rule. */
export type PairReplicationRule = z.infer<typeof replicationRuleSchema>;
