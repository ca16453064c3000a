import { describe, expect, it } from 'vitest';
import {
  type ArgumentContext,
  type ExchfailoverCommand,
  LDAP_URL_ENV,
  parseExchfailoverArguments,
} from '../../../src-main/cli/exchfailover-arguments';
import { MAX_OPTIONS_FILE_BYTES, MAX_RULES, MAX_SERVER_NAME_LENGTH, MAX_WORD_LENGTH } from '../../../src-main/cli/input-limits';
import { createSecretMask } from '../../../src-main/shared/redaction';
import { MemoryFiles } from './memory-files';

const CWD = '/work/dt';
const SECRET = 'S3cret-Pa55';

function context(files: Record<string, string> = {}, env: Record<string, string> = { [LDAP_URL_ENV]: 'ldap://dc1.lab.local' }): ArgumentContext {
  return { cwd: CWD, env, files: new MemoryFiles(files) };
}

async function parse(argv: readonly string[], ctx: ArgumentContext = context()): Promise<ExchfailoverCommand> {
  const parsed = await parseExchfailoverArguments(argv, ctx);
  if (!parsed.ok) throw new Error(`refused: ${parsed.message}`);
  return parsed.command;
}

async function run(argv: readonly string[], ctx: ArgumentContext = context()) {
  const command = await parse(argv, ctx);
  if (command.kind !== 'run') throw new Error(`not a run: ${command.kind}`);
  return command;
}

async function refusal(argv: readonly string[], ctx: ArgumentContext = context()): Promise<string> {
  const parsed = await parseExchfailoverArguments(argv, ctx);
  if (parsed.ok) throw new Error(`parsed: ${JSON.stringify(parsed.command)}`);
  expect(parsed.message).not.toContain('\n');
  return parsed.message;
}

/** What a shell hands over for a command line written in a batch file (no quotes in these examples). */
const words = (line: string): string[] => line.split(/ +/).filter((w) => w !== '').slice(1);

