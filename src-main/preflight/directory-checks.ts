/**
 * The directory checks: the domain controller answers, its certificate is trusted (ldaps:// or StartTLS), the bind
 * works, the bind can read the Exchange organisation (the msExchOrganizationContainer under the configuration naming
 * context's CN=Microsoft Exchange,CN=Services, as the failover discovery reads it), and both Exchange virtual servers
 * of the pair document are in it. Only searches are sent.
 *
 * Failures are told apart by what the directory adapter reports: a refused or silent port (ECONNREFUSED, ETIMEDOUT),
 * a TLS handshake refused by Node's certificate checks (UNABLE_TO_VERIFY_LEAF_SIGNATURE, DEPTH_ZERO_SELF_SIGNED_CERT,
 * CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID: https://nodejs.org/api/tls.html#x509-certificate-error-codes), and
 * LDAP result 49 invalidCredentials for a bad bind (RFC 4511 §4.1.9 and appendix A).
 */
import { isDirectoryError, type DirectoryEntry, type DirectoryPort, type RootDse } from '../directory/port';
import { sameName } from '../failover/discovery';
import { CredentialsMissingError } from '../credentials/session-credentials';
import type { PairDocument } from '../pair';
import type { CheckRunner } from './check-runner';
import { errorText, failed, passed, type CheckOutcome, type CheckSpec, type PreflightCheck } from './preflight-check';
import type { PreflightDirectory } from './preflight-world';
import { shellWord } from './shell-words';

/** Entries a search reads at most: enough to name what is there, never a whole forest. */
const MAX_LISTED = 50;

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function usesTls(directory: PreflightDirectory): boolean {
  return directory.startTls || /^ldaps:/i.test(directory.url);
}

/** `ldapsearch` with the profile's connection options: `-ZZ` for StartTLS, `-W` prompts for the password. */
export function ldapsearchLine(directory: PreflightDirectory, base: string, scope: 'base' | 'sub', filter?: string, attributes: readonly string[] = []): string {
  const words = [
    ...(usesTls(directory) && directory.caFile !== undefined ? [`LDAPTLS_CACERT=${shellWord(directory.caFile)}`] : []),
    'ldapsearch',
    '-H',
    shellWord(directory.url),
    ...(directory.startTls ? ['-ZZ'] : []),
    '-x',
    ...(directory.bindDn === undefined ? [] : ['-D', shellWord(directory.bindDn), '-W']),
    '-b',
    base === '' ? '""' : shellWord(base),
    '-s',
    scope,
    ...(filter === undefined ? [] : [shellWord(filter)]),
    ...attributes,
  ];
  return words.join(' ');
}

/** Where the connect-time failure belongs, and its words. */
type OpenFailure = { readonly stage: 'connect' | 'certificate' | 'bind' | 'organisation' | 'cancelled'; readonly outcome: CheckOutcome };

/** Sorts a failure to open the directory (or read its root DSE) into the stage it belongs to. */
export function classifyOpenFailure(directory: PreflightDirectory, error: unknown): OpenFailure {
  const host = hostOf(directory.url);
  const message = errorText(error);
  const trust = directory.caFile === undefined ? "this computer's trusted CAs" : `the CA file ${directory.caFile}`;
  if (error instanceof CredentialsMissingError) {
    // The composition reached the domain controller (and its certificate) anonymously before saying so.
    return { stage: 'bind', outcome: failed(`The bind password of ${directory.bindDn ?? 'the bind account'} is not entered yet, so the bind was not tried.`, 'Enter the directory bind password (the wizard: Connections; exchange-ha: --bind-password-file or its environment variable), then check again.') };
  }
  if (!isDirectoryError(error)) {
    return {
      stage: 'connect',
      outcome: failed(`Connecting to ${host} failed: ${message}`, `Run the command shown by hand to see what ${host} answers.`),
    };
  }
  switch (error.code) {
    case 'cancelled':
      return { stage: 'cancelled', outcome: failed('Cancelled.', 'Run the check again.') };
    case 'unavailable':
      return {
        stage: 'connect',
        outcome: failed(
          `The domain controller at ${host} did not accept a connection (${message}).`,
          `Check that ${host} is the right domain controller and port, that it is running, and that no firewall blocks the port from this computer.`,
        ),
      };
    case 'timeout':
      return {
        stage: 'connect',
        outcome: failed(
          `The domain controller at ${host} did not answer in time (${message}).`,
          `Check that ${host} is up and that no firewall silently drops the LDAP port from this computer.`,
        ),
      };
    case 'tls':
      return { stage: 'certificate', outcome: classifyTlsFailure(host, trust, message) };
    case 'invalid-credentials':
      return {
        stage: 'bind',
        outcome: failed(
          `${host} refused the bind as ${directory.bindDn ?? '(anonymous)'}: the DN or the password is wrong, or the account is disabled, locked or its password expired (LDAP 49).`,
          'Check the bind DN in the profile and the bind password (its file or environment variable), and that the account can log on.',
        ),
      };
    case 'strong-auth-required':
      return {
        stage: 'bind',
        outcome: failed(
          `${host} refuses a simple bind on an unprotected connection (${message}).`,
          'Use an ldaps:// URL or StartTLS in the profile, with the CA file of the domain controller’s certificate.',
        ),
      };
    case 'not-active-directory':
      return {
        stage: 'organisation',
        outcome: failed(
          `${host} is not an Active Directory domain controller: its root DSE names no configuration naming context.`,
          'Point the profile’s directory URL at a domain controller of the forest Exchange is installed in.',
        ),
      };
    default:
      if (error.resultCode !== undefined) {
        return {
          stage: 'bind',
          outcome: failed(
            `${host} refused the bind as ${directory.bindDn ?? '(anonymous)'}: ${message}`,
            'Check the bind DN and password in the profile, and that the account may read the directory.',
          ),
        };
      }
      if (/ENOENT|EACCES|EISDIR/.test(message) && directory.caFile !== undefined) {
        return {
          stage: 'connect',
          outcome: failed(
            `The CA file ${directory.caFile} cannot be read (${message}).`,
            'Fix the CA file path in the profile: it must name a readable PEM file of the CA that issued the domain controller’s certificate.',
            directory.caFile,
          ),
        };
      }
      return {
        stage: 'connect',
        outcome: failed(`Connecting to ${host} failed: ${message}`, `Run the command shown by hand to see what ${host} answers.`),
      };
  }
}

