import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkImport, findImportViolations, formatViolations, importSpecifiers } from './import-boundaries';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('the repository', () => {
  it('keeps the process boundary', async () => {
    const { files, violations } = await findImportViolations(repositoryRoot);
    expect(files).toBeGreaterThan(20);
    expect(formatViolations(violations)).toBe('');
  });
});

describe('importSpecifiers', () => {
  it('finds static, multi-line, type-only, re-export, side-effect, dynamic and require imports', () => {
    const source = [
      "import { a } from 'one';",
      'import {',
      '  b,',
      '  c,',
      "} from './two';",
      "import type { T } from \"three\";",
      "export * from './four';",
      "export { d } from './five';",
      "import './six.css';",
      "const m = await import('seven');",
      "const n = require('eight');",
      "import fs = require('nine');",
    ].join('\n');
    expect(importSpecifiers(source).map((s) => s.specifier)).toEqual([
      'one', './two', 'three', './four', './five', './six.css', 'seven', 'eight', 'nine',
    ]);
    expect(importSpecifiers(source).find((s) => s.specifier === './two')?.line).toBe(5);
  });

  it('ignores comments and strings that only mention an import', () => {
    const source = [
      "/** require('electron') throws here, so shell tests replace it */",
      " * import x from 'electron'",
      "// const e = require('electron');",
      "const text = 'import nothing from here';",
      "export const a = 1; // from 'electron'",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([]);
  });
});

describe('checkImport', () => {
  it.each([
    ['src-main/app/create-app.ts', 'electron', 'electron-outside-shell'],
    ['src-main/lab/lab.ts', 'electron/main', 'electron-outside-shell'],
    ['test/unit/lab/x.test.ts', 'electron', 'electron-outside-shell'],
    ['src-renderer/app.tsx', 'electron', 'electron-outside-shell'],
    ['src-renderer/app.tsx', 'node:fs', 'renderer-import'],
    ['src-renderer/app.tsx', 'fs', 'renderer-import'],
    ['src-renderer/app.tsx', 'fs/promises', 'renderer-import'],
    ['src-renderer/app.tsx', 'child_process', 'renderer-import'],
    ['src-renderer/app.tsx', 'crypto', 'renderer-import'],
    ['src-renderer/app.tsx', 'ldapts', 'renderer-import'],
    ['src-renderer/app.tsx', 'ws', 'renderer-import'],
    ['src-renderer/app.tsx', 'pino/file', 'renderer-import'],
    ['src-renderer/app.tsx', '../src-main/app/app', 'renderer-import'],
    ['src-renderer/store/s.ts', '../../src-main/lab/lab', 'renderer-import'],
    ['src-renderer/app.tsx', '../src-main', 'renderer-import'],
    ['src-renderer/app.tsx', '../src-main/contractual', 'renderer-import'],
    ['src-main/contract/channels.ts', 'node:path', 'contract-import'],
    ['src-main/contract/channels.ts', '../app/app', 'contract-import'],
    ['src-main/contract/channels.ts', 'pino', 'contract-import'],
    ['src-main/electron/main.ts', '../preview/preview-server', 'preview-import'],
    ['src-main/app/create-app.ts', '../preview/wire', 'preview-import'],
    ['src-main/pair/field-rules.ts', '../lab/mscs/names', 'lab-outside-composition'],
    ['src-main/cluster/cluster-exe-adapter.ts', '../lab/mscs/errors', 'lab-outside-composition'],
    ['src-main/setup/steps/x.ts', '../../lab/topology', 'lab-outside-composition'],
    ['src-main/failover/engine.ts', '../lab', 'lab-outside-composition'],
    ['src-main/directory/ldapts-directory.ts', 'src-main/lab/directory/ldif', 'lab-outside-composition'],
    ['src-main/lab/lab.ts', '../contract/channels', 'lab-reaches-out'],
    ['src-main/lab/adapters/x.ts', '../../app/create-app', 'lab-reaches-out'],
    ['src-main/lab/x.ts', '../cli/exchfailover', 'lab-reaches-out'],
    ['src-main/lab/x.ts', '../electron/shell-log', 'lab-reaches-out'],
    ['src-main/lab/adapters/x.ts', '../../setup/setup-service', 'lab-reaches-out'],
    ['src-main/lab/mscs/x.ts', '../../cluster/cluster-exe-adapter', 'lab-reaches-out'],
    ['src-main/lab/x.ts', '../doubletake/dtcl-exe-adapter.ts', 'lab-reaches-out'],
    ['src-main/lab/nodes/x.ts', '../../profile/node-files-root', 'lab-reaches-out'],
    ['src-main/lab/directory/x.ts', '../../directory/ldapts-directory', 'lab-reaches-out'],
    ['src-main/setup/setup-service.ts', '../app/app', 'setup-imports-app'],
    ['src-main/setup/steps/x.ts', '../../app/failover-runner', 'setup-imports-app'],
    ['src-main/electron/shell-log.ts', 'pino', 'pino-outside-logger'],
    ['src-main/cli/exchfailover.ts', 'pino/file', 'pino-outside-logger'],
    ['src-main/shared/redaction.ts', 'pino', 'pino-outside-logger'],
  ])('%s importing %s breaks %s', (file, specifier, rule) => {
    expect(checkImport(file, specifier)).toBe(rule);
  });

  it.each([
    ['src-main/electron/main.ts', 'electron'],
    ['src-main/electron/preload.ts', 'electron'],
    ['src-main/app/create-app.ts', 'node:fs'],
    ['src-main/app/create-app.ts', 'ldapts'],
    ['src-renderer/app.tsx', '../src-main/contract'],
    ['src-renderer/app.tsx', '../src-main/contract/client'],
    ['src-renderer/app.tsx', 'react'],
    ['src-renderer/app.tsx', '@fluentui/react-components'],
    ['src-renderer/app.tsx', './wizard/store'],
    ['src-main/contract/channels.ts', 'zod'],
    ['src-main/contract/channels.ts', './steps'],
    ['src-main/preview/cli.ts', './preview-server'],
    ['src-main/preview/cli.ts', '../app/create-app'],
    ['test/e2e/app.test.ts', '../../src-main/preview/preview-server'],
    ['src-main/setup/steps/x.ts', '../preview'],
    ['src-main/app/create-app.ts', '../lab/lab'],
    ['src-main/cli/exchfailover.ts', '../lab/lab-lock'],
    ['src-main/electron/main.ts', '../lab/lab'],
    ['src-main/pair/field-rules.ts', '../cluster/object-names'],
    ['src-main/lab/mscs/x.ts', '../../cluster/port'],
    ['src-main/lab/mscs/x.ts', '../../cluster/win32-errors'],
    ['src-main/lab/adapters/lab-setup-world.ts', '../../setup/setup-world'],
    ['src-main/lab/adapters/lab-setup-world.ts', '../../setup/exchange-reader'],
    ['src-main/lab/x.ts', '../pair/pair-document-schema'],
    ['src-main/setup/setup-service.ts', '../failover/engine'],
    ['test/unit/pair/x.test.ts', '../../../src-main/lab/lab-pair-document'],
    ['src-main/pair/x.ts', '../laboratory/x'],
    ['src-main/shared/logger.ts', 'pino'],
    ['src-main/electron/shell-log.ts', '../shared/logger'],
  ])('%s may import %s', (file, specifier) => {
    expect(checkImport(file, specifier)).toBeUndefined();
  });
});

describe('the check can fail', () => {
  let fixture: string | undefined;
  afterEach(async () => {
    if (fixture !== undefined) await rm(fixture, { recursive: true, force: true });
    fixture = undefined;
  });

  async function write(root: string, file: string, text: string): Promise<void> {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
  }

  it('reports every violation planted in a fixture tree, and nothing else', async () => {
    fixture = await mkdtemp(join(tmpdir(), 'import-boundaries-'));
    await write(fixture, 'src-main/electron/main.ts', "import { app } from 'electron';\nimport { createApp } from '../app/create-app';\n");
    await write(fixture, 'src-main/app/create-app.ts', "import { readFile } from 'node:fs/promises';\nimport { dialog } from 'electron';\n");
    await write(
      fixture,
      'src-renderer/components/Panel.tsx',
      [
        "import { useState } from 'react';",
        "import { createClient } from '../../src-main/contract/client';",
        "import { readFileSync } from 'fs';",
        "import type { App } from '../../src-main/app/app';",
        "const ws = await import('ws');",
        "// import { x } from 'electron' (a comment, not an import)",
      ].join('\n'),
    );
    await write(fixture, 'src-main/contract/channels.ts', "import { z } from 'zod';\nimport { join } from 'node:path';\n");
    await write(fixture, 'src-main/electron/dev.ts', "export { startPreview } from '../preview/preview-server';\n");
    await write(fixture, 'test/unit/lab/lab.test.ts', "import { app } from 'electron';\n");
    await write(fixture, 'src-main/pair/field-rules.ts', "import { isValidObjectName } from '../lab/mscs/names';\n");
    await write(fixture, 'src-main/lab/lab.ts', "import { LAB } from './topology';\nimport type { ClusterSummary } from '../contract/channels';\n");
    await write(fixture, 'src-main/setup/setup-service.ts', "import type { App } from '../app/app';\n");
    await write(fixture, 'node_modules/x/index.ts', "import 'electron';\n");
    await write(fixture, 'out/main/index.js', "require('electron');\n");

    const { files, violations } = await findImportViolations(fixture);
    expect(files).toBe(9);
    expect(violations.map((v) => `${v.file}:${v.line} ${v.specifier} ${v.rule}`).sort()).toEqual(
      [
        'src-main/app/create-app.ts:2 electron electron-outside-shell',
        'src-main/contract/channels.ts:2 node:path contract-import',
        'src-main/electron/dev.ts:1 ../preview/preview-server preview-import',
        'src-renderer/components/Panel.tsx:3 fs renderer-import',
        'src-renderer/components/Panel.tsx:4 ../../src-main/app/app renderer-import',
        'src-renderer/components/Panel.tsx:5 ws renderer-import',
        'test/unit/lab/lab.test.ts:1 electron electron-outside-shell',
        'src-main/pair/field-rules.ts:1 ../lab/mscs/names lab-outside-composition',
        'src-main/lab/lab.ts:2 ../contract/channels lab-reaches-out',
        'src-main/setup/setup-service.ts:1 ../app/app setup-imports-app',
      ].sort(),
    );
  });
});