describe("the seed's examples (Appendix I, sections 7 and 8)", () => {
  it('parse as written', async () => {
    expect((await run(words('exchfailover -failover -s Indy -t ExchSrvr_Bkup'))).request).toEqual({
      direction: 'failover',
      source: 'Indy',
      target: 'ExchSrvr_Bkup',
      rules: [],
      setupOnly: false,
      test: false,
      noRus: false,
      noSpn: false,
    });
    expect((await run(words('exchfailover -failover -s Indy -t ExchSrvr_Bkup -r'))).request.rules).toEqual([{ kind: 'one-to-one' }]);
    expect((await run(words('exchfailover -failover -s Indy -t ExchSrvr_Bkup -r Sales:Indy_Sales'))).request.rules).toEqual([
      { kind: 'group', sourceGroup: 'Sales', targetGroup: 'Indy_Sales' },
    ]);
    const rules = await run(words('exchfailover -failover -s Indy -t ExchSrvr_Bkup -r Sales, Inside:Indy_Sales, Inside -r Sales, Outside:Indy_Sales, Outside'));
    expect(rules.request.rules).toEqual([
      { kind: 'store', sourceGroup: 'Sales', sourceStore: 'Inside', targetGroup: 'Indy_Sales', targetStore: 'Inside' },
      { kind: 'store', sourceGroup: 'Sales', sourceStore: 'Outside', targetGroup: 'Indy_Sales', targetStore: 'Outside' },
    ]);
    expect(rules.ruleTexts).toEqual(['Sales, Inside:Indy_Sales, Inside', 'Sales, Outside:Indy_Sales, Outside']);
    const withUser = await run(words('exchfailover -failover -s Indy -t ExchSrvr_Bkup -r Sales:Indy_Sales -norus -u administrator:password'));
    expect(withUser.request.noRus).toBe(true);
    expect(withUser.settings.connection).toMatchObject({ bindDn: 'administrator', password: 'password', passwordSource: 'user-option' });
    const fromFile = await run(words('exchfailover -failover -s Indy -t ExchSrvr_Bkup -o options_file.txt'), context({ [`${CWD}/options_file.txt`]: '-norus -nospn\n' }));
    expect(fromFile.request).toMatchObject({ noRus: true, noSpn: true });
    expect((await run(words('exchfailover.exe -setup -failover -s source_Exchange_virtual_name -t target_Exchange_virtual_name'))).request).toMatchObject({
      setupOnly: true,
      direction: 'failover',
    });
    expect((await run(words('exchfailover -setup -failback -s EXCHVS -t EXCHVS-DR'))).request).toMatchObject({ direction: 'failback', source: 'EXCHVS', target: 'EXCHVS-DR' });
    expect((await run(words('exchfailover.exe -failover -s ExchSrvr -t ExchSrvr_Bkup -r Indy:Indy_Bkup -r Boston:Boston_Bkup'))).request.rules).toHaveLength(2);
  });

  it('take the options in any case, except the password', async () => {
    const command = await run(['-FAILOVER', '-S', 'EXCHVS', '-T', 'EXCHVS-DR', '-NoRus', '-NOSPN', '-Setup', '-TEST', '-R', '-U', 'Admin:MiXeD', '--LDAP-URL', 'ldap://DC1']);
    expect(command.request).toMatchObject({ source: 'EXCHVS', target: 'EXCHVS-DR', noRus: true, noSpn: true, setupOnly: true, test: true });
    expect(command.request.rules).toEqual([{ kind: 'one-to-one' }]);
    expect(command.settings.connection).toMatchObject({ bindDn: 'Admin', password: 'MiXeD', url: 'ldap://DC1' });
  });

  it('keeps quoted rule words whole, names with parentheses included', async () => {
    const command = await run(['-failover', '-s', 'EXCHVS', '-t', 'EXCHVS-DR', '-r', 'First Storage Group, Mailbox Store (EXCHVS):First Storage Group, Mailbox Store (EXCHVS-DR)', '-r', 'Indy:Indy']);
    expect(command.request.rules).toEqual([
      { kind: 'store', sourceGroup: 'First Storage Group', sourceStore: 'Mailbox Store (EXCHVS)', targetGroup: 'First Storage Group', targetStore: 'Mailbox Store (EXCHVS-DR)' },
      { kind: 'group', sourceGroup: 'Indy', targetGroup: 'Indy' },
    ]);
    const unquoted = await run(words('x -r First Storage Group:First Storage Group -failover -s A -t B'));
    expect(unquoted.request.rules).toEqual([{ kind: 'group', sourceGroup: 'First Storage Group', targetGroup: 'First Storage Group' }]);
  });
});

describe('connection options', () => {
  it('reads --bind-dn with --password-file (one line, line ending and BOM dropped), --ca-file with --starttls, --journal, --json', async () => {
    const command = await run(
      ['-failover', '-s', 'A', '-t', 'B', '--ldap-url=ldap://127.0.0.1:3890/', '--bind-dn', 'CN=Administrator,DC=lab,DC=local', '--password-file', 'pw.txt', '--starttls', '--ca-file', '/etc/ca.pem', '--journal', 'j.jsonl', '--json', '-l', 'logs/x.log'],
      context({ [`${CWD}/pw.txt`]: `\uFEFF${SECRET}\r\n`, '/etc/ca.pem': 'PEM' }),
    );
    expect(command.settings).toEqual({
      connection: { url: 'ldap://127.0.0.1:3890', bindDn: 'CN=Administrator,DC=lab,DC=local', password: SECRET, passwordSource: 'password-file', startTls: true, caFile: '/etc/ca.pem' },
      logFile: `${CWD}/logs/x.log`,
      journalFile: `${CWD}/j.jsonl`,
      json: true,
      passwordFile: 'pw.txt',
    });
  });

  it('defaults: ExchFailover.log in the current folder, the URL from the environment or USERDNSDOMAIN, anonymous', async () => {
    const command = await run(['-failover', '-s', 'A', '-t', 'B'], context({}, { USERDNSDOMAIN: 'LAB.LOCAL' }));
    expect(command.settings).toEqual({ connection: { url: 'ldap://lab.local', passwordSource: 'none', startTls: false }, logFile: `${CWD}/ExchFailover.log`, json: false });
  });

  it('reads --undo with the journal and connection options only', async () => {
    const command = await parse(['--undo', 'run.journal', '-u', 'admin:pw'], context({ [`${CWD}/run.journal`]: '' }));
    expect(command).toMatchObject({ kind: 'undo', journal: `${CWD}/run.journal` });
  });
});

