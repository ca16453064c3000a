/**
 * Starts a throwaway OpenLDAP slapd for integration tests: a temp folder with slapd.conf (from
 * slapd.conf.template), the project's exchange.schema, a rootDSE file that publishes configurationNamingContext and
 * defaultNamingContext as Active Directory does, the given LDIF loaded with slapadd, and slapd listening on free
 * loopback ports (plus ldaps:// with a fresh CA when `tls`). `stop()` kills it by PID and removes the folder.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LAB } from '../../../src-main/lab/topology';
import { createTestCertificates } from './tls-certificates';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

export interface StartSlapdOptions {
  /** LDIF content records to load with slapadd (the suffix entry first). */
  readonly ldif: string;
  /** Also listen on ldaps:// and allow StartTLS, with a certificate for 127.0.0.1 signed by a fresh CA. */
  readonly tls?: boolean;
  /** Skip fsync on writes (faster; default true). */
  readonly dbnosync?: boolean;
  /** The database suffix (default the lab domain, which holds CN=Configuration too). */
  readonly suffix?: string;
  /** Path of the slapd binary (default: found in the usual places). */
  readonly slapd?: string;
  /** slapd.conf `access` lines for the database (slapd.access(5)); none (everyone reads everything) when omitted. */
  readonly access?: readonly string[];
}

export interface RunningSlapd {
  readonly url: string;
  /** Set when started with `tls`. */
  readonly ldapsUrl: string | undefined;
  /** Set when started with `tls`: the CA that signed the server certificate. */
  readonly caFile: string | undefined;
  readonly bindDn: string;
  readonly password: string;
  readonly suffix: string;
  readonly folder: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Where slapd lives, or undefined when it is not installed. */
export function findSlapd(): string | undefined {
  for (const candidate of ['/usr/sbin/slapd', '/usr/local/sbin/slapd', '/usr/local/libexec/slapd']) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function toolPath(slapd: string, tool: string): string {
  const sibling = join(slapd, '..', tool);
  return existsSync(sibling) ? sibling : tool;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`slapd.conf.template: no value for {{${key}}}`);
    return value;
  });
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts slapd; throws a clear error when slapd is not installed. */
export async function startSlapd(options: StartSlapdOptions): Promise<RunningSlapd> {
  const slapd = options.slapd ?? findSlapd();
  if (slapd === undefined || !existsSync(slapd)) {
    throw new Error('OpenLDAP slapd is not installed; run `npm run test:system-deps` (installs slapd and ldap-utils).');
  }
  const suffix = options.suffix ?? LAB.domain.dn;
  const folder = await mkdtemp(join(tmpdir(), 'exchha-slapd-'));
  try {
    const dbFolder = join(folder, 'db');
    await mkdir(dbFolder);
    const password = randomBytes(18).toString('base64url');
    const bindDn = `CN=Administrator,${suffix}`;
    const rootDseFile = join(folder, 'rootdse.ldif');
    await writeFile(
      rootDseFile,
      `dn:\nconfigurationNamingContext: CN=Configuration,${suffix}\ndefaultNamingContext: ${suffix}\nnamingContexts: CN=Configuration,${suffix}\n`,
    );
    const certificates = options.tls === true ? await createTestCertificates(folder) : undefined;
    const moduleFolder = ['/usr/lib/ldap', '/usr/lib64/openldap', '/usr/lib/openldap'].find((dir) => existsSync(join(dir, 'back_mdb.so')) || existsSync(join(dir, 'back_mdb.la')));
    const template = await readFile(join(here, 'slapd.conf.template'), 'utf8');
    const configFile = join(folder, 'slapd.conf');
    await writeFile(
      configFile,
      fill(template, {
        schemaFile: join(here, 'exchange.schema'),
        modules: moduleFolder === undefined ? '' : `modulepath ${moduleFolder}\nmoduleload back_mdb`,
        folder,
        rootDseFile,
        access: (options.access ?? []).join('\n'),
        tls:
          certificates === undefined
            ? ''
            : `TLSCACertificateFile ${certificates.caFile}\nTLSCertificateFile ${certificates.certificateFile}\nTLSCertificateKeyFile ${certificates.keyFile}`,
        suffix,
        rootDn: bindDn,
        password,
        dbFolder,
        dbnosync: options.dbnosync === false ? '' : 'dbnosync',
      }),
    );
    const ldifFile = join(folder, 'data.ldif');
    await writeFile(ldifFile, options.ldif);
    try {
      await run(toolPath(slapd, 'slaptest'), ['-u', '-f', configFile]);
      await run(toolPath(slapd, 'slapadd'), ['-q', '-f', configFile, '-l', ldifFile], { maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`slapd setup failed: ${error instanceof Error ? error.message : String(error)}\n${stderr}`, { cause: error });
    }

    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      const tlsPort = certificates === undefined ? undefined : await freePort();
      const urls = [`ldap://127.0.0.1:${port}/`, ...(tlsPort === undefined ? [] : [`ldaps://127.0.0.1:${tlsPort}/`])];
      const child = spawn(slapd, ['-f', configFile, '-h', urls.join(' '), '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      const deadline = Date.now() + 10_000;
      let up = false;
      while (Date.now() < deadline && child.exitCode === null) {
        if ((await answers(port)) && (tlsPort === undefined || (await answers(tlsPort)))) {
          up = true;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (!up) {
        child.kill('SIGKILL');
        await waitForExit(child, 2000);
        if (attempt < 3 && /bind|address already in use/i.test(stderr)) continue;
        throw new Error(`slapd did not start: ${stderr.trim() || 'no answer within 10 s'}`);
      }
      const pid = child.pid ?? 0;
      return {
        url: `ldap://127.0.0.1:${port}`,
        ldapsUrl: tlsPort === undefined ? undefined : `ldaps://127.0.0.1:${tlsPort}`,
        caFile: certificates?.caFile,
        bindDn,
        password,
        suffix,
        folder,
        pid,
        async stop(): Promise<void> {
          if (child.exitCode === null && child.signalCode === null) {
            process.kill(pid, 'SIGTERM');
            if (!(await waitForExit(child, 5000))) {
              process.kill(pid, 'SIGKILL');
              await waitForExit(child, 2000);
            }
          }
          await rm(folder, { recursive: true, force: true });
        },
      };
    }
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}
