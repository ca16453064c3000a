import { assertNever } from '../shared/assert-never';
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
 * What counts as "the MIRROR START line": a line whose statement is `[$var =] MIRROR START ...`, keywords in any
 * case. A line whose first non-blank character is `#` is a comment and never counts (a commented-out copy of the
 * line above the real one is ignored, and left byte for byte); neither does `MIRROR START` inside another statement
 * (`WRITE "MIRROR START failed";`). [assumed] `#` starts a DTCL comment; one statement per line.
 */
const MIRROR_START_STATEMENT = /^[ \t]*(?:\$[A-Za-z_]\w*[ \t]*=[ \t]*)?MIRROR[ \t]+START(?![A-Za-z0-9_])/i;

/**
 * The only shapes of that line the patch accepts: `[$var =] MIRROR START <con> DIFFERENT,CHECKSUM [ORPHANS];`, any
 * case, any spaces or tabs between words and around the comma, a `#` comment allowed after the semicolon. Any other
 * options (`FULL`, `DIFFERENT` alone, `ORPHANS ORPHANS`, an extra keyword, no semicolon) are refused.
 */
const MIRROR_STATEMENT =
  /^(?<head>[ \t]*(?:\$[A-Za-z_]\w*[ \t]*=[ \t]*)?MIRROR[ \t]+START[ \t]+[^\s;,]+[ \t]+DIFFERENT[ \t]*,[ \t]*(?<checksum>CHECKSUM))(?<orphans>[ \t]+ORPHANS)?(?<tail>[ \t]*;[ \t]*(?:#.*)?)$/i;

/** What follows a MIRROR START statement's connection, for the refusal message. */
const MIRROR_REST = /MIRROR[ \t]+START(?:[ \t]+[^\s;,#]+)?(?<rest>.*)$/i;

/**
 * Why a file cannot be patched: no MIRROR START line, more than one, one with options the guide does not describe,
 * or bytes that are not text.
 */
export type OnlineDtclPatchErrorCode = 'not-found' | 'ambiguous' | 'unexpected-options' | 'unreadable';

/** What the patch will do to one file. `file` is the label messages use (`SRC1 C:\...\online.dtcl`). */
export type OnlineDtclPlan =
  | { readonly kind: 'change'; readonly file: string; readonly lineNumber: number; readonly before: string; readonly after: string }
  | { readonly kind: 'already-patched'; readonly file: string; readonly lineNumber: number; readonly line: string }
  | {
      readonly kind: 'error';
      readonly file: string;
      readonly code: OnlineDtclPatchErrorCode;
      readonly message: string;
      /** Line numbers of the MIRROR START lines: two or more when ambiguous, the one line when unexpected-options. */
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
 * OnlineDtclPatchError when the MIRROR START line is missing, appears more than once or has unexpected options.
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

/** Whether the file holds exactly one MIRROR START line and it reads DIFFERENT,CHECKSUM ORPHANS. */
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
    if (MIRROR_START_STATEMENT.test(line.text)) candidates.push(index);
  });
  const show = (index: number) => unitsForDisplay(text.encoding, lines[index]?.text ?? '');
  const [only] = candidates;
  if (candidates.length === 1 && only !== undefined) {
    const line = show(only);
    const match = MIRROR_STATEMENT.exec(lines[only]?.text ?? '');
    if (match === null) {
      const message = unexpectedOptionsMessage(file, only + 1, line);
      return { text, lines, plan: { kind: 'error', file, code: 'unexpected-options', message, candidates: [only + 1] } };
    }
    const plan: OnlineDtclPlan =
      match.groups?.['orphans'] !== undefined
        ? { kind: 'already-patched', file, lineNumber: only + 1, line }
        : { kind: 'change', file, lineNumber: only + 1, before: line, after: unitsForDisplay(text.encoding, patchLine(lines[only]?.text ?? '')) };
    return { text, lines, plan };
  }
  if (candidates.length > 1) {
    const listed = candidates.map((i) => `  line ${i + 1}: ${show(i).trim()}`).join('\n');
    const message = `${file}: found ${candidates.length} MIRROR START lines, expected exactly one ('${MIRROR_LINE_BEFORE}'); not patching, as it is not clear which one the resource runs. Edit the file by hand:\n${listed}`;
    return { text, lines, plan: { kind: 'error', file, code: 'ambiguous', message, candidates: candidates.map((i) => i + 1) } };
  }
  return { text, lines, plan: { kind: 'error', file, code: 'not-found', message: notFoundMessage(file, text, lines), candidates: [] } };
}

function unexpectedOptionsMessage(file: string, lineNumber: number, line: string): string {
  const rest = (MIRROR_REST.exec(line)?.groups?.['rest'] ?? '').replace(/[ \t]*#.*$/, '');
  const ended = /;[ \t]*$/.test(rest);
  const options = rest.replace(/;[ \t]*$/, '').trim().replace(/[ \t]+/g, ' ');
  return (
    `${file}: line ${lineNumber}: the MIRROR START line has options '${options === '' ? '(none)' : options}'${ended ? '' : " and no ';' at the end"}, expected ` +
    `'DIFFERENT,CHECKSUM' (the guide's line, to patch) or 'DIFFERENT,CHECKSUM ORPHANS' (already patched), then ';'; ` +
    `not patching. The line reads: ${line.trim()}`
  );
}

function notFoundMessage(file: string, text: TextUnits, lines: readonly TextLine[]): string {
  let message = `${file}: did not find the line '${MIRROR_LINE_BEFORE}' (looked for a MIRROR START statement, any spacing or keyword case; lines starting with # are comments and do not count).`;
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
