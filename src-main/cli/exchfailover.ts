#!/usr/bin/env node
/**
 * `exchfailover`: the NSI ExchFailover utility's command line (seed, Appendix I) over this project's failover
 * engine, for scripts such as postover.bat. Runs as `npm run --silent exchfailover -- ARGS` (tsx) and as the built
 * `out/main/exchfailover.js`. This file only wires the real outside world into run-exchfailover.ts; it imports no
 * electron.
 */
import { once } from 'node:events';
import { openLdaptsDirectory } from '../directory/ldapts-directory';
import { runFailover, undoFailover } from '../failover/engine';
import { nodeCliFiles } from './cli-files';
import { runExchfailover } from './run-exchfailover';
import { createSecretMask, passwordsInArguments } from './secret-masking';
import { abortOnInterrupt, exitAfterFlush } from './process-exit';

const signal = abortOnInterrupt('exchfailover', 'stopping after the operations in flight');

runExchfailover({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => void process.stdout.write(text),
  stdoutReady: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : undefined),
  stderr: (text) => void process.stderr.write(text),
  files: nodeCliFiles,
  now: () => new Date(),
  engine: { runFailover, undoFailover },
  openDirectory: openLdaptsDirectory,
  signal,
}).then(exitAfterFlush, (error: unknown) => {
  const mask = createSecretMask(passwordsInArguments(process.argv.slice(2)));
  process.stderr.write(mask.text(`exchfailover: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`));
  exitAfterFlush(2);
});
