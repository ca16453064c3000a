/**
 * `npm start`'s launcher as a process on this machine, where Electron's runtime is absent (the README's test line
 * installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1). ELECTRON_OVERRIDE_DIST_PATH names an empty folder, so the runtime
 * is missing even where one was downloaded: the electron package looks there first.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../../helpers/run-cli-entry';

let empty: string;
beforeEach(async () => {
  empty = await mkdtemp(join(tmpdir(), 'no-electron-'));
});
afterEach(async () => {
  await rm(empty, { recursive: true, force: true });
});

it('says what is missing, how to get it and that npm run preview works, exits 1, and prints no stack trace', async () => {
  const loader = pathToFileURL(join(REPOSITORY_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', loader, join(REPOSITORY_ROOT, 'src-main/launcher/start.ts'), '.'], {
      cwd: REPOSITORY_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ELECTRON_OVERRIDE_DIST_PATH: empty },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^npm start: Electron's runtime is missing: /);
  expect(run.stderr).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  expect(run.stderr).toContain('node node_modules/electron/install.js');
  expect(run.stderr).toContain('`npm run preview` shows the same program');
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toContain('Error:');
});
