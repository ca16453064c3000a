import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Vitest global setup: bundles the cluster.exe and dtcl.exe emulators once per test run into a temporary folder
 * and names it in EXCH_HA_EMULATOR_BUNDLES, so `test/fixtures/bin/cluster` and `dtcl` start plain Node on one file
 * (about 0.1 s; each bundle keeps its source name, which the entry guard checks) instead of compiling TypeScript through tsx on every spawn (about 0.35 s). A whole setup through the
 * real adapters spawns several hundred of them. Built from the sources at every run, so never stale; the scripts
 * fall back to tsx when the variable is not set (a person running them by hand).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const EMULATOR_BUNDLES_ENV = 'EXCH_HA_EMULATOR_BUNDLES';

export default async function bundleEmulators(): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), 'exch-ha-emulators-'));
  await build({
    entryPoints: {
      'cluster-exe-cli': join(root, 'src-main/lab/emulators/cluster-exe-cli.ts'),
      'dtcl-cli': join(root, 'src-main/lab/emulators/dtcl-cli.ts'),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: folder,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  process.env[EMULATOR_BUNDLES_ENV] = folder;
  return async () => {
    await rm(folder, { recursive: true, force: true });
  };
}
