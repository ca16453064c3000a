import { privateValueText } from '../../../cluster/cluster-exe-argv';
import type { PrivateValue, ResourceInfo } from '../../../cluster/port';
import { sameClusterName } from '../../setup-actions';
import { includesClusterName } from './cluster-snapshot';
import type { WantedResource } from './wanted-resource';

/**
 * How an existing resource differs from the wanted one. `conflict` (another type, another group) is never
 * repaired: changing a resource's type is impossible and moving it would take another group's resource away, so the
 * plan warns instead. Everything else can be set.
 */
export interface ResourceComparison {
  /** Why the resource cannot be taken as the wanted one, or undefined. */
  readonly conflict: string | undefined;
  /** The wanted private properties whose value differs or is missing (name as wanted, wanted value). */
  readonly privateToSet: Readonly<Record<string, PrivateValue>>;
  /** The same, as sentences for a check's detail. */
  readonly privateDifferences: readonly string[];
  readonly missingDependencies: readonly string[];
  readonly missingOwners: readonly string[];
}

/** The stored value of a private property, its name compared without regard to case (as cluster.exe /priv does). */
function storedValue(properties: Readonly<Record<string, PrivateValue>>, name: string): PrivateValue | undefined {
  const key = Object.keys(properties).find((k) => sameClusterName(k, name));
  return key === undefined ? undefined : properties[key];
}

/**
 * Whether two private values are the same setting: DWORDs equal; strings equal without regard to case (the
 * properties set here are addresses, masks, network and NetBIOS names and drive letters, which Windows compares so).
 */
function sameValue(a: PrivateValue, b: PrivateValue): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return sameClusterName(a, b);
}

/** How `value` reads in a message: strings quoted, DWORDs as numbers. */
export function describeValue(value: PrivateValue): string {
  return typeof value === 'number' ? privateValueText(value) : `"${value}"`;
}

/** Compares an existing resource with the wanted one on a cluster whose nodes are `nodes`. */
export function compareResource(existing: ResourceInfo, wanted: WantedResource, nodes: readonly string[]): ResourceComparison {
  const conflicts: string[] = [];
  if (!sameClusterName(existing.type, wanted.type)) conflicts.push(`it is of type "${existing.type}", not "${wanted.type}"`);
  if (!sameClusterName(existing.group, wanted.group)) conflicts.push(`it is in group "${existing.group}", not "${wanted.group}"`);

  const privateToSet: Record<string, PrivateValue> = {};
  const privateDifferences: string[] = [];
  for (const [name, value] of Object.entries(wanted.privateProperties)) {
    const stored = storedValue(existing.privateProperties, name);
    if (stored === undefined) {
      privateToSet[name] = value;
      privateDifferences.push(`${name} is not set (wanted ${describeValue(value)})`);
    } else if (!sameValue(stored, value)) {
      privateToSet[name] = value;
      privateDifferences.push(`${name} is ${describeValue(stored)} (wanted ${describeValue(value)})`);
    }
  }

  return {
    conflict: conflicts.length === 0 ? undefined : conflicts.join(' and '),
    privateToSet,
    privateDifferences,
    missingDependencies: wanted.dependencies.map((d) => d.name).filter((d) => !includesClusterName(existing.dependencies, d)),
    missingOwners: nodes.filter((n) => !includesClusterName(existing.possibleOwners, n)),
  };
}
