/**
 * Turns whatever ldapts or Node's socket layer throws into a DirectoryError: LDAP result codes by number, socket
 * and TLS failures by their Node error codes and messages. Every message passes through `redactSecrets`, so the
 * bind password can never leave the adapter inside an error.
 */
import { DirectoryError, errorCodeForResult, redactSecrets } from './directory-error';

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN', 'ETIMEDOUT']);

function nodeErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function isTlsFailure(error: unknown, message: string): boolean {
  const code = nodeErrorCode(error) ?? '';
  return (
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|HOSTNAME|ALTNAME/.test(code) ||
    /certificate|self[- ]signed|\bTLS\b|\bSSL\b|handshake/i.test(message)
  );
}

function describeCode(code: string): string {
  return code.replace(/-/g, ' ');
}

/**
 * Maps an error from ldapts to a DirectoryError. `what` says what was being done ("modify CN=...,"), for the
 * message; `secrets` are removed from the final message.
 */
export function toDirectoryError(error: unknown, what: string, secrets: readonly (string | undefined)[]): DirectoryError {
  if (error instanceof DirectoryError) {
    return new DirectoryError(error.code, redactSecrets(error.message, secrets), error.resultCode);
  }
  const rawMessage = error instanceof Error ? error.message : String(error);
  const message = redactSecrets(`${what}: ${rawMessage}`, secrets);
  const resultCode = (error as { code?: unknown }).code;
  if (typeof resultCode === 'number' && error instanceof Error && /Error$/.test(error.name) && error.name !== 'Error') {
    const serverText = rawMessage.replace(/\s*Code: 0x[0-9a-f]+$/i, '').trim();
    const text = `${what}: ${serverText === '' ? describeCode(errorCodeForResult(resultCode)) : serverText} (LDAP ${resultCode})`;
    return new DirectoryError(errorCodeForResult(resultCode), redactSecrets(text, secrets), resultCode);
  }
  if (error instanceof Error && error.name === 'AbortError') return new DirectoryError('cancelled', message);
  if (/timed out|timeout/i.test(rawMessage)) return new DirectoryError('timeout', message);
  if (isTlsFailure(error, rawMessage)) return new DirectoryError('tls', message);
  const code = nodeErrorCode(error);
  if ((code !== undefined && UNAVAILABLE_CODES.has(code)) || /socket|connection|closed|not established|ECONN/i.test(rawMessage)) {
    return new DirectoryError('unavailable', message);
  }
  return new DirectoryError('other', message);
}
