import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository's root folder. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** tsx's loader by absolute URL: the process may run in a temp folder, where `--import tsx` would not resolve. */
const TSX_LOADER = pathToFileURL(join(REPOSITORY_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one of the command lines from its TypeScript entry (`src-main/cli/<name>.ts`) as a process, as a user would
 * after `npm install`: a plain environment (PATH and HOME only, unless `env` is given), no standard input.
 */
export function runCliEntry(name: 'exchfailover' | 'exchange-ha', args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<CliRun> {
  const entry = join(REPOSITORY_ROOT, 'src-main', 'cli', `${name}.ts`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, entry, ...args], {
      cwd,
      env: env ?? { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
