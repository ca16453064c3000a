/**
 * Failover step 2 (guide 7): the manual intervention. When the monitor raised a prompt that is still pending
 * (prompt.json in the incidents folder), it is this run's intervention: answering it here answers it on disk. Else
 * the run asks the operator itself. Declined: the run ends cancelled and nothing has changed.
 */
import { readPrompt, writePrompt, type InterventionPrompt } from '../store/prompt-file';
import { askOperator } from '../runbook/runbook-helpers';
import type { RunbookContext, RunbookStep } from '../runbook/runbook-step';

export const INTERVENTION = 'intervention';

function questionText(context: RunbookContext, prompt: InterventionPrompt | undefined): string {
  const { pair } = context;
  const what = `Fail ${pair.source.networkName.name} over to ${pair.target.networkName.name} on ${pair.target.cluster.name}?`;
  if (prompt === undefined) return `${what} (no monitor prompt is pending: the failover was started by hand)`;
  return `${what} Time to Fail reached zero at ${prompt.raisedAt} for ${prompt.name} (${prompt.address}); first missed reply ${prompt.firstMissedAt}. Probe: ${prompt.probeDetail}. Second path: ${prompt.secondPathDetail}.`;
}

function accepted(context: RunbookContext): boolean {
  return context.recorded(INTERVENTION)?.['accepted'] === true;
}

/**
 * The intervention step, answering the prompt of `incidentsRoot` when one is pending. A prompt of this run's
 * `incident` that was accepted already (on the panel's banner, before the run started) is the intervention: it is
 * recorded as it was given — by whom, when, after how long — and nobody is asked again.
 */
export function interventionStep(incidentsRoot: string, incident?: string): RunbookStep {
  return {
    id: INTERVENTION,
    title: 'Accept the manual intervention to start the failover',
    guide: '7 (acknowledge the manual intervention prompt)',
    async plan(context) {
      const prompt = await readPrompt(incidentsRoot);
      const pending = prompt?.status === 'pending' ? prompt : undefined;
      const given = prompt?.status === 'accepted' && incident !== undefined && prompt.incident === incident ? prompt : undefined;
      const needed = !accepted(context);
      if (given !== undefined) {
        const by = given.answeredBy ?? 'operator';
        const at = given.answeredAt ?? given.raisedAt;
        return {
          actions: [
            {
              tool: 'operator',
              target: 'operator',
              command: `(the monitor's prompt of ${given.raisedAt}, accepted by ${by} at ${at})`,
              description: 'Record the intervention the operator gave on the prompt',
              needed,
              async run(ctx) {
                // The monitor's answer already put the intervention on the timeline, with how long the prompt waited.
                await ctx.record(INTERVENTION, { accepted: true, by, at, prompt: given.raisedAt });
              },
            },
          ],
          warnings: [],
          findings: [`The monitor's prompt raised ${given.raisedAt} (incident ${given.incident}) was accepted by ${by} at ${at}: that is this run's intervention.`],
        };
      }
      return {
        actions: [
          {
            tool: 'operator',
            target: 'operator',
            command: pending === undefined ? '(asks the operator: --yes accepts)' : `(answers the monitor's prompt of ${pending.raisedAt}: --yes accepts)`,
            description: 'Ask the operator to accept the failover',
            needed,
            async run(ctx) {
              const now = ctx.world.now();
              const started = now.getTime();
              await ctx.timeline({ kind: 'prompt-shown', where: 'runbook' });
              const text = questionText(ctx, pending);
              let answer: Awaited<ReturnType<typeof askOperator>>;
              try {
                answer = await askOperator(ctx, { kind: 'intervention', text });
              } catch (e) {
                const at = ctx.world.now();
                await ctx.timeline({ kind: 'intervention', accepted: false, by: 'operator', waitedMs: Math.max(0, at.getTime() - started), note: e instanceof Error ? e.message : String(e) });
                if (pending !== undefined) await writePrompt(incidentsRoot, { ...pending, status: 'declined', answeredAt: at.toISOString(), answeredBy: 'operator' });
                throw e;
              }
              const at = ctx.world.now();
              // How long the prompt waited: since the monitor raised it, or since this run asked.
              const since = pending === undefined ? started : Date.parse(pending.raisedAt);
              await ctx.timeline({
                kind: 'intervention',
                accepted: true,
                by: answer.by,
                waitedMs: Math.max(0, at.getTime() - since),
                ...('note' in answer && answer.note !== undefined ? { note: answer.note } : {}),
              });
              if (pending !== undefined) {
                await writePrompt(incidentsRoot, { ...pending, status: 'accepted', answeredBy: answer.by, answeredAt: at.toISOString() });
              }
              await ctx.record(INTERVENTION, { accepted: true, by: answer.by, at: at.toISOString(), ...(pending === undefined ? {} : { prompt: pending.raisedAt }) });
            },
          },
        ],
        warnings: [],
        findings: [pending === undefined ? 'No monitor prompt is pending: the run asks the operator.' : `The monitor's prompt raised ${pending.raisedAt} (incident ${pending.incident}) is pending: this run answers it.`],
      };
    },
    async verify(context) {
      const record = context.recorded(INTERVENTION);
      return [
        {
          what: 'The operator accepted the failover',
          ok: accepted(context),
          ...(record === undefined ? { detail: 'No answer recorded.' } : { detail: `By ${String(record['by'])} at ${String(record['at'])}.` }),
        },
      ];
    },
  };
}
