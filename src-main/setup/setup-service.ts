import { err, ok, type Result } from '../contract/result';
import { changesOutsideProgram, type StepApplyOutcome, type StepDetail, type StepPlan, type StepState, type StepSummary, type StepVerification } from '../contract/steps';
import type { PairDocument } from '../pair/pair-document-schema';
import { formatPairProblem } from '../pair/pair-problems';
import { pairDigest, type PairStore } from './pair-store';
import { SetupErrorCode, setupFailure } from './setup-failure';
import { comparePlans } from './plan-changes';
import { digestHolds, planDigest } from './plan-digest';
import type { ProgressStore, StepRecord } from './progress-store';
import type { SetupJournal } from './setup-journal';
import type { SetupStep, SetupStepContext, SetupStepPlan, StepConfirmation } from './setup-step';
import type { SetupWorld } from './setup-world';
import { STEP_CATALOGUE, findCatalogueEntry, type CatalogueEntry } from './step-catalogue';

export interface SetupServiceDeps {
  readonly world: SetupWorld;
  readonly pair: PairStore;
  readonly progress: ProgressStore;
  readonly journal: SetupJournal;
  /** The steps by id (steps/index.ts gives every step of the catalogue). */
  readonly steps: ReadonlyMap<string, SetupStep>;
  readonly now: () => Date;
}

/** The setup service's error codes and how a failure maps to one: setup-failure.ts. */
export { SetupErrorCode } from './setup-failure';

/** What the lab says for the backups step: a lab holds nothing to lose. */
export const LAB_BACKUP_NOTE = 'The lab holds nothing to lose: no backup is needed.';

export interface ApplyHooks {
  readonly signal: AbortSignal;
  /** 0..1, a title and the command running. */
  readonly onProgress?: (value: number, title: string, description?: string) => void;
  readonly onLog?: (level: 'info' | 'warn' | 'error', line: string) => void;
}

const SETTLED: readonly StepState[] = ['verified', 'done-by-hand'];

/** How many plans a service remembers by digest (the wizard shows one per step; a few steps are open at a time). */
const REMEMBERED_PLANS = 64;

/**
 * Guide sections 3-6 as a service over the pair document: list, plan (changes nothing), apply (only what the plan
 * still needs, each change journalled, then verify), verify, and "done by hand" with a note. Where each step stands
 * is kept in the progress file, so the wizard and the command line resume where they stopped.
 */
