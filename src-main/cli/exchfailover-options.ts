/**
 * The options `exchfailover` knows, in one table: the seed's (Appendix I, single dash, case-insensitive) and the
 * connection options this rewrite adds (double dash). The parser, the help text and the "did you mean" hint all
 * read this table.
 */

/** How an option takes its value: none, the next word, or every word up to the next option (`-r`). */
export type OptionArity = 'flag' | 'value' | 'rule';

/** What an option sets; the parser keeps one slot per key. */
export type OptionKey =
  | 'failover'
  | 'failback'
  | 'source'
  | 'target'
  | 'log'
  | 'norus'
  | 'nospn'
  | 'optionsFile'
  | 'rule'
  | 'setup'
  | 'test'
  | 'user'
  | 'help'
  | 'helpDetailed'
  | 'ldapUrl'
  | 'bindDn'
  | 'passwordFile'
  | 'caFile'
  | 'startTls'
  | 'journal'
  | 'undo'
  | 'lab'
  | 'json';

export interface OptionSpec {
  /** The name as the help text writes it; matched case-insensitively. */
  readonly name: string;
  readonly key: OptionKey;
  readonly arity: OptionArity;
  /** The value's placeholder in the syntax (`<source>`). */
  readonly value?: string;
  /** The one-line description `-??` prints (the seed's wording where the seed has one). */
  readonly description: string;
}

/** Every option, in the order the help text lists them. */
export const OPTION_SPECS: readonly OptionSpec[] = [
  { name: '-FAILOVER', key: 'failover', arity: 'flag', description: 'The Exchange data will be moved from the source to the target during failover.' },
  { name: '-FAILBACK', key: 'failback', arity: 'flag', description: 'The Exchange data will be moved from the target to the source during failback.' },
  { name: '-s', key: 'source', arity: 'value', value: '<source>', description: 'The name of the original source (Exchange virtual) server.' },
  { name: '-t', key: 'target', arity: 'value', value: '<target>', description: 'The name of the original target (Exchange virtual) server.' },
  {
    name: '-l',
    key: 'log',
    arity: 'value',
    value: '<log_filename>',
    description: 'The log file, appended to. By default ExchFailover.log in the current folder.',
  },
  { name: '-norus', key: 'norus', arity: 'flag', description: 'Do not change the Recipient Update Service.' },
  { name: '-nospn', key: 'nospn', arity: 'flag', description: 'Do not change the Service Principal Names.' },
  {
    name: '-o',
    key: 'optionsFile',
    arity: 'value',
    value: '<options_filename>',
    description: 'A file holding more options, one or more a line; # starts a comment, "double quotes" hold spaces.',
  },
  {
    name: '-r',
    key: 'rule',
    arity: 'rule',
    value: '[<source_group>][,<source_mail_store>][:[<target_group>][,<target_mail_store>]]',
    description:
      'A pairing rule; may be repeated. By itself, a one-to-one mapping of the groups and mail stores from the source to the target. ' +
      '"source_group:target_group" directs the stores of the source group to the target group; ' +
      '"source_group, source_mail_store:target_group, target_mail_store" directs one mail store to one mail store. ' +
      'A target name left out is the same as the source name.',
  },
  {
    name: '-SETUP',
    key: 'setup',
    arity: 'flag',
    description:
      'Only set the "overwrite database on restore" flag, without moving users or updating RUS and folders. ' +
      'Without -SETUP the flag is still set, and the other work is done too.',
  },
  { name: '-test', key: 'test', arity: 'flag', description: 'Test mode: print every planned change and change nothing in the directory. With --undo: read every entry the journal changed and print what undo would restore.' },
  {
    name: '-u',
    key: 'user',
    arity: 'value',
    value: '<username>:<password>',
    description: 'A user with Active Directory permissions (bind DN, user@domain or DOMAIN\\user). The password is case-sensitive and never printed.',
  },
  { name: '-?', key: 'help', arity: 'flag', description: 'Displays the syntax.' },
  { name: '-??', key: 'helpDetailed', arity: 'flag', description: 'Displays the syntax along with a brief description of each option.' },
  {
    name: '--ldap-url',
    key: 'ldapUrl',
    arity: 'value',
    value: '<url>',
    description:
      'The domain controller: ldap://host[:port] or ldaps://host[:port]. Default: $EXCHFAILOVER_LDAP_URL, else ldap://$USERDNSDOMAIN.',
  },
  { name: '--bind-dn', key: 'bindDn', arity: 'value', value: '<dn>', description: 'The account to bind as (instead of the user of -u); needs --password-file.' },
  {
    name: '--password-file',
    key: 'passwordFile',
    arity: 'value',
    value: '<file>',
    description: "A file whose first and only line is --bind-dn's password (instead of -u, which shows it to other processes).",
  },
  { name: '--ca-file', key: 'caFile', arity: 'value', value: '<pem>', description: 'The CA certificate (PEM) to trust for ldaps:// or --starttls.' },
  { name: '--starttls', key: 'startTls', arity: 'flag', description: 'Upgrade the ldap:// connection with StartTLS before binding.' },
  {
    name: '--journal',
    key: 'journal',
    arity: 'value',
    value: '<file>',
    description: 'Where every applied change is journalled. Default: ExchFailover-<time>.journal beside the log file.',
  },
  { name: '--undo', key: 'undo', arity: 'value', value: '<journal>', description: 'Restore what the run that wrote this journal changed, with the same compare-and-set.' },
  {
    name: '--lab',
    key: 'lab',
    arity: 'value',
    value: '<folder>',
    description: "Work on the lab's directory in this folder (made by exchange-ha lab init) instead of a domain controller: a rehearsal.",
  },
  { name: '--json', key: 'json', arity: 'flag', description: 'Print a machine-readable summary (JSON) on standard output instead of the text one.' },
  { name: '--help', key: 'helpDetailed', arity: 'flag', description: 'The same as -??.' },
];

const BY_NAME: ReadonlyMap<string, OptionSpec> = new Map(OPTION_SPECS.map((spec) => [spec.name.toLowerCase(), spec]));

/** The option a word names, case-insensitively; undefined when it names none. */
export function findOption(name: string): OptionSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The option name as the help text writes it, for messages. */
export function optionName(key: OptionKey): string {
  return OPTION_SPECS.find((spec) => spec.key === key)?.name ?? key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known option closest to a mistyped one (at most two edits away, ignoring case), for a "did you mean" hint. */
export function closestOption(word: string): string | undefined {
  const lower = word.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const spec of OPTION_SPECS) {
    const distance = editDistance(lower, spec.name.toLowerCase());
    if (distance <= 2 && distance < lower.length - 1 && (best === undefined || distance < best.distance)) best = { name: spec.name, distance };
  }
  return best?.name;
}
