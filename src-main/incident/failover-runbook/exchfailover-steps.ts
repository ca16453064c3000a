/**
 * Failover steps 3 and 5 (guide 7 steps 2 and 4): `exchfailover -setup -failover` before the target group comes
 * online (only the overwrite-on-restore flag on the target's stores that become active), and `exchfailover
 * -failover` once it is online (mailboxes, public folders, RUS, SPNs, routing master). Both are the failover
 * engine with the pair document's `-r` rules, `-norus` and `-nospn`, journalled in the run's journal folder.
 *
 * The setup step plans with the engine's `-test` run: what it would still change, so a re-run after the flags are
 * set needs nothing; it verifies from the engine's outcome and by reading the target's stores again (each paired
 * store's msExchPatchMDB TRUE). The full run verifies by the engine's own verification.
 */
import type { VerifyCheck } from '../../contract/steps';
import type { FailoverOutcome, RunFailover } from '../../failover/engine-api';
import { sameValueSet } from '../../failover/attribute-values';
import { engineAction, engineChecks, engineRecord, engineRequest, exchfailoverCommandLine } from '../runbook/runbook-engine';
import { errorText } from '../runbook/runbook-helpers';
import type { RunbookContext, RunbookStep } from '../runbook/runbook-step';

export const EXCHFAILOVER_SETUP = 'exchfailover-setup';
export const EXCHFAILOVER = 'exchfailover';

export interface EngineStepDeps {
  readonly runFailover: RunFailover;
  readonly incident: string;
}

/** The engine's -test run of -setup: the stores it pairs and how many flags are still to set. */
async function setupPreview(context: RunbookContext, deps: EngineStepDeps): Promise<FailoverOutcome> {
  const request = engineRequest(context.pair, 'failover', true, true);
  return deps.runFailover(request, { connect: () => context.world.connectDirectory(), now: context.world.now, signal: context.signal });
}

const flagsToSet = (outcome: FailoverOutcome): number => outcome.phases.filter((p) => p.phase === 'patch-flag').reduce((n, p) => n + p.planned, 0);

export function exchfailoverSetupStep(deps: EngineStepDeps): RunbookStep {
  return {
    id: EXCHFAILOVER_SETUP,
    title: "Mark the target's copied stores to be overwritten by a restore (exchfailover -setup -failover)",
    guide: '7 step 2',
    async plan(context) {
      const request = engineRequest(context.pair, 'failover', true);
      const preview = await setupPreview(context, deps);
      const toSet = flagsToSet(preview);
      const warnings = [...preview.errors, ...preview.unpaired.map((s) => `${s} has no partner: it is not failed over.`)];
      return {
        actions: [
          engineAction({
            stepId: EXCHFAILOVER_SETUP,
            request,
            description: toSet > 0 ? `Set msExchPatchMDB TRUE on ${toSet} store${toSet === 1 ? '' : 's'} of ${request.target}` : `msExchPatchMDB is TRUE on every paired store of ${request.target}`,
            needed: toSet > 0 || preview.status !== 'planned',
            incident: deps.incident,
            runFailover: deps.runFailover,
          }),
        ],
        warnings,
        findings: preview.pairs.map((p) => `${p.sourceGroup}, ${p.sourceStore} → ${p.targetGroup}, ${p.targetStore} (${p.databaseFile})`),
      };
    },
    async verify(context) {
      const request = engineRequest(context.pair, 'failover', true);
      const record = engineRecord(context, EXCHFAILOVER_SETUP);
      // Ran in this run: its outcome; done before (a resumed step with nothing needed): the re-reading alone.
      const checks: VerifyCheck[] = record === undefined ? [] : engineChecks(record, exchfailoverCommandLine(request));
      let preview: FailoverOutcome;
      try {
        preview = await setupPreview(context, deps);
      } catch (e) {
        return [...checks, { what: `The target's stores are read again`, ok: false, detail: errorText(e) }];
      }
      const server = await context.world.setup.readExchangeServer(request.target, context.signal);
      for (const pair of preview.pairs) {
        const store = server.stores.find((s) => s.group === pair.targetGroup && s.name === pair.targetStore);
        const ok = store !== undefined && sameValueSet('msExchPatchMDB', store.patchFlag, ['TRUE']);
        checks.push({
          what: `${pair.targetGroup}, ${pair.targetStore} (${request.target}) has msExchPatchMDB TRUE`,
          ok,
          ...(ok ? {} : { detail: store === undefined ? 'The store is not found on the target server.' : `It is ${store.patchFlag.length === 0 ? 'not set' : store.patchFlag.join(', ')}.` }),
        });
      }
      if (preview.pairs.length === 0) checks.push({ what: 'The engine pairs at least one store', ok: false, detail: 'No store of the source is paired with one of the target.' });
      return checks;
    },
  };
}

export function exchfailoverStep(deps: EngineStepDeps): RunbookStep {
  return {
    id: EXCHFAILOVER,
    title: 'Move the mailboxes, public folders, RUS, SPNs and routing master to the target (exchfailover -failover)',
    guide: '7 step 4',
    async plan(context) {
      const request = engineRequest(context.pair, 'failover', false);
      const record = engineRecord(context, EXCHFAILOVER);
      return {
        actions: [
          engineAction({
            stepId: EXCHFAILOVER,
            request,
            description: `Fail ${request.source} over to ${request.target} in the directory (compare-and-set: a re-run changes only what is left)`,
            needed: record?.status !== 'done',
            incident: deps.incident,
            runFailover: deps.runFailover,
          }),
        ],
        warnings: [],
        findings: [
          context.pair.incident.rules.length === 0
            ? 'Stores paired one-to-one by storage group and store name (-r alone: the pair document gives no rule).'
            : `Pairing rules: ${context.pair.incident.rules.map((r) => `-r "${r}"`).join(' ')}`,
          ...(request.noRus ? ['-norus: the Recipient Update Services are left as they are.'] : []),
          ...(request.noSpn ? ['-nospn: the service principal names are left as they are.'] : []),
        ],
      };
    },
    async verify(context) {
      const request = engineRequest(context.pair, 'failover', false);
      return engineChecks(engineRecord(context, EXCHFAILOVER), exchfailoverCommandLine(request));
    },
  };
}
