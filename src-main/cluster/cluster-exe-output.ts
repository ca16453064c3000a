import type { GroupState, NodeInfo, PrivateValue, ResourceState } from './port';

/**
 * cluster.exe's listings (Windows 2000/2003): status tables for resources, groups and nodes, owner lists, and
 * property listings. The emulator formats them; the cluster.exe adapter parses what the real program prints. Names
 * may hold spaces and be longer than their column (cluster.exe then shifts the rest of the line), so the parsers
 * anchor on what cannot vary — status words at the end, node names (no spaces, at most 15 characters) in a fixed
 * field before them — and accept the names already known (groups, resources) to split the rest exactly.
 */

/** One row of `res /stat` or `res "X" /listdep`. */
export interface ResourceStatusRow {
  readonly resource: string;
  readonly group: string;
  /** Empty when the resource has no owner (no node running). */
  readonly node: string;
  readonly status: ResourceState;
}

/** One row of `group /stat`. */
export interface GroupStatusRow {
  readonly group: string;
  readonly node: string;
  readonly status: GroupState;
}

/** One row of `node /stat`. */
export interface NodeStatusRow {
  readonly node: string;
  readonly id: number;
  readonly status: NodeInfo['state'];
}

/** One row of a `/prop` or `/priv` listing: format letter S (string) or D (DWORD). */
export interface PropertyRow {
  readonly object: string;
  readonly name: string;
  readonly value: PrivateValue;
}

const RESOURCE_STATES: readonly ResourceState[] = ['Online Pending', 'Offline Pending', 'Online', 'Offline', 'Failed'];
const GROUP_STATES: readonly GroupState[] = ['Partially Online', 'Pending', 'Online', 'Offline', 'Failed'];
const NODE_STATES: readonly NodeInfo['state'][] = ['Up', 'Down', 'Paused'];

const pad = (s: string, width: number): string => s.padEnd(width, ' ');
const dashes = (n: number): string => '-'.repeat(n);

/** The title and blank line above a table; none when the title is '' (after a progress line, as cluster.exe). */
function titled(title: string): string[] {
  return title === '' ? [] : [title, ''];
}

/** The rows of the table that follows the dashes line, up to the first blank line. */
function tableRows(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const start = lines.findIndex((l) => /^-+( -+)*\s*$/.test(l));
  if (start < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    rows.push(line);
  }
  return rows;
}

function splitStatus<S extends string>(line: string, states: readonly S[]): [string, S] {
  const body = line.replace(/\s+$/, '');
  const status = states.find((s) => body.endsWith(` ${s}`) || body === s);
  if (status === undefined) throw new Error(`cluster.exe listing: no status word at the end of "${line}"`);
  return [body.slice(0, Math.max(0, body.length - status.length - 1)), status];
}

/** Splits "name (padded to width) + space + rest" knowing the candidate names; longest match wins. */
function splitName(text: string, width: number, known: readonly string[] | undefined): [string, string] {
  const fits = (n: string): boolean =>
    text.startsWith(n) &&
    (text.length === n.length || text[n.length] === ' ') &&
    (n.length >= width || text.slice(n.length, width).trim() === '');
  const match = known?.filter(fits).sort((a, b) => b.length - a.length)[0];
  if (match !== undefined) return [match, text.slice(Math.max(match.length, width) + 1)];
  if (text.length <= width || text[width] === ' ') return [text.slice(0, width).trimEnd(), text.slice(width + 1)];
  const cut = text.indexOf(' ', width);
  return cut < 0 ? [text, ''] : [text.slice(0, cut), text.slice(cut + 1)];
}

/** Splits the part before a status into "name column + node field (15)", the node field fixed before the status. */
function splitNodeField(text: string): [string, string] {
  const node = text.slice(-15).trim();
  const rest = text.slice(0, Math.max(0, text.length - 16));
  return [rest, node];
}

// ------------------------------------------------------------------ resources

