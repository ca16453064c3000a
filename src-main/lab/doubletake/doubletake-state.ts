import { z } from 'zod';
import { nodeNameProblem } from '../../nodes/node-name';
import { parseWindowsPath, windowsPathKey, WindowsPathError } from '../../nodes/windows-path';
import { serverOptionsSchema } from './server-options';

/**
 * The lab's Double-Take as data: one schema per part, so the JSON on disk is validated field by field when it is
 * read back, and the model's types are the schemas' types.
 */

const count = z.number().int().min(0);

const windowsPathString = z.string().superRefine((value, ctx) => {
  try {
    parseWindowsPath(value);
  } catch (error) {
    if (!(error instanceof WindowsPathError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
  }
});

/** One replication set rule, as the Replication Set Properties table records it. */
export const replicationRuleSchema = z
  .object({
    path: windowsPathString,
    mode: z.enum(['include', 'exclude']),
    recursive: z.boolean(),
  })
  .strict();
export type ReplicationRule = z.infer<typeof replicationRuleSchema>;

const rulesSchema = z.array(replicationRuleSchema).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const key = safeKey(rule.path);
    if (key !== undefined && seen.has(key)) {
      ctx.addIssue({ code: 'custom', path: [index, 'path'], message: `a second rule for ${rule.path}` });
    }
    if (key !== undefined) seen.add(key);
  });
});

/**
 * A replication set on one server: the rules as edited now, and the rules as last saved (`null`: never saved).
 * Only saved rules survive a restart of the Double-Take service.
 */
export const replicationSetSchema = z
  .object({
    name: z.string().min(1),
    rules: rulesSchema,
    savedRules: rulesSchema.nullable(),
  })
  .strict();
export type ReplicationSetState = z.infer<typeof replicationSetSchema>;

/** How a mirror was started: `MIRROR START <id> DIFFERENT,CHECKSUM ORPHANS` is mode different, checksum, orphans. */
export const mirrorOptionsSchema = z
  .object({
    mode: z.enum(['full', 'different']),
    /** Compare block checksums rather than dates and sizes (difference mirrors only). */
    checksum: z.boolean(),
    /** Remove files on the target that do not exist on the source. */
    orphans: z.boolean(),
    /** The server's ChecksumAll option when the mirror started: whether every file was checksummed. */
    checksumAllFiles: z.boolean(),
  })
  .strict();
export type MirrorOptions = z.infer<typeof mirrorOptionsSchema>;

