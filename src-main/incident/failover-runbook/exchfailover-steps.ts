/**
 * Failover steps 3 and 5 (guide 7 steps 2 and 4): `exchfailover -setup -failover` before the target group comes
 * online (only the overwrite-on-restore flag on the target's stores that become active), and `exchfailover
 * -failover` once it is online (mailboxes, public folders, RUS, SPNs, routing master). Both are the failover
 * engine with the pair document's `-r` rules, `-norus` and `-nospn`, journalled in the run's journal folder.
 *
 * The setup step plans by reading the target's stores (the configuration partition only; a `-test` run would also
 * count every mailbox of both servers): when every one has msExchPatchMDB TRUE, nothing is needed. It verifies from
 * the engine's outcome and by reading the stores again (each store the engine paired has the flag). The full run
 * verifies by the engine's own verification.
 */
import type { VerifyCheck } from '../../contract/steps';
import type { RunFailover } from '../../failover/engine-api';
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

/** The target's stores and whether each has msExchPatchMDB TRUE (the configuration partition only: cheap). */
async function targetFlags(context: RunbookContext, target: string): Promise<{ readonly group: string; readonly name: string; readonly flagged: boolean; readonly value: readonly string[] }[]> {
  const server = await context.world.setup.readExchangeServer(target, context.signal);
  return server.stores.map((s) => ({ group: s.group, name: s.name, flagged: sameValueSet('msExchPatchMDB', s.patchFlag, ['TRUE']), value: s.patchFlag }));
}

export function exchfailoverSetupStep(deps: EngineStepDeps): RunbookStep {
  return {
    id: EXCHFAILOVER_SETUP,
    title: "Mark the target's copied stores to be overwritten by a restore (exchfailover -setup -failover)",
    guide: '7 step 2',
    async plan(context) {
      const request = engineRequest(context.pair, 'failover', true);
      const flags = await targetFlags(context, request.target);
      const unflagged = flags.filter((f) => !f.flagged);
      const done = engineRecord(context, EXCHFAILOVER_SETUP)?.status === 'done';
      return {
        actions: [
          engineAction({
            stepId: EXCHFAILOVER_SETUP,
            request,
            description:
              unflagged.length > 0
                ? `Set msExchPatchMDB TRUE on the paired stores of ${request.target} (${unflagged.length} of its ${flags.length} stores are not marked)`
                : `msExchPatchMDB is TRUE on every store of ${request.target}`,
            needed: unflagged.length > 0 && !done,
            incident: deps.incident,
            runFailover: deps.runFailover,
          }),
        ],
        warnings: flags.length === 0 ? [`${request.target} has no store in the directory: nothing can be failed over to it.`] : [],
        findings: flags.map((f) => `${f.group}, ${f.name} (${request.target}): msExchPatchMDB ${f.flagged ? 'TRUE' : f.value.length === 0 ? 'not set' : f.value.join(', ')}`),
      };
    },
    async verify(context) {
      const request = engineRequest(context.pair, 'failover', true);
      const record = engineRecord(context, EXCHFAILOVER_SETUP);
      // Ran in this run: its outcome, and the stores it paired read again; not needed (every store marked): the stores read again.
      const checks: VerifyCheck[] = record === undefined ? [] : engineChecks(record, exchfailoverCommandLine(request));
      let flags;
      try {
        flags = await targetFlags(context, request.target);
      } catch (e) {
        return [...checks, { what: `The stores of ${request.target} are read again`, ok: false, detail: errorText(e) }];
      }
      const wanted = record?.pairs === undefined ? flags.map((f) => ({ targetGroup: f.group, targetStore: f.name })) : record.pairs;
      for (const pair of wanted) {
        const store = flags.find((f) => f.group === pair.targetGroup && f.name === pair.targetStore);
        checks.push({
          what: `${pair.targetGroup}, ${pair.targetStore} (${request.target}) has msExchPatchMDB TRUE`,
          ok: store?.flagged === true,
          ...(store?.flagged === true ? {} : { detail: store === undefined ? 'The store is not found on the target server.' : `It is ${store.value.length === 0 ? 'not set' : store.value.join(', ')}.` }),
        });
      }
      if (wanted.length === 0) checks.push({ what: `${request.target} has a store to fail over to`, ok: false, detail: 'No store is paired or found on the target server.' });
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
