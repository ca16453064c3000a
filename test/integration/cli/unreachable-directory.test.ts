/**
 * `exchfailover` as a process when the directory is not there or will not let it write: it stops at once with one
 * clear line and the right exit code, and its log stays small (a lost server once made it retry thousands of times
 * a second and fill the disk with its log).
 */
import { createServer, type Server } from 'node:net';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogueLines } from '../../../src-main/contract/error-catalogue';
import { seedExchangeOrganization } from '../../../src-main/lab/directory/exchange-seed';
import { writeLdif } from '../../../src-main/lab/directory/ldif';
import { LAB } from '../../../src-main/lab/topology';
import { runCliEntry } from '../../helpers/run-cli-entry';
import { startSlapd } from '../../helpers/slapd/start-slapd';
import { dumpDifferences, dumpDirectory } from '../failover/support/directory-fixtures';
import { openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';

const SOURCE = LAB.source.virtualServer;
const TARGET = LAB.target.virtualServer;

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'exchha-unreachable-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A port on 127.0.0.1 that accepts connections and closes each at once (a server that is going down). */
async function slammingServer(): Promise<{ url: string; server: Server; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `ldap://127.0.0.1:${address.port}`, server, connections: () => count };
}

describe('exchfailover when the directory is not there', () => {
  it('a refused connection (nothing listens): exit 2 at once, one line, a small log', async () => {
    const started = Date.now();
    const run = await runCliEntry('exchfailover', ['-failover', '-s', SOURCE, '-t', TARGET, '-test', '--ldap-url', 'ldap://127.0.0.1:1'], work);
    expect(run.code).toBe(2);
    expect(Date.now() - started).toBeLessThan(20_000);
    // One message, then the error catalogue's explanation and next step for a directory that did not answer.
    expect(run.stderr.trim().split('\n').slice(1)).toEqual([...catalogueLines('directory/unreachable')]);
    expect(run.stderr).toMatch(/^exchfailover: cannot reach the directory at ldap:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect((await stat(join(work, 'ExchFailover.log'))).size).toBeLessThan(4096);
  });

  it('a server that accepts and drops every connection: exit 2 at once, not a retry loop', async () => {
    const slamming = await slammingServer();
    try {
      const run = await runCliEntry('exchfailover', ['-failover', '-s', SOURCE, '-t', TARGET, '-test', '--ldap-url', slamming.url], work);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n').slice(1)).toEqual([...catalogueLines('directory/unreachable')]);
      expect(slamming.connections()).toBeLessThan(5);
      const log = await readFile(join(work, 'ExchFailover.log'), 'utf8');
      expect(log.split('\n').length).toBeLessThan(12);
      expect(log).not.toContain('reconnected');
    } finally {
      slamming.server.close();
    }
  });
});

describe('exchfailover without credentials', () => {
  it('refuses a real run at once (an anonymous bind may not write), exit 1, the directory unchanged', async () => {
    const server = await startSlapd({ ldif: writeLdif(seedExchangeOrganization({ userCount: 40 })) });
    try {
      const admin = await openLdaptsDirectory({ url: server.url, bindDn: server.bindDn, password: server.password });
      const before = await dumpDirectory(admin, server.suffix, true);
      const started = Date.now();
      const run = await runCliEntry('exchfailover', ['-failover', '-s', SOURCE, '-t', TARGET, '-r', '--ldap-url', server.url], work);
      expect(run.code).toBe(1);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(run.stderr).toContain('refused, nothing changed: no credentials were given, and an anonymous bind has no right to write to Active Directory');
      expect(dumpDifferences(before, await dumpDirectory(admin, server.suffix, true))).toEqual([]);
      // -test needs no right to write: the anonymous read of the lab's slapd plans the whole failover.
      const test = await runCliEntry('exchfailover', ['-failover', '-s', SOURCE, '-t', TARGET, '-r', '-test', '--ldap-url', server.url], work);
      expect(test.code).toBe(0);
      await admin.close();
    } finally {
      await server.stop();
    }
  });
});
