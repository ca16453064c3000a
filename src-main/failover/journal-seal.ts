/**
 * The journal's integrity: every line is chained to the line before it. A line is a JSON object whose last two
 * members are `"prev"` (the previous line's hash; 64 zeros for the first line of a file) and `"hash"`: the SHA-256
 * of the line's own text up to `"prev"`'s value and the closing brace, i.e. the line as it would read without its
 * `"hash"` member. So an edited line no longer matches its hash, and a removed, inserted or reordered line no longer
 * matches the next line's `prev`: the reader names the first line where the chain breaks.
 *
 * This is a hash chain (as in certificate-transparency style logs), not a signature: it catches damage, cuts and
 * hand edits that do not recompute every later hash; whoever may write the journal file may forge a whole one, which
 * is why undo also accepts only the entries and attributes a failover changes (journal-lines.ts).
 */
import { createHash } from 'node:crypto';

/** The `prev` of a file's first line. */
export const GENESIS_HASH = '0'.repeat(64);

const TAIL = /,"prev":"([0-9a-f]{64})","hash":"([0-9a-f]{64})"\}$/;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Seals `json` (the JSON text of a non-empty object) after `prev`: the line's text and its hash. */
export function sealLine(json: string, prev: string): { readonly text: string; readonly hash: string } {
  if (!json.startsWith('{') || !json.endsWith('}') || json === '{}') throw new Error('sealLine: not the JSON text of a non-empty object');
  const body = `${json.slice(0, -1)},"prev":"${prev}"}`;
  const hash = sha256(body);
  return { text: `${body.slice(0, -1)},"hash":"${hash}"}`, hash };
}

export type SealCheck =
  | { readonly ok: true; readonly hash: string; readonly prev: string }
  | { readonly ok: false; readonly why: string };

/** A line's own seal: its hash and prev when the line's text matches its hash, else why not. */
export function readSeal(text: string): SealCheck {
  const tail = TAIL.exec(text);
  if (tail === null) return { ok: false, why: 'it carries no "prev"/"hash" seal (not a journal line of this version, or cut short)' };
  const [, prev = '', hash = ''] = tail;
  const body = `${text.slice(0, tail.index)},"prev":"${prev}"}`;
  if (sha256(body) !== hash) return { ok: false, why: 'its text does not match its hash (the line was edited)' };
  return { ok: true, hash, prev };
}

/** Checks one line's own hash and that it follows `expectedPrev`. */
export function checkSeal(text: string, expectedPrev: string): SealCheck {
  const seal = readSeal(text);
  if (!seal.ok || seal.prev === expectedPrev) return seal;
  return {
    ok: false,
    why:
      expectedPrev === GENESIS_HASH
        ? 'it says it follows another line, but it is the first line (the lines before it were removed)'
        : 'it does not follow the line before it (a line was removed, inserted or moved)',
  };
}

/** The hash of a sealed line, without checking it (to continue a chain). */
export function hashOfSealedLine(text: string): string | undefined {
  return TAIL.exec(text)?.[2];
}
