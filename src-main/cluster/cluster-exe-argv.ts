import { assertNever } from '../shared/assert-never';
import type { ClusterCommand, PrivateValue } from './port';
import { assertPastable, cmdExeArgument, cmdExeLine } from './cmd-exe-argument';
import { positionalName } from './switch-like-name';
import { parseWindowsCommandLine } from './windows-command-line';

/**
 * Port commands as cluster.exe command lines (Windows 2000/2003 syntax). The argv is what the cluster.exe adapter
 * passes to spawn (never through a shell); the formatted line is what a plan shows the administrator, who may paste
 * it into cmd.exe (cmd-exe-argument.ts writes it so that it survives that). Names found by position (cluster, group,
 * resource) that cluster.exe would read as a switch are refused in both.
 *
 * Syntax: Microsoft, Windows Server 2003 command-line reference, "Cluster resource" (and "Cluster group"),
 * https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2003/cc785087(v=ws.10)
 */

/** How cluster.exe writes a private value: DWORDs in decimal, strings as they are. */
export function privateValueText(value: PrivateValue): string {
  return typeof value === 'number' ? String(value) : value;
}

/** How the argv names the cluster and waits. */
export interface ClusterExeArgvOptions {
  /**
   * `'plain'` (default): `cluster SRCCLUS res ...`; `'switch'`: `cluster /cluster:SRCCLUS res ...` — the two forms
   * cluster.exe documents (`cluster [[/cluster:]ClusterName] ...`).
   */
  readonly clusterForm?: 'plain' | 'switch';
  /** Appended to `res "X" /online` as `/wait:<s>` (`/on[line] [/wait[:Timeout_in_Seconds]]`); none when undefined. */
  readonly onlineWaitSeconds?: number;
}

/**
 * The argument that names the cluster: `SRCCLUS` or `/cluster:SRCCLUS`. Throws CommandLineRefusedError for a name
 * beginning with `/` or `-` (in the switch form too: cluster.exe takes `/cluster:/x` for no name).
 */
export function clusterNameArg(cluster: string, form: ClusterExeArgvOptions['clusterForm'] = 'plain'): string {
  positionalName(cluster, 'cluster');
  return form === 'switch' ? `/cluster:${cluster}` : cluster;
}

/**
 * The arguments after `cluster` for one command, e.g. `['SRCCLUS', 'group', 'Exchange Group', '/create']`. Throws
 * CommandLineRefusedError when the cluster, group or resource name would read as a switch.
 */
export function clusterExeArgv(name: string, command: ClusterCommand, options: ClusterExeArgvOptions = {}): string[] {
  const cluster = clusterNameArg(name, options.clusterForm);
  if ('resource' in command) positionalName(command.resource, 'resource');
  else positionalName(command.group, 'group');
  switch (command.kind) {
    case 'group-create':
      return [cluster, 'group', command.group, '/create'];
    case 'group-set-description':
      return [cluster, 'group', command.group, '/prop', `Description=${command.description}`];
    case 'group-online':
      return [cluster, 'group', command.group, command.node === undefined ? '/online' : `/online:${command.node}`];
    case 'group-offline':
      return [cluster, 'group', command.group, '/offline'];
    case 'group-move':
      return [cluster, 'group', command.group, `/moveto:${command.node}`];
    case 'group-set-owners':
      return [cluster, 'group', command.group, `/setowners:${command.nodes.join(',')}`];
    case 'group-delete':
      return [cluster, 'group', command.group, '/delete'];
    case 'resource-create':
      return [cluster, 'res', command.resource, '/create', `/group:${command.group}`, `/type:${command.type}`];
    case 'resource-set-description':
      return [cluster, 'res', command.resource, '/prop', `Description=${command.description}`];
    case 'resource-set-private':
      return [
        cluster,
        'res',
        command.resource,
        '/priv',
        ...Object.entries(command.properties).map(([k, v]) => `${k}=${privateValueText(v)}`),
      ];
    case 'resource-add-dependency':
      return [cluster, 'res', command.resource, `/adddep:${command.dependsOn}`];
    case 'resource-remove-dependency':
      return [cluster, 'res', command.resource, `/removedep:${command.dependsOn}`];
    case 'resource-add-owner':
      return [cluster, 'res', command.resource, `/addowner:${command.node}`];
    case 'resource-remove-owner':
      return [cluster, 'res', command.resource, `/removeowner:${command.node}`];
    case 'resource-online':
      return options.onlineWaitSeconds === undefined
        ? [cluster, 'res', command.resource, '/online']
        : [cluster, 'res', command.resource, '/online', `/wait:${Math.max(0, Math.floor(options.onlineWaitSeconds))}`];
    case 'resource-offline':
      return [cluster, 'res', command.resource, '/offline'];
    case 'resource-delete':
      return [cluster, 'res', command.resource, '/delete'];
    default:
      return assertNever(command, 'cluster command');
  }
}

