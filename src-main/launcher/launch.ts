import { spawn } from 'node:child_process';
import { findElectronRuntime, missingRuntimeMessage, type RuntimeLookup } from './electron-runtime';

export interface LaunchIo {
  readonly stderr: (text: string) => void;
  /** Forwards Ctrl+C and termination to the child, as the electron package's cli.js does. */
  readonly onSignal?: (signal: NodeJS.Signals, handler: () => void) => void;
}

/**
 * Starts Electron with `args` and resolves to its exit code; when the runtime is missing (or cannot be started),
 * writes what is missing and how to get it, and resolves to 1. Never throws, so `npm start` prints no stack trace.
 */
export function launchElectron(lookup: RuntimeLookup, args: readonly string[], io: LaunchIo): Promise<number> {
  const runtime = findElectronRuntime(lookup);
  if (!runtime.found) {
    io.stderr(`${missingRuntimeMessage(runtime.missing)}\n`);
    return Promise.resolve(1);
  }
  return new Promise((resolve) => {
    const child = spawn(runtime.executable, [...args], { stdio: 'inherit', windowsHide: false });
    child.once('error', (error) => {
      io.stderr(`npm start: Electron could not be started (${runtime.executable}): ${error.message}\n`);
      resolve(1);
    });
    child.once('close', (code, signal) => {
      if (code === null) io.stderr(`npm start: Electron ended by signal ${String(signal)}\n`);
      resolve(code ?? 1);
    });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) io.onSignal?.(signal, () => child.kill(signal));
  });
}
