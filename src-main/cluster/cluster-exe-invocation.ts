import type { ClusterCommand } from './port';

/**
 * Reads a cluster.exe argument list (what `clusterExeArgv` writes, and the abbreviations an administrator types)
 * back into what it asks for: a port command, a listing, or a node control. The emulator runs on it; tests use it
 * to prove that every command's argv means that command.
 */

/** The listings cluster.exe prints. */
export type ClusterExeQuery =
  | { readonly kind: 'node-status'; readonly node?: string }
  | { readonly kind: 'group-status'; readonly group?: string }
  | { readonly kind: 'resource-status'; readonly resource?: string }
  | { readonly kind: 'resource-dependencies'; readonly resource: string }
  | { readonly kind: 'resource-owners'; readonly resource: string }
  | { readonly kind: 'group-owners'; readonly group: string }
  | { readonly kind: 'group-properties'; readonly group?: string }
  | { readonly kind: 'resource-properties'; readonly resource?: string }
  | { readonly kind: 'resource-private'; readonly resource?: string };

/** `cluster <c> node <n> /pause | /resume | /start | /stop`. */
export type NodeAction = 'pause' | 'resume' | 'start' | 'stop';

/** A format suffix given with a private value (`Signature:DWORD=...`); undefined leaves it to the property. */
export type PrivateFormatHint = 'DWORD' | 'STR' | undefined;

/** What one cluster.exe invocation asks for. Private values of a command are the raw text typed. */
export type ClusterExeInvocation =
  | {
      readonly kind: 'command';
      readonly cluster: string;
      readonly command: ClusterCommand;
      readonly formats: Readonly<Record<string, PrivateFormatHint>>;
      /** Present when `/wait[:s]` was given: cluster.exe returns only once the object left its pending state. */
      readonly wait?: true;
    }
  | { readonly kind: 'query'; readonly cluster: string; readonly query: ClusterExeQuery }
  | { readonly kind: 'node'; readonly cluster: string; readonly node: string; readonly action: NodeAction };

/** The arguments do not form a cluster.exe command (the emulator answers 87, as cluster.exe does). */
export class ClusterExeUsageError extends Error {
  override readonly name = 'ClusterExeUsageError';
}

interface Option {
  readonly name: string;
  readonly value: string | undefined;
}

/** Canonical option names and the abbreviations cluster.exe accepts for them. */
const OPTION_NAMES: Readonly<Record<string, string>> = {
  create: 'create',
  delete: 'delete',
  del: 'delete',
  online: 'online',
  on: 'online',
  offline: 'offline',
  off: 'offline',
  moveto: 'moveto',
  move: 'moveto',
  setowners: 'setowners',
  listowners: 'listowners',
  listdependencies: 'listdep',
  listdep: 'listdep',
  adddependency: 'adddep',
  adddep: 'adddep',
  removedependency: 'removedep',
  removedep: 'removedep',
  addowner: 'addowner',
  removeowner: 'removeowner',
  status: 'stat',
  stat: 'stat',
  properties: 'prop',
  prop: 'prop',
  privproperties: 'priv',
  priv: 'priv',
  group: 'group',
  type: 'type',
  wait: 'wait',
  pause: 'pause',
  resume: 'resume',
  start: 'start',
  stop: 'stop',
};

function parseOption(arg: string): Option {
  const m = /^\/([A-Za-z]+)(?::([\s\S]*))?$/.exec(arg);
  const name = m === null ? undefined : OPTION_NAMES[(m[1] ?? '').toLowerCase()];
  if (m === null || name === undefined) throw new ClusterExeUsageError(`unknown option ${arg}`);
  return { name, value: m[2] };
}

function need(value: string | undefined, option: string): string {
  if (value === undefined || value === '') throw new ClusterExeUsageError(`/${option} needs a value`);
  return value;
}

function objectName(name: string | undefined, what: string): string {
  if (name === undefined) throw new ClusterExeUsageError(`${what} name missing`);
  return name;
}

