import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogueLines, explainError } from '../../../src-main/contract/error-catalogue';
import type { LdaptsDirectoryOptions } from '../../../src-main/directory/ldapts-directory';
import { DirectoryError, type DirectoryPort } from '../../../src-main/directory/port';
import {
  type EngineDeps,
  type EngineEvents,
  FailoverInputError,
  type FailoverOutcome,
  type FailoverRequest,
  type PlannedChange,
  type RunFailover,
  type UndoFailover,
} from '../../../src-main/failover/engine-api';
import { type ExchfailoverIo, runExchfailover } from '../../../src-main/cli/run-exchfailover';
import { MemoryFiles } from './memory-files';
import { anyString } from './any-code-point';

const CWD = '/srv/dt';
const SECRET = 'Corr3ct-Horse!';
const URL = 'ldap://127.0.0.1:3890';
const NOW = new Date('2024-05-01T03:00:00.000Z');

const PLAN: PlannedChange[] = [
  {
    phase: 'patch-flag',
    dn: 'CN=Sales,CN=Indy,CN=InformationStore,CN=EXCHVS-DR,CN=Servers,...',
    attribute: 'msExchPatchMDB',
    before: ['FALSE'],
    after: ['TRUE'],
    why: 'overwrite on restore: the replicated database must mount',
  },
  {
    phase: 'mailboxes',
    dn: 'CN=Anna Smith,CN=Users,DC=lab,DC=local',
    attribute: 'homeMDB',
    before: ['CN=Sales,CN=Indy,...EXCHVS'],
    after: ['CN=Sales,CN=Indy,...EXCHVS-DR'],
    why: 'Indy/Sales is paired with Indy/Sales',
  },
];

function outcome(status: FailoverOutcome['status'], extra: Partial<FailoverOutcome> = {}): FailoverOutcome {
  return {
    status,
    pairs: [{ sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'Indy', targetStore: 'Sales', kind: 'mailbox', databaseFile: 'Sales.edb' }],
    unpaired: [],
    phases: [{ phase: 'patch-flag', planned: 1, applied: status === 'planned' ? 0 : 1, skipped: 0, conflicts: 0, errors: 0 }],
    conflicts: [],
    errors: [],
    mailboxCounts: [{ store: 'CN=Sales,CN=Indy,...EXCHVS-DR', server: 'EXCHVS-DR', count: 12 }],
    verification: [{ what: 'no mailbox left on a source store', ok: status !== 'verify-failed', detail: status === 'verify-failed' ? '2 left' : undefined }],
    ...extra,
  };
}

/** A directory port that only needs closing: the engines passed in here never touch it. */
function idleDirectory(closed: string[]): DirectoryPort {
  const unused = (): never => {
    throw new Error('not used by these tests');
  };
  return { rootDse: unused, search: unused, modify: unused, add: unused, delete: unused, close: async () => void closed.push('closed') };
}

interface Harness {
  readonly io: ExchfailoverIo;
  readonly files: MemoryFiles;
  readonly calls: { request?: FailoverRequest; deps?: EngineDeps; undoJournal?: string; undoTest?: boolean; opened: LdaptsDirectoryOptions[]; closed: string[] };
  stdout(): string;
  stderr(): string;
  log(): string;
}

interface HarnessOptions {
  readonly argv: readonly string[];
  readonly engine?: (request: FailoverRequest, deps: EngineDeps, events: EngineEvents) => Promise<FailoverOutcome>;
  readonly undo?: UndoFailover;
  readonly open?: (options: LdaptsDirectoryOptions) => Promise<DirectoryPort>;
  readonly files?: Record<string, string>;
}

