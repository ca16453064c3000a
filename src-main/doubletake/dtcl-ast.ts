import type { DtclPosition } from './dtcl-tokens';

/**
 * What a DTCL script says, as data: the commands the guide and the Source Connection scripts use (Double-Take's
 * scripting guide, DTCL), plus the assignments, IF blocks, WRITE and RETURN that online.dtcl is made of. The lab's
 * dtcl.exe emulator runs it; the wizard builds it to preview exact commands.
 */

/**
 * A LOGIN password: readable only through `reveal()`. Printing, string templates and JSON show a mask, so a parsed
 * script can be logged or put in an error report without giving the password away.
 */
export class DtclSecret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '********';
  }
  toJSON(): string {
    return '********';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'DtclSecret(********)';
  }
}

/** One operand: `$conid`, `25000`, `Exchange`, `"E:\Exchsrvr"`. */
export type DtclValue =
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string; readonly quoted: boolean };

/** Operands joined with `+` (WRITE "Connecting " + $repset). */
export type DtclExpression = readonly DtclValue[];

/** The comparisons an IF condition may use. */
export type DtclComparison = '=' | '<>' | '<' | '>' | '<=' | '>=';

/** `($exitcode = 0)`: what an IF tests. */
export interface DtclCondition {
  readonly left: DtclExpression;
  readonly operator: DtclComparison;
  readonly right: DtclExpression;
}

/** One DTCL command, keywords resolved, operands kept as written (variables are not evaluated here). */
export type DtclCommand =
  | { readonly kind: 'login'; readonly host: DtclValue; readonly user: DtclValue; readonly password: DtclSecret }
  | { readonly kind: 'source'; readonly host: DtclValue }
  | { readonly kind: 'target'; readonly host: DtclValue }
  | { readonly kind: 'repset-create'; readonly name: DtclValue }
  | {
      readonly kind: 'repset-rule-add';
      readonly path: DtclValue;
      readonly mode: 'include' | 'exclude';
      readonly recursive: boolean;
      readonly replicationSet: DtclValue;
    }
  | { readonly kind: 'repset-save' }
  | { readonly kind: 'repset-list' }
  | { readonly kind: 'connect'; readonly replicationSet: DtclValue; readonly target: DtclValue; readonly mapping: 'exact' }
  | {
      readonly kind: 'mirror-start';
      readonly connection: DtclValue;
      /** [assumed] FULL when no mode is given. */
      readonly mode: 'full' | 'different';
      readonly checksum: boolean;
      readonly orphans: boolean;
    }
  | { readonly kind: 'mirror-stop'; readonly connection: DtclValue }
  | { readonly kind: 'disconnect'; readonly connection: DtclValue }
  | { readonly kind: 'status-con'; readonly connection: DtclValue }
  /** [assumed] `CONNECTION LIST`: every connection of the server with its status (the keyword is not confirmed). */
  | { readonly kind: 'connection-list' }
  | { readonly kind: 'wait'; readonly milliseconds: number }
  | { readonly kind: 'set'; readonly option: string; readonly value: DtclValue }
  | { readonly kind: 'get'; readonly option: string }
  | { readonly kind: 'write'; readonly message: DtclExpression }
  | { readonly kind: 'return'; readonly value: DtclExpression };

/** One statement of a script, with where it starts, so a run can report the line that failed. */
export type DtclStatement =
  | {
      readonly kind: 'command';
      readonly position: DtclPosition;
      readonly command: DtclCommand;
      /** `$mirror = MIRROR START ...`: the variable that receives the command's result. */
      readonly assignTo?: string;
    }
  | { readonly kind: 'assign'; readonly position: DtclPosition; readonly variable: string; readonly value: DtclExpression }
  | {
      readonly kind: 'if';
      readonly position: DtclPosition;
      readonly condition: DtclCondition;
      readonly then: readonly DtclStatement[];
      readonly else: readonly DtclStatement[];
    };
