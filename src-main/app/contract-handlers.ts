import type { Environment } from '../contract/channels';
import type { Handlers } from '../contract/dispatcher';
import type { CredentialsStatus } from '../contract/channels';
import type { PreflightCheck, PreflightReport } from '../contract/preflight';
import { err, ok, type Result } from '../contract/result';
import { SecretStoreUnavailableError } from '../credentials/secret-store';
import type { SessionCredentials } from '../credentials/session-credentials';
import type { PairRelocation } from '../setup/pair-store';
import type { SetupService } from '../setup/setup-service';
import type { LabClusterView } from '../lab/lab-cluster-view';
import type { FailoverRunner } from './failover-runner';
import { withChosenFile, type ChosenOutcome, type FileChooser } from './file-chooser';
import { labClusterSummaries } from './lab-cluster-summary';
import type { ProfileService } from './profile-service';
import type { IncidentService } from './incident-port';
import type { LabFailureInput } from '../contract/incident';

/** What the lab offers the contract (absent in a real environment: those channels then answer "lab only"). */
export interface LabControls {
  clusters(): Promise<readonly LabClusterView[]>;
  power(target: string, on: boolean): Promise<void>;
  /** Pulls or restores a failure; returns what it did, in one sentence. */
  failure(failure: LabFailureInput, restore: boolean): Promise<string>;
  /** The failures pulled now, as the lab names them ("link", "node SRC1"). */
  failures(): Promise<readonly string[]>;
}

const relocated = (outcome: ChosenOutcome<PairRelocation>) => {
  if (outcome.kind === 'cancelled') return err('pair/cancelled', 'No file was chosen; nothing changed.');
  if (outcome.kind === 'refused') return err('pair/location', outcome.message);
  return outcome.value.ok ? ok(outcome.value.status) : err(outcome.value.code, outcome.value.message);
};

const labOnly = () => err('environment/lab-only', 'This is only available in the lab.');

/** Runs the preflight for the pair document open now (the composition's world), with progress per check. */
export interface PreflightRunner {
  run(hooks: { readonly signal: AbortSignal; readonly onCheck: (check: PreflightCheck, done: number) => void }): Promise<Result<PreflightReport>>;
}

/** Binds each contract channel to the service that answers it. Handlers only translate; rules live in services. */
export function createContractHandlers(deps: {
  /** The environment as it stands now (the title follows the pair document open). */
  describe(): Promise<Environment>;
  setup: SetupService;
  lab: LabControls | undefined;
  failover: FailoverRunner;
  /** The failover panel: monitor, prompt, guided failover and failback. */
  incident: IncidentService;
  /** Chooses the files of Open, New and Save as: the renderer's `path` is only a suggestion to it. */
  files: FileChooser;
  credentials: SessionCredentials;
  preflight: PreflightRunner;
  /** The wizard's connection profile form: template, check and "Save as". */
  profile: ProfileService;
  /** Called before a step is planned, applied or verified (the real world re-reads the clusters the document names). */
  beforeStep?: () => Promise<void>;
}): Handlers {
  const { setup, lab, failover, files, credentials, preflight, incident } = deps;
  const beforeStep = deps.beforeStep ?? (async () => undefined);
  const choosing = (suggestion: string | undefined) => ({ suggestion, current: setup.pair.path });
  const credentialChange = async (change: () => Promise<CredentialsStatus>): Promise<Result<CredentialsStatus>> => {
    try {
      return ok(await change());
    } catch (e) {
      if (e instanceof SecretStoreUnavailableError) return err('credentials/unavailable', e.message);
      throw e;
    }
  };
  return {
    'environment.describe': async () => ok(await deps.describe()),
    'steps.list': async () => ok(setup.list()),
    'step.get': async ({ stepId }) => setup.get(stepId),
    'step.plan': async ({ stepId }) => {
      await beforeStep();
      return setup.plan(stepId);
    },
    'step.apply': async ({ stepId, planDigest, confirmed }, { signal, emit }) => {
      await beforeStep();
      return setup.apply(stepId, { digest: planDigest, ...(confirmed === undefined ? {} : { confirmed }) }, {
        signal,
        onProgress: (value, title, description) =>
          emit({ kind: 'progress', value, title, ...(description !== undefined ? { description } : {}) }),
        onLog: (level, line) => emit({ kind: 'log', level, line }),
      });
    },
    'step.verify': async ({ stepId }) => {
      await beforeStep();
      return setup.verify(stepId);
    },
    'step.markDone': async ({ stepId, note }) => setup.markDone(stepId, note),
    'step.confirm': async ({ stepId, note }) => setup.confirm(stepId, note),
    'pair.get': async () => ok(await setup.pair.status()),
    'pair.check': async ({ document }) => ok({ problems: [...setup.pair.check(document)] }),
    'pair.save': async ({ document }) => ok(await setup.pair.save(document)),
    'pair.open': async ({ path }) => relocated(await withChosenFile(files, 'open', choosing(path), (chosen) => setup.pair.open(chosen))),
    'pair.new': async ({ path }) => relocated(await withChosenFile(files, 'new', choosing(path), (chosen) => setup.pair.create(chosen))),
    'pair.saveAs': async ({ path, document, replace }) =>
      relocated(await withChosenFile(files, 'saveAs', choosing(path), (chosen, asked) => setup.pair.saveAs(chosen, document, replace || asked))),
    'profile.template': async () => ok({ profile: deps.profile.template() }),
    'profile.check': async ({ profile }) => ok({ problems: deps.profile.check(profile) }),
    'profile.saveAs': async ({ path, profile, replace }) => deps.profile.saveAs({ path, profile, replace }),
    'credentials.status': async () => ok(credentials.status()),
    'credentials.set': async ({ id, password, remember }) => credentialChange(() => credentials.set(id, password, remember)),
    'credentials.forget': async ({ id }) => credentialChange(() => credentials.forget(id)),
    'preflight.run': async (_request, { signal, emit }) =>
      preflight.run({
        signal,
        onCheck: (check, done) =>
          emit({
            kind: 'progress',
            value: done,
            title: `${check.result === 'ok' ? 'Passed' : check.result === 'failed' ? 'Failed' : 'Skipped'}: ${check.title}`,
            description: check.where,
          }),
      }),
    'failover.run': async ({ request }, { signal, emit }) =>
      failover.run(request, { signal, onLog: (level, line) => emit({ kind: 'log', level, line }) }),
    'incident.state': async () => incident.state(),
    'incident.monitor': async ({ on }) => incident.monitor(on),
    'incident.answer': async (answer) => incident.answer(answer),
    'incident.plan': async ({ runbook }) => incident.plan(runbook),
    'incident.run': async ({ run }, { signal, emit }) =>
      incident.run(run, {
        signal,
        progress: (value, title, description) => emit({ kind: 'progress', value, title, ...(description === undefined ? {} : { description }) }),
        log: (level, line) => emit({ kind: 'log', level, line }),
      }),
    'lab.clusters': async () => (lab ? ok(labClusterSummaries(await lab.clusters())) : labOnly()),
    'lab.failure': async ({ failure, restore }) => {
      if (!lab) return labOnly();
      let message: string;
      try {
        message = await lab.failure(failure, restore);
      } catch (e) {
        return err('lab/failure', e instanceof Error ? e.message : String(e));
      }
      return ok({ clusters: labClusterSummaries(await lab.clusters()), failures: [...(await lab.failures())], message });
    },
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
