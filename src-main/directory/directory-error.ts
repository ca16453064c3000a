/**
 * The directory's refusals as data. Both adapters (ldapts and the lab) throw only DirectoryError, so the failover
 * engine can branch on a small code set — above all `no-such-attribute`, the compare-and-set failure — without
 * knowing which library or server produced it.
 */

/** What went wrong, in the few categories a caller acts on differently. */
export type DirectoryErrorCode =
  /** LDAP 32: the entry (or the search base, or an added entry's parent) does not exist. */
  | 'no-such-object'
  /**
   * LDAP 16: a delete named a value (or an attribute) the entry does not hold. This is the compare-and-set
   * failure: "replace old by new" written as delete-old + add-new fails with it when someone changed the value.
   */
  | 'no-such-attribute'
  /** LDAP 20: an add named a value the attribute already holds. */
  | 'value-exists'
  /** LDAP 68: an entry with that DN exists already. */
  | 'already-exists'
  /** LDAP 19: e.g. a second value in a single-valued attribute. */
  | 'constraint-violation'
  /** LDAP 17, 18, 21, 64, 65, 67, 69: unknown attribute, bad syntax (a non-DN in a DN attribute), class rules. */
  | 'schema-violation'
  /** LDAP 34, or a DN string this program cannot parse. */
  | 'invalid-dn'
  /** A search filter that does not parse (LDAP client-side code 87). */
  | 'invalid-filter'
  /** LDAP 66: deleting an entry that still has children. */
  | 'not-leaf'
  /** LDAP 49: wrong bind DN or password. */
  | 'invalid-credentials'
  /** LDAP 50: the bound account may not do this. */
  | 'insufficient-access'
  /** LDAP 8 and 13: the server wants TLS (or SASL) before a simple bind. */
  | 'strong-auth-required'
  /** LDAP 53 and other refusals the server gives without a more precise reason. */
  | 'unwilling-to-perform'
  /** The server cannot be reached, closed the connection, is busy (51, 52), or the port was closed. */
  | 'unavailable'
  /** A connection or operation timed out. */
  | 'timeout'
  /** The TLS handshake failed (untrusted certificate, wrong host name, ...). */
  | 'tls'
  /** The server answered but its root DSE is not that of an Active Directory (no configurationNamingContext). */
  | 'not-active-directory'
  /** The caller's AbortSignal fired. */
  | 'cancelled'
  /** Anything else; `resultCode` says more when the server sent one. */
  | 'other';

/** A directory operation failed. `resultCode` is the LDAP result code when the server (or the lab) gave one. */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  constructor(
    readonly code: DirectoryErrorCode,
    message: string,
    readonly resultCode?: number,
  ) {
    super(message);
  }
}

/** The LDAP result codes (RFC 4511 §4.1.9) this program names. */
export const LdapResultCode = {
  success: 0,
  operationsError: 1,
  protocolError: 2,
  timeLimitExceeded: 3,
  sizeLimitExceeded: 4,
  strongerAuthRequired: 8,
  confidentialityRequired: 13,
  noSuchAttribute: 16,
  undefinedAttributeType: 17,
  inappropriateMatching: 18,
  constraintViolation: 19,
  attributeOrValueExists: 20,
  invalidAttributeSyntax: 21,
  noSuchObject: 32,
  invalidDnSyntax: 34,
  invalidCredentials: 49,
  insufficientAccessRights: 50,
  busy: 51,
  unavailable: 52,
  unwillingToPerform: 53,
  namingViolation: 64,
  objectClassViolation: 65,
  notAllowedOnNonLeaf: 66,
  notAllowedOnRdn: 67,
  entryAlreadyExists: 68,
  objectClassModsProhibited: 69,
  filterError: 87,
} as const;

/** Maps an LDAP result code to this program's category. */
export function errorCodeForResult(resultCode: number): DirectoryErrorCode {
  switch (resultCode) {
    case LdapResultCode.noSuchObject:
      return 'no-such-object';
    case LdapResultCode.noSuchAttribute:
      return 'no-such-attribute';
    case LdapResultCode.attributeOrValueExists:
      return 'value-exists';
    case LdapResultCode.entryAlreadyExists:
      return 'already-exists';
    case LdapResultCode.constraintViolation:
      return 'constraint-violation';
    case LdapResultCode.undefinedAttributeType:
    case LdapResultCode.inappropriateMatching:
    case LdapResultCode.invalidAttributeSyntax:
    case LdapResultCode.namingViolation:
    case LdapResultCode.objectClassViolation:
    case LdapResultCode.notAllowedOnRdn:
    case LdapResultCode.objectClassModsProhibited:
      return 'schema-violation';
    case LdapResultCode.invalidDnSyntax:
      return 'invalid-dn';
    case LdapResultCode.filterError:
      return 'invalid-filter';
    case LdapResultCode.notAllowedOnNonLeaf:
      return 'not-leaf';
    case LdapResultCode.invalidCredentials:
      return 'invalid-credentials';
    case LdapResultCode.insufficientAccessRights:
      return 'insufficient-access';
    case LdapResultCode.strongerAuthRequired:
    case LdapResultCode.confidentialityRequired:
      return 'strong-auth-required';
    case LdapResultCode.unwillingToPerform:
      return 'unwilling-to-perform';
    case LdapResultCode.busy:
    case LdapResultCode.unavailable:
      return 'unavailable';
    case LdapResultCode.timeLimitExceeded:
      return 'timeout';
    default:
      return 'other';
  }
}

/**
 * Removes every occurrence of each secret from a text. Used on every message that leaves an adapter, so a password
 * can never reach a log or the user interface even if a library or server were to echo it.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length > 0) result = result.split(secret).join('***');
  }
  return result;
}

/**
 * Whether the directory answered: `unreachable` when it did not (no connection, no answer in time, the TLS handshake
 * failed, so nothing was decided there), `refused` when it answered no to the bind, the access or the request
 * (RFC 4511 §4.1.9 result codes 8, 13, 49, 50, 53), undefined for the other outcomes, which the caller handles.
 */
export function directoryFailure(code: DirectoryErrorCode): 'unreachable' | 'refused' | undefined {
  switch (code) {
    case 'unavailable':
    case 'timeout':
    case 'tls':
      return 'unreachable';
    case 'invalid-credentials':
    case 'insufficient-access':
    case 'strong-auth-required':
    case 'unwilling-to-perform':
    case 'not-active-directory':
      return 'refused';
    default:
      return undefined;
  }
}
