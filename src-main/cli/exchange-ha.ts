#!/usr/bin/env node
/**
 * `exchange-ha`: the setup of a new cluster pair (guide sections 3-6) from the command line — `lab init DIR`,
 * `setup plan|apply|verify --pair FILE [--lab DIR]` — over the same setup service the desktop program uses. This
 * file only wires the process into exchange-ha/run-exchange-ha.ts; it imports no electron. Output errors (a closed
 * pipe or terminal) never stop it (process-exit.ts); an unexpected error exits 1, as its help text says.
 */
import { setupSteps } from '../setup/steps';
import { runExchangeHa } from './exchange-ha/run-exchange-ha';
import { runEntry } from './process-exit';

runEntry({ program: 'exchange-ha', interruptMessage: 'stopping before the next change', unexpectedExitCode: 1 }, ({ stdout, stderr, signal }) =>
  runExchangeHa({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => stdout.write(text),
    stderr: (text) => stderr.write(text),
    now: () => new Date(),
    signal,
    steps: setupSteps,
  }),
);
