/**
 * Fresh slapd servers for the benchmark, loaded from an LDIF file, and a registry so every server started is
 * stopped at the end — also when a measurement throws or the run is interrupted.
 *
 * start-slapd.ts takes the LDIF as a string (it writes it to its own folder for slapadd), so the file is read here
 * and handed over; a 100,000-user organisation is about 116 MB of text, which the benchmark process can afford.
 * An `ldifFile` option in start-slapd.ts would save the copy.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type RunningSlapd, startSlapd } from '../helpers/slapd/start-slapd';

/** A running benchmark server: start-slapd's handle plus a password file for ldapmodify -y and --password-file. */
export interface BenchSlapd extends RunningSlapd {
  readonly passwordFile: string;
  /** How long loading (slaptest + slapadd) and starting took. */
  readonly startMs: number;
}

const running = new Set<RunningSlapd>();
/** Set by stopAllBenchSlapd: the run is ending (Ctrl-C), so no new server may start — a measurement still under way
 * (the floor after an interrupted peer, say) would otherwise start one the exiting process never stops. */
let shuttingDown = false;

function refuseWhenShuttingDown(): void {
  if (shuttingDown) throw new Error('the benchmark is stopping: no new slapd is started');
}

/** Starts a new slapd holding exactly the records of `ldifFile`; `dbnosync: false` makes it sync every write. */
export async function startBenchSlapd(ldifFile: string, options: { readonly dbnosync: boolean }): Promise<BenchSlapd> {
  refuseWhenShuttingDown();
  const started = performance.now();
  const ldif = await readFile(ldifFile, 'utf8');
  refuseWhenShuttingDown();
  const server = await startSlapd({ ldif, dbnosync: options.dbnosync });
  running.add(server);
  try {
    refuseWhenShuttingDown();
    const passwordFile = join(server.folder, 'bench-password');
    await writeFile(passwordFile, server.password, { mode: 0o600 }); // no newline: ldapmodify -y reads the file verbatim
    return {
      ...server,
      passwordFile,
      startMs: performance.now() - started,
      async stop(): Promise<void> {
        running.delete(server);
        await server.stop();
      },
    };
  } catch (error) {
    running.delete(server);
    await server.stop();
    throw error;
  }
}

/** Stops every server still running (the benchmark's `finally` and signal handlers). */
export async function stopAllBenchSlapd(): Promise<void> {
  shuttingDown = true;
  const servers = [...running];
  running.clear();
  await Promise.allSettled(servers.map((server) => server.stop()));
}

/** Stops the server whatever happens in `body`. */
export async function withBenchSlapd<T>(ldifFile: string, options: { readonly dbnosync: boolean }, body: (server: BenchSlapd) => Promise<T>): Promise<T> {
  const server = await startBenchSlapd(ldifFile, options);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}
