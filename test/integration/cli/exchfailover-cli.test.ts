/**
 * The `exchfailover` command as a process (`node --import tsx src-main/cli/exchfailover.ts ...`) against a real
 * slapd holding the lab's seeded Exchange organisation (source EXCHVS, target EXCHVS-DR; "Indy" and "Boston" each
 * hold a "Sales" store with the same file name, so pairing needs -r rules).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDnWithin, normalizeDn } from '../../../src-main/directory/dn';
import { singleText } from '../../../src-main/directory/entry-values';
import { openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { seedExchangeOrganization } from '../../../src-main/lab/directory/exchange-seed';
import { writeLdif } from '../../../src-main/lab/directory/ldif';
import { catalogueLines } from '../../../src-main/contract/error-catalogue';
import { LAB } from '../../../src-main/lab/topology';
import { type RunningSlapd, startSlapd } from '../../helpers/slapd/start-slapd';
import { runCliEntry, type CliRun } from '../../helpers/run-cli-entry';

const runFile = promisify(execFile);
const SOURCE = LAB.source.virtualServer;
const TARGET = LAB.target.virtualServer;
const USERS = 60;
const dns = exchangeDns();

type Result = CliRun;

function exchfailover(args: readonly string[], cwd: string): Promise<Result> {
  return runCliEntry('exchfailover', args, cwd);
}

let server: RunningSlapd;
let work: string;

/** The connection options of the running slapd, the password in a file. */
function connection(): string[] {
  return ['--ldap-url', server.url, '--bind-dn', server.bindDn, '--password-file', 'password.txt'];
}

