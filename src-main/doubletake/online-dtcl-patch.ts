import { assertNever } from './assert-never';
import { joinLines, readTextUnits, splitLines, unitsForDisplay, writeTextUnits, type TextLine, type TextUnits } from './text-file-bytes';

/**
 * The guide's edit of online.dtcl (section 4.5 step 9): add ` ORPHANS` to the Source Connection resource's mirror
 * command, so a difference mirror also removes files on the target that the source no longer has. Four verbs, as
 * every change the wizard makes: plan, preview, apply, verify. Works on bytes: everything but the one line comes
 * back byte for byte (line endings, byte-order mark, encoding, other lines).
 */

/** The statement the guide says to find, for messages. */
export const MIRROR_LINE_BEFORE = '$mirror = MIRROR START $conid DIFFERENT,CHECKSUM;';
/** What the guide says it must become. */
export const MIRROR_LINE_AFTER = '$mirror = MIRROR START $conid DIFFERENT,CHECKSUM ORPHANS;';

/**
 * A `[$var =] MIRROR START <con> DIFFERENT,CHECKSUM [ORPHANS];` statement on a line of its own, keywords in any
 * case, any spaces or tabs between words, a `#` comment allowed after the semicolon. A commented-out line does not
 * match. [assumed] `#` starts a DTCL comment.
 */
