import { describe, expect, it } from 'vitest';
import {
  BIND_PASSWORD_ENV,
  DT_PASSWORD_ENV,
  parseArguments,
  parseConfirmation,
  type CheckCommand,
  type ExchangeHaCommand,
  type SetupCommand,
} from '../../../src-main/cli/exchange-ha/arguments';
import { UsageError } from '../../../src-main/cli/usage-error';

const CWD = '/work/site';
const REAL_ENV = { [DT_PASSWORD_ENV]: 'dt-secret' };
const REAL = ['--dt-user', 'CORP\\dtadmin', '--ldap-url', 'ldaps://dc1.corp.example'];

function parse(argv: readonly string[], env: NodeJS.ProcessEnv = {}): ExchangeHaCommand {
  return parseArguments(argv, env, CWD);
}

function setup(argv: readonly string[], env: NodeJS.ProcessEnv = {}): SetupCommand {
  const command = parse(argv, env);
  if (command.kind !== 'setup') throw new Error(`not a setup command: ${command.kind}`);
  return command;
}

/** The message of the UsageError the words are refused with. */
function refusal(argv: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    const command = parse(argv, env);
    throw new Error(`accepted: ${JSON.stringify(command)}`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return e.message;
  }
}

describe('exchange-ha commands', () => {
  it('lab init resolves the folder against the working folder', () => {
    expect(parse(['lab', 'init', 'mylab'])).toEqual({ kind: 'lab-init', folder: '/work/site/mylab' });
    expect(parse(['lab', 'init', '/abs/lab'])).toEqual({ kind: 'lab-init', folder: '/abs/lab' });
  });

  it('pair new FILE and pair check FILE [--json], the file resolved against the working folder', () => {
    expect(parse(['pair', 'new', 'pair.json'])).toEqual({ kind: 'pair-new', file: '/work/site/pair.json' });
    expect(parse(['pair', 'check', '/ha/pair.json'])).toEqual({ kind: 'pair-check', file: '/ha/pair.json', json: false });
    expect(parse(['pair', 'check', '--json', 'p.json'])).toEqual({ kind: 'pair-check', file: '/work/site/p.json', json: true });
  });

  it('--help anywhere, -h, and help as the first word ask for the usage', () => {
    expect(parse(['--help'])).toEqual({ kind: 'help' });
    expect(parse(['help'])).toEqual({ kind: 'help' });
    expect(parse(['setup', 'apply', '-h'])).toEqual({ kind: 'help' });
  });

  it('setup with --lab: paths absolute, steps and confirmations kept, no real tools', () => {
    const command = setup(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--step', '4.2.2', '--confirm', '3=Backups on tape 17']);
    expect(command).toEqual({
      kind: 'setup',
      verb: 'apply',
      pair: '/work/site/lab/pair.json',
      lab: '/work/site/lab',
      step: '4.2.2',
      confirmations: [{ stepId: '3', note: 'Backups on tape 17' }],
      json: false,
    });
  });

  it('--option=value is the same as --option value', () => {
    const command = setup(['setup', 'plan', '--pair=p.json', '--lab=lab', '--json']);
    expect(command.pair).toBe('/work/site/p.json');
    expect(command.lab).toBe('/work/site/lab');
    expect(command.json).toBe(true);
  });

  it('without --lab: the real tools with their defaults, the password from the environment', () => {
    const command = setup(['setup', 'verify', '--pair', 'pair.json', ...REAL], REAL_ENV);
    expect(command.real).toEqual({
      clusterExe: 'cluster.exe',
      dtclExe: 'dtcl.exe',
      dtUser: 'CORP\\dtadmin',
      dtPassword: { from: 'env', variable: DT_PASSWORD_ENV },
      ldapUrl: 'ldaps://dc1.corp.example',
      startTls: false,
    });
    expect(JSON.stringify(command)).not.toContain('dt-secret');
  });

  it('a password file wins over the environment; the bind password comes from its file or variable', () => {
    const command = setup(
      [
        'setup', 'plan', '--pair', 'pair.json', ...REAL, '--cluster-exe', 'C:\\Windows\\cluster.exe', '--dtcl-exe', 'D:\\DT\\dtcl.exe',
        '--dt-password-file', 'dt.pw', '--bind-dn', 'CN=Admin,DC=corp', '--bind-password-file', 'bind.pw', '--ca-file', 'ca.pem',
      ],
      REAL_ENV,
    );
    expect(command.real?.clusterExe).toBe('C:\\Windows\\cluster.exe');
    expect(command.real?.dtclExe).toBe('D:\\DT\\dtcl.exe');
    expect(command.real?.dtPassword).toEqual({ from: 'file', file: '/work/site/dt.pw' });
    expect(command.real?.bindPassword).toEqual({ from: 'file', file: '/work/site/bind.pw' });
    expect(command.real?.caFile).toBe('/work/site/ca.pem');
    const fromEnv = setup(['setup', 'plan', '--pair', 'pair.json', ...REAL, '--bind-dn', 'CN=Admin,DC=corp'], { ...REAL_ENV, [BIND_PASSWORD_ENV]: 'b' });
    expect(fromEnv.real?.bindPassword).toEqual({ from: 'env', variable: BIND_PASSWORD_ENV });
  });

  it('the LDAP URL defaults to the domain of USERDNSDOMAIN', () => {
    const command = setup(['setup', 'plan', '--pair', 'p.json', '--dt-user', 'dt'], { ...REAL_ENV, USERDNSDOMAIN: 'CORP.EXAMPLE' });
    expect(command.real?.ldapUrl).toBe('ldap://corp.example');
  });
});

describe('usage errors name the offending argument', () => {
  it.each([
    [['frobnicate'], 'unknown command "frobnicate" (argument 1)'],
    [['setup'], 'setup needs a command'],
    [['setup', 'undo', '--pair', 'p'], 'unknown setup command "undo" (argument 2)'],
    [['lab', 'destroy', 'x'], 'unknown lab command "destroy" (argument 2)'],
    [['lab', 'init'], 'lab init needs the folder'],
    [['lab', 'init', 'a', 'b'], 'unexpected "b" (argument 4)'],
    [['pair'], 'pair needs a command'],
    [['pair', 'fix', 'p.json'], 'unknown pair command "fix" (argument 2)'],
    [['pair', 'new'], 'pair new needs the pair document\'s file'],
    [['pair', 'new', 'p.json', '--json'], 'unknown option --json (argument 4); pair new takes only a file'],
    [['pair', 'check', 'p.json', 'q.json'], 'unexpected "q.json" (argument 4); pair check takes one file'],
    [['pair', 'check', 'p.json', '--json', '--json'], '--json is given twice (argument 5)'],
    [['setup', 'plan', '--pair', 'p', '--lab', 'l', '--frob'], 'unknown option --frob (argument 7)'],
    [['setup', 'plan', '--lab', 'l', '--pair'], '--pair (argument 5) needs a value'],
    [['setup', 'plan', '--pair', '--lab', 'l'], '--pair (argument 3) needs a value'],
    [['setup', 'plan', '--pair=', '--lab', 'l'], '--pair (argument 3) has an empty value'],
    [['setup', 'plan', '--lab', 'l'], 'setup plan needs --pair FILE'],
    [['setup', 'plan', '--pair', 'p', '--pair', 'q', '--lab', 'l'], '--pair is given twice (argument 3 and argument 5)'],
    [['setup', 'plan', '--pair', 'p', '--lab', 'l', '--step', '4.9'], '--step 4.9 (argument 7): the guide has no step 4.9; the steps are 3, 4.1, 4.2.1'],
    [['setup', 'plan', '--pair', 'p', '--lab', 'l', '--confirm', '3=ok then'], '--confirm (argument 7) is for setup apply, not setup plan'],
    [['setup', 'apply', '--pair', 'p', '--lab', 'l', '--json'], '--json (argument 7) is for setup plan and verify, not setup apply'],
    [['setup', 'plan', '--pair', 'p', '--lab', 'l', '--json=yes'], '--json (argument 7) takes no value'],
    [['setup', 'plan', '--pair', 'p', '--lab', 'l', 'extra'], 'unexpected "extra" (argument 7)'],
    [['setup', 'plan', '--pair', 'p', '--lab', 'l', '--dt-user', 'x'], '--dt-user (argument 7) is for the real tools'],
  ])('%j -> %s', (argv, message) => {
    expect(refusal(argv)).toContain(message);
  });

  it('a password on the command line is refused, and not repeated in the message', () => {
    const message = refusal(['setup', 'plan', '--pair', 'p', '--dt-password', 'Hunter2', ...REAL]);
    expect(message).toContain('--dt-password (argument 5): a password is never taken from the command line');
    expect(message).toContain(DT_PASSWORD_ENV);
    expect(message).not.toContain('Hunter2');
    expect(refusal(['setup', 'plan', '--pair', 'p', '--bind-password=Hunter2', ...REAL])).not.toContain('Hunter2');
  });

  it('the real tools need the Double-Take account, its password, and the directory', () => {
    expect(refusal(['setup', 'plan', '--pair', 'p'], REAL_ENV)).toContain('--dt-user USER');
    expect(refusal(['setup', 'plan', '--pair', 'p', ...REAL])).toContain(`set ${DT_PASSWORD_ENV} or give --dt-password-file FILE`);
    expect(refusal(['setup', 'plan', '--pair', 'p', '--dt-user', 'dt'], REAL_ENV)).toContain('give --ldap-url');
    expect(refusal(['setup', 'plan', '--pair', 'p', '--dt-user', 'dt', '--ldap-url', 'http://dc1'], REAL_ENV)).toContain(
      '--ldap-url "http://dc1" (argument 7) is not ldap://HOST[:PORT]',
    );
    expect(refusal(['setup', 'plan', '--pair', 'p', ...REAL, '--starttls'], REAL_ENV)).toContain('--starttls (argument 9) is for ldap:// URLs');
    expect(refusal(['setup', 'plan', '--pair', 'p', '--dt-user', 'dt', '--ldap-url', 'ldap://dc', '--ca-file', 'ca.pem'], REAL_ENV)).toContain(
      '--ca-file (argument 9) is used only with an ldaps:// URL or --starttls',
    );
    expect(refusal(['setup', 'plan', '--pair', 'p', ...REAL, '--bind-dn', 'CN=A'], REAL_ENV)).toContain(
      `--bind-dn (argument 9) needs its password: set ${BIND_PASSWORD_ENV}`,
    );
    expect(refusal(['setup', 'plan', '--pair', 'p', ...REAL, '--bind-password-file', 'b.pw'], REAL_ENV)).toContain(
      '--bind-password-file (argument 9) needs --bind-dn DN',
    );
  });
});

describe('setup --profile FILE', () => {
  it('takes the profile and its password sources as check does: the files, else the variables; no real tools', () => {
    const command = setup(['setup', 'apply', '--pair', 'pair.json', '--profile', 'prod.json', '--dt-password-file', 'dt.pw', '--confirm', '3=tapes 41-44'], {
      [BIND_PASSWORD_ENV]: 'b',
    });
    expect(command).toEqual({
      kind: 'setup',
      verb: 'apply',
      pair: '/work/site/pair.json',
      profile: { file: '/work/site/prod.json', passwords: { doubleTake: { from: 'file', file: '/work/site/dt.pw' }, directory: { from: 'env', variable: BIND_PASSWORD_ENV } } },
      confirmations: [{ stepId: '3', note: 'tapes 41-44' }],
      json: false,
    });
    expect(setup(['setup', 'plan', '--pair', 'p', '--profile=/ha/prof.json', '--bind-password-file', '/s/bind.pw'], REAL_ENV).profile).toEqual({
      file: '/ha/prof.json',
      passwords: { doubleTake: { from: 'env', variable: DT_PASSWORD_ENV }, directory: { from: 'file', file: '/s/bind.pw' } },
    });
    // Which passwords are needed depends on the profile (read later): none given is not refused here.
    expect(setup(['setup', 'verify', '--pair', 'p', '--profile', 'prof']).profile).toEqual({ file: '/work/site/prof', passwords: {} });
  });

  it('the same profile parsing as check (one function for both)', () => {
    const viaSetup = setup(['setup', 'plan', '--pair', 'p', '--profile', 'prof', '--dt-password-file', 'dt.pw'], { [BIND_PASSWORD_ENV]: 'b' }).profile;
    const viaCheck = parse(['check', '--pair', 'p', '--profile', 'prof', '--dt-password-file', 'dt.pw'], { [BIND_PASSWORD_ENV]: 'b' });
    if (viaCheck.kind !== 'check') throw new Error('not check');
    expect(viaCheck.world).toEqual({ kind: 'profile', ...viaSetup });
  });

  it.each([
    [['--profile', 'a', '--lab', 'l'], '--profile (argument 5) and --lab (argument 7) name two worlds; set up one: the pair through its profile, or the lab'],
    [['--lab', 'l', '--profile', 'a'], '--profile (argument 7) and --lab (argument 5) name two worlds'],
    [['--profile', 'a', '--ldap-url', 'ldaps://dc1'], '--ldap-url (argument 7) and --profile (argument 5) both say how the real tools are reached; give the connection profile alone'],
    [['--dt-user', 'CORP\\dt', '--profile', 'a'], '--dt-user (argument 5) and --profile (argument 7) both say how the real tools are reached'],
    [['--profile', 'a', '--cluster-exe', 'c.exe', '--dtcl-exe', 'd.exe'], '--cluster-exe (argument 7) and --profile (argument 5)'],
    [['--profile', 'a', '--dtcl-exe', 'd.exe'], '--dtcl-exe (argument 7) and --profile (argument 5)'],
    [['--profile', 'a', '--bind-dn', 'CN=A'], '--bind-dn (argument 7) and --profile (argument 5)'],
    [['--profile', 'a', '--ca-file', 'ca.pem'], '--ca-file (argument 7) and --profile (argument 5)'],
    [['--profile', 'a', '--starttls'], '--starttls (argument 7) and --profile (argument 5)'],
    [['--profile', 'a', '--profile', 'b'], '--profile is given twice (argument 5 and argument 7); give it once'],
    [['--profile'], '--profile (argument 5) needs a value'],
    [['--profile='], '--profile (argument 5) has an empty value'],
    [['--profile', 'a', '--dt-password', 'Hunter2'], '--dt-password (argument 7): a password is never taken from the command line'],
  ])('setup plan --pair p %j is refused: %s', (words, message) => {
    const text = refusal(['setup', 'plan', '--pair', 'p', ...words], REAL_ENV);
    expect(text).toContain(message);
    expect(text).not.toContain('Hunter2');
  });

  it('--lab refuses the password files, which only a profile or the real tools use', () => {
    expect(refusal(['setup', 'plan', '--pair', 'p', '--lab', 'l', '--dt-password-file', 'dt.pw'])).toContain(
      "--dt-password-file (argument 7) is for the real tools; with --lab the lab's own tools are used",
    );
  });

  it('with neither --lab nor --profile, the message names both ways', () => {
    expect(refusal(['setup', 'plan', '--pair', 'p'], REAL_ENV)).toContain('the real tools need --profile FILE (a connection profile), or --dt-user USER');
  });
});

describe('plan files', () => {
  it('--out (plan) and --plan (apply) resolve against the working folder', () => {
    expect(setup(['setup', 'plan', '--pair', 'p.json', '--lab', 'l', '--out', 'plan.json'])).toMatchObject({ verb: 'plan', out: '/work/site/plan.json' });
    expect(setup(['setup', 'apply', '--pair', 'p.json', '--lab', 'l', '--plan', '/x/plan.json', '--confirm', '6=entered on TGT1'])).toMatchObject({
      verb: 'apply',
      planFile: '/x/plan.json',
      confirmations: [{ stepId: '6', note: 'entered on TGT1' }],
    });
  });

  it.each([
    [['setup', 'apply', '--pair', 'p', '--lab', 'l', '--out', 'x.json'], '--out (argument 7) is for setup plan, not setup apply'],
    [['setup', 'plan', '--pair', 'p', '--lab', 'l', '--plan', 'x.json'], '--plan (argument 7) is for setup apply, not setup plan'],
    [['setup', 'apply', '--pair', 'p', '--lab', 'l', '--plan', 'x.json', '--step', '4.2.1'], '--plan (argument 7) applies the steps its file holds, and --step (argument 9) would pick one: plan that step alone with "setup plan --step 4.2.1 --out FILE", then apply that file'],
    [['setup', 'apply', '--pair', 'p', '--lab', 'l', '--plan'], '--plan (argument 7) needs a value'],
  ])('%j is refused: %s', (argv, message) => {
    expect(refusal(argv)).toContain(message);
  });
});

describe('--confirm STEP="note"', () => {
  it('splits at the first = and trims', () => {
    expect(parseConfirmation('3= Full backup = tape 17 ', 4)).toEqual({ stepId: '3', note: 'Full backup = tape 17' });
  });

  it.each([
    ['no equals', 'argument 5) needs STEP="note"'],
    ['=a note', 'names no step before'],
    ['9=a note', 'step 9: the guide has no step 9'],
    ['4.2.2=done it', 'step 4.2.2 is applied by the program; --confirm is for the steps done by hand (3) and the parts of steps done by hand (6)'],
    ['3=  x ', 'the note for step 3 must say what was done and where'],
  ])('%j is refused: %s', (text, message) => {
    expect(() => parseConfirmation(text, 4)).toThrow(UsageError);
    expect(() => parseConfirmation(text, 4)).toThrow(message);
  });

  it('takes step 6, whose monitor only the administrator can enter, besides the backups', () => {
    expect(parseConfirmation('6=entered on TGT1 and TGT2', 4)).toEqual({ stepId: '6', note: 'entered on TGT1 and TGT2' });
    expect(setup(['setup', 'apply', '--pair', 'p', '--lab', 'l', '--confirm', '3=tapes 41-44', '--confirm', '6=entered on TGT1 and TGT2']).confirmations).toEqual([
      { stepId: '3', note: 'tapes 41-44' },
      { stepId: '6', note: 'entered on TGT1 and TGT2' },
    ]);
  });

  it('the same step confirmed twice is refused with both arguments named', () => {
    expect(refusal(['setup', 'apply', '--pair', 'p', '--lab', 'l', '--confirm', '3=one note', '--confirm', '3=other note'])).toBe(
      '--confirm 3 is given twice (argument 7 and argument 9)',
    );
  });
});

describe('check --pair FILE (--profile FILE | --lab DIR)', () => {
  function check(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CheckCommand {
    const command = parse(['check', ...argv], env);
    if (command.kind !== 'check') throw new Error(`not a check command: ${command.kind}`);
    return command;
  }

  it('with a profile: paths absolute, the passwords from their files, else their variables, the default time limit', () => {
    expect(check(['--pair', 'pair.json', '--profile', 'prod.json', '--dt-password-file', 'dt.pw', '--bind-password-file', '/secure/bind.pw'])).toEqual({
      kind: 'check',
      pair: '/work/site/pair.json',
      world: { kind: 'profile', file: '/work/site/prod.json', passwords: { doubleTake: { from: 'file', file: '/work/site/dt.pw' }, directory: { from: 'file', file: '/secure/bind.pw' } } },
      json: false,
      timeoutMs: 60_000,
    });
    const fromEnv = check(['--pair', 'p', '--profile=prof', '--json'], { [DT_PASSWORD_ENV]: 'x', [BIND_PASSWORD_ENV]: 'y' });
    expect(fromEnv.world).toEqual({ kind: 'profile', file: '/work/site/prof', passwords: { doubleTake: { from: 'env', variable: DT_PASSWORD_ENV }, directory: { from: 'env', variable: BIND_PASSWORD_ENV } } });
    expect(fromEnv.json).toBe(true);
    // Whether a password is needed depends on the profile (read later): none given is not refused here.
    expect(check(['--pair', 'p', '--profile', 'prof'], { [DT_PASSWORD_ENV]: '' }).world).toEqual({ kind: 'profile', file: '/work/site/prof', passwords: {} });
  });

  it('with a lab, and --timeout in seconds (decimals allowed)', () => {
    expect(check(['--lab', 'lab1', '--pair', 'lab1/pair.json', '--timeout', '2.5'])).toEqual({
      kind: 'check',
      pair: '/work/site/lab1/pair.json',
      world: { kind: 'lab', folder: '/work/site/lab1' },
      json: false,
      timeoutMs: 2_500,
    });
    expect(check(['--lab', 'l', '--pair', 'p', '--timeout=3600']).timeoutMs).toBe(3_600_000);
  });

  it.each([
    [['--profile', 'prof'], 'check needs --pair FILE (the pair document)'],
    [['--pair', 'p'], 'check needs --profile FILE (the connection profile of the pair), or --lab DIR to check a lab'],
    [['--pair', 'p', '--profile', 'a', '--lab', 'b'], '--profile (argument 4) and --lab (argument 6) name two worlds'],
    [['--pair', 'p', '--lab', 'l', '--dt-password-file', 'f'], '--dt-password-file (argument 6) is for a profile\'s accounts; the lab needs no password'],
    [['--pair', 'p', '--profile', 'a', '--pair', 'q'], '--pair is given twice (argument 2 and argument 6); give it once'],
    [['--pair', 'p', '--profile', 'a', '--timeout', '0'], '--timeout (argument 6) must be more than 0 and at most 3600 seconds, not 0'],
    [['--pair', 'p', '--profile', 'a', '--timeout', '3601'], 'at most 3600 seconds, not 3601'],
    [['--pair', 'p', '--profile', 'a', '--timeout', '-5'], '--timeout (argument 6) "-5" is not a number of seconds'],
    [['--pair', 'p', '--profile', 'a', '--timeout', '1e3'], '--timeout (argument 6) "1e3" is not a number of seconds'],
    [['--pair', 'p', '--profile', 'a', '--json=yes'], '--json (argument 6) takes no value'],
    [['--pair', 'p', '--profile'], '--profile (argument 4) needs a value'],
    [['--pair', '', '--profile', 'a'], '--pair (argument 2) has an empty value'],
    [['--pair', 'p', '--profile', 'a', '--step', '4.1'], 'unknown option --step (argument 6) for check'],
    [['--pair', 'p', '--profile', 'a', 'extra'], 'unexpected "extra" (argument 6); options start with --'],
  ])('%j is refused: %s', (argv, message) => {
    expect(refusal(['check', ...argv])).toContain(message);
  });

  it('a password on the command line is refused, and not repeated in the message', () => {
    for (const option of ['--dt-password', '--bind-password', '--password']) {
      const message = refusal(['check', '--pair', 'p', '--profile', 'a', `${option}=Hunter2!`]);
      expect(message).toContain(`${option} (argument 6): a password is never taken from the command line`);
      expect(message).not.toContain('Hunter2!');
    }
  });

  it('check is listed among the commands when the command is unknown', () => {
    expect(refusal(['chekc'])).toContain('"check --pair FILE --profile FILE"');
  });
});
