#!/usr/bin/env node
/**
 * `exchange-ha`: the setup of a new cluster pair (guide sections 3-6) from the command line — `lab init DIR`,
 * `setup plan|apply|verify --pair FILE [--lab DIR]` — over the same setup service the desktop program uses. This
 * file only wires the process into exchange-ha/run-exchange-ha.ts; it imports no electron.
 */
import { setupSteps } from '../setup/steps';
import { runExchangeHa } from './exchange-ha/run-exchange-ha';
import { abortOnInterrupt, exitAfterFlush } from './process-exit';

const signal = abortOnInterrupt('exchange-ha', 'stopping before the next change');

runExchangeHa({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  now: () => new Date(),
  signal,
  steps: setupSteps,
}).then(exitAfterFlush, (error: unknown) => {
  process.stderr.write(`exchange-ha: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  exitAfterFlush(1);
});
