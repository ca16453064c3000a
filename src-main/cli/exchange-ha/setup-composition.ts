/**
 * Builds the setup service for one `exchange-ha setup` run on the world the command names — the lab (`--lab DIR`),
 * a pair through its connection profile (`--profile FILE`), or the real tools' own options — through the one
 * composition (app/compose-world.ts, via command-world.ts): the world's setup world, and its progress and journal
 * where every host keeps them (app/world-files.ts: in the lab's folder, or beside the pair document). The pair
 * document is checked first, then the profile and the passwords, so bad input is refused before anything runs.
 */
import type { PairDocument } from '../../pair/pair-document-schema';
import { PairDocumentError } from '../../pair/pair-problems';
import { openPairStore, type PairStore } from '../../setup/pair-store';
import { openProgressStore } from '../../setup/progress-store';
import { openSetupJournal } from '../../setup/setup-journal';
import { createSetupService, type SetupService } from '../../setup/setup-service';
import type { SetupStep } from '../../setup/setup-step';
import { UsageError } from '../usage-error';
import type { SetupCommand } from './arguments';
import { openCommandWorld, type CommandWorldArgument, type CommandWorldDeps } from './command-world';
import { loggedSetupService } from '../../app/diagnostic-events';

export interface ComposedSetup {
  readonly service: SetupService;
  /** Where the run works, for the first line of output (`the lab in /tmp/lab`, `the profile "Production" (FILE)`). */
  readonly where: string;
  /** Shown on standard error before the run (plain LDAP with a password, ...). */
  readonly warnings: readonly string[];
  /** Closes what was opened (the lab saves). */
  close(): Promise<void>;
}

export interface CompositionDeps extends CommandWorldDeps {
  /** The steps by id (steps/index.ts's setupSteps()). */
  readonly steps: () => ReadonlyMap<string, SetupStep>;
}

/** The valid pair document; an invalid one is refused with every problem and its field path (PairDocumentError). */
export async function loadPairOrThrow(pair: PairStore): Promise<PairDocument> {
  const loaded = await pair.load();
  if (!loaded.ok) throw new PairDocumentError(pair.path, loaded.problems);
  return loaded.document;
}

/** The world a setup command names (the parser gives exactly one of --lab, --profile and the real tools' options). */
export function setupWorldArgument(command: SetupCommand): CommandWorldArgument {
  if (command.lab !== undefined) return { kind: 'lab', folder: command.lab };
  if (command.profile !== undefined) return { kind: 'profile', ...command.profile };
  if (command.real !== undefined) return { kind: 'options', real: command.real };
  throw new UsageError('without --lab, the real tools need --profile FILE or their options (see --help)');
}

export async function composeSetup(command: SetupCommand, deps: CompositionDeps): Promise<ComposedSetup> {
  const pair = openPairStore(command.pair);
  const document = await loadPairOrThrow(pair);
  const steps = deps.steps();
  const { world, where } = await openCommandWorld(command.pair, document, setupWorldArgument(command), deps);
  try {
    const service = loggedSetupService(
      createSetupService({
        world: world.setupWorld,
        pair,
        progress: await openProgressStore(world.files.progress),
        journal: openSetupJournal(world.files.journal),
        steps,
        now: deps.now,
      }),
      deps.logger,
    );
    return { service, where, warnings: world.warnings, close: () => world.close() };
  } catch (e) {
    await world.close();
    throw e;
  }
}
