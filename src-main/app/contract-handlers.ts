import type { Environment } from '../contract/channels';
import type { Handlers } from '../contract/dispatcher';
import { err, ok } from '../contract/result';
import type { PairRelocation } from '../setup/pair-store';
import type { SetupService } from '../setup/setup-service';
import type { LabClusterView } from '../lab/lab-cluster-view';
import type { FailoverRunner } from './failover-runner';
import { labClusterSummaries } from './lab-cluster-summary';

/** What the lab offers the contract (absent in a real environment: those channels then answer "lab only"). */
export interface LabControls {
  clusters(): Promise<readonly LabClusterView[]>;
  power(target: string, on: boolean): Promise<void>;
}

const relocated = (outcome: PairRelocation) => (outcome.ok ? ok(outcome.status) : err(outcome.code, outcome.message));

const labOnly = () => err('environment/lab-only', 'This is only available in the lab.');

/** Binds each contract channel to the service that answers it. Handlers only translate; rules live in services. */
export function createContractHandlers(deps: {
  environment: Environment;
  setup: SetupService;
  lab: LabControls | undefined;
  failover: FailoverRunner;
}): Handlers {
  const { environment, setup, lab, failover } = deps;
  return {
    'environment.describe': async () => ok(environment),
    'steps.list': async () => ok(setup.list()),
    'step.get': async ({ stepId }) => setup.get(stepId),
    'step.plan': async ({ stepId }) => setup.plan(stepId),
    'step.apply': async ({ stepId, planDigest }, { signal, emit }) =>
      setup.apply(stepId, { digest: planDigest }, {
        signal,
        onProgress: (value, title, description) =>
          emit({ kind: 'progress', value, title, ...(description !== undefined ? { description } : {}) }),
        onLog: (level, line) => emit({ kind: 'log', level, line }),
      }),
    'step.verify': async ({ stepId }) => setup.verify(stepId),
    'step.markDone': async ({ stepId, note }) => setup.markDone(stepId, note),
    'step.confirm': async ({ stepId, note }) => setup.confirm(stepId, note),
    'pair.get': async () => ok(await setup.pair.status()),
    'pair.check': async ({ document }) => ok({ problems: [...setup.pair.check(document)] }),
    'pair.save': async ({ document }) => ok(await setup.pair.save(document)),
    'pair.open': async ({ path }) => relocated(await setup.pair.open(path)),
    'pair.new': async ({ path }) => relocated(await setup.pair.create(path)),
    'pair.saveAs': async ({ path, document, replace }) => relocated(await setup.pair.saveAs(path, document, replace)),
    'failover.run': async ({ request }, { signal, emit }) =>
      failover.run(request, { signal, onLog: (level, line) => emit({ kind: 'log', level, line }) }),
    'lab.clusters': async () => (lab ? ok(labClusterSummaries(await lab.clusters())) : labOnly()),
    'lab.power': async ({ target, on }) => {
      if (!lab) return labOnly();
      try {
        await lab.power(target, on);
      } catch (e) {
        return err('lab/power', e instanceof Error ? e.message : String(e));
      }
      return ok(labClusterSummaries(await lab.clusters()));
    },
  };
}