function classifyTlsFailure(host: string, trust: string, message: string): CheckOutcome {
  if (/CERT_HAS_EXPIRED|expired/i.test(message)) {
    return failed(
      `The certificate ${host} presented has expired (${message}).`,
      `Renew the domain controller’s certificate, or correct this computer’s clock if it is wrong, then run the check again.`,
    );
  }
  if (/CERT_NOT_YET_VALID|not yet valid/i.test(message)) {
    return failed(
      `The certificate ${host} presented is not valid yet (${message}).`,
      'Correct the clock of this computer or of the certificate authority, then run the check again.',
    );
  }
  if (/ALTNAME|hostname|host name|does not match/i.test(message)) {
    return failed(
      `The certificate ${host} presented is not issued for the name ${host} (${message}).`,
      'Use in the profile’s directory URL a name the certificate is issued to (its subject alternative names), not an address or an alias.',
    );
  }
  if (/self[- ]signed|unable to verify|unable to get|issuer|UNABLE_TO|untrusted|SELF_SIGNED/i.test(message)) {
    return failed(
      `The certificate ${host} presented is not signed by ${trust} (${message}).`,
      'Set the profile’s CA file to the PEM certificate of the CA that issued the domain controller’s certificate.',
    );
  }
  return failed(
    `The TLS handshake with ${host} failed (${message}).`,
    'Check that the domain controller offers LDAPS on this port (or StartTLS on port 389) with a valid certificate.',
  );
}

async function collect(port: DirectoryPort, base: string, filter: string, signal: AbortSignal): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  for await (const entry of port.search(base, { scope: 'sub', filter, attributes: ['cn'], pageSize: MAX_LISTED, signal })) {
    entries.push(entry);
    if (entries.length >= MAX_LISTED) break;
  }
  return entries;
}

function cnOf(entry: DirectoryEntry): string {
  const value = entry.attributes['cn']?.[0];
  return typeof value === 'string' ? value : entry.dn;
}

function searchFailure(error: unknown, base: string, bindDn: string | undefined): CheckOutcome {
  const who = bindDn ?? 'an anonymous bind';
  if (isDirectoryError(error) && (error.code === 'no-such-object' || error.code === 'insufficient-access')) {
    return failed(
      `${base} does not exist or ${who} may not read it (${errorText(error)}).`,
      `Give ${who} read access to the configuration partition, or check that the profile points at the forest Exchange is installed in.`,
      base,
    );
  }
  return failed(`Searching ${base} failed: ${errorText(error)}`, 'Run the command shown by hand to see what the domain controller answers.', base);
}