/** The whole database as slapcat writes it (operational attributes included): equal means nothing changed. */
async function dump(): Promise<string> {
  const { stdout } = await runFile('/usr/sbin/slapcat', ['-f', join(server.folder, 'slapd.conf')], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Each mailbox user's homeMDB (normalised), by user DN. */
async function homeMdbs(): Promise<Map<string, string>> {
  const directory = await openLdaptsDirectory({ url: server.url, bindDn: server.bindDn, password: server.password });
  try {
    const result = new Map<string, string>();
    for await (const user of directory.search(dns.users, { scope: 'sub', filter: '(homeMDB=*)', attributes: ['homeMDB'] })) {
      result.set(normalizeDn(user.dn), normalizeDn(singleText(user, 'homeMDB') ?? ''));
    }
    return result;
  } finally {
    await directory.close();
  }
}

const onServer = (homes: Map<string, string>, name: string): number => [...homes.values()].filter((home) => isDnWithin(home, dns.server(name))).length;

beforeEach(async () => {
  server = await startSlapd({ ldif: writeLdif(seedExchangeOrganization({ userCount: USERS })) });
  work = await mkdtemp(join(tmpdir(), 'exchfailover-cli-'));
  await writeFile(join(work, 'password.txt'), `${server.password}\n`);
});

afterEach(async () => {
  await server.stop();
  await rm(work, { recursive: true, force: true });
});

const GROUP_RULES = ['-r', 'Indy:Indy', '-r', 'Boston:Boston', '-r', 'First Storage Group:First Storage Group'];

describe('exchfailover against slapd', () => {
  it('-test prints the plan, exits 0 and leaves the directory byte-identical', async () => {
    const before = await dump();
    const result = await exchfailover(['-failover', '-s', SOURCE, '-t', TARGET, '-r', '-test', ...connection()], work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Plan (test mode: nothing is changed):');
    expect(result.stdout).toMatch(/patch-flag +\S.*msExchPatchMDB: .* -> TRUE/);
    expect(result.stdout).toMatch(/mailboxes +\S.*homeMDB: /);
    expect(result.stdout).toContain('planned (test mode: nothing was changed).');
    expect(await dump()).toBe(before);
    expect((await readdir(work)).filter((name) => name.endsWith('.journal'))).toEqual([]);
  });

  it('fails over with group rules (exit 0), logs it, journals it; then fails back to the starting mailbox homes', async () => {
    const start = await homeMdbs();
    expect(start.size).toBe(USERS);
    expect(onServer(start, SOURCE)).toBe(USERS);

    const over = await exchfailover(['-failover', '-s', SOURCE, '-t', TARGET, ...GROUP_RULES, ...connection()], work);
    expect(over.stderr).toBe('');
    expect(over.code).toBe(0);
    expect(over.stdout).toContain(`ExchFailover -FAILOVER ${SOURCE} -> ${TARGET}: done and verified.`);
    const moved = await homeMdbs();
    expect(onServer(moved, TARGET)).toBe(USERS);
    const log = await readFile(join(work, 'ExchFailover.log'), 'utf8');
    expect(log).toContain(`---- ExchFailover started: -FAILOVER ${SOURCE} -> ${TARGET}`);
    expect(log).toContain('Pair: Indy, Sales -> Indy, Sales');
    expect(log).toMatch(/Phase mailboxes: planned \d+, applied \d+/);
    expect(log).toContain('Result: done and verified (exit code 0)');
    expect((await readdir(work)).some((name) => /^ExchFailover-\d{8}T\d{6}Z\.journal$/.test(name))).toBe(true);

    const back = await exchfailover(['-FAILBACK', '-S', SOURCE, '-T', TARGET, ...GROUP_RULES, ...connection(), '-l', 'failback.log'], work);
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
    expect(await homeMdbs()).toEqual(start);
    expect(await readFile(join(work, 'failback.log'), 'utf8')).toContain('Result: done and verified (exit code 0)');
  });

  it('fails over with -r alone (one-to-one) and --json, then --undo restores the mailbox homes', async () => {
    const start = await homeMdbs();
    const over = await exchfailover(['-failover', '-s', SOURCE, '-t', TARGET, '-r', '--json', '--journal', 'run.journal', ...connection()], work);
    expect(over.code).toBe(0);
    const document = JSON.parse(over.stdout) as { exitCode: number; outcome: { status: string; pairs: unknown[] } };
    expect(document.exitCode).toBe(0);
    expect(document.outcome.status).toBe('done');
    expect(document.outcome.pairs.length).toBeGreaterThanOrEqual(4);
    expect(onServer(await homeMdbs(), TARGET)).toBe(USERS);

    const undo = await exchfailover(['--undo', 'run.journal', ...connection()], work);
    expect(undo.stderr).toBe('');
    expect(undo.code).toBe(0);
    expect(await homeMdbs()).toEqual(start);
  });

  it('-setup sets only the overwrite-on-restore flags; --json -test streams the plan', async () => {
    const start = await homeMdbs();
    const setup = await exchfailover(['-SETUP', '-failover', '-s', SOURCE, '-t', TARGET, '-r', ...connection()], work);
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);
    expect(await homeMdbs()).toEqual(start);
    expect(setup.stdout).toMatch(/patch-flag +4 +4 +0 +0 +0/);

    const planned = await exchfailover(['-failover', '-s', SOURCE, '-t', TARGET, '-r', '-test', '--json', ...connection()], work);
    expect(planned.code).toBe(0);
    const document = JSON.parse(planned.stdout) as { plan: { phase: string; attribute: string }[]; outcome: { status: string }; exitCode: number };
    expect(document.outcome.status).toBe('planned');
    expect(document.plan.filter((change) => change.attribute === 'homeMDB')).toHaveLength(USERS);
    expect(document.plan.some((change) => change.phase === 'patch-flag')).toBe(false);
  });

  it('reads an options file', async () => {
    await writeFile(
      join(work, 'options.txt'),
      [
        '# postover.bat options',
        `-failover -s ${SOURCE} -t ${TARGET}`,
        '-r Indy, Sales:Indy, Sales',
        '-r Boston, Sales:Boston, Sales',
        '-r "First Storage Group:First Storage Group"',
        `--ldap-url ${server.url}   # the test slapd`,
        `--bind-dn "${server.bindDn}"`,
        '--password-file password.txt',
        '-test',
      ].join('\r\n'),
    );
    const result = await exchfailover(['-o', 'options.txt'], work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Plan (test mode: nothing is changed):');
  });

  it('a wrong password: exit 2, "invalid credentials", the password in no output and not in the log', async () => {
    const wrong = 'Wrong-Passw0rd-4711';
    const before = await dump();
    const result = await exchfailover(['-failover', '-s', SOURCE, '-t', TARGET, '-r', '--ldap-url', server.url, '-u', `${server.bindDn}:${wrong}`], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid credentials');
    // One message, then the error catalogue's explanation and next step for a directory that refused.
    expect(result.stderr.trim().split('\n').slice(1)).toEqual([...catalogueLines('directory/refused')]);
    const log = await readFile(join(work, 'ExchFailover.log'), 'utf8');
    expect(log).toContain(':********');
    for (const text of [result.stdout, result.stderr, log]) expect(text).not.toContain(wrong);
    expect(await dump()).toBe(before);
  });

  it('an unknown server: exit 1, nothing changed', async () => {
    const before = await dump();
    const result = await exchfailover(['-failover', '-s', 'NOSUCHSERVER', '-t', TARGET, '-r', ...connection()], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^exchfailover: refused, nothing changed: .*NOSUCHSERVER/);
    expect(await dump()).toBe(before);
  });

  it('a malformed -r: exit 1, one line naming the argument and the character', async () => {
    const result = await exchfailover(['-failover', '-s', SOURCE, '-t', TARGET, '-r', 'Indy,:Indy', ...connection()], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `exchfailover: -r (argument 6): pairing rule "Indy,:Indy": the source store name after ',' is missing at character 6\n`,
    );
    expect(result.stdout).toBe('');
  });

  it('an unreachable server: exit 2 with a clear message', async () => {
    const result = await exchfailover(['-failover', '-s', SOURCE, '-t', TARGET, '--ldap-url', 'ldap://127.0.0.1:1', '-u', 'admin:pw'], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^exchfailover: cannot reach the directory at ldap:\/\/127\.0\.0\.1:1: /);
  });
});
