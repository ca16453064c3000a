/**
 * How much input `exchfailover` takes (the README's table). Anything over a limit is refused (exit 1, nothing
 * changed) with a message that says what and where, quoting at most a short excerpt of the value.
 */

/** An options file (`-o`) is read no further than this: a few lines of options are a few hundred bytes. */
export const MAX_OPTIONS_FILE_BYTES = 64 * 1024;

/** A password file is read no further than this: it holds one line, the password. */
export const MAX_PASSWORD_FILE_BYTES = 4 * 1024;

/**
 * The longest word (an argument, a word of an options file) and so the longest value of any option, also a whole
 * `-r` rule and the directory URL from the environment: the longest path Linux takes (PATH_MAX, 4,096 bytes).
 */
export const MAX_WORD_LENGTH = 4096;

/**
 * The longest server name `-s` and `-t` take: a DNS name has at most 253 characters (RFC 1035 section 2.3.4: 255
 * octets on the wire), a NetBIOS name 15.
 */
export const MAX_SERVER_NAME_LENGTH = 253;

/** The most `-r` rules a run takes (an Exchange 2003 server holds at most 4 storage groups of 5 stores each). */
export const MAX_RULES = 256;

/** A count as messages write it: `65,536`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
