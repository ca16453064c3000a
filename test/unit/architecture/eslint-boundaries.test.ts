import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The lint half of the boundary: eslint.config.js must flag the same imports as import-boundaries.ts. */
describe('eslint.config.js', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: repositoryRoot });
  });

  async function ruleHits(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(repositoryRoot, file) });
    return (result?.messages ?? [])
      .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax' || m.ruleId === '@typescript-eslint/no-explicit-any')
      .map((m) => `${m.line} ${m.ruleId}`);
  }

  it('refuses electron outside the shell, statically, dynamically and via require', async () => {
    const code = ["import { app } from 'electron';", "export const m = import('electron/main');", "export const r = require('electron');", "export { app };"].join('\n');
    expect(await ruleHits('src-main/app/zz-lint-fixture.ts', code)).toEqual([
      '1 no-restricted-imports',
      '2 no-restricted-syntax',
      '3 no-restricted-syntax',
    ]);
    expect(await ruleHits('test/unit/lab/zz-lint-fixture.test.ts', code)).toHaveLength(3);
    expect(await ruleHits('src-main/electron/zz-lint-fixture.ts', code)).toEqual([]);
  }, 30_000);

  it('refuses Node, main-only packages and main-side modules in the renderer', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'path';",
      "import { readFile } from 'fs/promises';",
      "import { Client } from 'ldapts';",
      "import WebSocket from 'ws';",
      "import pino from 'pino';",
      "import type { App } from '../src-main/app/app';",
      "import { createClient } from '../src-main/contract/client';",
      "import { useState } from 'react';",
      "export const c = import('child_process');",
      "export const o = import('node:os');",
      "export const l = require('ldapts/dist');",
      "export const r = import('react-dom/client');",
      'export { readFileSync, join, readFile, Client, WebSocket, pino, createClient, useState };',
      'export type { App };',
    ].join('\n');
    expect(await ruleHits('src-renderer/zz-lint-fixture.tsx', code)).toEqual([
      '1 no-restricted-imports',
      '2 no-restricted-imports',
      '3 no-restricted-imports',
      '4 no-restricted-imports',
      '5 no-restricted-imports',
      '6 no-restricted-imports',
      '7 no-restricted-imports',
      '10 no-restricted-syntax',
      '11 no-restricted-syntax',
      '12 no-restricted-syntax',
    ]);
  }, 30_000);

  it('keeps the contract renderer-safe and the shell free of the preview', async () => {
    expect(await ruleHits('src-main/contract/zz-lint-fixture.ts', "import { join } from 'node:path';\nimport type { App } from '../app/app';\nexport { join };\nexport type { App };")).toEqual([
      '1 no-restricted-imports',
      '2 no-restricted-imports',
    ]);
    expect(await ruleHits('src-main/electron/zz-lint-fixture.ts', "export { startPreview } from '../preview/preview-server';")).toEqual([
      '1 no-restricted-imports',
    ]);
  }, 30_000);

  it('keeps the layers: the lab only in the composing folders, the lab inside itself, setup without the app', async () => {
    const reachesLab = "import { isValidObjectName } from '../lab/mscs/names';\nexport { isValidObjectName };";
    expect(await ruleHits('src-main/pair/zz-lint-fixture.ts', reachesLab)).toEqual(['1 no-restricted-imports']);
    expect(await ruleHits('src-main/cluster/zz-lint-fixture.ts', reachesLab)).toEqual(['1 no-restricted-imports']);
    expect(await ruleHits('src-main/setup/steps/zz-lint-fixture.ts', "import { LAB } from '../../lab/topology';\nexport { LAB };")).toEqual([
      '1 no-restricted-imports',
    ]);
    expect(await ruleHits('src-main/app/zz-lint-fixture.ts', "import { openLab } from '../lab/lab';\nexport { openLab };")).toEqual([]);
    expect(await ruleHits('src-main/setup/zz-lint-fixture.ts', "import type { App } from '../app/app';\nexport type { App };")).toEqual([
      '1 no-restricted-imports',
    ]);
    const labReachingOut = [
      "import type { ClusterSummary } from '../contract/channels';",
      "import { createApp } from '../../app/create-app';",
      "import { SetupService } from '../../setup/setup-service';",
      "import { ClusterExeAdapter } from '../../cluster/cluster-exe-adapter';",
      "import type { SetupWorld } from '../../setup/setup-world';",
      "import type { ClusterPort } from '../../cluster/port';",
      "import { app } from 'electron';",
      'export { createApp, SetupService, ClusterExeAdapter };',
      'export type { ClusterSummary, SetupWorld, ClusterPort };',
    ].join('\n');
    expect(await ruleHits('src-main/lab/adapters/zz-lint-fixture.ts', labReachingOut)).toEqual([
      '1 no-restricted-imports',
      '2 no-restricted-imports',
      '3 no-restricted-imports',
      '4 no-restricted-imports',
      '7 no-restricted-imports',
    ]);
  }, 30_000);

  it('refuses explicit any', async () => {
    expect(await ruleHits('src-main/app/zz-lint-fixture.ts', 'export const x: any = 1;')).toEqual(['1 @typescript-eslint/no-explicit-any']);
  }, 30_000);

  it('ignores build output', async () => {
    expect(await eslint.isPathIgnored(join(repositoryRoot, 'out/main/index.js'))).toBe(true);
    expect(await eslint.isPathIgnored(join(repositoryRoot, 'dist/linux-unpacked/x.js'))).toBe(true);
  }, 30_000);
});
