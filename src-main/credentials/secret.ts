import { inspect } from 'node:util';

/** What every printed form of a secret shows. */
export const MASK = '********';

/**
 * A password held in memory. Every way a value usually reaches a log, a journal, an export or a reply — string
 * conversion, JSON, Node's inspect (https://nodejs.org/api/util.html#utilinspectcustom) — prints `********`; only
 * `reveal()` gives the text, and only the adapter that must send it calls it.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return MASK;
  }
  toJSON(): string {
    return MASK;
  }
  [inspect.custom](): string {
    return `Secret(${MASK})`;
  }
}