function harness(options: HarnessOptions): Harness {
  const out: string[] = [];
  const err: string[] = [];
  const files = new MemoryFiles(options.files);
  const calls: Harness['calls'] = { opened: [], closed: [] };
  const runFailover: RunFailover = async (request, deps, events = {}) => {
    calls.request = request;
    calls.deps = deps;
    await deps.connect();
    if (options.engine !== undefined) return options.engine(request, deps, events);
    if (request.test) for (const change of PLAN) events.onPlannedChange?.(change);
    events.onPhase?.('patch-flag', 'start');
    events.onLog?.('info', 'patch flag set on 1 store');
    events.onPhase?.('patch-flag', 'end');
    return outcome(request.test ? 'planned' : 'done', request.test ? {} : { journalFile: deps.journalFile });
  };
  const undoFailover: UndoFailover =
    options.undo ??
    (async (journal, deps, _events, undoOptions) => {
      calls.undoJournal = journal;
      calls.undoTest = undoOptions?.test;
      calls.deps = deps;
      return outcome('done', { journalFile: deps.journalFile });
    });
  const io: ExchfailoverIo = {
    argv: options.argv,
    env: {},
    cwd: CWD,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    files,
    now: () => NOW,
    engine: { runFailover, undoFailover },
    openDirectory: async (directoryOptions) => {
      calls.opened.push(directoryOptions);
      if (options.open !== undefined) return options.open(directoryOptions);
      return idleDirectory(calls.closed);
    },
  };
  return {
    io,
    files,
    calls,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    log: () => files.files.get(`${CWD}/ExchFailover.log`) ?? '',
  };
}

const BASE = ['-failover', '-s', 'EXCHVS', '-t', 'EXCHVS-DR', '--ldap-url', URL];
const WITH_USER = [...BASE, '-u', `CN=Administrator,DC=lab,DC=local:${SECRET}`];

function expectNoSecret(h: Harness): void {
  expect(h.stdout()).not.toContain(SECRET);
  expect(h.stderr()).not.toContain(SECRET);
  expect(h.files.everything()).not.toContain(SECRET);
}

