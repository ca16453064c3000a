#!/usr/bin/env node
/**
 * `exchange-ha`: the setup of a new cluster pair (guide sections 3-6) from the command line — `lab init DIR`,
 * `setup plan|apply|verify --pair FILE [--lab DIR]` — over the same setup service the desktop program uses. This
 * file only wires the process into exchange-ha/run-exchange-ha.ts; it imports no electron.
 */
import { setupSteps } from '../setup/steps';
import { runExchangeHa } from './exchange-ha/run-exchange-ha';

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  // First Ctrl+C: stop before the next change (what was done is journalled); a second one ends the process at once.
  if (interrupted) process.exit(130);
  interrupted = true;
  process.stderr.write('exchange-ha: interrupted; stopping before the next change (Ctrl+C again to quit now)\n');
  controller.abort();
});

/** Exits once both streams have flushed what was written to them (a pipe is written asynchronously). */
function exitAfterFlush(code: number): void {
  let waiting = 2;
  const done = (): void => {
    waiting -= 1;
    if (waiting === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

runExchangeHa({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  now: () => new Date(),
  signal: controller.signal,
  steps: setupSteps,
}).then(exitAfterFlush, (error: unknown) => {
  process.stderr.write(`exchange-ha: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  exitAfterFlush(1);
});
