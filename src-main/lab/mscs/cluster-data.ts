import { z } from 'zod';

/**
 * The MSCS model's state as plain JSON: what `MscsCluster.toJSON()` returns and `fromJSON()` reads, and what the
 * cluster.exe emulator keeps in its file. Group and resource owners and group states are not stored: a resource is
 * owned by its group's owner, and a group's state follows from its resources, as in MSCS.
 */
export const CLUSTER_DATA_FORMAT = 'exchange-ha-wizard/mscs-cluster';

const name = z
  .string()
  .min(1, 'must not be empty')
  .refine((s) => s === s.trim(), 'must not start or end with white space')
  .refine((s) => !/[\u0000-\u001f]/.test(s), 'must not contain control characters');

const privateValue = z.union([z.string(), z.number().int().min(0).max(0xffffffff)]);

/** Node names are computer (NetBIOS) names: at most 15 characters, no spaces. */
const nodeName = name.refine((s) => s.length <= 15 && !/\s/.test(s), 'a node name is a NetBIOS name: at most 15 characters, no spaces');

export const nodeDataSchema = z.object({ name: nodeName, state: z.enum(['Up', 'Down', 'Paused']) }).strict();
export const groupDataSchema = z
  .object({
    name,
    description: z.string(),
    preferredOwners: z.array(name),
    /** null when every node is down. */
    owner: name.nullable(),
  })
  .strict();
export const resourceDataSchema = z
  .object({
    name,
    group: name,
    type: name,
    description: z.string(),
    privateProperties: z.record(z.string(), privateValue),
    dependencies: z.array(name),
    possibleOwners: z.array(name),
    state: z.enum(['Online', 'Offline', 'Failed']),
    /** What the cluster tries to keep the resource at: set by online/offline requests, used on failover. */
    persistentState: z.enum(['Online', 'Offline']),
  })
  .strict();

export const clusterDataSchema = z
  .object({
    format: z.literal(CLUSTER_DATA_FORMAT),
    version: z.literal(1),
    name,
    nodes: z.array(nodeDataSchema).min(1, 'a cluster has at least one node'),
    groups: z.array(groupDataSchema),
    resources: z.array(resourceDataSchema),
  })
  .strict();

/** One node of the saved model. */
export type NodeData = z.infer<typeof nodeDataSchema>;
/** One group of the saved model. */
export type GroupData = z.infer<typeof groupDataSchema>;
/** One resource of the saved model. */
export type ResourceData = z.infer<typeof resourceDataSchema>;
/** A whole cluster as saved. */
export type ClusterData = z.infer<typeof clusterDataSchema>;