export function createSetupService(deps: SetupServiceDeps) {
  const { world, pair, progress, journal, steps, now } = deps;
  let applying: string | undefined;
  /** The plans this service showed, by digest (the latest last), to say what changed when Apply finds another. */
  const shown = new Map<string, StepPlan>();

  /** What the service knows of a step: its record in the progress file or, in a lab, the backups confirmed. */
  function recordOf(id: string): StepRecord | undefined {
    const record = progress.get(id);
    if (record === undefined && id === '3' && world.kind === 'lab') return { state: 'done-by-hand', at: '', note: LAB_BACKUP_NOTE };
    return record;
  }

  /**
   * Every write goes over what the service knows of the step, so a record it only knew by rule (a lab's confirmed
   * backups) is stored with the change instead of being replaced by the progress file's defaults.
   */
  async function write(id: string, change: Partial<StepRecord> & Pick<StepRecord, 'at'>): Promise<StepRecord> {
    const known = progress.get(id) === undefined ? recordOf(id) : undefined;
    return progress.update(id, known === undefined ? change : { ...known, ...change });
  }

  /**
   * Where a step stands for the pair document open now: its recorded state, or `needs-recheck` when that state was
   * reached under another document (see isStale).
   */
  function stateOf(id: string): StepState {
    const record = recordOf(id);
    return isStale(id, record) ? 'needs-recheck' : record?.state ?? 'not-started';
  }

  /**
   * The steps this one requires that are not verified or done by hand now, for the document open now (it cannot be
   * applied before): one verified under another document must be verified again first.
   */
  function waitingFor(stepId: string): string[] {
    return (findCatalogueEntry(stepId)?.requires ?? []).filter((id) => !SETTLED.includes(stateOf(id)));
  }

  /** Planning shows a plan; it moves a step from not started to planned and never changes any other state. */
  const stateAfterPlan = (id: string): StepState => {
    const state = recordOf(id)?.state ?? 'not-started';
    return state === 'not-started' ? 'planned' : state;
  };

  function summary(entry: CatalogueEntry): StepSummary {
    const record = recordOf(entry.id);
    const stale = isStale(entry.id, record);
    const reached = record?.state;
    return {
      id: entry.id,
      title: entry.title,
      section: entry.section,
      cluster: entry.cluster,
      kind: entry.kind,
      state: stateOf(entry.id),
      ...(record !== undefined && record.at !== '' ? { at: record.at } : {}),
      ...(record?.note !== undefined ? { note: record.note } : {}),
      requires: [...entry.requires],
      ...(stale && (reached === 'applied' || reached === 'verified' || reached === 'done-by-hand') ? { stale: true, recheckOf: reached } : {}),
    };
  }

  /**
   * Whether the step's outcome (applied, verified, done by hand) was reached under another pair document than the
   * one open now: another file, the same file changed since, or any document while the one open now is not valid
   * (a new document to fill in, a broken file). A record without a digest (a lab's backups, confirmed by rule)
   * holds for every document.
   */
  function isStale(id: string, record: StepRecord | undefined): boolean {
    // A manual step (the backups) is about the nodes and the directory, not the document: it holds for every document.
    if (findCatalogueEntry(id)?.kind === 'manual') return false;
    if (record?.pairDigest === undefined || record.pairDigest === pair.digest()) return false;
    return record.state === 'applied' || record.state === 'verified' || record.state === 'done-by-hand';
  }

  function detail(entry: CatalogueEntry): StepDetail {
    const record = recordOf(entry.id);
    const confirmed = record?.handwork;
    return {
      summary: summary(entry),
      ...(record?.plan !== undefined ? { plan: record.plan } : {}),
      ...(record?.verification !== undefined ? { verification: record.verification } : {}),
      ...(entry.handwork !== undefined
        ? { handwork: { what: entry.handwork, ...(confirmed !== undefined ? { confirmation: { note: confirmed.note, at: confirmed.at } } : {}) } }
        : {}),
    };
  }

  /** The step's handwork confirmation, or (for a step without handwork) its done-by-hand note. */
  function confirmationOf(stepId: string): StepConfirmation | undefined {
    const record = recordOf(stepId);
    if (findCatalogueEntry(stepId)?.handwork !== undefined) return record?.handwork;
    return record?.state === 'done-by-hand' && record.note !== undefined ? { note: record.note, at: record.at } : undefined;
  }

  async function context(): Promise<Result<SetupStepContext>> {
    const loaded = await pair.load();
    if (!loaded.ok) {
      const lines = loaded.problems.map(formatPairProblem);
      return err(
        SetupErrorCode.PairInvalid,
        `The pair document ${pair.path} has ${lines.length} problem${lines.length === 1 ? '' : 's'}; fix ${lines.length === 1 ? 'it' : 'them'} first: ${lines[0] ?? ''}`,
        lines.join('\n'),
      );
    }
    return ok({
      pair: loaded.document,
      world,
      recorded: (stepId) => progress.get(stepId)?.data,
      async record(stepId, data) {
        await write(stepId, { at: now().toISOString(), data: { ...data } });
      },
      confirmation: confirmationOf,
    });
  }

  function lookup(stepId: string): Result<{ entry: CatalogueEntry; step: SetupStep }> {
    const entry = findCatalogueEntry(stepId);
    const step = steps.get(stepId);
    if (!entry || !step) return err(SetupErrorCode.UnknownStep, `The guide has no step ${stepId}; the steps are ${STEP_CATALOGUE.map((e) => e.id).join(', ')}.`);
    return ok({ entry, step });
  }

  /** The plan as the administrator sees it, with its digest; every plan shown is remembered by it. */
  function view(stepId: string, plan: SetupStepPlan, pair: PairDocument): StepPlan {
    const shownPlan = {
      stepId,
      actions: plan.actions.map((a) => ({ tool: a.tool, target: a.target, command: a.command, description: a.description, needed: a.needed })),
      warnings: [...plan.warnings],
      findings: [...plan.findings],
      pairDigest: pairDigest(pair),
    };
    const viewed: StepPlan = { ...shownPlan, digest: planDigest(shownPlan) };
    shown.delete(viewed.digest);
    shown.set(viewed.digest, viewed);
    for (const oldest of shown.keys()) {
      if (shown.size <= REMEMBERED_PLANS) break;
      shown.delete(oldest);
    }
    return viewed;
  }

  /** The plan with that digest the administrator saw: given by the caller, shown by this service, or the step's last. */
  function seenPlan(stepId: string, digest: string, given: StepPlan | undefined): StepPlan | undefined {
    const candidates = [given, shown.get(digest), recordOf(stepId)?.plan];
    return candidates.find((plan) => plan !== undefined && plan.stepId === stepId && plan.digest === digest && digestHolds(plan));
  }

  async function verifyAndRecord(step: SetupStep, ctx: SetupStepContext): Promise<StepVerification> {
    const checks = await step.verify(ctx);
    const at = now().toISOString();
    const verification: StepVerification = { stepId: step.id, ok: checks.length > 0 && checks.every((c) => c.ok), checks: [...checks], at };
    const before = recordOf(step.id);
    const state: StepState = !verification.ok ? 'failed' : before?.state === 'done-by-hand' ? 'done-by-hand' : 'verified';
    await write(step.id, {
      state,
      at,
      verification,
      pairDigest: pairDigest(ctx.pair),
      ...(before?.note !== undefined ? { note: before.note } : {}),
    });
    return verification;
  }

  return {
    pair,
    world,

    list(): StepSummary[] {
      return STEP_CATALOGUE.map(summary);
    },

    get(stepId: string): Result<StepDetail> {
      const found = lookup(stepId);
      return found.ok ? ok(detail(found.value.entry)) : found;
    },

    /** The exact commands and edits the step would make now; changes nothing in the world. */
    async plan(stepId: string): Promise<Result<StepPlan>> {
      const found = lookup(stepId);
      if (!found.ok) return found;
      const ctx = await context();
      if (!ctx.ok) return ctx;
      try {
        const plan = view(stepId, await found.value.step.plan(ctx.value), ctx.value.pair);
        await write(stepId, { at: now().toISOString(), plan, state: stateAfterPlan(stepId) });
        return ok(plan);
      } catch (e) {
        return failure(e);
      }
    },

    waitingFor,

    /**
     * Applies the plan the administrator saw, named by its digest: plans again and, when the new plan has that digest,
     * runs exactly its needed actions (each journalled), then verifies and records the outcome. When the digest
     * differs (the world or the pair document changed since), nothing runs: the answer is the new plan with what
     * changed since the plan seen (`seen`, when the caller has it, else the plan this service showed with that digest).
     */
    async apply(stepId: string, expected: { readonly digest: string; readonly seen?: StepPlan; readonly confirmed?: boolean }, hooks: ApplyHooks): Promise<Result<StepApplyOutcome>> {
      const found = lookup(stepId);
      if (!found.ok) return found;
      const { entry, step } = found.value;
      if (entry.kind === 'manual') {
        return err(SetupErrorCode.Manual, `Step ${stepId} (${entry.title}) is done outside the program; confirm it with a note.`);
      }
      if (applying !== undefined) return err(SetupErrorCode.Busy, `Step ${applying} is being applied; wait for it to finish.`);
      const missing = waitingFor(stepId);
      if (missing.length > 0) {
        const words = missing.map((id) => `${id} (${findCatalogueEntry(id)?.title ?? id}: ${stateOf(id)})`);
        return err(SetupErrorCode.NotReady, `Step ${stepId} needs step${missing.length === 1 ? '' : 's'} ${words.join(', ')} verified or done by hand first.`);
      }
      const ctx = await context();
      if (!ctx.ok) return ctx;
      applying = stepId;
      const log = hooks.onLog ?? (() => undefined);
      const progressOf = hooks.onProgress ?? (() => undefined);
      try {
        progressOf(0, 'Reading the world');
        // Who saw it before this plan replaces the step's last plan.
        const seen = seenPlan(stepId, expected.digest, expected.seen);
        const plan = await step.plan(ctx.value);
        const current = view(stepId, plan, ctx.value.pair);
        await write(stepId, { at: now().toISOString(), plan: current, state: stateAfterPlan(stepId) });
        if (current.digest !== expected.digest) {
          log('warn', 'The plan changed since it was shown: nothing was applied. Read the new plan, then apply it.');
          progressOf(1, 'The plan changed: nothing was applied');
          return ok({ kind: 'plan-changed', plan: current, changes: comparePlans(seen, current) });
        }
        for (const warning of plan.warnings) log('warn', warning);
        const todo = plan.actions.filter((a) => a.needed);
        const outside = todo.filter((a) => changesOutsideProgram(a.tool));
        if (deps.world.kind === 'real' && outside.length > 0 && expected.confirmed !== true) {
          const targets = [...new Set(outside.map((a) => `${a.target} (${a.tool})`))];
          progressOf(1, 'Waiting for confirmation: nothing was applied');
          return err(
            SetupErrorCode.ConfirmationNeeded,
            `Step ${stepId} would make ${outside.length} change${outside.length === 1 ? '' : 's'} on a real pair, to ${targets.join(', ')}; confirm them to apply. Nothing was applied.`,
          );
        }
        if (todo.length === 0) {
          log('info', 'Nothing to do: everything this step makes is already in place.');
          await journal.append({ at: now().toISOString(), stepId, tool: 'none', target: '', command: '', outcome: 'nothing-to-do' });
        }
        for (const [index, action] of todo.entries()) {
          if (hooks.signal.aborted) {
            const message = `Cancelled before "${action.command.split('\n')[0] ?? ''}"; ${index} of ${todo.length} changes were applied.`;
            await journal.append({ at: now().toISOString(), stepId, tool: action.tool, target: action.target, command: action.command, outcome: 'cancelled' });
            await write(stepId, index > 0 ? { state: 'applied', at: now().toISOString(), pairDigest: pairDigest(ctx.value.pair) } : { state: recordOf(stepId)?.state ?? 'planned', at: now().toISOString() });
            return err(SetupErrorCode.Cancelled, message);
          }
          progressOf(index / (todo.length + 1), action.description, action.command);
          log('info', `${action.target}: ${action.command}`);
          await journal.append({ at: now().toISOString(), stepId, tool: action.tool, target: action.target, command: action.command, outcome: 'sending' });
          try {
            await action.run(hooks.signal);
          } catch (e) {
            const message = messageOf(e);
            log('error', message);
            await journal.append({ at: now().toISOString(), stepId, tool: action.tool, target: action.target, command: action.command, outcome: 'refused', detail: message });
            await write(stepId, { state: 'failed', at: now().toISOString() });
            return failure(e);
          }
          await journal.append({ at: now().toISOString(), stepId, tool: action.tool, target: action.target, command: action.command, outcome: 'applied' });
        }
        if (todo.length > 0) await write(stepId, { state: 'applied', at: now().toISOString(), pairDigest: pairDigest(ctx.value.pair) });
        progressOf(todo.length / (todo.length + 1), 'Verifying');
        const verification = await verifyAndRecord(step, ctx.value);
        for (const check of verification.checks) log(check.ok ? 'info' : 'error', `${check.ok ? 'OK' : 'NOT OK'}: ${check.what}${check.detail !== undefined ? ` (${check.detail})` : ''}`);
        progressOf(1, verification.ok ? 'Verified' : 'Verification found a difference');
        return ok({ kind: 'applied', verification });
      } catch (e) {
        await write(stepId, { state: 'failed', at: now().toISOString() });
        return failure(e);
      } finally {
        applying = undefined;
      }
    },

    async verify(stepId: string): Promise<Result<StepVerification>> {
      const found = lookup(stepId);
      if (!found.ok) return found;
      const ctx = await context();
      if (!ctx.ok) return ctx;
      try {
        return ok(await verifyAndRecord(found.value.step, ctx.value));
      } catch (e) {
        return failure(e);
      }
    },

    /**
     * Records that the administrator did the whole step outside the program (or confirmed a manual step). For a step
     * with handwork this does not confirm that part: `confirm` does, with what it covers.
     */
    async markDone(stepId: string, note: string): Promise<Result<StepDetail>> {
      const found = lookup(stepId);
      if (!found.ok) return found;
      const trimmed = noteOf(note);
      if (!trimmed.ok) return trimmed;
      const at = now().toISOString();
      // Done for the document open now: another document (or this one changed) makes it a step to recheck.
      // (None while the document open is not valid: then the note holds for whatever document comes next.)
      const digest = pair.digest();
      await write(stepId, { state: 'done-by-hand', at, note: trimmed.value, ...(digest === undefined ? {} : { pairDigest: digest }) });
      await journal.append({ at, stepId, tool: 'none', target: '', command: '', outcome: 'marked-done', detail: trimmed.value });
      return ok(detail(found.value.entry));
    },

    /**
     * Records the administrator's confirmation of the part of an automated step only they can do (step 6: the
     * monitor entered on each target node), with what it covers as the pair document asks now. The step's state does
     * not change; its verification checks the confirmation.
     */
    async confirm(stepId: string, note: string): Promise<Result<StepDetail>> {
      const found = lookup(stepId);
      if (!found.ok) return found;
      const { entry, step } = found.value;
      if (entry.handwork === undefined || step.handwork === undefined) {
        const steps = STEP_CATALOGUE.filter((e) => e.handwork !== undefined).map((e) => e.id);
        return err(
          SetupErrorCode.NoHandwork,
          `Step ${stepId} (${entry.title}) has no part done by hand to confirm (only step${steps.length === 1 ? '' : 's'} ${steps.join(', ')} ${steps.length === 1 ? 'has' : 'have'} one)${entry.kind === 'manual' ? '; confirm the step itself with a note' : ''}.`,
        );
      }
      const trimmed = noteOf(note);
      if (!trimmed.ok) return trimmed;
      const ctx = await context();
      if (!ctx.ok) return ctx;
      const handwork = step.handwork(ctx.value.pair);
      const at = now().toISOString();
      await write(stepId, { at: recordOf(stepId)?.at ?? at, handwork: { note: trimmed.value, at, subject: handwork.subject } });
      await journal.append({ at, stepId, tool: 'none', target: '', command: handwork.subject, outcome: 'confirmed', detail: trimmed.value });
      return ok(detail(entry));
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;

/** The administrator's note, trimmed, when it says enough. */
function noteOf(note: string): Result<string> {
  const trimmed = note.trim();
  return trimmed.length < 3 ? err(SetupErrorCode.Note, 'Write a note of at least 3 characters: what was done and where the evidence is.') : ok(trimmed);
}

/** What a failure says, as the journal and the log keep it: the catalogue's message (the number named once). */
function messageOf(e: unknown): string {
  return setupFailure(e).error.message;
}

function failure(e: unknown): Result<never> {
  return setupFailure(e);
}
