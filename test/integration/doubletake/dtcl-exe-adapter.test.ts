import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DtclSecret } from '../../../src-main/doubletake/dtcl-ast';
import { DtclExeAdapter, type DtclExeAdapterOptions } from '../../../src-main/doubletake/dtcl-exe-adapter';
import { LabDoubleTakeAdapter } from '../../../src-main/lab/adapters/lab-doubletake-adapter';
import { DoubleTakePortError, type DoubleTakeCommand } from '../../../src-main/doubletake/port';
import { loadDoubleTakeLab } from '../../../src-main/lab/doubletake/doubletake-lab-file';
import { LAB_DOUBLETAKE_PASSWORD } from '../../../src-main/lab/doubletake/lab-accounts';
import { rejectionOf } from '../../helpers/rejection';

const repo = resolve(__dirname, '../../..');
/** The dtcl.exe emulator as an executable of its own, spawned through the real adapter. */
const emulator = [join(repo, 'test/fixtures/bin/dtcl')] as const;
const WRONG = 'Wr0ng-Guess-4711';

let root: string;
let lab: string;
/** The child's TMPDIR/TEMP/TMP (tsx's compile cache disabled): must stay empty — no script file left behind. */
let childTemp: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dtcl-exe-'));
  lab = join(root, 'lab');
  childTemp = join(root, 'tmp');
  mkdirSync(lab);
  mkdirSync(childTemp);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function adapter(node: string, password = LAB_DOUBLETAKE_PASSWORD, command: DtclExeAdapterOptions['command'] = emulator): DtclExeAdapter {
  return new DtclExeAdapter({
    node,
    user: 'Administrator',
    password: new DtclSecret(password),
    command,
    cwd: repo,
    env: { ...process.env, EXCH_HA_LAB: lab, TMPDIR: childTemp, TEMP: childTemp, TMP: childTemp, TSX_DISABLE_CACHE: '1' },
  });
}

const GUIDE_OPTIONS: readonly DoubleTakeCommand[] = [
  { kind: 'set-option', option: 'AutoReconnect', value: 0 },
  { kind: 'set-option', option: 'ChecksumAll', value: 1 },
];

/** Guide 4.4: the set on the owning node, then the identical (case-sensitive) set on the other node. */
const REPLICATION_SET: readonly DoubleTakeCommand[] = [
  { kind: 'repset-create', replicationSet: 'ExchangeRS' },
  { kind: 'repset-rule-add', replicationSet: 'ExchangeRS', rule: { path: 'E:\\Exchsrvr', mode: 'include', recursive: true } },
  { kind: 'repset-rule-add', replicationSet: 'ExchangeRS', rule: { path: 'E:\\Exchsrvr\\Mailroot', mode: 'exclude', recursive: true } },
  { kind: 'repset-rule-add', replicationSet: 'ExchangeRS', rule: { path: 'F:\\Logs', mode: 'include', recursive: false } },
  { kind: 'repset-save' },
];

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function refusal(promise: Promise<unknown>): Promise<DoubleTakePortError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(DoubleTakePortError);
  return error as DoubleTakePortError;
}

describe('dtcl.exe adapter against the dtcl emulator', () => {
  it('sets the guide\'s options on one node, leaving the other at the installation defaults', async () => {
    const src1 = adapter('SRC1');
    expect(await src1.options()).toEqual({ AutoReconnect: 1, ChecksumAll: 0 });
    await src1.run(GUIDE_OPTIONS);
    expect(await src1.options()).toEqual({ AutoReconnect: 0, ChecksumAll: 1 });
    expect(await adapter('SRC2').options()).toEqual({ AutoReconnect: 1, ChecksumAll: 0 });
  });

  it('creates the identical replication set on both source nodes and reads it back the same as the lab adapter', async () => {
    // Both nodes at once: the emulator's lock keeps either update from being lost.
    await Promise.all(['SRC1', 'SRC2'].map((node) => adapter(node).run(REPLICATION_SET)));
    const [one, two] = await Promise.all([adapter('SRC1').replicationSets(), adapter('SRC2').replicationSets()]);
    expect(one).toEqual([
      {
        name: 'ExchangeRS',
        rules: [
          { path: 'E:\\Exchsrvr', mode: 'include', recursive: true },
          { path: 'E:\\Exchsrvr\\Mailroot', mode: 'exclude', recursive: true },
          { path: 'F:\\Logs', mode: 'include', recursive: false },
        ],
        unsavedChanges: false,
      },
    ]);
    expect(two).toEqual(one);
    const model = await loadDoubleTakeLab(lab);
    expect(await new LabDoubleTakeAdapter(model, 'SRC2').replicationSets()).toEqual(one);
    expect(await adapter('SRC1').connections()).toEqual([]);
  });

  it('maps a refusal (names are case-sensitive) to DoubleTakePortError with Double-Take\'s words', async () => {
    const error = await refusal(
      adapter('SRC1').run([{ kind: 'repset-rule-add', replicationSet: 'exchangers', rule: { path: 'G:\\X', mode: 'include', recursive: true } }]),
    );
    expect(error.failure).toBe('refused');
    expect(error.node).toBe('SRC1');
    expect(error.message).toBe("Replication set 'exchangers' does not exist. Replication set names are case-sensitive; this server has 'ExchangeRS'. (script line 2)");
    expect(error.message).not.toContain(LAB_DOUBLETAKE_PASSWORD);
  });

  it('refuses a wrong password with no password in the error, changing nothing', async () => {
    const before = readFileSync(join(lab, 'doubletake.json'), 'utf8');
    const port = adapter('SRC2', WRONG);
    const error = await refusal(port.run(GUIDE_OPTIONS));
    expect(error.failure).toBe('login-failed');
    expect(error.message).toBe('Login to SRC2 failed: unknown user name or bad password.');
    for (const shown of [error.message, String(error), error.stack ?? '', inspect(error), JSON.stringify(error)]) expect(shown).not.toContain(WRONG);
    expect(port.script(GUIDE_OPTIONS).preview).not.toContain(WRONG);
    expect(readFileSync(join(lab, 'doubletake.json'), 'utf8')).toBe(before);
    expect((await refusal(port.options())).failure).toBe('login-failed');
  });

  it('never puts the password on the command line, and leaves no script file behind', async () => {
    const recorder = join(root, 'record-argv.mjs');
    const record = join(root, 'argv.json');
    writeFileSync(
      recorder,
      `import { readFileSync, writeFileSync } from 'node:fs';\nconst input = readFileSync(0, 'utf8');\nwriteFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv, loginOnStdin: input.startsWith('LOGIN ') }));\n`,
    );
    await adapter('SRC1', WRONG, [process.execPath, recorder]).run(GUIDE_OPTIONS);
    const seen = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; loginOnStdin: boolean };
    expect(seen.loginOnStdin).toBe(true);
    expect(seen.argv.slice(2)).toEqual(['-i']);
    expect(seen.argv.join(' ')).not.toContain(WRONG);

    // Nothing at all in the child's temp folder (tsx's cache is off): no script file, deleted or not.
    expect(filesUnder(childTemp)).toEqual([]);
    expect(readdirSync(lab)).toEqual(['doubletake.json']);
    for (const name of readdirSync(lab)) {
      const text = readFileSync(join(lab, name), 'utf8');
      expect(text).not.toContain(LAB_DOUBLETAKE_PASSWORD);
      expect(text).not.toContain(WRONG);
    }
  });
});
