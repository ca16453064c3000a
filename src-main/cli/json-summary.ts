/**
 * `--json`: one JSON document on standard output instead of the text summary. With `-test` the plan is streamed
 * into it change by change (a plan of 100,000 mailboxes is never held whole), then the outcome and the exit code:
 *
 *   { "plan": [PlannedChange...]?, "command": "...", "outcome": FailoverOutcome | null,
 *     "error": { "kind": "usage" | "input" | "directory" | "internal", "message": "..." } | null,
 *     "exitCode": 0, "logFile": "..." }
 *
 * Every string passes through the secret mask, and every value is written so that it stays on its line: the
 * characters JSON leaves as they are but that break or reorder a line (U+2028, U+2029, NEL, the other C1 controls,
 * DEL, bidi controls) are written as `\uXXXX` escapes (log-text.ts), which JSON reads back as the same value.
 */
import type { FailoverOutcome, PlannedChange } from '../failover/engine-api';
import { escapeLine } from './log-text';
import type { SecretMask } from '../shared/redaction';

/** Why a run ended without an outcome. */
export type JsonErrorKind = 'usage' | 'input' | 'directory' | 'internal';

/** The fields written after the plan. */
export interface JsonSummaryEnd {
  readonly command?: string;
  readonly outcome: FailoverOutcome | null;
  readonly error: { readonly kind: JsonErrorKind; readonly message: string } | null;
  readonly exitCode: number;
  readonly logFile?: string;
}

/** Writes the JSON document in pieces: `planned` for each change, then `end` once. */
export class JsonSummaryWriter {
  #planOpen = false;
  #planItems = 0;
  #buffer = '';

  constructor(
    private readonly write: (text: string) => void,
    private readonly mask: SecretMask,
  ) {}

  /** Starts the `plan` array (so an empty plan still shows as `[]` in test mode). */
  startPlan(): void {
    if (this.#planOpen) return;
    this.#planOpen = true;
    this.write('{"plan":[');
  }

  /** Adds one change to the plan. */
  planned(change: PlannedChange): void {
    this.startPlan();
    this.#buffer += `${this.#planItems === 0 ? '\n' : ',\n'}${escapeLine(this.mask.json(change))}`;
    this.#planItems += 1;
    if (this.#buffer.length >= 64 * 1024) this.#flush();
  }

  /** Closes the document. */
  end(fields: JsonSummaryEnd): void {
    this.#flush();
    const rest = escapeLine(this.mask.json({
      ...(fields.command === undefined ? {} : { command: fields.command }),
      outcome: fields.outcome,
      error: fields.error,
      exitCode: fields.exitCode,
      ...(fields.logFile === undefined ? {} : { logFile: fields.logFile }),
    }));
    this.write(this.#planOpen ? `${this.#planItems === 0 ? '' : '\n'}],${rest.slice(1)}\n` : `${rest}\n`);
  }

  #flush(): void {
    if (this.#buffer === '') return;
    this.write(this.#buffer);
    this.#buffer = '';
  }
}
