/**
 * Which directory an `exchfailover` run works on and as whom: `--ldap-url` (or $EXCHFAILOVER_LDAP_URL, or the
 * domain of $USERDNSDOMAIN), an account from `-u` or `--bind-dn` with `--password-file`, TLS options — or `--lab`,
 * a lab's directory. Every refusal is a one-line UsageError saying what and where; no message holds a password.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LAB_DIRECTORY_FILE } from '../lab/directory/lab-directory';
import { fileErrorReason } from './cli-files';
import { type ArgumentContext, at, type Collected, originOf, quoter, shownName } from './exchfailover-collected';
import { type OptionKey, optionName } from './exchfailover-options';
import { formatCount, MAX_PASSWORD_FILE_BYTES, MAX_WORD_LENGTH } from './input-limits';
import { UsageError, type WordOrigin } from './usage-error';

/** Environment variable giving the directory's URL when `--ldap-url` is absent. */
export const LDAP_URL_ENV = 'EXCHFAILOVER_LDAP_URL';

/** How to reach and bind to the directory. */
export interface DirectoryConnection {
  readonly url: string;
  /** Bind DN, `user@domain` or `DOMAIN\user`; anonymous when absent. */
  readonly bindDn?: string;
  /** Held here only to be handed to the directory adapter; never printed (see `command-echo.ts`). */
  readonly password?: string;
  readonly passwordSource: 'none' | 'user-option' | 'password-file';
  readonly startTls: boolean;
  readonly caFile?: string;
}

function ldapUrl(collected: Collected, context: ArgumentContext): string {
  const { env } = context;
  const quote = quoter(context);
  const given = collected.values.get('ldapUrl');
  let text: string;
  let where: string;
  if (given !== undefined) {
    text = given.value;
    where = at(given.origin);
  } else if ((env[LDAP_URL_ENV] ?? '') !== '') {
    text = env[LDAP_URL_ENV] ?? '';
    where = `(${LDAP_URL_ENV})`;
  } else if ((env.USERDNSDOMAIN ?? '') !== '') {
    text = `ldap://${(env.USERDNSDOMAIN ?? '').toLowerCase()}`;
    where = '(from USERDNSDOMAIN)';
  } else {
    throw new UsageError(`no directory to work on: give --ldap-url ldap://<domain controller> (or set ${LDAP_URL_ENV})`);
  }
  if (text.length > MAX_WORD_LENGTH) {
    throw new UsageError(`--ldap-url is ${formatCount(text.length)} characters long ${where}; a value has at most ${formatCount(MAX_WORD_LENGTH)}`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--ldap-url ${quote(text)} is not a URL ${where}; write ldap://host[:port] or ldaps://host[:port]`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(`--ldap-url must not hold a user or password ${where}; use -u or --bind-dn with --password-file`);
  }
  if (url.protocol !== 'ldap:' && url.protocol !== 'ldaps:') {
    throw new UsageError(`--ldap-url ${quote(text)} is not an ldap:// or ldaps:// URL ${where}`);
  }
  if (url.hostname === '') throw new UsageError(`--ldap-url ${quote(text)} names no host ${where}`);
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    throw new UsageError(`--ldap-url ${quote(text)} has a path; give only ldap[s]://host[:port] ${where}`);
  }
  return `${url.protocol}//${url.host}`;
}

async function readPassword(path: string, origin: WordOrigin, context: ArgumentContext): Promise<string> {
  let text: string;
  const shown = shownName(path, context);
  try {
    text = await context.files.readText(resolve(context.cwd, path), MAX_PASSWORD_FILE_BYTES);
  } catch (error) {
    throw new UsageError(`cannot read the password file ${shown} ${at(origin)}: ${fileErrorReason(error)}`);
  }
  const password = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r?\n$/, '');
  if (password === '') throw new UsageError(`the password file ${shown} is empty ${at(origin)}`);
  if (/[\r\n]/.test(password)) throw new UsageError(`the password file ${shown} has more than one line ${at(origin)}; it must hold only the password`);
  context.mask?.add(password);
  return password;
}