/** Switches whose value names a cluster object an administrator would quote: `/group:"Exchange Group"`. */
const QUOTED_SWITCH = /^(\/(?:group|type|adddep|removedep):)([\s\S]*)$/i;
/** Other switches with a value (`/moveto:SRC2`, `/setowners:SRC1,SRC2`): quoted only when they must be. */
const SWITCH = /^(\/[A-Za-z]+:)([\s\S]*)$/;
/** A property assignment (`Address=10.0.0.5`, `Network="Public"`). */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*=)([\s\S]*)$/;
/** Values written bare in an assignment: numbers and dotted addresses; anything else is quoted like a name. */
const BARE_VALUE = /^(?:\d+|0x[0-9a-f]+|\d{1,3}(?:\.\d{1,3}){3})$/i;
const OBJECT_KEYWORDS = new Set(['group', 'res', 'resource']);

/**
 * Renders argv as an administrator types it after `program`: object names quoted (`group "Exchange Group"`,
 * `/group:"Exchange Group"`, `/adddep:"Exchange IP"`), property values quoted unless numbers or addresses
 * (`Address=10.0.0.5 Network="Public"`), node lists bare. Every quote follows CommandLineToArgvW, and an argument
 * holding a character cmd.exe reads (`"`, `%`, `!`, `^`, `&`, `|`, `<`, `>`, `(`, `)`) is caret-escaped whole
 * (cmd-exe-argument.ts), so the line pasted into cmd.exe runs `program` alone with exactly `argv`. Throws
 * CommandLineRefusedError, naming the value, for an argument no pasted line can carry (a line break, a NUL, another
 * control character, a curly double quote).
 */
export function formatCommandLine(argv: readonly string[], program = 'cluster'): string {
  const parts = argv.map((arg, i) => {
    const previous = i > 0 ? argv[i - 1] : undefined;
    const isObjectName = previous !== undefined && OBJECT_KEYWORDS.has(previous.toLowerCase()) && !arg.startsWith('/');
    let m: RegExpExecArray | null;
    if (isObjectName) return cmdExeArgument(arg, 'always');
    if ((m = QUOTED_SWITCH.exec(arg)) !== null) return cmdExeArgument(m[2] ?? '', 'always', m[1]);
    if ((m = SWITCH.exec(arg)) !== null) return cmdExeArgument(m[2] ?? '', 'when-needed', m[1]);
    if ((m = ASSIGNMENT.exec(arg)) !== null) {
      const value = m[2] ?? '';
      return cmdExeArgument(value, BARE_VALUE.test(value) ? 'when-needed' : 'always', m[1]);
    }
    return cmdExeArgument(arg);
  });
  return cmdExeLine(program, parts);
}

/** Splits a command line back into `[program, ...argv]` exactly as CommandLineToArgvW does (cmd.exe not involved). */
export function parseCommandLine(line: string): string[] {
  return parseWindowsCommandLine(line);
}

/** The command line a plan shows for one command: `cluster SRCCLUS res "Exchange IP" /online`. */
export function clusterExeCommandLine(cluster: string, command: ClusterCommand, options: ClusterExeArgvOptions = {}): string {
  const argv = clusterExeArgv(cluster, command, options);
  // Names are checked whole before the line is written: formatCommandLine would read a cluster named `a=“` as an
  // assignment and name only the part after `=`.
  assertPastable(cluster, 'cluster name');
  assertPastable('resource' in command ? command.resource : command.group, 'resource' in command ? 'resource name' : 'group name');
  return formatCommandLine(argv);
}
