import type { VerifyCheck } from '../../../contract/steps';
import { findResource, type ClusterSnapshot } from './cluster-snapshot';
import { compareResource, describeValue } from './resource-comparison';
import type { WantedResource } from './wanted-resource';

/**
 * The checks that a resource is as wanted on a cluster: it exists in the group with the type; its private
 * properties; its dependencies; every node a possible owner; its state. Each check says what and where, and when
 * not ok, what was found.
 */
export function resourceChecks(snapshot: ClusterSnapshot, wanted: WantedResource): VerifyCheck[] {
  const cluster = snapshot.port.cluster;
  const existing = findResource(snapshot, wanted.name);
  const what = `${wanted.type} resource "${wanted.name}" exists in group "${wanted.group}" on ${cluster}`;
  if (existing === undefined) return [{ what, ok: false, detail: `There is no resource "${wanted.name}" on ${cluster}.` }];
  const nodes = snapshot.nodes.map((n) => n.name);
  const comparison = compareResource(existing, wanted, nodes);
  const checks: VerifyCheck[] = [
    comparison.conflict === undefined
      ? { what, ok: true }
      : { what, ok: false, detail: `"${existing.name}" exists but ${comparison.conflict}.` },
  ];
  const properties = Object.entries(wanted.privateProperties);
  if (properties.length > 0) {
    checks.push({
      what: `"${wanted.name}" on ${cluster} has ${properties.map(([k, v]) => `${k}=${describeValue(v)}`).join(', ')}`,
      ok: comparison.privateDifferences.length === 0,
      ...(comparison.privateDifferences.length > 0 ? { detail: comparison.privateDifferences.join('; ') } : {}),
    });
  }
  if (wanted.dependencies.length > 0) {
    checks.push({
      what: `"${wanted.name}" on ${cluster} depends on ${wanted.dependencies.map((d) => `"${d.name}"`).join(', ')}`,
      ok: comparison.missingDependencies.length === 0,
      ...(comparison.missingDependencies.length > 0
        ? {
            detail: `Missing: ${comparison.missingDependencies.map((d) => `"${d}"`).join(', ')}; it depends on ${
              existing.dependencies.length === 0 ? 'nothing' : existing.dependencies.map((d) => `"${d}"`).join(', ')
            }.`,
          }
        : {}),
    });
  }
  checks.push({
    what: `Every node of ${cluster} (${nodes.join(', ')}) is a possible owner of "${wanted.name}"`,
    ok: comparison.missingOwners.length === 0,
    ...(comparison.missingOwners.length > 0
      ? { detail: `Not possible owners: ${comparison.missingOwners.join(', ')} (possible owners: ${existing.possibleOwners.join(', ') || 'none'}).` }
      : {}),
  });
  checks.push({
    what: `"${wanted.name}" on ${cluster} is ${wanted.state}`,
    ok: existing.state === wanted.state,
    ...(existing.state !== wanted.state ? { detail: `It is ${existing.state}.` } : {}),
  });
  return checks;
}