describe('help', () => {
  it('-? and -?? (and /?, --help) win over everything else', async () => {
    expect(await parse(['-?'])).toEqual({ kind: 'help', detailed: false });
    expect(await parse(['-??'])).toEqual({ kind: 'help', detailed: true });
    expect(await parse(['-bogus', '/?'])).toEqual({ kind: 'help', detailed: false });
    expect(await parse(['--HELP'])).toEqual({ kind: 'help', detailed: true });
  });
});

describe('refusals: one line saying what and where', () => {
  it.each<[string, readonly string[], RegExp]>([
    ['no arguments', [], /^nothing to do/],
    ['an unknown option, with a hint', ['-failover', '-failovr'], /^unknown option "-failovr" \(argument 2\); did you mean -FAILOVER\?$/],
    ['an unknown option', ['-failover', '-s', 'A', '-t', 'B', '--frobnicate'], /^unknown option "--frobnicate" \(argument 6\)$/],
    ['a stray word', ['-failover', '-s', 'My', 'Server', '-t', 'B'], /^unexpected word "Server" \(argument 4\): a name with spaces needs double quotes$/],
    ['neither -failover nor -failback', ['-s', 'A', '-t', 'B'], /^give -FAILOVER or -FAILBACK/],
    ['both', ['-failover', '-s', 'A', '-t', 'B', '-FAILBACK'], /^give -FAILOVER \(argument 1\) or -FAILBACK \(argument 6\), not both$/],
    ['no -s', ['-failover', '-t', 'B'], /^-s <source> is missing: name the original source Exchange virtual server$/],
    ['no -t', ['-failover', '-s', 'A'], /^-t <target> is missing/],
    ['-s without its value at the end', ['-failover', '-t', 'B', '-s'], /^-s needs <source> after it \(argument 4\)$/],
    ['-s followed by an option', ['-failover', '-s', '-t', 'B'], /^-s needs <source> after it \(argument 2\)$/],
    ['-s twice', ['-failover', '-s', 'A', '-t', 'B', '-S', 'C'], /^-s is given twice \(argument 2 and argument 6\)$/],
    ['-s equal to -t', ['-failover', '-s', 'exchvs', '-t', 'EXCHVS'], /^-s and -t name the same server "exchvs" \(argument 4\)$/],
    ['an empty -s', ['-failover', '-s', ' ', '-t', 'B'], /^-s has an empty server name \(argument 2\)$/],
    ['a malformed -r', ['-failover', '-s', 'A', '-t', 'B', '-r', 'Indy,:X'], /^-r \(argument 6\): pairing rule "Indy,:X": the source store name after ',' is missing at character 6$/],
    ['a rule with two colons', ['-failover', '-s', 'A', '-t', 'B', '-r', 'a:b:c'], /^-r \(argument 6\): .*a second ':'.* at character 4$/],
    ['a flag given a value', ['-failover', '--json=yes', '-s', 'A', '-t', 'B'], /^--json takes no value \(argument 2\)$/],
    ['-u without a colon', ['-failover', '-s', 'A', '-t', 'B', '-u', 'admin'], /^-u needs <username>:<password> \(argument 6\): no ':' found$/],
    ['-u with an empty password', ['-failover', '-s', 'A', '-t', 'B', '-u', 'admin:'], /^-u has an empty password after ':' \(argument 6\)$/],
    ['-u with an empty user', ['-failover', '-s', 'A', '-t', 'B', '-u', ':pw'], /^-u has an empty user name/],
    ['-u and --bind-dn', ['-failover', '-s', 'A', '-t', 'B', '-u', 'a:pw', '--bind-dn', 'CN=x'], /^-u \(argument 6\) and --bind-dn \(argument 8\) both name the account/],
    ['--bind-dn without a password', ['-failover', '-s', 'A', '-t', 'B', '--bind-dn', 'CN=x'], /^--bind-dn \(argument 6\) needs --password-file/],
    ['--password-file without --bind-dn', ['-failover', '-s', 'A', '-t', 'B', '--password-file', 'pw'], /^--password-file \(argument 6\) needs --bind-dn/],
    ['a missing password file', ['-failover', '-s', 'A', '-t', 'B', '--bind-dn', 'CN=x', '--password-file', 'nope.txt'], /^cannot read the password file nope.txt \(argument 8\): no such file \(ENOENT\)$/],
    ['an empty password file', ['-failover', '-s', 'A', '-t', 'B', '--bind-dn', 'CN=x', '--password-file', 'empty.txt'], /^the password file empty.txt is empty \(argument 8\)$/],
    ['a password file of two lines', ['-failover', '-s', 'A', '-t', 'B', '--bind-dn', 'CN=x', '--password-file', 'two.txt'], /^the password file two.txt has more than one line/],
    ['--starttls with ldaps://', ['-failover', '-s', 'A', '-t', 'B', '--ldap-url', 'ldaps://dc', '--starttls'], /^--starttls \(argument 8\) is for ldap:\/\/ URLs/],
    ['a CA file that does not exist', ['-failover', '-s', 'A', '-t', 'B', '--ldap-url', 'ldaps://dc', '--ca-file', 'ca.pem'], /^the CA file "ca.pem" does not exist \(argument 8\)$/],
    ['a CA file without TLS', ['-failover', '-s', 'A', '-t', 'B', '--ca-file', 'ca.pem'], /^--ca-file \(argument 6\) is used only with an ldaps:\/\/ URL or --starttls$/],
    ['a URL that is not LDAP', ['-failover', '-s', 'A', '-t', 'B', '--ldap-url', 'http://dc'], /^--ldap-url "http:\/\/dc" is not an ldap:\/\/ or ldaps:\/\/ URL \(argument 6\)$/],
    ['not a URL', ['-failover', '-s', 'A', '-t', 'B', '--ldap-url', 'dc1'], /^--ldap-url "dc1" is not a URL \(argument 6\)/],
    ['a URL with a path', ['-failover', '-s', 'A', '-t', 'B', '--ldap-url', 'ldap://dc/dc=lab'], /has a path/],
    ['--undo with -s', ['--undo', 'j', '-s', 'A'], /^-s \(argument 3\) cannot be used with --undo \(argument 1\)$/],
    ['--undo of a missing journal', ['--undo', 'missing.journal'], /^the journal "missing.journal" to undo does not exist \(argument 1\)$/],
    ['-o of a missing file', ['-failover', '-o', 'opts.txt'], /^cannot read the options file opts.txt \(argument 2\): no such file \(ENOENT\)$/],
    ['an empty -l', ['-failover', '-s', 'A', '-t', 'B', '-l', ''], /^-l needs a file name \(argument 6\)$/],
  ])('%s', async (_, argv, expected) => {
    const files = { [`${CWD}/empty.txt`]: '\n', [`${CWD}/two.txt`]: 'a\nb\n', [`${CWD}/j`]: '' };
    expect(await refusal(argv, context(files))).toMatch(expected);
  });

  it('no directory named anywhere', async () => {
    expect(await refusal(['-failover', '-s', 'A', '-t', 'B'], context({}, {}))).toMatch(/^no directory to work on: give --ldap-url/);
  });

  it('never shows a password, wherever the refusal comes from', async () => {
    const cases: string[][] = [
      ['-failover', '-s', 'A', '-t', 'B', '-u', `admin:${SECRET}`, '--bind-dn', 'CN=x'],
      ['-failover', '-s', 'A', '-u', `admin:${SECRET}`],
      ['-failover', '-s', 'A', '-t', 'B', '-u', `admin:${SECRET}`, 'more', 'words'],
      ['-failover', '-s', 'A', '-t', 'B', '-u', `admin:-${SECRET}`, '--bogus'],
      ['-failover', '-s', 'A', '-t', 'B', '-u', `admin:${SECRET}`, '--ldap-url', `ldap://admin:${SECRET}@dc`],
    ];
    for (const argv of cases) expect(await refusal(argv)).not.toContain(SECRET);
    expect(await refusal(['-failover', '-s', 'A', '-t', 'B', '-u', 'admin:pass', 'word'])).toBe(
      'unexpected word after the value of -u (argument 8): a password with spaces needs double quotes',
    );
  });
});

