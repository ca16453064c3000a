/**
 * The cluster.exe emulator: cluster.exe's syntax, output and exit codes over the lab's MSCS model, kept in the JSON
 * file named by EXCH_HA_LAB_CLUSTERS (`{ "clusters": { "<NAME>": <model JSON> } }`; seeded with the lab's two
 * clusters when absent). The cluster.exe adapter runs it in tests exactly as it runs the real program:
 *   node --import tsx src-main/lab/emulators/cluster-exe-cli.ts SRCCLUS group "Exchange Group" /create
 * Exit code: 0, or the Win32 error number cluster.exe exits with ("System error N has occurred" on stderr); outside
 * Windows the system keeps only its low 8 bits, so callers read the number from the printed line.
 */
import { existsSync } from 'node:fs';
import { emulateClusterExe } from '../mscs/cluster-exe-emulation';
import { ClusterFileError } from '../mscs/cluster-file-check';
import { readClusterStore, withStoreLock, writeClusterStore } from '../mscs/cluster-store-file';
import { createLabClusters } from '../mscs/lab-clusters';

/** The environment variable naming the clusters file. */
export const LAB_CLUSTERS_ENV = 'EXCH_HA_LAB_CLUSTERS';

/** Runs one invocation against the file; returns the exit code after writing the output. */
export function runClusterExeCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const path = env[LAB_CLUSTERS_ENV];
  if (path === undefined || path === '') {
    process.stderr.write(`${LAB_CLUSTERS_ENV} must name the lab clusters file.\n`);
    return 1;
  }
  try {
    const run = withStoreLock(path, () => {
      const clusters = existsSync(path) ? readClusterStore(path) : createLabClusters();
      const result = emulateClusterExe(clusters, args);
      if (result.changed || !existsSync(path)) writeClusterStore(path, clusters);
      return result;
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

if (invokedDirectly) process.exitCode = exitStatus(runClusterExeCli(process.argv.slice(2)));
