import { ClusterError } from './port';

/**
 * The Win32 error numbers MSCS answers with, with the text cluster.exe prints after "System error N has occurred".
 * Numbers and texts checked against a Win32 error table (winerror.h) and Microsoft's MS-CMRP protocol
 * specification (which says which number the cluster service returns for which refusal). The texts are the current
 * wording of the system message table; Windows 2003's wording of a few of them may differ slightly.
 */
export const WIN32 = {
  ERROR_INVALID_PARAMETER: 87,
  ERROR_DIR_NOT_EMPTY: 145,
  ERROR_CIRCULAR_DEPENDENCY: 1059,
  RPC_S_SERVER_UNAVAILABLE: 1722,
  ERROR_DEPENDENT_RESOURCE_EXISTS: 5001,
  ERROR_DEPENDENCY_NOT_FOUND: 5002,
  ERROR_DEPENDENCY_ALREADY_EXISTS: 5003,
  ERROR_RESOURCE_NOT_ONLINE: 5004,
  ERROR_HOST_NODE_NOT_AVAILABLE: 5005,
  ERROR_RESOURCE_NOT_FOUND: 5007,
  ERROR_OBJECT_ALREADY_EXISTS: 5010,
  ERROR_GROUP_NOT_FOUND: 5013,
  ERROR_HOST_NODE_NOT_RESOURCE_OWNER: 5015,
  ERROR_HOST_NODE_NOT_GROUP_OWNER: 5016,
  ERROR_RESOURCE_ONLINE: 5019,
  ERROR_INVALID_STATE: 5023,
  ERROR_RESOURCE_PROPERTIES_STORED: 5024,
  ERROR_RESOURCE_FAILED: 5038,
  ERROR_CLUSTER_NODE_NOT_FOUND: 5042,
  ERROR_CLUSTER_NODE_DOWN: 5050,
  ERROR_CLUSTER_NODE_NOT_PAUSED: 5058,
  ERROR_CLUSTER_NODE_ALREADY_UP: 5061,
  ERROR_CLUSTER_NODE_ALREADY_DOWN: 5062,
  ERROR_CLUSTER_NODE_PAUSED: 5070,
  ERROR_NODE_CANT_HOST_RESOURCE: 5071,
  ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND: 5078,
} as const;

/** The symbolic name of one of the numbers above, as winerror.h spells it. */
export type Win32ErrorName = keyof typeof WIN32;

/** One row of the table: number, symbolic name, the system message text. */
export interface Win32ErrorInfo {
  readonly code: number;
  readonly name: Win32ErrorName;
  readonly text: string;
}

const TEXTS: Readonly<Record<Win32ErrorName, string>> = {
  ERROR_INVALID_PARAMETER: 'The parameter is incorrect.',
  ERROR_DIR_NOT_EMPTY: 'The directory is not empty.',
  ERROR_CIRCULAR_DEPENDENCY: 'Circular service dependency was specified.',
  RPC_S_SERVER_UNAVAILABLE: 'The RPC server is unavailable.',
  ERROR_DEPENDENT_RESOURCE_EXISTS: 'The operation cannot be completed because other resources depend on this resource.',
  ERROR_DEPENDENCY_NOT_FOUND: 'The cluster resource dependency cannot be found.',
  ERROR_DEPENDENCY_ALREADY_EXISTS:
    'The cluster resource cannot be made dependent on the specified resource because it is already dependent.',
  ERROR_RESOURCE_NOT_ONLINE: 'The cluster resource is not online.',
  ERROR_HOST_NODE_NOT_AVAILABLE: 'A cluster node is not available for this operation.',
  ERROR_RESOURCE_NOT_FOUND: 'The cluster resource could not be found.',
  ERROR_OBJECT_ALREADY_EXISTS: 'The object already exists.',
  ERROR_GROUP_NOT_FOUND: 'The cluster group could not be found.',
  ERROR_HOST_NODE_NOT_RESOURCE_OWNER:
    'The operation failed because either the specified cluster node is not the owner of the resource, or the node is not a possible owner of the resource.',
  ERROR_HOST_NODE_NOT_GROUP_OWNER:
    'The operation failed because either the specified cluster node is not the owner of the group, or the node is not a possible owner of the group.',
  ERROR_RESOURCE_ONLINE: 'The operation could not be completed because the cluster resource is online.',
  ERROR_INVALID_STATE: 'The group or resource is not in the correct state to perform the requested operation.',
  ERROR_RESOURCE_PROPERTIES_STORED:
    'The properties were stored but not all changes will take effect until the next time the resource is brought online.',
  ERROR_RESOURCE_FAILED: 'A cluster resource failed.',
  ERROR_CLUSTER_NODE_NOT_FOUND: 'The cluster node was not found.',
  ERROR_CLUSTER_NODE_DOWN: 'The cluster node is down.',
  ERROR_CLUSTER_NODE_NOT_PAUSED: 'The cluster node is not paused.',
  ERROR_CLUSTER_NODE_ALREADY_UP: 'The cluster node is already up.',
  ERROR_CLUSTER_NODE_ALREADY_DOWN: 'The cluster node is already down.',
  ERROR_CLUSTER_NODE_PAUSED: 'The cluster node is paused.',
  ERROR_NODE_CANT_HOST_RESOURCE: 'The cluster resource cannot be brought online. The owner node cannot run this resource.',
  ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND: 'The specified resource type was not found.',
};

/** Every known error, by number: what the emulator prints and the adapters name. */
export const WIN32_ERRORS: ReadonlyMap<number, Win32ErrorInfo> = new Map(
  (Object.keys(WIN32) as Win32ErrorName[]).map((name) => [WIN32[name], { code: WIN32[name], name, text: TEXTS[name] }]),
);

/** The system message for a number, or a generic line for a number the table does not hold. */
export function win32Text(code: number): string {
  return WIN32_ERRORS.get(code)?.text ?? `Unknown error (0x${hex8(code)}).`;
}

/** `0000139b`: the 8-digit lower-case hex cluster.exe shows in brackets. */
export function hex8(code: number): string {
  return (code >>> 0).toString(16).padStart(8, '0');
}

/** What cluster.exe prints for a refusal: `System error 5019 has occurred (0x0000139b).` and the message text. */
export function formatSystemError(code: number): string {
  return `System error ${code} has occurred (0x${hex8(code)}).\n${win32Text(code)}`;
}

/** What cluster.exe prints for a success that comes with a warning (5024: properties stored). */
export function formatSystemWarning(code: number): string {
  return `System warning ${code} (0x${hex8(code)}).\n${win32Text(code)}`;
}

/** A ClusterError carrying the number and the system text, optionally with what was refused. */
export function clusterError(code: number, detail?: string): ClusterError {
  const text = win32Text(code);
  return new ClusterError(code, detail === undefined ? text : `${text} (${detail})`);
}

/** Reads `System error N has occurred` (or `System warning N`) out of cluster.exe output; undefined when absent. */
export function parseSystemErrorNumber(output: string): number | undefined {
  const m = /System (?:error|warning) (\d+)/.exec(output);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
