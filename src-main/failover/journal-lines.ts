/**
 * What a journal line may say. Undo writes whatever a journal names, so a journal is accepted only for what a
 * failover itself changes: each phase's attributes, on entries of that phase's object classes (checked against the
 * directory before undo changes anything), with values of the attribute's kind (a DN where a DN belongs, TRUE/FALSE
 * for the overwrite-on-restore flag, Exchange service principal names only). Anything else — a hand-made line
 * naming `userAccountControl`, a `member` change, a SPN of another service — refuses the journal, naming the line.
 *
 * Line kinds (one JSON object a line, sealed by journal-seal.ts):
 *   run     — a run starts: what it is (failover/failback, source, target; or the journal an undo restores)
 *   intent  — the change of one entry the run is about to send (written and synced BEFORE it is sent)
 *   outcome — what became of an intent: applied, skipped (already so), conflict or failed (not changed)
 *   end     — the run ended, with its status
 * An intent without an outcome is a change whose fate is unknown (the run was killed): undo treats it as possibly
 * applied, and its compare-and-set restores it only if the directory holds what the run wrote.
 */
import { z } from 'zod';
import { isValidDn } from '../directory/dn';
import { isDnAttribute, isMultiValued } from './attribute-values';
import type { PhaseName } from './engine-api';
import { EXCHANGE_SPN_SERVICES } from './plan-spn';

export const JOURNAL_VERSION = 2;

const phaseSchema = z.enum(['patch-flag', 'mailboxes', 'public-folders', 'rus', 'spn', 'routing-master']);

const text = z.string().max(4096);
const values = z.array(text).max(64);

export const runLineSchema = z.strictObject({
  kind: z.literal('run'),
  version: z.literal(JOURNAL_VERSION),
  runId: z.string().min(1).max(64),
  time: z.string().max(40),
  direction: z.enum(['failover', 'failback']).optional(),
  source: text.optional(),
  target: text.optional(),
  /** An undo's run: the journal it restores. */
  undoOf: text.optional(),
  prev: z.string(),
  hash: z.string(),
});

export const journalChangeSchema = z.strictObject({ attribute: z.string().min(1).max(64), before: values, after: values });

export const intentLineSchema = z.strictObject({
  kind: z.literal('intent'),
  runId: z.string().min(1).max(64),
  op: z.number().int().positive(),
  time: z.string().max(40),
  phase: phaseSchema,
  dn: text,
  changes: z.array(journalChangeSchema).min(1).max(8),
  prev: z.string(),
  hash: z.string(),
});

export const outcomeLineSchema = z.strictObject({
  kind: z.literal('outcome'),
  runId: z.string().min(1).max(64),
  op: z.number().int().positive(),
  result: z.enum(['applied', 'skipped', 'conflict', 'failed']),
  prev: z.string(),
  hash: z.string(),
});

export const endLineSchema = z.strictObject({
  kind: z.literal('end'),
  runId: z.string().min(1).max(64),
  time: z.string().max(40),
  status: z.enum(['planned', 'done', 'stopped', 'verify-failed']),
  prev: z.string(),
  hash: z.string(),
});

export const journalLineSchema = z.discriminatedUnion('kind', [runLineSchema, intentLineSchema, outcomeLineSchema, endLineSchema]);

export type JournalRunLine = z.infer<typeof runLineSchema>;
export type JournalIntentLine = z.infer<typeof intentLineSchema>;
export type JournalOutcomeLine = z.infer<typeof outcomeLineSchema>;
export type JournalEndLine = z.infer<typeof endLineSchema>;
export type JournalLine = z.infer<typeof journalLineSchema>;
export type JournalChange = z.infer<typeof journalChangeSchema>;
export type OutcomeResult = JournalOutcomeLine['result'];

