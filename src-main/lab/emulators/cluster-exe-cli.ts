/**
 * The cluster.exe emulator: cluster.exe's syntax, output and exit codes over the lab's MSCS model, kept in the JSON
 * file named by EXCH_HA_LAB_CLUSTERS (`{ "clusters": { "<NAME>": <model JSON> } }`; seeded with the lab's two
 * clusters when absent). The cluster.exe adapter runs it in tests exactly as it runs the real program:
 *   node --import tsx src-main/lab/emulators/cluster-exe-cli.ts SRCCLUS group "Exchange Group" /create
 * or, from any working directory, through the executable `test/fixtures/bin/cluster` (what the integration tests spawn).
 * Pending states ([assumed] lab feature): with EXCH_HA_LAB_PENDING_POLLS=N (default 0), an online or offline without
 * `/wait` leaves the object `Online Pending` / `Offline Pending` (a group `Pending`) for the next N status listings
 * that show it, so that the adapter's wait is exercised; the counts live in `<clusters file>.pending.json`.
 * Exit code: 0, or the Win32 error number cluster.exe exits with ("System error N has occurred" on stderr); outside
 * Windows the system keeps only its low 8 bits, so callers read the number from the printed line.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { emulateClusterExe, type PendingEntries } from '../mscs/cluster-exe-emulation';
import { ClusterFileError } from '../mscs/cluster-file-check';
import { readClusterStore, writeClusterStore } from '../mscs/cluster-store-file';
import type { ClusterData } from '../mscs/cluster-data';
import { formatSystemError, WIN32 } from '../../cluster/win32-errors';
import type { MscsCluster } from '../mscs/mscs-cluster';
import { sameName } from '../../cluster/object-names';
import { loadDoubleTakeLab, saveDoubleTakeLab } from '../doubletake/doubletake-lab-file';
import { withDoubleTakeLabLock } from '../doubletake/doubletake-lab-lock';
import { withFileLock } from '../file-lock';
import { createLabNodeFiles } from '../nodes/lab-node-files';
import { describeFailures, settleSourceConnections, sourceConnectionChanges, type SourceConnectionFailure } from '../source-connection-resource';
import { LAB } from '../topology';
import { labDoubleTakeWiring } from '../failures/lab-doubletake-wiring';
import { readLabFailures } from '../failures/lab-failures-file';
import { LAB_FOLDER_ENV } from './emulator-env';
import { createLabClusters } from '../mscs/lab-clusters';

/** The environment variable naming the clusters file. */
export const LAB_CLUSTERS_ENV = 'EXCH_HA_LAB_CLUSTERS';
/** The environment variable giving how many status listings show a pending state after an online/offline. */
export const LAB_PENDING_POLLS_ENV = 'EXCH_HA_LAB_PENDING_POLLS';

/** Where the pending states of a clusters file are kept between runs. */
export function pendingFilePath(clustersFile: string): string {
  return `${clustersFile}.pending.json`;
}

function readPending(path: string): PendingEntries {
  if (!existsSync(path)) return {};
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as PendingEntries) : {};
  } catch {
    return {};
  }
}

function writePending(path: string, entries: PendingEntries): void {
  if (Object.keys(entries).length === 0) {
    rmSync(path, { force: true });
    return;
  }
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(entries, null, 2)}\n`);
  renameSync(tmp, path);
}

/** EXCH_HA_LAB_PENDING_POLLS as a count (0 when unset or not a non-negative integer). */
export function pendingPollsFromEnv(env: NodeJS.ProcessEnv): number {
  const text = env[LAB_PENDING_POLLS_ENV]?.trim() ?? '';
  return /^\d+$/.test(text) ? Number(text) : 0;
}

/**
 * With EXCH_HA_LAB naming the lab folder, a Double-Take Source Connection resource that comes online or goes offline
 * runs its node's online.dtcl / offline.dtcl against the lab's Double-Take (src-main/lab/source-connection-resource);
 * one whose script fails is left Failed and cluster.exe reports error 5038.
 */
async function runResourceDlls(
  folder: string,
  clusters: ReadonlyMap<string, MscsCluster>,
  before: ReadonlyMap<string, ClusterData>,
): Promise<SourceConnectionFailure[]> {
  const changes = [...clusters].map(([name, model]) => ({ model, changes: sourceConnectionChanges(before.get(name) ?? model.toJSON(), model.toJSON()) }));
  if (changes.every((c) => c.changes.length === 0)) return [];
  const isNodeUp = (node: string): boolean =>
    [...clusters.values()].some((m) => m.toJSON().nodes.some((n) => sameName(n.name, node) && n.state !== 'Down'));
  return withDoubleTakeLabLock(folder, async () => {
    // Lab time up to now passes as the clusters were before this command; then as they are (failures/lab-reach.ts).
    let view = [...before.values()];
    const doubleTake = await loadDoubleTakeLab(folder, labDoubleTakeWiring(() => view, () => readLabFailures(folder)));
    view = [...clusters.values()].map((m) => m.toJSON());
    const world = { doubleTake, nodeFiles: createLabNodeFiles(folder, { isNodeUp }), installFolder: () => LAB.doubleTakeFolder, isNodeUp };
    const failures: SourceConnectionFailure[] = [];
    for (const { model, changes: list } of changes) {
      failures.push(...(await settleSourceConnections(model, list, world)));
    }
    await saveDoubleTakeLab(folder, doubleTake);
    return failures;
  });
}

/** Runs one invocation against the file; returns the exit code after writing the output. */
export async function runClusterExeCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const path = env[LAB_CLUSTERS_ENV];
  if (path === undefined || path === '') {
    process.stderr.write(`${LAB_CLUSTERS_ENV} must name the lab clusters file.\n`);
    return 1;
  }
  try {
    const run = await withFileLock(path, async () => {
      const clusters = existsSync(path) ? readClusterStore(path) : createLabClusters();
      const before = new Map([...clusters].map(([name, model]) => [name, model.toJSON()]));
      const pending = readPending(pendingFilePath(path));
      const result = emulateClusterExe(clusters, args, { pendingPolls: pendingPollsFromEnv(env), pending });
      const folder = env[LAB_FOLDER_ENV];
      const failures = result.changed && folder !== undefined && folder !== '' ? await runResourceDlls(folder, clusters, before) : [];
      if (result.changed || !existsSync(path)) writeClusterStore(path, clusters);
      if (result.pendingChanged) writePending(pendingFilePath(path), pending);
      if (failures.length === 0) return result;
      const code = WIN32.ERROR_RESOURCE_FAILED;
      return { ...result, stderr: `${result.stderr}${formatSystemError(code)}\n${describeFailures(failures)}\n`, exitCode: code };
    });
    process.stdout.write(run.stdout);
    process.stderr.write(run.stderr);
    return run.exitCode;
  } catch (e) {
    if (e instanceof ClusterFileError) {
      process.stderr.write(`${e.message}\n`);
      return 13; // ERROR_INVALID_DATA
    }
    throw e;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /cluster-exe-cli\.[cm]?[jt]s$/.test(process.argv[1]);
/** Outside Windows an exit status keeps only its low 8 bits: never let a refusal look like success there. */
function exitStatus(code: number): number {
  return process.platform !== 'win32' && code !== 0 && (code & 0xff) === 0 ? 1 : code;
}

if (invokedDirectly) {
  runClusterExeCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = exitStatus(code);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
