import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronPackageDir, findElectronRuntime, missingRuntimeMessage } from '../../../src-main/launcher/electron-runtime';
import { launchElectron } from '../../../src-main/launcher/launch';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'launcher-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fake electron package whose "runtime" is a shell script writing its arguments to a file and exiting with 7. */
async function fakePackage(): Promise<{ packageDir: string; argsFile: string }> {
  const packageDir = join(dir, 'electron');
  const argsFile = join(dir, 'args.txt');
  await mkdir(join(packageDir, 'dist'), { recursive: true });
  await writeFile(join(packageDir, 'path.txt'), 'electron');
  await writeFile(join(packageDir, 'dist', 'electron'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexit 7\n`);
  await chmod(join(packageDir, 'dist', 'electron'), 0o755);
  return { packageDir, argsFile };
}

describe('findElectronRuntime', () => {
  it('names path.txt when the runtime was never downloaded', () => {
    const found = findElectronRuntime({ packageDir: dir, env: {} });
    expect(found).toEqual({ found: false, packageDir: dir, missing: expect.stringContaining(join(dir, 'path.txt')) as string });
  });

  it('names the executable when path.txt points at nothing', async () => {
    await writeFile(join(dir, 'path.txt'), 'electron');
    const found = findElectronRuntime({ packageDir: dir, env: {} });
    expect(found.found).toBe(false);
    expect(!found.found && found.missing).toContain(join(dir, 'dist', 'electron'));
  });

  it('says the package itself is missing when it does not resolve', () => {
    expect(electronPackageDir(() => { throw new Error('Cannot find module'); })).toBeUndefined();
    const found = findElectronRuntime({ packageDir: undefined, env: {} });
    expect(!found.found && found.missing).toContain('node_modules/electron');
  });

  it('finds dist/<path.txt>, or the same name under ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const { packageDir } = await fakePackage();
    expect(findElectronRuntime({ packageDir, env: {} })).toEqual({ found: true, executable: join(packageDir, 'dist', 'electron') });
    const override = join(dir, 'elsewhere');
    expect(findElectronRuntime({ packageDir, env: { ELECTRON_OVERRIDE_DIST_PATH: override } }).found).toBe(false);
    await mkdir(override);
    await writeFile(join(override, 'electron'), '');
    expect(findElectronRuntime({ packageDir, env: { ELECTRON_OVERRIDE_DIST_PATH: override } })).toEqual({ found: true, executable: join(override, 'electron') });
  });
});

describe('launchElectron', () => {
  it('starts the runtime with the same arguments and returns its exit code', async () => {
    const { packageDir, argsFile } = await fakePackage();
    let written = '';
    const code = await launchElectron({ packageDir, env: {} }, ['.', '--lab', 'a b'], { stderr: (t) => (written += t) });
    expect(code).toBe(7);
    expect(written).toBe('');
    expect((await readFile(argsFile, 'utf8')).split('\n')).toEqual(['.', '--lab', 'a b', '']);
  });

  it('without a runtime says what is missing, how to get it and that the preview works, and returns 1', async () => {
    let written = '';
    const code = await launchElectron({ packageDir: dir, env: {} }, ['.'], { stderr: (t) => (written += t) });
    expect(code).toBe(1);
    expect(written).toBe(`${missingRuntimeMessage(`${join(dir, 'path.txt')} (written when Electron's runtime is downloaded)`)}\n`);
    expect(written).toContain('npm install');
    expect(written).toContain('node node_modules/electron/install.js');
    expect(written).toContain('npm run preview');
  });

  it('a runtime that cannot be started is reported in one line, with exit code 1', async () => {
    const { packageDir } = await fakePackage();
    await chmod(join(packageDir, 'dist', 'electron'), 0o644);
    let written = '';
    expect(await launchElectron({ packageDir, env: {} }, ['.'], { stderr: (t) => (written += t) })).toBe(1);
    expect(written).toMatch(/^npm start: Electron could not be started \(.*\): .*EACCES.*\n$/);
  });
});