describe('options files (-o)', () => {
  const OPTIONS = [
    '# postover options for the lab',
    '-failover',
    '-s EXCHVS -t "EXCHVS-DR"   # the two virtual servers',
    '-r Indy, Sales:Indy, Sales',
    '-r "First Storage Group:First Storage Group"',
    '',
    '--ldap-url ldap://dc1.lab.local:389',
  ].join('\r\n');

  it('reads the same options, several a line, with comments and quotes; -r stops at the end of its line', async () => {
    const command = await run(['-o', 'opts.txt', '-norus'], context({ [`${CWD}/opts.txt`]: OPTIONS }, {}));
    expect(command.request).toMatchObject({ direction: 'failover', source: 'EXCHVS', target: 'EXCHVS-DR', noRus: true });
    expect(command.request.rules).toEqual([
      { kind: 'store', sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'Indy', targetStore: 'Sales' },
      { kind: 'group', sourceGroup: 'First Storage Group', targetGroup: 'First Storage Group' },
    ]);
    expect(command.settings.connection.url).toBe('ldap://dc1.lab.local:389');
  });

  it('names file:line in its refusals', async () => {
    const ctx = context({
      [`${CWD}/quote.txt`]: '-failover\n-s "EXCHVS',
      [`${CWD}/unknown.txt`]: '-failover\n\n-s A -t B -frob',
      [`${CWD}/value.txt`]: '-failover -s\nA -t B',
      [`${CWD}/rule.txt`]: '-failover -s A -t B\n-r :Indy',
      [`${CWD}/nested.txt`]: '-o other.txt',
      [`${CWD}/twice.txt`]: '-failover\n-s A',
    });
    expect(await refusal(['-o', 'quote.txt'], ctx)).toBe('quote.txt:2: a double quote that is never closed at column 4');
    expect(await refusal(['-o', 'unknown.txt'], ctx)).toBe('unknown option "-frob" (unknown.txt:3)');
    expect(await refusal(['-o', 'value.txt'], ctx)).toBe('-s needs <source> after it (value.txt:1)');
    expect(await refusal(['-o', 'rule.txt'], ctx)).toBe('-r (rule.txt:2): pairing rule ":Indy": the source storage group name is missing at character 1');
    expect(await refusal(['-o', 'nested.txt'], ctx)).toBe('-o cannot be used inside an options file (nested.txt:1)');
    expect(await refusal(['-s', 'B', '-o', 'twice.txt', '-t', 'C'], ctx)).toBe('-s is given twice (argument 1 and twice.txt:2)');
  });
});

