import { defineConfig } from 'vitest/config';

/** Unit and integration tests run in Node; e2e tests have their own project (they need the built renderer). */
export default defineConfig({
  test: {
    // The cluster.exe and dtcl.exe emulators bundled once per run, for the fixture scripts in test/fixtures/bin.
    globalSetup: ['test/helpers/emulators/bundle-emulators.ts'],
    projects: [
      // Property tests build thousands of inputs: on a busy 2-core machine one can take longer than vitest's default
      // 5 s. Time is measured by the benchmarks, never by a unit test, so the limit only catches a test that hangs.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
