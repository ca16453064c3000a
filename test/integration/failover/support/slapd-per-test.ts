/**
 * A fresh OpenLDAP slapd for each test of a file, loaded with the given LDIF, with a scratch folder, an admin
 * connection, and `open` for the engine's connections — every one of them closed, and the server stopped, after the
 * test. Call it once at the top of a file (or a describe block): it registers the hooks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { type LdaptsDirectory, openLdaptsDirectory } from '../../../../src-main/directory/ldapts-directory';
import { type RunningSlapd, startSlapd } from '../../../helpers/slapd/start-slapd';

export interface SlapdPerTest {
  readonly server: RunningSlapd;
  /** A scratch folder of the test (journals, logs), removed after it. */
  readonly folder: string;
  /** A connection for the test's own reads and writes. */
  readonly admin: LdaptsDirectory;
  /** Opens another connection (the engine's `connect`); closed after the test. */
  open(): Promise<LdaptsDirectory>;
}

export function slapdPerTest(ldif: string, folderPrefix: string): SlapdPerTest {
  let server: RunningSlapd | undefined;
  let folder: string | undefined;
  let admin: LdaptsDirectory | undefined;
  let opened: LdaptsDirectory[] = [];
  const present = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`slapdPerTest: no ${what} outside a test`);
    return value;
  };
  const open = async (): Promise<LdaptsDirectory> => {
    const running = present(server, 'server');
    const directory = await openLdaptsDirectory({ url: running.url, bindDn: running.bindDn, password: running.password, connections: 4, operationTimeoutMs: 20_000 });
    opened.push(directory);
    return directory;
  };
  beforeEach(async () => {
    server = await startSlapd({ ldif });
    folder = await mkdtemp(join(tmpdir(), folderPrefix));
    opened = [];
    admin = await open();
  });
  afterEach(async () => {
    await Promise.all(opened.map((directory) => directory.close()));
    await server?.stop();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
    server = undefined;
    folder = undefined;
    admin = undefined;
  });
  return {
    get server() {
      return present(server, 'server');
    },
    get folder() {
      return present(folder, 'folder');
    },
    get admin() {
      return present(admin, 'admin connection');
    },
    open,
  };
}
