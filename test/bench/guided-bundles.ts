/**
 * The programs of the guided-failover measurement, bundled once per benchmark run by esbuild from the current
 * sources into the run's scratch folder, so each starts as plain Node on one file (no TypeScript compiled at every
 * start, never stale):
 *  - the contender, guided-failover-entry.ts (`exchange-ha incident failover` with its probe on 127.0.0.1);
 *  - the peer's `exchfailover` (src-main/cli/exchfailover.ts), built the same way so both sides run the same
 *    engine code with the same start-up cost;
 *  - the cluster.exe and dtcl.exe emulators, named in EXCH_HA_EMULATOR_BUNDLES for test/fixtures/bin/cluster and
 *    dtcl (as the test run's global setup does, test/helpers/emulators/bundle-emulators.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Where the bundles are, and the argv prefix of each program. */
export interface GuidedBundles {
  /** The folder for EXCH_HA_EMULATOR_BUNDLES. */
  readonly emulatorFolder: string;
  readonly contender: readonly string[];
  readonly exchfailover: readonly string[];
  /** How long bundling took (not part of any timing). */
  readonly buildMs: number;
}

/** Bundles the four programs into `<workDir>/guided-bundles`. */
export async function buildGuidedBundles(repoRoot: string, workDir: string): Promise<GuidedBundles> {
  const started = performance.now();
  const folder = join(workDir, 'guided-bundles');
  await mkdir(folder, { recursive: true });
  await build({
    entryPoints: {
      // The emulators' entry guards check their file names: the bundles keep the source names.
      'cluster-exe-cli': join(repoRoot, 'src-main/lab/emulators/cluster-exe-cli.ts'),
      'dtcl-cli': join(repoRoot, 'src-main/lab/emulators/dtcl-cli.ts'),
      'guided-failover-entry': join(repoRoot, 'test/bench/guided-failover-entry.ts'),
      exchfailover: join(repoRoot, 'src-main/cli/exchfailover.ts'),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: folder,
    outExtension: { '.js': '.mjs' },
    // Some dependencies are CommonJS that require() Node's modules: give the ESM bundle a require.
    banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return {
    emulatorFolder: folder,
    contender: [process.execPath, join(folder, 'guided-failover-entry.mjs')],
    exchfailover: [process.execPath, join(folder, 'exchfailover.mjs')],
    buildMs: performance.now() - started,
  };
}