describe('runExchfailover', () => {
  it('runs a failover: request and deps built from the options, summary printed, exit 0', async () => {
    const h = harness({ argv: [...WITH_USER, '-r', 'Indy,', 'Sales:Indy,', 'Sales', '-norus'] });
    expect(await runExchfailover(h.io)).toBe(0);
    expect(h.calls.request).toEqual({
      direction: 'failover',
      source: 'EXCHVS',
      target: 'EXCHVS-DR',
      rules: [{ kind: 'store', sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'Indy', targetStore: 'Sales' }],
      setupOnly: false,
      test: false,
      noRus: true,
      noSpn: false,
    });
    expect(h.calls.opened).toEqual([{ url: URL, bindDn: 'CN=Administrator,DC=lab,DC=local', password: SECRET, connections: 8, pageSize: 1000 }]);
    expect(h.calls.deps?.journalFile).toBe(`${CWD}/ExchFailover-20240501T030000Z.journal`);
    expect(h.calls.closed).toEqual(['closed']);
    expect(h.stdout()).toContain('ExchFailover -FAILOVER EXCHVS -> EXCHVS-DR: done and verified.');
    expect(h.stdout()).toContain('Indy, Sales -> Indy, Sales [mailbox, Sales.edb]');
    expect(h.stdout()).toContain('Verification: 1 of 1 checks held.');
    expect(h.stdout()).toMatch(/Exit code: 0\n$/);
    expect(h.stderr()).toBe('');
    expectNoSecret(h);
  });

  it('writes the log file: start, options with the password masked, pairs, phases, result, timestamps; appended', async () => {
    const h = harness({ argv: WITH_USER });
    await runExchfailover(h.io);
    await runExchfailover(h.io);
    const log = h.log();
    expect(log.match(/---- ExchFailover started: -FAILOVER EXCHVS -> EXCHVS-DR/g)).toHaveLength(2);
    expect(log).toContain(`Options: -FAILOVER -s EXCHVS -t EXCHVS-DR --ldap-url ${URL} -u CN=Administrator,DC=lab,DC=local:******** -l ${CWD}/ExchFailover.log`);
    for (const expected of [
      'INFO  Pair: Indy, Sales -> Indy, Sales [mailbox, Sales.edb]',
      'INFO  Phase patch-flag: start',
      'INFO  patch flag set on 1 store',
      'INFO  Phase patch-flag: planned 1, applied 1, skipped 0, conflicts 0, errors 0',
      'INFO  Mailboxes: 12 on CN=Sales,CN=Indy,...EXCHVS-DR (EXCHVS-DR)',
      'INFO  Verification held: no mailbox left on a source store',
      'INFO  Result: done and verified (exit code 0)',
    ]) {
      expect(log).toContain(expected);
    }
    expect(log.split('\n').filter((line) => line !== '').every((line) => line.startsWith('2024-05-01T03:00:00.000Z '))).toBe(true);
    expectNoSecret(h);
  });

  it('-test prints every planned change and passes no journal', async () => {
    const h = harness({ argv: [...BASE, '-TEST'] });
    expect(await runExchfailover(h.io)).toBe(0);
    expect(h.calls.request?.test).toBe(true);
    expect(h.calls.deps?.journalFile).toBeUndefined();
    const out = h.stdout();
    expect(out).toContain('Plan (test mode: nothing is changed):');
    expect(out).toContain('patch-flag     CN=Sales,CN=Indy,CN=InformationStore,CN=EXCHVS-DR,CN=Servers,...  msExchPatchMDB: FALSE -> TRUE  (overwrite on restore');
    expect(out).toContain('homeMDB: CN=Sales,CN=Indy,...EXCHVS -> CN=Sales,CN=Indy,...EXCHVS-DR  (Indy/Sales is paired with Indy/Sales)');
    expect(out).toContain('planned (test mode: nothing was changed).');
    expect(out).toContain('Planned changes: 2.');
  });

  it('--json prints one document: the plan (with -test), the outcome and the exit code', async () => {
    const test = harness({ argv: [...BASE, '-test', '--json'] });
    expect(await runExchfailover(test.io)).toBe(0);
    const document = JSON.parse(test.stdout()) as { plan: PlannedChange[]; outcome: FailoverOutcome; exitCode: number; error: null; logFile: string };
    expect(document.plan).toEqual(PLAN);
    expect(document.outcome.status).toBe('planned');
    expect(document).toMatchObject({ exitCode: 0, error: null, logFile: `${CWD}/ExchFailover.log` });

    const real = harness({ argv: [...WITH_USER, '--json'] });
    expect(await runExchfailover(real.io)).toBe(0);
    const done = JSON.parse(real.stdout()) as { plan?: unknown; outcome: FailoverOutcome; exitCode: number; command: string };
    expect(done.plan).toBeUndefined();
    expect(done.outcome.journalFile).toBe(`${CWD}/ExchFailover-20240501T030000Z.journal`);
    expect(done.command).toContain(':********');
    expectNoSecret(real);
  });

  it('--json answers a refusal in JSON too, with the one-line message on stderr', async () => {
    const h = harness({ argv: ['-failover', '--json', '-s', 'A'] });
    expect(await runExchfailover(h.io)).toBe(1);
    expect(JSON.parse(h.stdout())).toEqual({ outcome: null, error: { kind: 'usage', message: expect.stringMatching(/^-t <target> is missing/) }, exitCode: 1 });
    expect(h.stderr()).toMatch(/^exchfailover: -t <target> is missing[^\n]*\n$/);
  });

  it.each<[string, FailoverOutcome['status'], number]>([
    ['stopped', 'stopped', 2],
    ['verify-failed', 'verify-failed', 3],
  ])('maps an outcome %s (%s) to exit %i', async (_, status, code) => {
    const h = harness({
      argv: WITH_USER,
      engine: async () =>
        outcome(status, {
          conflicts: [{ dn: 'CN=Anna,CN=Users,DC=lab,DC=local', attribute: 'homeMDB', expected: ['CN=A'], found: ['CN=B'] }],
          errors: status === 'stopped' ? ['modify CN=Bob: busy'] : [],
        }),
    });
    expect(await runExchfailover(h.io)).toBe(code);
    expect(h.stdout()).toContain('CN=Anna,CN=Users,DC=lab,DC=local  homeMDB: expected CN=A, found CN=B');
    expect(h.log()).toContain('WARN  Conflict: CN=Anna,CN=Users,DC=lab,DC=local  homeMDB: expected CN=A, found CN=B');
    expect(h.log()).toContain(`Result: `);
    expect(h.log()).toContain(`(exit code ${code})`);
    if (status === 'verify-failed') expect(h.stdout()).toContain('FAILED: no mailbox left on a source store (2 left)');
  });

  it("turns the engine's FailoverInputError into exit 1 (nothing changed)", async () => {
    const h = harness({
      argv: WITH_USER,
      engine: async () => {
        throw new FailoverInputError('no Exchange server named "EXCHVS" in the organisation');
      },
    });
    expect(await runExchfailover(h.io)).toBe(1);
    expect(h.stderr()).toBe('exchfailover: refused, nothing changed: no Exchange server named "EXCHVS" in the organisation\n');
    expect(h.log()).toContain('Result: refused, nothing changed (exit code 1)');
  });

  it('turns a directory error during the run into exit 2 and says where the journal is', async () => {
    const h = harness({
      argv: WITH_USER,
      engine: async () => {
        throw new DirectoryError('unavailable', 'modify CN=x: connection closed');
      },
    });
    expect(await runExchfailover(h.io)).toBe(2);
    expect(h.stderr()).toMatch(/^exchfailover: stopped by a directory error: cannot reach the directory at ldap:\/\/127\.0\.0\.1:3890: modify CN=x: connection closed \(what was done is journalled in .*ExchFailover-20240501T030000Z\.journal\)\n {2}The directory could not be reached: .+\n {2}What to do: .+\n$/);
  });

  it('a wrong password: exit 2, "invalid credentials", the engine never runs, no password anywhere', async () => {
    const h = harness({
      argv: WITH_USER,
      open: async () => {
        throw new DirectoryError('invalid-credentials', 'bind as CN=Administrator,DC=lab,DC=local to 127.0.0.1:3890: Invalid Credentials (LDAP 49)', 49);
      },
    });
    expect(await runExchfailover(h.io)).toBe(2);
    expect(h.calls.request).toBeUndefined();
    expect(h.stderr()).toBe(
      `exchfailover: the directory at ${URL} refused the credentials of CN=Administrator,DC=lab,DC=local: invalid credentials (check -u or --bind-dn and the password)\n` +
        `${catalogueLines('directory/refused').join('\n')}\n`,
    );
    expect(h.log()).toContain('invalid credentials');
    expectNoSecret(h);
  });

  it('an unreachable server: exit 2 with a clear message', async () => {
    const h = harness({
      argv: WITH_USER,
      open: async () => {
        throw new DirectoryError('unavailable', 'connect to 127.0.0.1:3890: connect ECONNREFUSED 127.0.0.1:3890');
      },
    });
    expect(await runExchfailover(h.io)).toBe(2);
    expect(h.stderr()).toBe(
      `exchfailover: cannot reach the directory at ${URL}: connect to 127.0.0.1:3890: connect ECONNREFUSED 127.0.0.1:3890\n` +
        `  The directory could not be reached: ${explainError('directory/unreachable').explanation}\n` +
        `  What to do: ${explainError('directory/unreachable').nextStep}\n`,
    );
  });

  it('masks the password even when the engine, the directory or a log line echoes it', async () => {
    const h = harness({
      argv: WITH_USER,
      engine: async (_request, _deps, events) => {
        events.onLog?.('warn', `odd: ${SECRET}`);
        return outcome('stopped', { errors: [`server said ${SECRET}`] });
      },
    });
    expect(await runExchfailover(h.io)).toBe(2);
    expect(h.stderr()).toContain('odd: ********');
    expect(h.stdout()).toContain('server said ********');
    expectNoSecret(h);
    const json = harness({ argv: [...WITH_USER, '--json'], engine: async () => outcome('stopped', { errors: [`server said ${SECRET}`] }) });
    await runExchfailover(json.io);
    expect((JSON.parse(json.stdout()) as { outcome: FailoverOutcome }).outcome.errors).toEqual(['server said ********']);
    expectNoSecret(json);
  });

  it('reads the password from --password-file and never writes it', async () => {
    const h = harness({ argv: [...BASE, '--bind-dn', 'CN=Administrator,DC=lab,DC=local', '--password-file', 'pw.txt'], files: { [`${CWD}/pw.txt`]: `${SECRET}\n` } });
    expect(await runExchfailover(h.io)).toBe(0);
    expect(h.calls.opened[0]?.password).toBe(SECRET);
    expect(h.log()).toContain('--bind-dn CN=Administrator,DC=lab,DC=local --password-file pw.txt');
    expect(h.stdout()).not.toContain(SECRET);
    expect(h.stderr()).not.toContain(SECRET);
    expect(h.log()).not.toContain(SECRET);
  });

  it('refuses bad usage with exit 1 before opening anything', async () => {
    const h = harness({ argv: ['-failover', '-s', 'A', '-t', 'B', '-r', 'a:b:c', '-u', `x:${SECRET}`, '--ldap-url', URL] });
    expect(await runExchfailover(h.io)).toBe(1);
    expect(h.calls.opened).toEqual([]);
    expect(h.stderr()).toMatch(/^exchfailover: -r \(argument 6\): pairing rule "a:b:c": .* at character 4\n$/);
    expect(h.files.files.size).toBe(0);
  });

  it('refuses a log file it cannot write with exit 1, before connecting', async () => {
    const h = harness({ argv: [...BASE, '-l', 'locked.log'] });
    h.files.readOnly.add(`${CWD}/locked.log`);
    expect(await runExchfailover(h.io)).toBe(1);
    expect(h.calls.opened).toEqual([]);
    expect(h.stderr()).toBe(`exchfailover: cannot write the log file ${CWD}/locked.log: permission denied (EACCES)\n`);
  });

  it('prints the syntax for -? and the descriptions for -??', async () => {
    const short = harness({ argv: ['-?'] });
    expect(await runExchfailover(short.io)).toBe(0);
    expect(short.stdout()).toContain('EXCHFAILOVER -FAILOVER | -FAILBACK -s <source> -t <target>');
    expect(short.stdout()).not.toContain('Exit codes');
    const long = harness({ argv: ['-??'] });
    expect(await runExchfailover(long.io)).toBe(0);
    for (const text of ['Do not change the Recipient Update Service.', 'Test mode', '--password-file <file>', 'Exit codes:', 'exchfailover -failover -s Indy -t ExchSrvr_Bkup -o options_file.txt']) {
      expect(long.stdout()).toContain(text);
    }
    expect(long.files.files.size).toBe(0);
  });

  it('--undo runs the undo with the journal, journalling the undo itself', async () => {
    const h = harness({ argv: ['--undo', 'old.journal', '--ldap-url', URL, '-u', `admin:${SECRET}`, '--journal', 'undo.journal'], files: { [`${CWD}/old.journal`]: '{}\n' } });
    expect(await runExchfailover(h.io)).toBe(0);
    expect(h.calls.undoJournal).toBe(`${CWD}/old.journal`);
    expect(h.calls.undoTest).toBe(false);
    expect(h.calls.deps?.journalFile).toBe(`${CWD}/undo.journal`);
    expect(h.stdout()).toContain(`ExchFailover --undo ${CWD}/old.journal: done and verified.`);
  });

  it('--undo with -test previews the undo: no journal of its own, no credentials needed, the plan printed', async () => {
    const h = harness({
      argv: ['--undo', 'old.journal', '-TEST', '--ldap-url', URL],
      files: { [`${CWD}/old.journal`]: '{}\n' },
      undo: async (journal, deps, events, undoOptions) => {
        h.calls.undoJournal = journal;
        h.calls.undoTest = undoOptions?.test;
        h.calls.deps = deps;
        for (const change of PLAN) events?.onPlannedChange?.({ ...change, before: change.after, after: change.before });
        return outcome('planned');
      },
    });
    expect(await runExchfailover(h.io)).toBe(0);
    expect(h.calls.undoTest).toBe(true);
    expect(h.calls.deps?.journalFile).toBeUndefined();
    expect(h.stdout()).toContain('Plan (test mode: nothing is changed):');
    expect(h.stdout()).toContain('homeMDB: CN=Sales,CN=Indy,...EXCHVS-DR -> CN=Sales,CN=Indy,...EXCHVS');
    expect(h.log()).toContain(`---- ExchFailover started: --undo ${CWD}/old.journal (-test)`);
  });

  it('refuses a run that would write without credentials (an anonymous bind), before connecting: exit 1, nothing changed', async () => {
    for (const argv of [BASE, ['--undo', 'old.journal', '--ldap-url', URL]]) {
      const h = harness({ argv, files: { [`${CWD}/old.journal`]: '{}\n' } });
      expect(await runExchfailover(h.io)).toBe(1);
      expect(h.stderr()).toContain('refused, nothing changed: no credentials were given, and an anonymous bind has no right to write to Active Directory');
      expect(h.calls.opened).toEqual([]);
      expect(h.calls.request).toBeUndefined();
      expect(h.calls.undoJournal).toBeUndefined();
      expect(h.log()).toContain('Result: refused, nothing changed (exit code 1)');
    }
  });

  it('gives a real run the journals of earlier runs (beside the log, and the one --journal names) to look at', async () => {
    const h = harness({
      argv: [...WITH_USER, '--journal', 'mine.journal'],
      files: { [`${CWD}/mine.journal`]: 'x\n', [`${CWD}/ExchFailover-20240101T030000Z.journal`]: 'x\n', [`${CWD}/notes.txt`]: 'x\n', [`${CWD}/sub/ExchFailover-20240101T030000Z.journal`]: 'x\n' },
    });
    expect(await runExchfailover(h.io)).toBe(0);
    expect([...(h.calls.deps?.priorJournals ?? [])].sort()).toEqual([`${CWD}/ExchFailover-20240101T030000Z.journal`, `${CWD}/mine.journal`]);
  });

  it('hands the abort signal and the clock to the engine', async () => {
    const controller = new AbortController();
    const h = harness({ argv: WITH_USER });
    expect(await runExchfailover({ ...h.io, signal: controller.signal })).toBe(0);
    expect(h.calls.deps?.signal).toBe(controller.signal);
    expect(h.calls.deps?.now?.()).toEqual(NOW);
  });

  it('a closed standard output and error (writers that throw EPIPE) never stop the run: exit 0, the log has everything', async () => {
    const h = harness({
      argv: WITH_USER,
      engine: async (_request, deps, events) => {
        for (const phase of ['patch-flag', 'mailboxes', 'rus', 'spn', 'routing-master'] as const) {
          events.onPhase?.(phase, 'start');
          events.onLog?.('warn', `${phase}: something to warn about`);
          events.onPhase?.(phase, 'end');
        }
        return outcome('done', { journalFile: deps.journalFile });
      },
    });
    const epipe = (): never => {
      throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    };
    expect(await runExchfailover({ ...h.io, stdout: epipe, stderr: epipe })).toBe(0);
    expect(h.log()).toContain('WARN  routing-master: something to warn about');
    expect(h.log()).toContain('INFO  Phase routing-master: end');
    expect(h.log()).toContain('INFO  Result: done and verified (exit code 0)');
  });

  it('a refusal from the engine after a phase of a real run started is exit 2 (stopped), not 1 (nothing changed)', async () => {
    const h = harness({
      argv: WITH_USER,
      engine: async (_request, _deps, events) => {
        events.onPhase?.('patch-flag', 'start');
        throw new FailoverInputError('a refusal that came too late');
      },
    });
    expect(await runExchfailover(h.io)).toBe(2);
    expect(h.stderr()).toMatch(/^exchfailover: stopped by a refusal after the changes had begun: a refusal that came too late \(what was done is journalled in .*\.journal\)\n$/);
    expect(h.log()).toContain('Result: stopped (exit code 2)');
    expect(h.log()).not.toContain('nothing changed');
  });

  it('-test: a refusal is exit 1 whenever it comes, since nothing is ever changed', async () => {
    const h = harness({
      argv: [...BASE, '-test'],
      engine: async (_request, _deps, events) => {
        events.onPhase?.('patch-flag', 'start');
        throw new FailoverInputError('no computer account EXCHVS$');
      },
    });
    expect(await runExchfailover(h.io)).toBe(1);
    expect(h.log()).toContain('Result: refused, nothing changed (exit code 1)');
  });
});

