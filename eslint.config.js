// @ts-check
/**
 * Lint for the whole repository. Not type-aware on purpose: it stays fast (no program build), and `tsc` already
 * checks types. What lint adds is the process boundary as an error, mirrored by
 * test/unit/architecture/import-boundaries.test.ts, which also catches what a lint-disable comment would hide:
 *  - `electron` is imported only by the thin shell in src-main/electron/;
 *  - the renderer (src-renderer/) imports no Node built-in, no ldapts/ws/pino, nothing from src-main/ but
 *    src-main/contract;
 *  - src-main/contract, which the renderer bundles, follows the renderer's rules and stays inside itself;
 *  - the shell never imports the browser preview (src-main/preview is a lab-only dev host, never packaged);
 *  - the layers: only the composing folders (lab, app, cli, preview, electron) import the lab; the lab imports no
 *    contract, app, command line, preview, shell, setup service or real adapter; setup does not import the app.
 */
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ELECTRON_MESSAGE =
  'Only the thin shell (src-main/electron/) may import electron: services stay plain Node, the renderer talks through window.api.';
const RENDERER_NODE_MESSAGE = 'The renderer runs sandboxed in a browser: no Node built-ins. Ask the main process through the contract.';
const RENDERER_MAIN_MESSAGE = 'The renderer may import only src-main/contract from the main side; everything else is reached through window.api.';
const MAIN_ONLY_PACKAGES = ['ldapts', 'ws', 'pino'];

/** Top-level built-ins (`fs`, `path`, ...); their subpaths (`fs/promises`) are covered by a pattern. */
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_') && !name.includes('/'));

const electronPaths = [{ name: 'electron', message: ELECTRON_MESSAGE }];
const electronPatterns = [{ group: ['electron/*'], message: ELECTRON_MESSAGE }];

/** What the renderer and the contract it bundles may not import (bare module names). */
const browserOnlyPaths = [
  ...electronPaths,
  ...nodeBuiltins.map((name) => ({ name, message: RENDERER_NODE_MESSAGE })),
  ...MAIN_ONLY_PACKAGES.map((name) => ({ name, message: `${name} is a main-process package. ${RENDERER_MAIN_MESSAGE}` })),
];
const browserOnlyPatterns = [
  ...electronPatterns,
  { group: ['node:*'], message: RENDERER_NODE_MESSAGE },
  { group: nodeBuiltins.map((name) => `${name}/*`), message: RENDERER_NODE_MESSAGE },
  { group: MAIN_ONLY_PACKAGES.map((name) => `${name}/*`), message: RENDERER_MAIN_MESSAGE },
];

const LAB_OUTSIDE_COMPOSITION_MESSAGE =
  'Only the composing folders (lab, app, cli, preview, electron) import the lab: a domain rule lives in the module that owns the concept, and the lab imports it from there.';
const LAB_REACHES_OUT_MESSAGE =
  'The lab implements the ports: it imports no contract, app, command line, preview, shell, setup service nor real adapter.';
/** The lab, by relative path from a folder under src-main (any depth). */
const labPattern = { regex: '^(\\.\\./)+lab(/|$)', message: LAB_OUTSIDE_COMPOSITION_MESSAGE };
const appPattern = { regex: '^(\\.\\./)+app(/|$)', message: 'The setup services do not know the app that composes them.' };
const labReachesOutPatterns = [
  { regex: '^(\\.\\./)+(contract|app|cli|preview|electron)(/|$)', message: LAB_REACHES_OUT_MESSAGE },
  { regex: '^(\\.\\./)+setup/(?!(setup-world|exchange-reader)$)', message: LAB_REACHES_OUT_MESSAGE },
  { regex: '(^|/)(cluster-exe-adapter|dtcl-exe-adapter|node-files-root|ldapts-directory)$', message: LAB_REACHES_OUT_MESSAGE },
];

/** `import()` and `require()` of the same modules: the core rule sees only static imports and exports. */
const dynamicImportOf = (regex, message) => [
  { selector: `ImportExpression[source.value=${regex}]`, message },
  { selector: `CallExpression[callee.name='require'][arguments.0.value=${regex}]`, message },
];
// esquery regexes cannot contain a slash, so \x2F stands for "/".
const ELECTRON_REGEX = '/^electron(\\x2F|$)/';
const BROWSER_FORBIDDEN_REGEX = `/^(node:|(electron|${[...nodeBuiltins, ...MAIN_ONLY_PACKAGES].join('|')})(\\x2F|$))/`;

export default defineConfig([
  globalIgnores(['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'project/all',
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Names from clusters, LDAP and Windows paths are validated by refusing control characters: /[\x00-\x1f]/ is
      // the point there, not a typo.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': ['error', { paths: electronPaths, patterns: electronPatterns }],
      'no-restricted-syntax': ['error', ...dynamicImportOf(ELECTRON_REGEX, ELECTRON_MESSAGE)],
    },
  },
  {
    name: 'project/outside-composition',
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/{lab,app,cli,preview,electron,contract,setup}/**'],
    rules: { 'no-restricted-imports': ['error', { paths: electronPaths, patterns: [...electronPatterns, labPattern] }] },
  },
  {
    name: 'project/setup',
    files: ['src-main/setup/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: electronPaths, patterns: [...electronPatterns, labPattern, appPattern] }] },
  },
  {
    name: 'project/lab',
    files: ['src-main/lab/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: electronPaths, patterns: [...electronPatterns, ...labReachesOutPatterns] }] },
  },
  {
    name: 'project/electron-shell',
    files: ['src-main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./preview(/|$)',
              message: 'The browser preview is a lab-only dev host and must never end up in the packaged program.',
            },
          ],
        },
      ],
      'no-restricted-syntax': 'off',
    },
  },
  {
    name: 'project/renderer',
    files: ['src-renderer/**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: browserOnlyPaths,
          patterns: [...browserOnlyPatterns, { regex: '(^|/)src-main(/|$)(?!contract(/|$))', message: RENDERER_MAIN_MESSAGE }],
        },
      ],
      'no-restricted-syntax': ['error', ...dynamicImportOf(BROWSER_FORBIDDEN_REGEX, RENDERER_NODE_MESSAGE)],
    },
  },
  {
    name: 'project/contract',
    files: ['src-main/contract/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: browserOnlyPaths,
          patterns: [
            ...browserOnlyPatterns,
            {
              regex: '^\\.\\./',
              message: 'The renderer bundles src-main/contract: it may import zod and itself, nothing else from src-main.',
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...dynamicImportOf(BROWSER_FORBIDDEN_REGEX, RENDERER_NODE_MESSAGE)],
    },
  },
]);