/** The LDAP connection the options describe (and the password file as given, for the options echo). */
export async function connection(collected: Collected, context: ArgumentContext): Promise<{ connection: DirectoryConnection; passwordFile?: string }> {
  const url = ldapUrl(collected, context);
  const user = collected.values.get('user');
  const bindDn = collected.values.get('bindDn');
  const passwordFile = collected.values.get('passwordFile');
  const startTls = collected.flags.get('startTls');
  const caFile = collected.values.get('caFile');
  if (startTls !== undefined && url.startsWith('ldaps:')) {
    throw new UsageError(`--starttls ${at(startTls)} is for ldap:// URLs; ldaps:// is TLS from the start`);
  }
  let caPath: string | undefined;
  if (caFile !== undefined) {
    if (!url.startsWith('ldaps:') && startTls === undefined) {
      throw new UsageError(`--ca-file ${at(caFile.origin)} is used only with an ldaps:// URL or --starttls`);
    }
    caPath = resolve(context.cwd, caFile.value);
    if (caFile.value === '' || !(await context.files.isFile(caPath))) {
      throw new UsageError(`the CA file ${quoter(context)(caFile.value)} does not exist ${at(caFile.origin)}`);
    }
  }
  const tls = { startTls: startTls !== undefined, ...(caPath === undefined ? {} : { caFile: caPath }) };
  if (user !== undefined) {
    const clash = bindDn ?? passwordFile;
    if (clash !== undefined) {
      const other = bindDn !== undefined ? '--bind-dn' : '--password-file';
      throw new UsageError(`-u ${at(user.origin)} and ${other} ${at(clash.origin)} both name the account; give one of them`);
    }
    const colon = user.value.indexOf(':');
    if (colon === -1) throw new UsageError(`-u needs <username>:<password> ${at(user.origin)}: no ':' found`);
    const name = user.value.slice(0, colon).trim();
    const password = user.value.slice(colon + 1);
    if (name === '') throw new UsageError(`-u has an empty user name before ':' ${at(user.origin)}`);
    if (password === '') throw new UsageError(`-u has an empty password after ':' ${at(user.origin)}`);
    return { connection: { url, bindDn: name, password, passwordSource: 'user-option', ...tls } };
  }
  if (passwordFile !== undefined && bindDn === undefined) {
    throw new UsageError(`--password-file ${at(passwordFile.origin)} needs --bind-dn <dn> to say whose password it is`);
  }
  if (bindDn !== undefined) {
    if (bindDn.value.trim() === '') throw new UsageError(`--bind-dn is empty ${at(bindDn.origin)}`);
    if (passwordFile === undefined) throw new UsageError(`--bind-dn ${at(bindDn.origin)} needs --password-file <file> (or use -u <username>:<password>)`);
    const password = await readPassword(passwordFile.value, passwordFile.origin, context);
    return {
      connection: { url, bindDn: bindDn.value.trim(), password, passwordSource: 'password-file', ...tls },
      passwordFile: passwordFile.value,
    };
  }
  return { connection: { url, passwordSource: 'none', ...tls } };
}

/** The options that name a domain controller or an account: meaningless with --lab. */
const CONNECTION_OPTIONS: readonly OptionKey[] = ['ldapUrl', 'user', 'bindDn', 'passwordFile', 'caFile', 'startTls'];

/** `--lab FOLDER`: the folder, and the directory it holds described as a connection (its file). */
export async function labFolder(collected: Collected, context: ArgumentContext): Promise<{ folder: string; connection: DirectoryConnection } | undefined> {
  const lab = collected.values.get('lab');
  if (lab === undefined) return undefined;
  for (const key of CONNECTION_OPTIONS) {
    const origin = originOf(collected, key);
    if (origin !== undefined) throw new UsageError(`${optionName(key)} ${at(origin)} names a domain controller or an account; --lab ${at(lab.origin)} works on the lab's directory`);
  }
  const folder = resolve(context.cwd, lab.value);
  const file = join(folder, LAB_DIRECTORY_FILE);
  if (lab.value.trim() === '' || !(await context.files.isFile(file))) {
    throw new UsageError(`--lab ${quoter(context)(lab.value)} holds no lab directory (no ${LAB_DIRECTORY_FILE}) ${at(lab.origin)}; make a lab with: exchange-ha lab init <folder>`);
  }
  return { folder, connection: { url: pathToFileURL(file).href, passwordSource: 'none', startTls: false } };
}
