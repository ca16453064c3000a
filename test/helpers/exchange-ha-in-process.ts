import { runExchangeHa } from '../../src-main/cli/exchange-ha/run-exchange-ha';
import { setupSteps } from '../../src-main/setup/steps';

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Standard output and error as they came, interleaved. */
  readonly out: string;
}

/** One `exchange-ha` run in this process (no environment, the system clock unless given), its output collected. */
export async function exchangeHaInProcess(argv: readonly string[], options: { readonly cwd: string; readonly now?: () => Date; readonly signal?: AbortSignal }): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  let out = '';
  const code = await runExchangeHa({
    argv,
    env: {},
    cwd: options.cwd,
    stdout: (t) => ((stdout += t), (out += t)),
    stderr: (t) => ((stderr += t), (out += t)),
    now: options.now ?? (() => new Date()),
    signal: options.signal ?? new AbortController().signal,
    steps: setupSteps,
  });
  return { code, stdout, stderr, out };
}
