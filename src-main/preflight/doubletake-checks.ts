/**
 * The Double-Take check: dtcl.exe logs in to every node of the pair document and reads the two server options the
 * setup manages (`GET AutoReconnect`, `GET ChecksumAll`), a script that changes nothing. The script is shown with
 * the password masked; the port feeds the real one to dtcl.exe on standard input, never on its command line.
 */
import { DtclSecret, type DtclCommand } from '../doubletake/dtcl-ast';
import { DTCL_EXE_ARGS } from '../doubletake/dtcl-exe-adapter';
import { buildDtclScript } from '../doubletake/dtcl-script';
import { DOUBLE_TAKE_OPTION_NAMES, DoubleTakePortError } from '../doubletake/port';
import type { PairDocument } from '../pair';
import type { CheckRunner } from './check-runner';
import { errorText, failed, passed, type CheckOutcome } from './preflight-check';
import type { PreflightWorld } from './preflight-world';
import { programWords } from './shell-words';

/** The read-only body after LOGIN. */
const READ_OPTIONS: readonly DtclCommand[] = DOUBLE_TAKE_OPTION_NAMES.map((option) => ({ kind: 'get', option }));

/** `dtcl -i`, then the script it reads on standard input, the password as `********`. */
export function dtclLoginCommand(dtclExe: readonly string[], node: string, user: string): string {
  const script = buildDtclScript({ host: node, user, password: new DtclSecret('') }, READ_OPTIONS);
  return [`${programWords(dtclExe)} ${DTCL_EXE_ARGS.join(' ')}`, ...script.previewLines()].join('\n');
}

export function doubleTakeFailure(node: string, user: string, error: unknown): CheckOutcome {
  if (error instanceof DoubleTakePortError) {
    switch (error.failure) {
      case 'login-failed':
        return failed(
          `Double-Take on ${node} refused the login of ${user} (${error.message}).`,
          `Check the Double-Take user in the profile and its password (the --dt-password-file or the environment variable), and that ${user} is in ${node}'s Double-Take Admin group.`,
        );
      case 'unreachable':
        return failed(
          `Double-Take on ${node} did not answer (${error.message}).`,
          `Check that ${node} is powered on and reachable from this computer and that its Double-Take service is running, then run the check again.`,
        );
      case 'refused':
        return failed(
          `Double-Take on ${node} refused to read its options (${error.message}).`,
          'Run the script shown by hand in dtcl.exe and fix what it reports.',
        );
      case 'failed':
        return failed(
          `dtcl.exe could not be run, or printed something this program cannot read (${error.message}).`,
          'Check the path of dtcl.exe in the profile (the Double-Take client tools must be installed), then run the script shown by hand.',
        );
    }
  }
  return failed(`Logging in to Double-Take on ${node} failed: ${errorText(error)}`, 'Run the script shown by hand in dtcl.exe and fix what it reports.');
}

export async function doubleTakeChecks(runner: CheckRunner, world: PreflightWorld, document: PairDocument): Promise<void> {
  for (const side of ['source', 'target'] as const) {
    for (const { name } of document[side].cluster.nodes) {
      const node = name.toUpperCase();
      await runner.check(
        {
          id: `doubletake.login.${node}`,
          system: 'doubletake',
          title: `dtcl.exe logs in to ${node} (${side})`,
          where: node,
          command: dtclLoginCommand(world.dtclExe, node, world.doubleTakeUser),
        },
        [],
        async () => {
          const options = await world.doubleTake(node).options();
          const shown = DOUBLE_TAKE_OPTION_NAMES.map((option) => `${option}=${options[option]}`).join(', ');
          return passed(`Logged in as ${world.doubleTakeUser}; ${shown}.`);
        },
        (error) => doubleTakeFailure(node, world.doubleTakeUser, error),
      );
    }
  }
}
