/**
 * The passwords a connection profile's accounts need, read for one `exchange-ha` run: the Double-Take password (always
 * on a real pair) and the directory bind password (when the profile has a bindDn), each from its file or its
 * environment variable (password-options.ts). Every password read is added to the output mask at once, and the
 * children (cluster.exe, dtcl.exe) get an environment without the password variables. For every command that takes
 * `--profile`.
 */
import { readFile } from 'node:fs/promises';
import { credentialSpecs } from '../../app/compose-world';
import type { CredentialId } from '../../contract/channels';
import { noSecretStore } from '../../credentials/secret-store';
import { openSessionCredentials, type SessionCredentials } from '../../credentials/session-credentials';
import type { ConnectionProfile } from '../../profile/connection-profile-schema';
import type { SecretMask } from '../../shared/redaction';
import { fileErrorReason } from '../cli-files';
import { UsageError } from '../usage-error';
import { BIND_PASSWORD_ENV, DT_PASSWORD_ENV, type SecretSource } from './password-options';

export interface PasswordReading {
  readonly env: NodeJS.ProcessEnv;
  /** Every password read is added here before anything else happens, so no output can show it. */
  readonly mask: SecretMask;
  readonly readText?: (path: string) => Promise<string>;
}

/** The option and the variable that give each password. */
const GIVEN_BY: Readonly<Record<CredentialId, { readonly option: string; readonly variable: string }>> = {
  doubleTake: { option: '--dt-password-file', variable: DT_PASSWORD_ENV },
  directory: { option: '--bind-password-file', variable: BIND_PASSWORD_ENV },
};

/** A password from its environment variable or its file (one line; a final newline is not part of it). */
export async function readPassword(source: SecretSource, option: string, deps: PasswordReading): Promise<string> {
  if (source.from === 'env') {
    const value = deps.env[source.variable] ?? '';
    deps.mask.add(value);
    if (value === '') throw new UsageError(`${source.variable} is empty`);
    return value;
  }
  let text: string;
  try {
    text = await (deps.readText ?? ((path: string) => readFile(path, 'utf8')))(source.file);
  } catch (e) {
    throw new UsageError(`cannot read the password file ${source.file} (${option}): ${fileErrorReason(e)}`);
  }
  const password = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r?\n$/, '');
  deps.mask.add(password);
  if (password === '') throw new UsageError(`the password file ${source.file} (${option}) is empty`);
  if (/[\r\n]/.test(password)) throw new UsageError(`the password file ${source.file} (${option}) has more than one line; it must hold only the password`);
  return password;
}

/**
 * The session's credentials for `profile` (read from `profileFile`), with every password it needs read from its
 * source. A needed password with no source, or a password file for an account the profile does not have, is a
 * UsageError naming the option, the variable and the account; nothing has been run then.
 */
export async function profileCredentials(
  profile: ConnectionProfile,
  profileFile: string,
  sources: Partial<Record<CredentialId, SecretSource>>,
  deps: PasswordReading,
): Promise<SessionCredentials> {
  const howToGive = (id: CredentialId): string => `set ${GIVEN_BY[id].variable} or give ${GIVEN_BY[id].option} FILE (never on the command line)`;
  const specs = credentialSpecs({ kind: 'real', profile }, { directory: howToGive('directory'), doubleTake: howToGive('doubleTake') });
  const credentials = await openSessionCredentials({ items: specs, store: noSecretStore });
  for (const spec of specs) {
    const source = sources[spec.id];
    if (!spec.needed) {
      if (source?.from === 'file') {
        throw new UsageError(`${GIVEN_BY[spec.id].option} ${source.file}: the profile ${profileFile} binds anonymously (no directory.bindDn), so no bind password is used`);
      }
      continue;
    }
    if (source === undefined) {
      throw new UsageError(`the profile ${profileFile} needs the ${spec.label.toLowerCase()} of ${spec.account}: ${howToGive(spec.id)}`);
    }
    await credentials.set(spec.id, await readPassword(source, GIVEN_BY[spec.id].option, deps), false);
  }
  return credentials;
}

/** The environment cluster.exe and dtcl.exe get: this one without the password variables (a child never sees them). */
export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  delete out[DT_PASSWORD_ENV];
  delete out[BIND_PASSWORD_ENV];
  return out;
}