describe('limits: refused before anything is changed, saying what and where, quoting at most a short excerpt', () => {
  const RUN = ['-failover', '-s', 'A', '-t', 'B'];
  /** A refusal must be short whatever the input was. */
  async function shortRefusal(argv: readonly string[], ctx: ArgumentContext = context()): Promise<string> {
    const message = await refusal(argv, ctx);
    expect(message.length).toBeLessThan(300);
    return message;
  }

  it('an options file over 64 KiB is not read (a 30 MB one-word file, say); one of exactly 64 KiB is', async () => {
    const big = { [`${CWD}/big.txt`]: 'x'.repeat(30 * 1024 * 1024) };
    expect(await shortRefusal(['-o', 'big.txt'], context(big))).toBe('cannot read the options file big.txt (argument 1): it is larger than 65,536 bytes, so it was not read');
    const line = '-failover -s A -t B #';
    const full = { [`${CWD}/full.txt`]: `${line}${'#'.repeat(MAX_OPTIONS_FILE_BYTES - line.length)}` };
    expect((await run(['-o', 'full.txt'], context(full))).request.source).toBe('A');
    expect(await shortRefusal(['-o', 'full.txt'], context({ [`${CWD}/full.txt`]: `${full[`${CWD}/full.txt`]}#` }))).toMatch(/^cannot read the options file full\.txt .*larger than 65,536 bytes/);
  });

  it('a password file over 4 KiB is not read', async () => {
    const files = { [`${CWD}/pw.txt`]: 'p'.repeat(4097) };
    expect(await shortRefusal([...RUN, '--bind-dn', 'CN=x', '--password-file', 'pw.txt'], context(files))).toBe(
      'cannot read the password file pw.txt (argument 8): it is larger than 4,096 bytes, so it was not read',
    );
  });

  it('a word over 4,096 characters, on the command line or in an options file', async () => {
    const long = 'x'.repeat(MAX_WORD_LENGTH + 1);
    expect(await shortRefusal([...RUN, '-l', long])).toBe(
      `a word of 4,097 characters (argument 7); a word or value has at most 4,096: "${'x'.repeat(59)}…" (4,097 characters)`,
    );
    expect(await shortRefusal(['-o', 'o.txt'], context({ [`${CWD}/o.txt`]: `-failover\n-l "${long}"` }))).toMatch(/^a word of 4,097 characters \(o\.txt:2\)/);
    expect((await run([...RUN, '-l', 'x'.repeat(MAX_WORD_LENGTH)])).settings.logFile).toBe(`${CWD}/${'x'.repeat(MAX_WORD_LENGTH)}`);
  });

  it('a server name longer than a DNS name can be (253 characters)', async () => {
    const name = 'S'.repeat(MAX_SERVER_NAME_LENGTH + 1);
    expect(await shortRefusal(['-failover', '-s', name, '-t', 'B'])).toMatch(/^-s names a server of 254 characters \(argument 2\); a server's DNS name has at most 253: "S{59}…" \(254 characters\)$/);
    expect((await run(['-failover', '-s', 'A', '-t', 'T'.repeat(MAX_SERVER_NAME_LENGTH)])).request.target).toHaveLength(MAX_SERVER_NAME_LENGTH);
  });

  it.each([
    ['a line feed', 'EXCHVS\nINFO  Result: done and verified', 'U+000A', 7],
    ['a carriage return', 'EXCHVS\rX', 'U+000D', 7],
    ['a line separator', 'EXCH\u2028VS', 'U+2028', 5],
    ['a next line (NEL)', 'EXCHVS\u0085', 'U+0085', 7],
    ['an escape sequence', '\u001b[2KEXCHVS', 'U+001B', 1],
  ])('a server name with %s', async (_, name, code, position) => {
    const message = await shortRefusal(['-failover', '-s', 'A', '-t', name]);
    expect(message).toMatch(new RegExp(`^-t \\(argument 4\\) holds a control character or line break \\(${code.replace('+', '\\+')}\\) at character ${position}, which no server name has: "`));
    expect(message).not.toMatch(/[\n\r\u2028\u0085\u001b]/);
  });

  it(`more than ${MAX_RULES} -r rules`, async () => {
    const rules = (count: number): string[] => Array.from({ length: count }, (_, i) => ['-r', `G${i}:H${i}`]).flat();
    expect(await shortRefusal([...RUN, ...rules(MAX_RULES + 1)])).toBe(`-r (argument ${6 + 2 * MAX_RULES}): more than 256 rules; a run takes at most 256`);
    expect((await run([...RUN, ...rules(MAX_RULES)])).request.rules).toHaveLength(MAX_RULES);
  });

  it('a rule longer than a value may be, made of many words', async () => {
    const word = 'w'.repeat(2100);
    expect(await shortRefusal([...RUN, '-r', word, word])).toBe('-r (argument 6): a rule of 4,201 characters; a rule has at most 4,096');
  });

  it('a directory URL from the environment longer than a value may be', async () => {
    const ctx = context({}, { [LDAP_URL_ENV]: `ldap://${'d'.repeat(5000)}` });
    expect(await shortRefusal(RUN, ctx)).toBe(`--ldap-url is 5,007 characters long (${LDAP_URL_ENV}); a value has at most 4,096`);
  });

  it('messages quote a short excerpt of a long bad value', async () => {
    const junk = `-${'j'.repeat(3000)}`;
    expect(await shortRefusal([...RUN, junk])).toBe(`unknown option "-${'j'.repeat(58)}…" (3,001 characters) (argument 6)`);
    expect(await shortRefusal(['-failover', '-s', 'A', 'B'.repeat(3000), '-t', 'C'])).toMatch(/^unexpected word "B{59}…" \(3,000 characters\) \(argument 4\)/);
    expect(await shortRefusal([...RUN, '--ldap-url', `ftp://${'h'.repeat(3000)}`])).toMatch(/^--ldap-url "ftp:\/\/h{53}…" \(3,006 characters\) is not an ldap/);
    expect(await shortRefusal([...RUN, '-r', `${'g'.repeat(3000)}:a:b`])).toMatch(/^-r \(argument 6\): pairing rule "g{59}…" \(3,004 characters\): a second ':'/);
  });

  it('a long password is masked before a message quotes an excerpt of it, never cut into a prefix the mask misses', async () => {
    const secret = `S3cret-${'p'.repeat(5000)}`;
    const ctx: ArgumentContext = { ...context(), mask: createSecretMask([secret]) };
    const message = await shortRefusal([...RUN, '-u', `admin:${secret}`], ctx);
    expect(message).toBe('a word of 5,013 characters (argument 7); a word or value has at most 4,096: "admin:********"');
    expect(message).not.toContain('S3cret');
  });
});

describe('--lab and --undo -test', () => {
  const LAB = { '/tmp/lab/directory.ldif': 'dn: DC=lab,DC=local\n' };

  it('--lab works on the lab directory of a folder made by lab init, and names its file as the connection', async () => {
    const command = await parse(['-failover', '-s', 'EXCHVS', '-t', 'EXCHVS-DR', '--lab', '/tmp/lab'], context(LAB, {}));
    expect(command).toMatchObject({ kind: 'run', settings: { lab: '/tmp/lab', connection: { url: 'file:///tmp/lab/directory.ldif', passwordSource: 'none' } } });
  });

  it('--lab refuses a folder without a lab directory, and every option that names a domain controller or an account', async () => {
    expect(await refusal(['-failover', '-s', 'A', '-t', 'B', '--lab', '/tmp/none'], context(LAB))).toMatch(/--lab "?\/tmp\/none"? holds no lab directory \(no directory.ldif\) \(argument 6\); make a lab with: exchange-ha lab init <folder>/);
    for (const extra of [['--ldap-url', 'ldap://127.0.0.1'], ['-u', `a:${SECRET}`], ['--starttls']]) {
      expect(await refusal(['-failover', '-s', 'A', '-t', 'B', '--lab', '/tmp/lab', ...extra], context(LAB))).toMatch(/names a domain controller or an account; --lab \(argument 6\) works on the lab's directory/);
    }
  });

  it('--undo takes -test (a preview), but still none of the options of a failover', async () => {
    const files = { [`${CWD}/run.journal`]: 'x\n' };
    expect(await parse(['--undo', 'run.journal', '-TEST'], context(files))).toMatchObject({ kind: 'undo', journal: `${CWD}/run.journal`, test: true });
    expect(await parse(['--undo', 'run.journal'], context(files))).toMatchObject({ kind: 'undo', test: false });
    expect(await refusal(['--undo', 'run.journal', '-norus'], context(files))).toMatch(/-norus \(argument 3\) cannot be used with --undo/);
  });
});
