/**
 * `exchfailover ... | head -3`: the reader of standard output goes away after three lines, half-way through a real
 * failover of a few thousand mailboxes on slapd. Output errors (EPIPE) must never stop the directory work: every
 * phase still runs, the log file still gets everything, and the exit code says what was done (0, done and verified).
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDnWithin, normalizeDn } from '../../../src-main/directory/dn';
import { singleText, textValues } from '../../../src-main/directory/entry-values';
import { openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { exchangeSpns, seedExchangeOrganization } from '../../../src-main/lab/directory/exchange-seed';
import { writeLdif } from '../../../src-main/lab/directory/ldif';
import { LAB } from '../../../src-main/lab/topology';
import { REPOSITORY_ROOT } from '../../helpers/run-cli-entry';
import { type RunningSlapd, startSlapd } from '../../helpers/slapd/start-slapd';

const SOURCE = LAB.source.virtualServer;
const TARGET = LAB.target.virtualServer;
const USERS = 2500;
const dns = exchangeDns();
const TSX_LOADER = pathToFileURL(join(REPOSITORY_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const ENTRY = join(REPOSITORY_ROOT, 'src-main', 'cli', 'exchfailover.ts');

interface ClosedRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The lines read before the reader went away. */
  readonly lines: readonly string[];
  readonly stderr: string;
}

/**
 * Runs exchfailover with standard output read by a reader that closes the pipe after `keep` lines (`| head -3`);
 * `andThen` does more to the process at that moment (closes standard error, hangs up).
 */
function runWithReaderThatLeaves(args: readonly string[], cwd: string, keep: number, andThen?: (child: ChildProcessByStdio<null, Readable, Readable>) => void): Promise<ClosedRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, ENTRY, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (lines.length >= keep) return;
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts.slice(0, keep - lines.length));
      if (lines.length < keep) return;
      child.stdout.destroy();
      andThen?.(child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code, signal) => resolvePromise({ code, signal, lines, stderr }));
  });
}

let server: RunningSlapd;
let work: string;

beforeAll(async () => {
  server = await startSlapd({ ldif: writeLdif(seedExchangeOrganization({ userCount: USERS })) });
  work = await mkdtemp(join(tmpdir(), 'exchfailover-closed-'));
  await writeFile(join(work, 'password.txt'), `${server.password}\n`);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

async function read(dn: string, attribute: string): Promise<readonly string[]> {
  const directory = await openLdaptsDirectory({ url: server.url, bindDn: server.bindDn, password: server.password });
  try {
    for await (const entry of directory.search(dn, { scope: 'base', attributes: [attribute] })) return textValues(entry, attribute);
    return [];
  } finally {
    await directory.close();
  }
}

async function mailboxHomes(): Promise<string[]> {
  const directory = await openLdaptsDirectory({ url: server.url, bindDn: server.bindDn, password: server.password });
  try {
    const homes: string[] = [];
    for await (const user of directory.search(dns.users, { scope: 'sub', filter: '(homeMDB=*)', attributes: ['homeMDB'] })) {
      homes.push(normalizeDn(singleText(user, 'homeMDB') ?? ''));
    }
    return homes;
  } finally {
    await directory.close();
  }
}

const connection = (): string[] => ['--ldap-url', server.url, '--bind-dn', server.bindDn, '--password-file', 'password.txt'];

describe('exchfailover with a closed standard output', () => {
  it('runs every phase to the end, logs it all and exits 0 when the reader leaves after 3 lines', async () => {
    const run = await runWithReaderThatLeaves(['-failover', '-s', SOURCE, '-t', TARGET, '-r', ...connection()], work, 3);
    expect(run.lines).toEqual(['Phase patch-flag: started', 'Phase patch-flag: finished', 'Phase mailboxes: started']);
    expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ code: 0, signal: null, stderr: '' });

    const log = await readFile(join(work, 'ExchFailover.log'), 'utf8');
    for (const phase of ['patch-flag', 'mailboxes', 'public-folders', 'rus', 'spn', 'routing-master']) {
      expect(log).toContain(`Phase ${phase}: end`);
    }
    expect(log).toMatch(new RegExp(`Phase mailboxes: planned ${USERS}, applied ${USERS}, skipped 0, conflicts 0, errors 0`));
    expect(log).toContain('Result: done and verified (exit code 0)');

    const homes = await mailboxHomes();
    expect(homes).toHaveLength(USERS);
    expect(homes.filter((home) => isDnWithin(home, dns.server(TARGET)))).toHaveLength(USERS);
    expect(await read(dns.computer(TARGET), 'servicePrincipalName')).toEqual(expect.arrayContaining(exchangeSpns(SOURCE)));
    const rus = await read(dns.recipientUpdateService(LAB.domain.netbios), 'msExchAddressListServiceLink');
    expect(rus.map((dn) => normalizeDn(dn))).toEqual([normalizeDn(dns.server(TARGET))]);
    const master = await read(dns.routingGroup, 'msExchRoutingMasterDN');
    expect(master.map((dn) => normalizeDn(dn))).toEqual([normalizeDn(dns.server(TARGET))]);
  }, 120_000);

  it('fails back to the end when the terminal hangs up (SIGHUP) and standard output and error are gone', async () => {
    const run = await runWithReaderThatLeaves(['-failback', '-s', SOURCE, '-t', TARGET, '-r', ...connection(), '-l', 'failback.log'], work, 1, (child) => {
      child.stderr.destroy();
      child.kill('SIGHUP');
    });
    expect(run.lines).toEqual(['Phase patch-flag: started']);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
    const log = await readFile(join(work, 'failback.log'), 'utf8');
    expect(log).toContain('Phase routing-master: end');
    expect(log).toContain('Result: done and verified (exit code 0)');
    const homes = await mailboxHomes();
    expect(homes.filter((home) => isDnWithin(home, dns.server(SOURCE)))).toHaveLength(USERS);
    const master = await read(dns.routingGroup, 'msExchRoutingMasterDN');
    expect(master.map((dn) => normalizeDn(dn))).toEqual([normalizeDn(dns.server(SOURCE))]);
  }, 120_000);
});
