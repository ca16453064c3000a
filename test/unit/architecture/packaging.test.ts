import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// js-yaml and the schema check come with electron-builder (a devDependency): resolved from its own tree.
const builderRequire = createRequire(createRequire(join(repositoryRoot, 'package.json')).resolve('electron-builder'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  asar: boolean;
  icon: string;
  win: { target: string[] };
  linux: { target: string[]; maintainer: string; category: string };
  nsis: { artifactName: string };
  portable: { artifactName: string };
}

async function loadConfig(): Promise<BuilderConfig> {
  return yaml.load(await readFile(join(repositoryRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(await loadConfig(), { add: () => undefined, isEnabled: false })).resolves.toBeUndefined();
  });

  it('names the product and writes to dist/', async () => {
    const config = await loadConfig();
    expect(config.productName).toBe('Exchange HA Wizard');
    expect(config.appId).toMatch(/^com\.exchangehawizard\./);
    expect(config.directories.output).toBe('dist');
  });

  it('packages only the build output and package.json, in an asar', async () => {
    const config = await loadConfig();
    expect(config.files.filter((pattern) => !pattern.startsWith('!'))).toEqual(['out/**', 'package.json']);
    expect(config.asar).toBe(true);
  });

  it('builds the Windows and Linux targets, with distinct Windows file names', async () => {
    const config = await loadConfig();
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.linux.category).not.toBe('');
    expect(config.nsis.artifactName).not.toBe(config.portable.artifactName);
  });

  it('never builds the browser preview into out/ (electron-vite builds only the shell entries)', async () => {
    const viteConfig = await readFile(join(repositoryRoot, 'electron.vite.config.ts'), 'utf8');
    expect(viteConfig).not.toMatch(/src-main\/preview/);
  });

  it('has a 512x512 RGBA PNG icon', async () => {
    const config = await loadConfig();
    const png = await readFile(join(repositoryRoot, config.icon));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(png[25]).toBe(6);
  });
});
