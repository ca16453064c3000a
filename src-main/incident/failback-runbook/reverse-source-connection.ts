import type { VerifyCheck } from '../../contract/steps';
import { planSourceConnectionResource, verifySourceConnectionResource } from '../../setup/steps/doubletake/source-connection-resource';
import { verifyOnlineDtclActions } from '../../setup/steps/doubletake/online-dtcl-actions';
import type { RunbookStep } from '../runbook/runbook-step';
import { runbookActionOf } from './failback-actions';
import { failbackNames, MISSING_FAILBACK_ADDRESS, reversedPair } from './failback-names';

/**
 * Guide 8 step 3: the Double-Take Source Connection resource in the TARGET's Exchange group, made as section 4.5
 * makes it on the source (the setup's planner, given the target's side): type, replication set, Double-Take Target
 * = the failback address, a dependency on each of the target's Exchange disks, every target node a possible owner.
 * It keeps the source's resource name (the clusters are separate). It is created offline: step 4 brings it online.
 * online.dtcl's ORPHANS patch on the target nodes is setup step 5.3's; a node without it is a warning here.
 */
export const reverseSourceConnectionStep: RunbookStep = {
  id: 'reverse-source-connection',
  title: 'The Source Connection resource on the target cluster',
  guide: '8 step 3',

  async plan({ pair, world }) {
    const names = failbackNames(pair);
    if (names.failbackAddress === undefined) return { actions: [], warnings: [], findings: [], refusal: MISSING_FAILBACK_ADDRESS };
    const planned = await planSourceConnectionResource(reversedPair(pair, names.failbackAddress), world.setup.target);
    const warnings = [...planned.warnings];
    for (const check of await verifyOnlineDtclActions(world.setup, pair.target.cluster.nodes)) {
      if (!check.ok) warnings.push(`${check.detail} Setup step 5.3 patches it; without ORPHANS the mirror to the source keeps files the source no longer has.`);
    }
    return {
      actions: planned.actions.map(runbookActionOf),
      warnings,
      findings: [
        ...planned.findings.filter((f) => !f.includes('is not brought online here')),
        `"${names.resource}" mirrors replication set "${names.replicationSet}" from ${names.targetCluster} to ${names.failbackAddress} (incident.failbackAddress); it is brought online by the next step.`,
      ],
    };
  },

  async verify({ pair, world }) {
    const names = failbackNames(pair);
    if (names.failbackAddress === undefined) {
      return [{ what: `${names.targetCluster}: resource "${names.resource}" points at the failback address`, ok: false, detail: MISSING_FAILBACK_ADDRESS }] satisfies VerifyCheck[];
    }
    return verifySourceConnectionResource(reversedPair(pair, names.failbackAddress), world.setup.target);
  },
};