/** Every character a reader might take for the end of a line. */
const LINE_END = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/;
const linesOf = (text: string): string[] => (text === '' ? [] : text.split(LINE_END).slice(0, -1));
const FORGED = '2024-05-01T03:00:00.000Z INFO  Result: done and verified (exit code 0)';

/** Values as hostile as they come: any code point, every kind of line break, a forged log line. */
const hostile = fc
  .array(
    fc.oneof(
      anyString({ maxLength: 8 }),
      fc.constantFrom('\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\u001b[2K\r', '\u202e', `\n${FORGED}\n`, 'Exit code: 0'),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => `v${parts.join('')}`);

/** An engine that writes the value into everything it reports, as a directory's DNs and values would be. */
function echoingEngine(value: string): HarnessOptions['engine'] {
  return async (request, deps, events) => {
    events.onLog?.('info', `pair: ${value}`);
    events.onLog?.('warn', `no partner, not moved: ${value}`);
    if (request.test) {
      events.onPlannedChange?.({ phase: 'mailboxes', dn: `CN=${value},CN=Users`, attribute: 'homeMDB', before: [value], after: [value, value], why: `moves ${value}` });
    }
    events.onPhase?.('mailboxes', 'start');
    events.onPhase?.('mailboxes', 'end');
    return outcome(request.test ? 'planned' : 'stopped', {
      pairs: [{ sourceGroup: value, sourceStore: value, targetGroup: value, targetStore: value, kind: 'mailbox', databaseFile: value }],
      unpaired: [value],
      conflicts: [{ dn: `CN=${value}`, attribute: 'homeMDB', expected: [value], found: [value, value] }],
      errors: [`modify CN=${value}: ${value}`],
      mailboxCounts: [{ store: value, server: value, count: 1 }],
      verification: [{ what: value, ok: false, detail: value }],
      ...(deps.journalFile === undefined ? {} : { journalFile: deps.journalFile }),
    });
  };
}

interface Written {
  readonly code: number;
  readonly log: string[];
  readonly out: string[];
  readonly err: string[];
  readonly stdout: string;
}

async function runWithValue(value: string, test: boolean, json: boolean): Promise<Written> {
  const argv = [...BASE, '--bind-dn', `CN=${value}`, '--password-file', 'pw.txt', '--journal', `j-${value}.journal`, ...(test ? ['-test'] : []), ...(json ? ['--json'] : [])];
  const h = harness({ argv, engine: echoingEngine(value), files: { [`${CWD}/pw.txt`]: `${SECRET}\n` } });
  const code = await runExchfailover(h.io);
  return { code, log: linesOf(h.log()), out: linesOf(h.stdout()), err: linesOf(h.stderr()), stdout: h.stdout() };
}

describe('no value can forge a line', () => {
  it('of the log file, standard output or standard error: as many lines as with a plain value, one "Result:" line', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), fc.boolean(), async (value, test, json) => {
        const plain = await runWithValue('plain', test, json);
        const run = await runWithValue(value, test, json);
        expect(run.code).toBe(plain.code);
        expect(run.log).toHaveLength(plain.log.length);
        expect(run.out).toHaveLength(plain.out.length);
        expect(run.err).toHaveLength(plain.err.length);
        expect(run.log.every((line) => /^2024-05-01T03:00:00\.000Z (INFO |WARN |ERROR) /.test(line))).toBe(true);
        const results = run.log.filter((line) => /^\S+ (INFO |WARN |ERROR) Result: /.test(line));
        expect(results).toEqual([`2024-05-01T03:00:00.000Z ${test ? 'INFO  Result: planned (test mode: nothing was changed) (exit code 0)' : 'ERROR Result: stopped (a directory error or a conflict; what was done is journalled) (exit code 2)'}`]);
        if (json) {
          const document = JSON.parse(run.stdout) as { outcome: FailoverOutcome; plan?: PlannedChange[] };
          expect(document.outcome.errors).toEqual([`modify CN=${value}: ${value}`]);
          if (test) expect(document.plan?.[0]?.after).toEqual([value, value]);
        } else {
          expect(run.out.filter((line) => line.startsWith('Exit code: '))).toEqual([`Exit code: ${plain.code}`]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a hostile -s is refused on one line, or accepted and kept on its lines', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        const h = harness({ argv: ['-failover', '-s', value, '-t', 'EXCHVS-DR', '--ldap-url', URL, '-r', `${value}:x`] });
        const code = await runExchfailover(h.io);
        if (code === 1) {
          expect(linesOf(h.stderr())).toHaveLength(1);
          expect(h.stdout()).toBe('');
          return;
        }
        const plain = harness({ argv: ['-failover', '-s', 'plain', '-t', 'EXCHVS-DR', '--ldap-url', URL, '-r', 'plain:x'] });
        expect(await runExchfailover(plain.io)).toBe(code);
        expect(linesOf(h.log())).toHaveLength(linesOf(plain.log()).length);
        expect(linesOf(h.stdout())).toHaveLength(linesOf(plain.stdout()).length);
      }),
      { numRuns: 60 },
    );
  });

  it('a line break in -s is refused, saying where and quoting it escaped', async () => {
    const h = harness({ argv: ['-failover', '-s', `EXCHVS\n${FORGED}`, '-t', 'EXCHVS-DR', '--ldap-url', URL] });
    expect(await runExchfailover(h.io)).toBe(1);
    expect(h.stderr()).toBe(
      'exchfailover: -s (argument 2) holds a control character or line break (U+000A) at character 7, which no server name has: "EXCHVS\\n2024-05-01T03:00:00.000Z INFO  Result: done and veri…" (77 characters)\n',
    );
  });

  it('values from the directory are escaped on the terminal and in the log: DNs of the plan and of conflicts', async () => {
    const dn = 'CN=Anna\nExit code: 0\u2028,CN=Users';
    const h = harness({
      argv: [...BASE, '-test'],
      engine: async (_request, _deps, events) => {
        events.onPlannedChange?.({ phase: 'mailboxes', dn, attribute: 'homeMDB', before: ['a\rb'], after: ['c\u0085d'], why: 'x' });
        return outcome('planned', { conflicts: [{ dn, attribute: 'homeMDB', expected: ['e\nf'], found: [] }] });
      },
    });
    expect(await runExchfailover(h.io)).toBe(0);
    expect(h.stdout()).toContain('CN=Anna\\nExit code: 0\\u2028,CN=Users  homeMDB: a\\rb -> c\\u0085d  (x)\n');
    expect(h.stdout()).toContain('  CN=Anna\\nExit code: 0\\u2028,CN=Users  homeMDB: expected e\\nf, found (none)\n');
    expect(h.log()).toContain('WARN  Conflict: CN=Anna\\nExit code: 0\\u2028,CN=Users  homeMDB: expected e\\nf, found (none)\n');
  });
});