/** `res /stat` (and `/listdep`): title and blank line (none for title ''), header padded 20/20/15, dashes, one row per resource. */
export function formatResourceStatus(rows: readonly ResourceStatusRow[], title = 'Listing status for all available resources:'): string {
  const lines = [
    ...titled(title),
    `${pad('Resource', 20)} ${pad('Group', 20)} ${pad('Node', 15)} Status`,
    `${dashes(20)} ${dashes(20)} ${dashes(15)} ${dashes(6)}`,
    ...rows.map((r) => `${pad(r.resource, 20)} ${pad(r.group, 20)} ${pad(r.node, 15)} ${r.status}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Reads a resource status table; `groups` (the cluster's group names) splits long names exactly. */
export function parseResourceStatus(text: string, groups?: readonly string[]): ResourceStatusRow[] {
  return tableRows(text).map((line) => {
    const [beforeStatus, status] = splitStatus(line, RESOURCE_STATES);
    const [names, node] = splitNodeField(beforeStatus);
    const trimmed = names.trimEnd();
    const group = groups
      ?.filter((g) => trimmed.endsWith(g) && (trimmed.length === g.length || trimmed[trimmed.length - g.length - 1] === ' '))
      .sort((a, b) => b.length - a.length)[0];
    if (group !== undefined) {
      const resource = trimmed.slice(0, trimmed.length - group.length).replace(/ $/, '').trimEnd();
      return { resource, group, node, status };
    }
    const [resource, rest] = splitName(names, 20, undefined);
    return { resource, group: rest.trimEnd(), node, status };
  });
}

// ------------------------------------------------------------------ groups

/** `group /stat`: header padded 20/15. */
export function formatGroupStatus(rows: readonly GroupStatusRow[], title = 'Listing status for all available resource groups:'): string {
  const lines = [
    ...titled(title),
    `${pad('Group', 20)} ${pad('Node', 15)} Status`,
    `${dashes(20)} ${dashes(15)} ${dashes(6)}`,
    ...rows.map((r) => `${pad(r.group, 20)} ${pad(r.node, 15)} ${r.status}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Reads a group status table. */
export function parseGroupStatus(text: string): GroupStatusRow[] {
  return tableRows(text).map((line) => {
    const [beforeStatus, status] = splitStatus(line, GROUP_STATES);
    const [names, node] = splitNodeField(beforeStatus);
    return { group: names.trimEnd(), node, status };
  });
}

// ------------------------------------------------------------------ nodes

/** `node /stat`: node name, node id right-aligned, status. */
export function formatNodeStatus(rows: readonly NodeStatusRow[], title = 'Listing status for all available nodes:'): string {
  const lines = [
    ...titled(title),
    `${pad('Node', 14)} Node ID Status`,
    `${dashes(14)} ${dashes(7)} ${dashes(21)}`,
    ...rows.map((r) => `${pad(r.node, 14)} ${String(r.id).padStart(7, ' ')} ${r.status}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Reads a node status table. */
export function parseNodeStatus(text: string): NodeStatusRow[] {
  return tableRows(text).map((line) => {
    const m = /^(\S+)\s+(\d+)\s+(\S+)\s*$/.exec(line);
    const status = NODE_STATES.find((s) => s === m?.[3]);
    if (m === null || status === undefined) throw new Error(`cluster.exe listing: not a node row: "${line}"`);
    return { node: m[1] ?? '', id: Number(m[2]), status };
  });
}

// ------------------------------------------------------------------ owner lists

/** `res "X" /listowners` (possible owners) or `group "G" /listowners` (preferred owners). */
export function formatOwnerList(title: string, header: string, nodes: readonly string[]): string {
  return `${[...titled(title), header, dashes(header.length), ...nodes].join('\n')}\n`;
}

/** Reads an owner list: the node names under the dashes. */
export function parseOwnerList(text: string): string[] {
  return tableRows(text).map((l) => l.trim());
}

// ------------------------------------------------------------------ properties

/** Shows a DWORD as cluster.exe does: `1 (0x1)`. */
export function dwordText(value: number): string {
  return `${value} (0x${value.toString(16)})`;
}

/** A `/prop` or `/priv` listing: T (S or D), object padded 20, name padded 30, value. */
export function formatPropertyListing(title: string, objectHeader: string, rows: readonly PropertyRow[]): string {
  const lines = [
    ...titled(title),
    `T  ${pad(objectHeader, 20)} ${pad('Name', 30)} Value`,
    `-- ${dashes(20)} ${dashes(30)} ${dashes(23)}`,
    ...rows.map((r) => {
      const head = `${typeof r.value === 'number' ? 'D ' : 'S '} ${pad(r.object, 20)} ${pad(r.name, 30)}`;
      return `${head} ${typeof r.value === 'number' ? dwordText(r.value) : r.value}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

/** Reads a property listing; `objects` (the names listed) splits long or spaced names exactly. */
export function parsePropertyListing(text: string, objects?: readonly string[]): PropertyRow[] {
  return tableRows(text).map((line) => {
    const t = line.slice(0, 2).trim();
    const [object, rest] = splitName(line.slice(3), 20, objects);
    const name = rest.split(' ')[0] ?? '';
    const raw = rest.length > Math.max(name.length, 30) ? rest.slice(Math.max(name.length, 30) + 1) : '';
    if (t === 'D') {
      const m = /^(\d+) \(0x[0-9a-f]+\)\s*$/i.exec(raw);
      if (m === null) throw new Error(`cluster.exe listing: not a DWORD value: "${line}"`);
      return { object, name, value: Number(m[1]) };
    }
    return { object, name, value: raw };
  });
}
