/**
 * The dtcl.exe emulator: DTCL's syntax and [assumed] output over the lab's Double-Take model, kept in
 * `<lab>/doubletake.json` (the lab folder named by EXCH_HA_LAB; a fresh Double-Take on every lab node when the file
 * is absent). The dtcl.exe adapter runs it in tests exactly as it runs the real program:
 *   node --import tsx src-main/lab/emulators/dtcl-cli.ts -i        (the script on standard input)
 *   node --import tsx src-main/lab/emulators/dtcl-cli.ts -f FILE   (the script in a file)
 * Exit status and wording: src-main/doubletake/dtcl-output.ts. The state is saved atomically, and only when a
 * command changed something, under a lock file, so emulators started at once (one per node) lose no update.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sameName } from '../../cluster/object-names';
import { DTCL_EXIT, DTCL_TEXT } from '../../doubletake/dtcl-output';
import { emulateDtcl } from '../doubletake/dtcl-emulation';
import { DoubleTakeLabStateError } from '../doubletake/doubletake-lab';
import { loadDoubleTakeLab, saveDoubleTakeLab } from '../doubletake/doubletake-lab-file';
import { withDoubleTakeLabLock } from '../doubletake/doubletake-lab-lock';
import { readClusterStore } from '../mscs/cluster-store-file';

import { labDoubleTakeWiringFromFiles } from '../failures/lab-doubletake-wiring';
import { LAB_FOLDER_ENV } from './emulator-env';

const USAGE = 'Usage: dtcl -i (commands on standard input) | dtcl -f <script file>';

/**
 * Lab power, read from the lab's clusters file (EXCH_HA_LAB_CLUSTERS, else `<lab>/clusters.json`) as the
 * cluster.exe emulator keeps it: a node that is down does not answer DTCL. Every node is up when there is no file.
 */
function labNodeIsUp(folder: string, env: NodeJS.ProcessEnv): (node: string) => boolean {
  const named = env.EXCH_HA_LAB_CLUSTERS ?? '';
  const file = named === '' ? join(folder, 'clusters.json') : named;
  if (!existsSync(file)) return () => true;
  const nodes = [...readClusterStore(file).values()].flatMap((model) => model.toJSON().nodes);
  return (node) => !nodes.some((n) => sameName(n.name, node) && n.state === 'Down');
}

/** Runs one invocation; writes the output and returns the exit status. `stdin` is read only for `-i`. */
export async function runDtclCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  stdin: () => string = () => readFileSync(0, 'utf8'),
): Promise<number> {
  const folder = env[LAB_FOLDER_ENV];
  if (folder === undefined || folder === '') {
    process.stderr.write(`${DTCL_TEXT.errorPrefix}${LAB_FOLDER_ENV} must name the lab folder.\n`);
    return DTCL_EXIT.usage;
  }
  let source: string;
  if (args.length === 1 && args[0]?.toLowerCase() === '-i') source = stdin();
  else if (args.length === 2 && args[0]?.toLowerCase() === '-f' && args[1] !== undefined) source = readFileSync(args[1], 'utf8');
  else {
    process.stderr.write(`${DTCL_TEXT.errorPrefix}${USAGE}\n`);
    return DTCL_EXIT.usage;
  }
  try {
    const run = await withDoubleTakeLabLock(folder, async () => {
      const named = env.EXCH_HA_LAB_CLUSTERS ?? '';
      const clustersFile = named === '' ? join(folder, 'clusters.json') : named;
      const lab = await loadDoubleTakeLab(folder, { ...labDoubleTakeWiringFromFiles(folder, clustersFile), isNodeUp: labNodeIsUp(folder, env) });
      const result = emulateDtcl(lab, source);
      if (result.changed) await saveDoubleTakeLab(folder, lab);
      return result;
    });
    process.stdout.write(run.stdout);
    process.stderr.write(run.stderr);
    return run.exitCode;
  } catch (error) {
    if (error instanceof DoubleTakeLabStateError) {
      process.stderr.write(`${DTCL_TEXT.errorPrefix}${error.message}\n`);
      return DTCL_EXIT.usage;
    }
    throw error;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /dtcl-cli\.[cm]?[jt]s$/.test(process.argv[1]);
if (invokedDirectly) {
  runDtclCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${DTCL_TEXT.errorPrefix}${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = DTCL_EXIT.usage;
    },
  );
}
