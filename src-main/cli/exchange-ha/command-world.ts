/**
 * The world one `exchange-ha` command works on, built through the one composition (app/compose-world.ts) as the
 * desktop program builds it: a lab folder (`--lab DIR`), a pair through its connection profile (`--profile FILE`, read
 * and checked here: a bad one is refused naming the file and the field), or — for `setup` — the real tools' own
 * options, which stand for a profile (command-line-profile.ts). Every password the world needs is read (from its file
 * or variable) before the world is built, so a missing one is refused before anything runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeWorld, type ComposedWorld } from '../../app/compose-world';
import type { CredentialId } from '../../contract/channels';
import { LAB_CLUSTERS_FILE } from '../../lab/lab';
import type { PairDocument } from '../../pair';
import { readConnectionProfile } from '../../profile/connection-profile-file';
import type { ConnectionProfile } from '../../profile/connection-profile-schema';
import { UsageError } from '../usage-error';
import type { RealToolArguments } from './arguments';
import type { ProfilePasswordSources } from './check-arguments';
import { commandLineProfile } from './command-line-profile';
import type { SecretSource } from './password-options';
import { childEnvironment, profileCredentials, type PasswordReading } from './profile-passwords';
import type { Logger } from '../../shared/log-port';

/** Which world a command names. */
export type CommandWorldArgument =
  | { readonly kind: 'lab'; readonly folder: string }
  | { readonly kind: 'profile'; readonly file: string; readonly passwords: ProfilePasswordSources }
  | { readonly kind: 'options'; readonly real: RealToolArguments };

export interface CommandWorldDeps extends PasswordReading {
  readonly now: () => Date;
  /** The diagnostic log (`--log FILE`); none when absent. */
  readonly logger?: Logger;
  /** The working folder of cluster.exe and dtcl.exe. */
  readonly cwd?: string;
}

export interface OpenedCommandWorld {
  readonly world: ComposedWorld;
  /** `the lab in DIR`, `the profile "Production" (FILE)`, `the real tools (cluster.exe, dtcl.exe, ldaps://dc1)`. */
  readonly where: string;
}

/** Opens the world named for the pair document `pairFile` (already read and valid: `document`). */
export async function openCommandWorld(pairFile: string, document: PairDocument, argument: CommandWorldArgument, deps: CommandWorldDeps): Promise<OpenedCommandWorld> {
  if (argument.kind === 'lab') {
    const folder = argument.folder;
    if (!existsSync(join(folder, LAB_CLUSTERS_FILE))) {
      throw new UsageError(`--lab ${folder} holds no lab (no ${LAB_CLUSTERS_FILE}); make one with: exchange-ha lab init ${folder}`);
    }
    return { world: await composeWorld({ kind: 'lab', labFolder: folder }, { now: deps.now, ...(deps.logger === undefined ? {} : { logger: deps.logger }) }), where: `the lab in ${folder}` };
  }
  if (argument.kind === 'profile') {
    const profile = await readConnectionProfile(argument.file);
    return {
      world: await composeReal(pairFile, document, profile, argument.file, argument.passwords, deps),
      where: `the profile "${profile.name}" (${argument.file})`,
    };
  }
  const { real } = argument;
  const profile = commandLineProfile(real);
  const passwords: Partial<Record<CredentialId, SecretSource>> = {
    doubleTake: real.dtPassword,
    ...(real.bindPassword === undefined ? {} : { directory: real.bindPassword }),
  };
  return {
    world: await composeReal(pairFile, document, profile, undefined, passwords, deps),
    where: `the real tools (${real.clusterExe}, ${real.dtclExe}, ${real.ldapUrl})`,
  };
}

async function composeReal(
  pairFile: string,
  document: PairDocument,
  profile: ConnectionProfile,
  profileFile: string | undefined,
  passwords: Partial<Record<CredentialId, SecretSource>>,
  deps: CommandWorldDeps,
): Promise<ComposedWorld> {
  const credentials = await profileCredentials(profile, profileFile ?? 'given by the options', passwords, deps);
  const clusters = { source: document.source.cluster.name, target: document.target.cluster.name };
  return composeWorld(
    {
      kind: 'real',
      pairFile,
      profile,
      ...(profileFile === undefined ? {} : { profileFile }),
      credentials,
      clusters: () => clusters,
      pair: () => document,
      childEnv: childEnvironment(deps.env),
      ...(deps.cwd === undefined ? {} : { cwd: deps.cwd }),
    },
    { now: deps.now, ...(deps.logger === undefined ? {} : { logger: deps.logger }) },
  );
}
