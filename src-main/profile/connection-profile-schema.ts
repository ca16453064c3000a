import { z } from 'zod';
import { nodeFilesRootProblem, DEFAULT_NODE_FILES_ROOT } from './node-files-root';

/**
 * The connection profile, version 1: how this machine reaches a real pair's outside systems — the domain controller
 * (LDAP over TLS by default), cluster.exe, dtcl.exe with its Double-Take account, and the nodes' files. It lives
 * beside the pair document, the wizard and `exchange-ha --profile FILE` share it, and it NEVER holds a secret: the
 * passwords are typed into the program (or read from a file or the environment by the command line) and kept in
 * memory. Every object is strict, so a misspelt field is reported instead of silently ignored.
 */

export const CONNECTION_PROFILE_FORMAT = 'exchange-ha-connection-profile';
export const CONNECTION_PROFILE_VERSION = 1;

/**
 * `ldap://host[:port]` or `ldaps://host[:port]`, nothing after the host (RFC 4516's URL, base DN and the rest unused).
 * The host is a DNS name or an IPv4 address: dot-separated labels of letters, digits and inner hyphens (RFC 1123 §2.1).
 */
const LDAP_URL = /^ldaps?:\/\/[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::([0-9]{1,5}))?\/?$/i;

const CONTROL = /\p{Cc}/u;

/** Whether `value` is an LDAP URL this program uses, its port (when given) 1..65535. */
function isLdapUrl(value: string): boolean {
  const match = LDAP_URL.exec(value);
  if (match === null) return false;
  const port = match[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

/** A trimmed text of 1..max characters without control characters. */
function text(what: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `Give ${what}.`)
    .max(max, `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} can be at most ${max} characters.`)
    .refine((value) => !CONTROL.test(value), `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} must not contain control characters.`);
}

/** Whether a URL is plain LDAP (no TLS from the start). */
export const isPlainLdapUrl = (url: string): boolean => url.toLowerCase().startsWith('ldap:');

export const directoryProfileSchema = z
  .strictObject({
    /** `ldaps://dc1.example.com` (TLS from the start, the default), or `ldap://...` with `startTls`. */
    url: text('the directory URL', 300).refine(
      // An empty URL or one with a control character already has its own message.
      (value) => value === '' || CONTROL.test(value) || isLdapUrl(value),
      'Give ldaps://HOST[:PORT] (or ldap://HOST[:PORT] with startTls), PORT from 1 to 65535 and nothing after it, e.g. ldaps://dc1.example.com.',
    ),
    /** Upgrade an ldap:// connection with StartTLS (RFC 4511 §4.14) before the bind. */
    startTls: z.boolean().default(false),
    /** PEM file of the certificate authority trusted for the directory; the system's when absent. */
    caFile: text('the CA file path', 1024).optional(),
    /** The account the program binds as (a DN or `user@domain`); anonymous when absent (reads only). */
    bindDn: text('the bind DN', 1024).optional(),
    /**
     * Plain `ldap://` without StartTLS sends the bind password in clear (RFC 4513 §5.1.2 / §6.3.1): refused with a
     * bind DN unless this is true, and then a warning is shown every time the profile is used.
     */
    allowPlainLdapPassword: z.boolean().default(false),
  })
  .superRefine((directory, ctx) => {
    const plain = isPlainLdapUrl(directory.url);
    if (directory.startTls && !plain) {
      ctx.addIssue({ code: 'custom', path: ['startTls'], message: 'StartTLS is for ldap:// URLs; ldaps:// is TLS from the start. Set startTls to false.' });
    }
    if (directory.caFile !== undefined && plain && !directory.startTls) {
      ctx.addIssue({ code: 'custom', path: ['caFile'], message: 'A CA file is used only with ldaps:// or startTls: true; plain ldap:// has no certificate to check.' });
    }
    if (plain && !directory.startTls && directory.bindDn !== undefined && !directory.allowPlainLdapPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['bindDn'],
        message:
          'Plain ldap:// would send the bind password in clear. Use ldaps://, or startTls: true, or — only on a network you trust — set allowPlainLdapPassword: true.',
      });
    }
  });
export type DirectoryProfile = z.infer<typeof directoryProfileSchema>;

export const toolsProfileSchema = z.strictObject({
  /** How cluster.exe is run: a name found on PATH or a full path. */
  clusterExe: text('the cluster.exe path', 1024).default('cluster.exe'),
  /** How dtcl.exe is run, e.g. `C:\Program Files\NSI Software\Double-Take\dtcl.exe`. */
  dtclExe: text('the dtcl.exe path', 1024).default('dtcl.exe'),
});

export const doubleTakeProfileSchema = z.strictObject({
  /** The account DTCL scripts log in with (`DOMAIN\user`); its password is never in the profile. */
  user: text('the Double-Take user', 256),
});

export const nodeFilesProfileSchema = z.strictObject({
  /**
   * Where a node's drive is, as a template with `{node}` and `{drive}`: the administrative share `\\{node}\{drive}$`
   * by default, or a folder such as `/srv/lab/nodes/{node}/{drive}`.
   */
  root: text('the node files root', 1024)
    .default(DEFAULT_NODE_FILES_ROOT)
    .superRefine((value, ctx) => {
      const problem = nodeFilesRootProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
});

export const connectionProfileSchema = z.strictObject({
  format: z.literal(CONNECTION_PROFILE_FORMAT, {
    error: `This is not a connection profile; set "format": "${CONNECTION_PROFILE_FORMAT}".`,
  }),
  version: z.literal(CONNECTION_PROFILE_VERSION, {
    error: `This program reads connection profiles of version ${CONNECTION_PROFILE_VERSION}; set "version": ${CONNECTION_PROFILE_VERSION}.`,
  }),
  /** What the environment is called in the title and the status bar ("Production"). */
  name: text('the profile name', 64),
  directory: directoryProfileSchema,
  tools: toolsProfileSchema.default({ clusterExe: 'cluster.exe', dtclExe: 'dtcl.exe' }),
  doubleTake: doubleTakeProfileSchema,
  nodeFiles: nodeFilesProfileSchema.default({ root: DEFAULT_NODE_FILES_ROOT }),
});

export type ConnectionProfile = z.infer<typeof connectionProfileSchema>;
export type ConnectionProfileInput = z.input<typeof connectionProfileSchema>;

/**
 * The warnings a profile carries every time it is used: today one, plain LDAP with a password (allowed explicitly).
 * The environment reply shows them in the program; the command line prints them on standard error.
 */
export function connectionProfileWarnings(profile: ConnectionProfile): string[] {
  const { directory } = profile;
  if (isPlainLdapUrl(directory.url) && !directory.startTls && directory.bindDn !== undefined) {
    return [
      `The directory ${directory.url} is reached without TLS: the bind password of ${directory.bindDn} crosses the network in clear ` +
        `(the profile "${profile.name}" allows it with allowPlainLdapPassword). Use ldaps:// or StartTLS where you can.`,
    ];
  }
  return [];
}