/** A connection's mirror: idle, started or complete, with its byte counts (what the console shows as progress). */
export const mirrorStateSchema = z
  .object({
    state: z.enum(['idle', 'started', 'complete']),
    /** The options of the last mirror started; null before the first. */
    options: mirrorOptionsSchema.nullable(),
    bytesToMirror: count,
    mirroredBytes: count,
  })
  .strict()
  .superRefine((mirror, ctx) => {
    if (mirror.mirroredBytes > mirror.bytesToMirror) {
      ctx.addIssue({ code: 'custom', path: ['mirroredBytes'], message: `${mirror.mirroredBytes} is more than bytesToMirror (${mirror.bytesToMirror})` });
    }
    if (mirror.state === 'complete' && mirror.mirroredBytes !== mirror.bytesToMirror) {
      ctx.addIssue({ code: 'custom', path: ['mirroredBytes'], message: 'a complete mirror has mirrored every byte' });
    }
    if (mirror.state !== 'idle' && mirror.options === null) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${mirror.state} mirror needs the options it was started with` });
    }
  });
export type MirrorState = z.infer<typeof mirrorStateSchema>;

/** A connection from this server (the source) to a target, as the Management Console lists it. */
export const connectionSchema = z
  .object({
    id: z.number().int().min(1),
    replicationSet: z.string().min(1),
    /** The Double-Take Target: a name or an IP address (the guide uses a dedicated IP Address resource). */
    target: z.string().min(1),
    /** MAP EXACT: every path on the target is the same as on the source. The lab knows no other mapping. */
    mapping: z.literal('exact'),
    state: z.enum(['connected', 'paused']),
    mirror: mirrorStateSchema,
    /** Replication operations waiting to be sent: the console's "Queued Replication Bytes". */
    queuedReplicationBytes: count,
    /** Thousandths of a byte of transmit budget carried between ticks, so stepping does not depend on tick size. */
    transmitRemainder: z.number().int().min(0).max(999),
    /** Thousandths of a byte written by the source but not yet queued, carried like transmitRemainder (absent: 0). */
    writeRemainder: z.number().int().min(0).max(999).optional(),
    /** When the queue was last seen empty (ms since 1970, lab clock): what the recovery point is measured from. */
    lastEmptyAt: z.number().int().min(0).optional(),
  })
  .strict();
export type ConnectionState = z.infer<typeof connectionSchema>;

/** Everything Double-Take keeps on one node. */
export const serverStateSchema = z
  .object({
    options: serverOptionsSchema,
    replicationSets: z.array(replicationSetSchema),
    connections: z.array(connectionSchema),
    /** The id the next connection gets; ids are not reused while the service runs. */
    nextConnectionId: z.number().int().min(1),
    /**
     * Bytes Exchange wrote on this node while no connection of it carried them (absent: 0): what its copy differs by
     * from the other cluster's, so what the next difference mirror from this node sends (a failback's mirror).
     */
    divergedBytes: count.optional(),
  })
  .strict()
  .superRefine((server, ctx) => {
    const names = new Set<string>();
    server.replicationSets.forEach((set, index) => {
      if (names.has(set.name)) ctx.addIssue({ code: 'custom', path: ['replicationSets', index, 'name'], message: `a second replication set named '${set.name}'` });
      names.add(set.name);
    });
    const ids = new Set<number>();
    server.connections.forEach((connection, index) => {
      if (ids.has(connection.id)) ctx.addIssue({ code: 'custom', path: ['connections', index, 'id'], message: `a second connection ${connection.id}` });
      ids.add(connection.id);
      if (connection.id >= server.nextConnectionId) {
        ctx.addIssue({ code: 'custom', path: ['connections', index, 'id'], message: `${connection.id} is not below nextConnectionId (${server.nextConnectionId})` });
      }
      if (!names.has(connection.replicationSet)) {
        ctx.addIssue({ code: 'custom', path: ['connections', index, 'replicationSet'], message: `no replication set named '${connection.replicationSet}'` });
      }
    });
  });
export type ServerState = z.infer<typeof serverStateSchema>;

/** The lab's whole Double-Take, as `<lab>/doubletake.json` holds it. */
export const doubleTakeLabStateSchema = z
  .object({
    version: z.literal(1),
    /** Link speed between each source and its target in the lab, for progress stepping. */
    bytesPerSecond: z.number().int().min(1),
    /** What a node running a mounted Exchange server writes into its connections' queues (absent: the lab default). */
    writeBytesPerSecond: z.number().int().min(0).optional(),
    /** The lab clock (ms since 1970) the connections were last advanced to; absent in files made before lab time ran. */
    advancedAt: z.number().int().min(0).optional(),
    servers: z.record(z.string(), serverStateSchema).superRefine((servers, ctx) => {
      for (const node of Object.keys(servers)) {
        const problem = nodeNameProblem(node);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [node], message: problem });
        else if (node !== node.toUpperCase()) ctx.addIssue({ code: 'custom', path: [node], message: `node names are stored in upper case (${node.toUpperCase()})` });
      }
    }),
  })
  .strict();
export type DoubleTakeLabState = z.infer<typeof doubleTakeLabStateSchema>;

function safeKey(path: string): string | undefined {
  try {
    return windowsPathKey(path);
  } catch {
    return undefined;
  }
}

/**
 * One line per problem, each naming the field (`servers.SRC1.connections[0].mirror.state: ...`), for messages that
 * say where a hand-edited or damaged file is wrong.
 */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`).join('\n');
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
