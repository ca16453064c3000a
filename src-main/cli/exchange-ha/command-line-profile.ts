/**
 * The real tools' own options of `exchange-ha setup` (`--cluster-exe`, `--dtcl-exe`, `--dt-user`, `--ldap-url`,
 * `--bind-dn`, `--ca-file`, `--starttls`), kept for the scripts that use them, as the connection profile they stand
 * for (named "Command line"), so that they reach the real tools through the one composition (app/compose-world.ts)
 * like `--profile FILE`. Pure.
 */
import { checkConnectionProfile } from '../../profile/connection-profile-file';
import {
  CONNECTION_PROFILE_FORMAT,
  CONNECTION_PROFILE_VERSION,
  isPlainLdapUrl,
  type ConnectionProfile,
  type ConnectionProfileInput,
} from '../../profile/connection-profile-schema';
import { UsageError } from '../usage-error';
import type { RealToolArguments } from './arguments';

/** What the environment is called when the options stand for the profile. */
export const COMMAND_LINE_PROFILE_NAME = 'Command line';

/** The option that gave each field of the profile, for a value the profile refuses. */
const OPTION_OF: Readonly<Record<string, string>> = {
  'directory.url': '--ldap-url',
  'directory.startTls': '--starttls',
  'directory.caFile': '--ca-file',
  'directory.bindDn': '--bind-dn',
  'tools.clusterExe': '--cluster-exe',
  'tools.dtclExe': '--dtcl-exe',
  'doubleTake.user': '--dt-user',
};

/**
 * The connection profile the options describe. The node files are reached through the administrative shares (the
 * profile's default root `\\{node}\{drive}$`), as the options always did. Plain `ldap://` with `--bind-dn` and without
 * `--starttls` stays allowed, as it was before profiles existed, and carries the profile's warning. A value the
 * profile refuses is a UsageError naming the option.
 */
export function commandLineProfile(real: RealToolArguments): ConnectionProfile {
  const plainWithPassword = isPlainLdapUrl(real.ldapUrl) && !real.startTls && real.bindDn !== undefined;
  const input: ConnectionProfileInput = {
    format: CONNECTION_PROFILE_FORMAT,
    version: CONNECTION_PROFILE_VERSION,
    name: COMMAND_LINE_PROFILE_NAME,
    directory: {
      url: real.ldapUrl,
      startTls: real.startTls,
      ...(real.caFile === undefined ? {} : { caFile: real.caFile }),
      ...(real.bindDn === undefined ? {} : { bindDn: real.bindDn }),
      ...(plainWithPassword ? { allowPlainLdapPassword: true } : {}),
    },
    tools: { clusterExe: real.clusterExe, dtclExe: real.dtclExe },
    doubleTake: { user: real.dtUser },
  };
  const check = checkConnectionProfile(input);
  if (check.ok) return check.profile;
  const [first, ...others] = check.problems.map((problem) => `${OPTION_OF[problem.path] ?? problem.path}: ${problem.message}`);
  throw new UsageError(others.length === 0 ? (first ?? 'the real tools\' options cannot be used') : `the real tools' options cannot be used:\n  ${[first, ...others].join('\n  ')}`);
}
