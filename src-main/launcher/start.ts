/**
 * `npm start` after the build: starts Electron with the arguments given (as `electron .` did), or, when Electron's
 * runtime was never downloaded, says what is missing and how to get it, and exits with 1 (no stack trace).
 */
import { createRequire } from 'node:module';
import { electronPackageDir } from './electron-runtime';
import { launchElectron } from './launch';

const code = await launchElectron(
  { packageDir: electronPackageDir(createRequire(import.meta.url).resolve), env: process.env },
  process.argv.slice(2),
  { stderr: (text) => process.stderr.write(text), onSignal: (signal, handler) => process.on(signal, handler) },
);
process.exit(code);
