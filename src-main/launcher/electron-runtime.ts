import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the `electron` package keeps its runtime, found the way its own `index.js` finds it (without requiring it,
 * which throws a bare Error with a stack trace when the runtime was never downloaded): `path.txt` beside the
 * package's `package.json` names the executable inside `dist/` (or inside `ELECTRON_OVERRIDE_DIST_PATH` when set).
 * `npm install` writes both in the package's postinstall (`install.js`), which does nothing when
 * `ELECTRON_SKIP_BINARY_DOWNLOAD` is set. See https://www.electronjs.org/docs/latest/tutorial/installation
 */
export type ElectronRuntime =
  | { readonly found: true; readonly executable: string }
  | { readonly found: false; readonly packageDir: string | undefined; readonly missing: string };

export interface RuntimeLookup {
  /** The folder of the installed `electron` package (holding its package.json), or undefined when not installed. */
  readonly packageDir: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly exists?: (path: string) => boolean;
  readonly readText?: (path: string) => string;
}

/** Finds Electron's executable, or says which file is missing. */
export function findElectronRuntime(lookup: RuntimeLookup): ElectronRuntime {
  const exists = lookup.exists ?? existsSync;
  const readText = lookup.readText ?? ((path: string) => readFileSync(path, 'utf8'));
  const { packageDir } = lookup;
  if (packageDir === undefined) return { found: false, packageDir, missing: 'the electron package (node_modules/electron)' };
  const pathFile = join(packageDir, 'path.txt');
  if (!exists(pathFile)) return { found: false, packageDir, missing: `${pathFile} (written when Electron's runtime is downloaded)` };
  const relative = readText(pathFile).trim();
  const override = lookup.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const executable = override !== undefined && override !== '' ? join(override, relative || 'electron') : join(packageDir, 'dist', relative);
  if (relative === '' || !exists(executable)) return { found: false, packageDir, missing: `Electron's executable ${executable}` };
  return { found: true, executable };
}

/** The folder of the `electron` package as Node resolves it from `resolve` (e.g. `createRequire(...).resolve`). */
export function electronPackageDir(resolve: (request: string) => string): string | undefined {
  try {
    return dirname(resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** What the launcher prints when the runtime is missing: what, how to get it, and the browser preview. */
export function missingRuntimeMessage(missing: string): string {
  return [
    `npm start: Electron's runtime is missing: ${missing}.`,
    '',
    'It was not downloaded, which happens when the packages were installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or',
    'without Internet access. To get it, on a machine with network access, either:',
    '  - run `npm install` again (without ELECTRON_SKIP_BINARY_DOWNLOAD), or',
    "  - run `node node_modules/electron/install.js` (the electron package's own download step).",
    '',
    'Without Electron, `npm run preview` shows the same program (on the lab) in a browser: it prints the address to open.',
  ].join('\n');
}
