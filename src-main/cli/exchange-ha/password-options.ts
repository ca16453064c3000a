/**
 * Where `exchange-ha` takes a password from: a file (`--dt-password-file`, `--bind-password-file`) or an environment
 * variable, never from the command line (where any user of the machine could read it in the process list). Pure:
 * nothing is read here, only where to read it.
 */
import { resolve } from 'node:path';

/** Where a password comes from: the environment variable (its name) or a file (absolute path). */
export type SecretSource = { readonly from: 'env'; readonly variable: string } | { readonly from: 'file'; readonly file: string };

/** The environment variable holding the Double-Take password for the real tools. */
export const DT_PASSWORD_ENV = 'EXCHANGE_HA_DT_PASSWORD';
/** The environment variable holding the directory bind password for the real tools. */
export const BIND_PASSWORD_ENV = 'EXCHANGE_HA_BIND_PASSWORD';

/** Words that would put a password on the command line: refused with a pointer to the safe ways. */
export const PASSWORD_WORDS: Readonly<Record<string, string>> = {
  '--dt-password': `set ${DT_PASSWORD_ENV} or give --dt-password-file FILE`,
  '--password': `set ${DT_PASSWORD_ENV} / ${BIND_PASSWORD_ENV} or give --dt-password-file / --bind-password-file`,
  '--bind-password': `set ${BIND_PASSWORD_ENV} or give --bind-password-file FILE`,
};

/** The file when given (resolved against `cwd`), else the environment variable when set and not empty. */
export function secretSource(file: string | undefined, variable: string, env: NodeJS.ProcessEnv, cwd: string): SecretSource | undefined {
  if (file !== undefined) return { from: 'file', file: resolve(cwd, file) };
  return (env[variable] ?? '') !== '' ? { from: 'env', variable } : undefined;
}
