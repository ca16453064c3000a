#!/usr/bin/env node
/**
 * `exchfailover`: the NSI ExchFailover utility's command line (seed, Appendix I) over this project's failover
 * engine, for scripts such as postover.bat. Runs as `npm run --silent exchfailover -- ARGS` (tsx) and as the built
 * `out/main/exchfailover.js`. This file only wires the real outside world into run-exchfailover.ts; it imports no
 * electron. An unexpected error exits 2 (stopped), never 1: once the engine started, something may have changed.
 */
import { DirectoryError } from '../directory/directory-error';
import { openLdaptsDirectory } from '../directory/ldapts-directory';
import { composeWorld, type ComposedWorld } from '../app/compose-world';
import { runFailover, undoFailover } from '../failover/engine';
import { nodeCliFiles } from './cli-files';
import { ExitCode } from './exit-codes';
import { runEntry } from './process-exit';
import { type LabDirectorySession, runExchfailover } from './run-exchfailover';
import { createSecretMask, passwordsInArguments } from '../shared/redaction';

const argv = process.argv.slice(2);

/**
 * `--lab FOLDER`: the lab's directory, composed as every host composes a world (app/compose-world.ts), with the lab's
 * lock held until it is saved (one program at a time).
 */
async function openLabForRun(folder: string): Promise<LabDirectorySession> {
  let world: ComposedWorld;
  try {
    world = await composeWorld({ kind: 'lab', labFolder: folder }, { now: () => new Date() });
  } catch (error) {
    throw new DirectoryError('unavailable', error instanceof Error ? error.message : String(error));
  }
  try {
    const directory = await world.connectDirectory();
    return {
      directory,
      async close() {
        try {
          await directory.close();
        } finally {
          await world.close();
        }
      },
    };
  } catch (error) {
    await world.close();
    throw error;
  }
}

runEntry(
  {
    program: 'exchfailover',
    interruptMessage: 'stopping after the operations in flight',
    unexpectedExitCode: ExitCode.stopped,
    mask: createSecretMask(passwordsInArguments(argv)).text,
  },
  ({ stdout, stderr, signal }) =>
    runExchfailover({
      argv,
      env: process.env,
      cwd: process.cwd(),
      stdout: (text) => stdout.write(text),
      stdoutReady: () => stdout.ready(),
      stderr: (text) => stderr.write(text),
      files: nodeCliFiles,
      now: () => new Date(),
      engine: { runFailover, undoFailover },
      openDirectory: openLdaptsDirectory,
      openLab: openLabForRun,
      signal,
    }),
);
