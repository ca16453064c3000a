import { defineConfig } from 'vitest/config';

/** Unit and integration tests run in Node; e2e tests have their own project (they need the built renderer). */
export default defineConfig({
  test: {
    // The cluster.exe and dtcl.exe emulators bundled once per run, for the fixture scripts in test/fixtures/bin.
    globalSetup: ['test/helpers/emulators/bundle-emulators.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