/** Reads `name[:FORMAT]=value` assignments that follow /prop or /priv. */
function parseAssignments(args: readonly string[]): { values: Record<string, string>; formats: Record<string, PrivateFormatHint> } {
  const values: Record<string, string> = {};
  const formats: Record<string, PrivateFormatHint> = {};
  for (const arg of args) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::(DWORD|STR))?=([\s\S]*)$/i.exec(arg);
    if (m === null) throw new ClusterExeUsageError(`not a property assignment: ${arg}`);
    const key = m[1] ?? '';
    values[key] = m[3] ?? '';
    formats[key] = m[2] === undefined ? undefined : (m[2].toUpperCase() as 'DWORD' | 'STR');
  }
  return { values, formats };
}

/** Reads one invocation: `[<cluster> | /cluster:<cluster>] group|res|node [<name>] /option[:value] ...`. */
export function parseClusterExeArgs(args: readonly string[]): ClusterExeInvocation {
  const [first, objectWord, ...restArgs] = args;
  if (first === undefined) throw new ClusterExeUsageError('cluster name missing');
  // `cluster [[/cluster:]ClusterName]` (Microsoft's "Cluster resource" command reference): only the documented
  // switch, any letter case.
  const clusterMatch = /^\/cluster:([\s\S]+)$/i.exec(first);
  const cluster = clusterMatch?.[1] ?? first;
  if (cluster.startsWith('/')) throw new ClusterExeUsageError(`cluster name missing before ${first}`);
  const object = objectWord?.toLowerCase();
  if (object !== 'group' && object !== 'res' && object !== 'resource' && object !== 'node') {
    throw new ClusterExeUsageError(`expected group, res or node, found ${objectWord ?? 'nothing'}`);
  }
  const name = restArgs[0] !== undefined && !restArgs[0].startsWith('/') ? restArgs[0] : undefined;
  const tail = name === undefined ? restArgs : restArgs.slice(1);
  const firstAssignment = tail.findIndex((a) => !a.startsWith('/'));
  const optionArgs = firstAssignment < 0 ? tail : tail.slice(0, firstAssignment);
  const assignmentArgs = firstAssignment < 0 ? [] : tail.slice(firstAssignment);
  const parsedOptions = optionArgs.map(parseOption);
  const waitGiven = parsedOptions.some((o) => o.name === 'wait');
  const options = parsedOptions.filter((o) => o.name !== 'wait');
  const main = options[0];
  const extra = (n: string): Option | undefined => options.slice(1).find((o) => o.name === n);
  const unexpectedExtras = (allowed: readonly string[]): void => {
    const bad = options.slice(1).find((o) => !allowed.includes(o.name));
    if (bad !== undefined) throw new ClusterExeUsageError(`/${bad.name} cannot be used here`);
  };
  const command = (c: ClusterCommand, formats: Record<string, PrivateFormatHint> = {}): ClusterExeInvocation => ({
    kind: 'command',
    cluster,
    command: c,
    formats,
    ...(waitGiven ? { wait: true as const } : {}),
  });
  const query = (q: ClusterExeQuery): ClusterExeInvocation => ({ kind: 'query', cluster, query: q });
  if (assignmentArgs.length > 0 && main?.name !== 'prop' && main?.name !== 'priv') {
    throw new ClusterExeUsageError(`unexpected ${assignmentArgs[0] ?? ''}`);
  }
  if (main === undefined || main.name === 'stat') {
    unexpectedExtras([]);
    if (object === 'node') return query({ kind: 'node-status', ...(name === undefined ? {} : { node: name }) });
    if (object === 'group') return query({ kind: 'group-status', ...(name === undefined ? {} : { group: name }) });
    return query({ kind: 'resource-status', ...(name === undefined ? {} : { resource: name }) });
  }

  if (object === 'node') {
    unexpectedExtras([]);
    if (main.name === 'pause' || main.name === 'resume' || main.name === 'start' || main.name === 'stop') {
      return { kind: 'node', cluster, node: objectName(name, 'node'), action: main.name };
    }
    throw new ClusterExeUsageError(`/${main.name} does not apply to a node`);
  }

  if (object === 'group') {
    const group = (): string => objectName(name, 'group');
    unexpectedExtras([]);
    switch (main.name) {
      case 'create':
        return command({ kind: 'group-create', group: group() });
      case 'delete':
        return command({ kind: 'group-delete', group: group() });
      case 'online':
        return command({
          kind: 'group-online',
          group: group(),
          ...(main.value === undefined || main.value === '' ? {} : { node: main.value }),
        });
      case 'offline':
        return command({ kind: 'group-offline', group: group() });
      case 'moveto':
        return command({ kind: 'group-move', group: group(), node: need(main.value, 'moveto') });
      case 'setowners':
        return command({
          kind: 'group-set-owners',
          group: group(),
          nodes: (main.value ?? '').split(',').filter((n) => n !== ''),
        });
      case 'listowners':
        return query({ kind: 'group-owners', group: group() });
      case 'prop': {
        if (assignmentArgs.length === 0) return query({ kind: 'group-properties', ...(name === undefined ? {} : { group: name }) });
        const { values } = parseAssignments(assignmentArgs);
        const keys = Object.keys(values);
        if (keys.length !== 1 || keys[0]?.toLowerCase() !== 'description') {
          throw new ClusterExeUsageError('only the Description property can be set here');
        }
        return command({ kind: 'group-set-description', group: group(), description: Object.values(values)[0] ?? '' });
      }
      default:
        throw new ClusterExeUsageError(`/${main.name} does not apply to a group`);
    }
  }

  const resource = (): string => objectName(name, 'resource');
  if (main.name !== 'create') unexpectedExtras([]);
  switch (main.name) {
    case 'create': {
      unexpectedExtras(['group', 'type']);
      return command({
        kind: 'resource-create',
        resource: resource(),
        group: need(extra('group')?.value, 'group'),
        type: need(extra('type')?.value, 'type'),
      });
    }
    case 'delete':
      return command({ kind: 'resource-delete', resource: resource() });
    case 'online':
      return command({ kind: 'resource-online', resource: resource() });
    case 'offline':
      return command({ kind: 'resource-offline', resource: resource() });
    case 'adddep':
      return command({ kind: 'resource-add-dependency', resource: resource(), dependsOn: need(main.value, 'adddep') });
    case 'removedep':
      return command({ kind: 'resource-remove-dependency', resource: resource(), dependsOn: need(main.value, 'removedep') });
    case 'addowner':
      return command({ kind: 'resource-add-owner', resource: resource(), node: need(main.value, 'addowner') });
    case 'removeowner':
      return command({ kind: 'resource-remove-owner', resource: resource(), node: need(main.value, 'removeowner') });
    case 'listdep':
      return query({ kind: 'resource-dependencies', resource: resource() });
    case 'listowners':
      return query({ kind: 'resource-owners', resource: resource() });
    case 'prop': {
      if (assignmentArgs.length === 0) return query({ kind: 'resource-properties', ...(name === undefined ? {} : { resource: name }) });
      const { values } = parseAssignments(assignmentArgs);
      const keys = Object.keys(values);
      if (keys.length !== 1 || keys[0]?.toLowerCase() !== 'description') {
        throw new ClusterExeUsageError('only the Description property can be set here');
      }
      return command({ kind: 'resource-set-description', resource: resource(), description: Object.values(values)[0] ?? '' });
    }
    case 'priv': {
      if (assignmentArgs.length === 0) return query({ kind: 'resource-private', ...(name === undefined ? {} : { resource: name }) });
      const { values, formats } = parseAssignments(assignmentArgs);
      return command({ kind: 'resource-set-private', resource: resource(), properties: values }, formats);
    }
    default:
      throw new ClusterExeUsageError(`/${main.name} does not apply to a resource`);
  }
}
