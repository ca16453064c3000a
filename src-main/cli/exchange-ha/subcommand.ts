/**
 * What a command of `exchange-ha` that parses its own arguments is given (`lab fail|restore`, `incident …`): the
 * words after its name, the run's outside world, and the masked output. It returns the exit code.
 */
import type { createSecretMask } from '../../shared/redaction';
import type { Logger } from '../../shared/log-port';

export interface SubcommandIo {
  /** The words after the command's own name (`incident watch --pair F` gives `--pair F`). */
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly now: () => Date;
  readonly signal: AbortSignal;
  /** One line to standard output, masked. */
  line(text: string): void;
  /** One line to standard error, masked. */
  problem(text: string): void;
  /** A JSON value on one line of standard output, masked. */
  json(value: unknown): void;
  readonly mask: ReturnType<typeof createSecretMask>;
  readonly logger?: Logger;
}

export type Subcommand = (io: SubcommandIo) => Promise<number>;