const MIRROR_STATEMENT =
  /^(?<head>[ \t]*(?:\$[A-Za-z_]\w*[ \t]*=[ \t]*)?MIRROR[ \t]+START[ \t]+[^\s;,]+[ \t]+DIFFERENT[ \t]*,[ \t]*(?<checksum>CHECKSUM))(?<orphans>[ \t]+ORPHANS)?(?<tail>[ \t]*;[ \t]*(?:#.*)?)$/i;

/** Why a file cannot be patched: no statement, more than one, or bytes that are not text. */
export type OnlineDtclPatchErrorCode = 'not-found' | 'ambiguous' | 'unreadable';

/** What the patch will do to one file. `file` is the label messages use (`SRC1 C:\...\online.dtcl`). */
export type OnlineDtclPlan =
  | { readonly kind: 'change'; readonly file: string; readonly lineNumber: number; readonly before: string; readonly after: string }
  | { readonly kind: 'already-patched'; readonly file: string; readonly lineNumber: number; readonly line: string }
  | {
      readonly kind: 'error';
      readonly file: string;
      readonly code: OnlineDtclPatchErrorCode;
      readonly message: string;
      /** Line numbers of the candidate statements (two or more when ambiguous). */
      readonly candidates: readonly number[];
    };

/** Thrown by apply when the plan is an error; carries the plan's code and message. */
export class OnlineDtclPatchError extends Error {
  override readonly name = 'OnlineDtclPatchError';
  constructor(
    readonly code: OnlineDtclPatchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Whether the file is patched, and if not why, in words for a checklist. */
export type OnlineDtclVerification =
  | { readonly ok: true; readonly lineNumber: number }
  | { readonly ok: false; readonly message: string };

interface Located {
  readonly text: TextUnits;
  readonly lines: TextLine[];
  readonly plan: OnlineDtclPlan;
}

/** Finds the mirror statement and says what will change: the line, or "already patched", or why not. */
export function planOnlineDtclPatch(content: Uint8Array, file = 'online.dtcl'): OnlineDtclPlan {
  return locate(content, file).plan;
}

/** The plan as a unified-diff-like text with three lines of context, for the user to read before applying. */
export function previewOnlineDtclPatch(content: Uint8Array, file = 'online.dtcl'): string {
  const { text, lines, plan } = locate(content, file);
  switch (plan.kind) {
    case 'error':
      return plan.message;
    case 'already-patched':
      return `${file}: already patched at line ${plan.lineNumber}; nothing to change.\n  ${plan.line}`;
    case 'change': {
      const index = plan.lineNumber - 1;
      const first = Math.max(0, index - 3);
      const last = Math.min(lines.length - 1, index + 3);
      const show = (line: TextLine | undefined) => unitsForDisplay(text.encoding, line?.text ?? '');
      const out = [`--- ${file}`, `+++ ${file} (patched)`, `@@ -${first + 1},${last - first + 1} +${first + 1},${last - first + 1} @@`];
      for (let i = first; i <= last; i += 1) {
        if (i === index) out.push(`-${plan.before}`, `+${plan.after}`);
        else out.push(` ${show(lines[i])}`);
      }
      return out.join('\n');
    }
    default:
      return assertNever(plan, 'plan');
  }
}

/**
 * The patched content. Unchanged bytes when already patched (patching twice is patching once); throws
 * OnlineDtclPatchError when the statement is missing or ambiguous.
 */
export function applyOnlineDtclPatch(content: Uint8Array, file = 'online.dtcl'): Buffer {
  const { text, lines, plan } = locate(content, file);
  switch (plan.kind) {
    case 'error':
      throw new OnlineDtclPatchError(plan.code, plan.message);
    case 'already-patched':
      return Buffer.from(content);
    case 'change': {
      const index = plan.lineNumber - 1;
      const patched = lines.map((line, i) => (i === index ? { text: patchLine(line.text), ending: line.ending } : line));
      return writeTextUnits({ encoding: text.encoding, units: joinLines(patched) });
    }
    default:
      return assertNever(plan, 'plan');
  }
}

/** Whether the file holds exactly one mirror statement and it has ORPHANS. */
export function verifyOnlineDtclPatch(content: Uint8Array, file = 'online.dtcl'): OnlineDtclVerification {
  const plan = planOnlineDtclPatch(content, file);
  switch (plan.kind) {
    case 'already-patched':
      return { ok: true, lineNumber: plan.lineNumber };
    case 'change':
      return { ok: false, message: `${file}: line ${plan.lineNumber} still reads '${plan.before.trim()}' (no ORPHANS).` };
    case 'error':
      return { ok: false, message: plan.message };
    default:
      return assertNever(plan, 'plan');
  }
}

/** The four verbs together, as every step that changes the world offers them. */
export const onlineDtclPatch = {
  plan: planOnlineDtclPatch,
  preview: previewOnlineDtclPatch,
  apply: applyOnlineDtclPatch,
  verify: verifyOnlineDtclPatch,
} as const;

function locate(content: Uint8Array, file: string): Located {
  let text: TextUnits;
  try {
    text = readTextUnits(content);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const plan: OnlineDtclPlan = { kind: 'error', file, code: 'unreadable', message: `${file}: cannot be read as text: ${why}`, candidates: [] };
    return { text: { encoding: 'utf8', units: '' }, lines: [], plan };
  }
  const lines = splitLines(text.units);
  const candidates: number[] = [];
  lines.forEach((line, index) => {
    if (MIRROR_STATEMENT.test(line.text)) candidates.push(index);
  });
  const show = (index: number) => unitsForDisplay(text.encoding, lines[index]?.text ?? '');
  const [only] = candidates;
  if (candidates.length === 1 && only !== undefined) {
    const line = show(only);
    const match = MIRROR_STATEMENT.exec(lines[only]?.text ?? '');
    const plan: OnlineDtclPlan =
      match?.groups?.['orphans'] !== undefined
        ? { kind: 'already-patched', file, lineNumber: only + 1, line }
        : { kind: 'change', file, lineNumber: only + 1, before: line, after: unitsForDisplay(text.encoding, patchLine(lines[only]?.text ?? '')) };
    return { text, lines, plan };
  }
  if (candidates.length > 1) {
    const listed = candidates.map((i) => `  line ${i + 1}: ${show(i).trim()}`).join('\n');
    const message = `${file}: found ${candidates.length} MIRROR START ... DIFFERENT,CHECKSUM statements, expected one; not patching, as it is not clear which one the resource runs. Edit the file by hand:\n${listed}`;
    return { text, lines, plan: { kind: 'error', file, code: 'ambiguous', message, candidates: candidates.map((i) => i + 1) } };
  }
  return { text, lines, plan: { kind: 'error', file, code: 'not-found', message: notFoundMessage(file, text, lines), candidates: [] } };
}

function notFoundMessage(file: string, text: TextUnits, lines: readonly TextLine[]): string {
  let message = `${file}: did not find the line '${MIRROR_LINE_BEFORE}' (looked for a MIRROR START <connection> DIFFERENT,CHECKSUM statement ending in a semicolon, any spacing or keyword case, not commented out).`;
  const near = lines
    .map((line, i) => ({ i, text: unitsForDisplay(text.encoding, line.text) }))
    .filter((line) => /MIRROR\s+START/i.test(line.text))
    .slice(0, 5);
  if (near.length > 0) message += `\nLines that mention MIRROR START:\n${near.map((l) => `  line ${l.i + 1}: ${l.text.trim()}`).join('\n')}`;
  if (text.encoding === 'utf8' && text.units.includes('\u0000')) {
    message += '\nThe file holds NUL bytes: it may be UTF-16 saved without a byte-order mark.';
  }
  return message;
}

/** Inserts ORPHANS after CHECKSUM, in the case CHECKSUM is written in; the rest of the line is kept as it is. */
function patchLine(line: string): string {
  const match = MIRROR_STATEMENT.exec(line);
  const head = match?.groups?.['head'];
  const checksum = match?.groups?.['checksum'];
  if (match === null || head === undefined || checksum === undefined) return line;
  const word = checksum === checksum.toLowerCase() ? 'orphans' : checksum === checksum.toUpperCase() ? 'ORPHANS' : 'Orphans';
  return `${head} ${word}${line.slice(head.length)}`;
}