/** Runs the directory checks in order; each needs the ones before it. */
export async function directoryChecks(runner: CheckRunner, directory: PreflightDirectory, document: PairDocument): Promise<void> {
  const host = hostOf(directory.url);
  const rootLine = ldapsearchLine(directory, '', 'base', '(objectClass=*)', ['configurationNamingContext', 'defaultNamingContext']);
  const connectSpec: CheckSpec = { id: 'directory.connect', system: 'directory', title: 'the domain controller answers', where: host, command: rootLine };
  const certificateSpec: CheckSpec | undefined = usesTls(directory)
    ? { id: 'directory.certificate', system: 'directory', title: 'its certificate is trusted', where: host, command: rootLine }
    : undefined;
  const bindSpec: CheckSpec = {
    id: 'directory.bind',
    system: 'directory',
    title: directory.bindDn === undefined ? 'the anonymous bind works' : 'the bind DN and password work',
    where: directory.bindDn === undefined ? host : `${host} as ${directory.bindDn}`,
    command: rootLine,
  };

  let port: DirectoryPort | undefined;
  const opened = await runner.attempt(async () => {
    port = await directory.connect();
    return port.rootDse();
  });
  try {
    let root: RootDse | undefined;
    let organisationFailure: CheckOutcome | undefined;
    if (opened.kind === 'cancelled') {
      for (const spec of [connectSpec, certificateSpec, bindSpec]) if (spec !== undefined) runner.skip(spec, 'cancelled');
    } else if (opened.kind === 'timeout') {
      runner.outcome(
        connectSpec,
        failed(
          `The domain controller at ${host} did not answer within ${runner.timeoutText}.`,
          `Check that ${host} is up, that the URL’s port is its LDAP port, and that no firewall silently drops it from this computer.`,
        ),
      );
    } else if (opened.kind === 'error') {
      const failure = classifyOpenFailure(directory, opened.error);
      const stages = ['connect', 'certificate', 'bind', 'organisation'] as const;
      const reached = failure.stage === 'cancelled' ? -1 : stages.indexOf(failure.stage);
      const specs = [connectSpec, certificateSpec, bindSpec] as const;
      let blocker: PreflightCheck | undefined;
      specs.forEach((spec, index) => {
        if (spec === undefined) return;
        if (failure.stage === 'cancelled') runner.skip(spec, 'cancelled');
        else if (blocker !== undefined) runner.skip(spec, blocker.id);
        else if (index < reached) runner.outcome(spec, passed(index === 0 ? `${host} answered.` : index === 1 ? 'The TLS handshake succeeded.' : 'The bind succeeded.'));
        else blocker = runner.outcome(spec, failure.outcome);
      });
      if (failure.stage === 'organisation') organisationFailure = failure.outcome;
    } else {
      root = opened.value;
      runner.outcome(connectSpec, passed(`${host} answered.`));
      if (certificateSpec !== undefined) {
        runner.outcome(certificateSpec, passed(`The certificate is trusted (${directory.caFile === undefined ? "this computer's CAs" : directory.caFile}) and issued for ${host}.`));
      }
      runner.outcome(bindSpec, passed(directory.bindDn === undefined ? 'Anonymous bind.' : `Bound as ${directory.bindDn}.`));
    }

    const bound = runner.checks.find((c) => c.id === bindSpec.id);
    const exchangeBase = root === undefined ? 'CN=Microsoft Exchange,CN=Services,<configurationNamingContext>' : `CN=Microsoft Exchange,CN=Services,${root.configurationNamingContext}`;
    const orgSpec: CheckSpec = {
      id: 'directory.organisation',
      system: 'directory',
      title: 'the bind can read the Exchange organisation',
      where: exchangeBase,
      command: ldapsearchLine(directory, exchangeBase, 'sub', '(objectClass=msExchOrganizationContainer)', ['cn']),
    };
    let organisationDn: string | undefined;
    const organisation =
      organisationFailure !== undefined
        ? runner.outcome(orgSpec, organisationFailure)
        : await runner.check(
            orgSpec,
            bound === undefined ? [] : [bound],
            async (signal) => {
              if (port === undefined || root === undefined) return failed('The directory was not opened.', 'Run the check again.');
              const found = await collect(port, exchangeBase, '(objectClass=msExchOrganizationContainer)', signal);
              const first = found[0];
              if (first === undefined) {
                return failed(
                  `${directory.bindDn ?? 'An anonymous bind'} sees no Exchange organisation (msExchOrganizationContainer) under ${exchangeBase}.`,
                  `Give ${directory.bindDn ?? 'the account'} read access to the configuration partition (Exchange’s “View Only Administrator” role at least), or point the profile at the forest Exchange is installed in.`,
                );
              }
              organisationDn = first.dn;
              return passed(`Exchange organisation ${cnOf(first)} (${first.dn}).`);
            },
            (error) => searchFailure(error, exchangeBase, directory.bindDn),
          );

    for (const side of ['source', 'target'] as const) {
      const name = document[side].networkName.name;
      const base = organisationDn ?? '<organisation DN>';
      await runner.check(
        {
          id: `directory.virtual-server.${side}`,
          system: 'directory',
          title: `the ${side} Exchange virtual server ${name} exists`,
          where: `${name} in ${base}`,
          command: ldapsearchLine(directory, base, 'sub', '(objectClass=msExchExchangeServer)', ['cn']),
        },
        [organisation],
        async (signal) => {
          if (port === undefined || organisationDn === undefined) return failed('The directory was not opened.', 'Run the check again.');
          const servers = await collect(port, organisationDn, '(objectClass=msExchExchangeServer)', signal);
          const match = servers.find((entry) => sameName(cnOf(entry), name));
          if (match !== undefined) return passed(`${match.dn}.`);
          const known = servers.map(cnOf).sort((a, b) => a.localeCompare(b));
          return failed(
            `The ${side} Exchange virtual server ${name} is not among the servers ${directory.bindDn ?? 'the bind'} can read in the organisation (${known.length === 0 ? 'none' : known.join(', ')}).`,
            `Check ${side}.networkName.name in the pair document against the server names in Exchange System Manager, and that the bind account may read the servers.`,
          );
        },
        (error) => searchFailure(error, base, directory.bindDn),
      );
    }
  } finally {
    const opened = port;
    if (opened !== undefined) await opened.close().catch(() => undefined);
  }
}