/** What each phase changes: its attributes and the object classes of the entries it changes them on. */
interface PhaseRule {
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

/** attribute (lower case) → object classes (lower case), one of which the entry must have. */
const STORE_CLASSES = ['msexchmdb', 'msexchprivatemdb', 'msexchpublicmdb'];
const PHASE_RULES: Readonly<Record<PhaseName, PhaseRule>> = {
  'patch-flag': { attributes: { msexchpatchmdb: STORE_CLASSES } },
  mailboxes: { attributes: { homemdb: ['user'], homemta: ['user'], msexchhomeservername: ['user'] } },
  'public-folders': { attributes: { msexchhomepublicmdb: ['msexchprivatemdb', 'msexchmdb'], sitefolderserver: ['msexchadmingroup'] } },
  rus: { attributes: { msexchaddresslistservicelink: ['msexchaddresslistservice'], msexchserver1networkaddress: ['msexchaddresslistservice'] } },
  spn: { attributes: { serviceprincipalname: ['computer'] } },
  'routing-master': { attributes: { msexchroutingmasterdn: ['msexchroutinggroup'] } },
};

const SPN_SERVICES = new Set(EXCHANGE_SPN_SERVICES.map((service) => service.toLowerCase()));

/** Why a value cannot be one the phase writes to the attribute, or undefined when it can. */
function badValue(attribute: string, value: string): string | undefined {
  const name = attribute.toLowerCase();
  if (isDnAttribute(name)) return isValidDn(value) ? undefined : `${JSON.stringify(value.slice(0, 80))} is not a DN`;
  if (name === 'msexchpatchmdb') return /^(TRUE|FALSE)$/i.test(value) ? undefined : `${JSON.stringify(value.slice(0, 20))} is not TRUE or FALSE`;
  if (name === 'serviceprincipalname') {
    const slash = value.indexOf('/');
    const service = slash > 0 ? value.slice(0, slash).toLowerCase() : '';
    return SPN_SERVICES.has(service) ? undefined : `${JSON.stringify(value.slice(0, 80))} is not an Exchange service principal name (${EXCHANGE_SPN_SERVICES.join('/, ')}/)`;
  }
  // msExchHomeServerName and msExchServer1NetworkAddress: a legacy DN or a host name, on one line.
  return /[\u0000-\u001f\u007f]/.test(value) ? 'it holds a control character' : undefined;
}

/** Why an intent line names something a failover never changes, or undefined when it is one a failover makes. */
export function intentProblem(line: JournalIntentLine): string | undefined {
  const rule = PHASE_RULES[line.phase];
  if (!isValidDn(line.dn)) return `${JSON.stringify(line.dn.slice(0, 80))} is not a DN`;
  const seen = new Set<string>();
  for (const change of line.changes) {
    const name = change.attribute.toLowerCase();
    if (rule.attributes[name] === undefined) {
      return `phase ${line.phase} never changes ${change.attribute} (it changes ${Object.keys(rule.attributes).join(', ')})`;
    }
    if (seen.has(name)) return `${change.attribute} is named twice in one change`;
    seen.add(name);
    if (!isMultiValued(name) && (change.before.length > 1 || change.after.length > 1)) return `${change.attribute} holds one value, not several`;
    if (change.before.length === 0 && change.after.length === 0) return `the change of ${change.attribute} changes nothing`;
    for (const value of [...change.before, ...change.after]) {
      const problem = badValue(name, value);
      if (problem !== undefined) return `${change.attribute}: ${problem}`;
    }
  }
  return undefined;
}

/** Object classes that disqualify an entry from a phase: a computer account is a `user` too, but has no mailbox. */
const EXCLUDED_CLASSES: Readonly<Partial<Record<PhaseName, readonly string[]>>> = { mailboxes: ['computer'] };

/**
 * Why an entry with these object classes is not one the intent's phase changes (undefined when it is): it must have
 * one of the classes of each attribute, and none of the phase's excluded classes.
 */
export function entryKindProblem(line: Pick<JournalIntentLine, 'phase' | 'changes'>, objectClasses: readonly string[]): string | undefined {
  const has = new Set(objectClasses.map((name) => name.toLowerCase()));
  const rule = PHASE_RULES[line.phase];
  const what = objectClasses.length === 0 ? 'an entry with no object class' : `a ${objectClasses.join('/')}`;
  for (const change of line.changes) {
    const wanted = rule.attributes[change.attribute.toLowerCase()] ?? [];
    if (!wanted.some((name) => has.has(name))) return `that entry is ${what}, not one whose ${change.attribute} a failover changes (${wanted.join(' or ')})`;
  }
  const excluded = (EXCLUDED_CLASSES[line.phase] ?? []).find((name) => has.has(name));
  if (excluded !== undefined) return `that entry is ${what}: phase ${line.phase} never changes a ${excluded}`;
  return undefined;
}
