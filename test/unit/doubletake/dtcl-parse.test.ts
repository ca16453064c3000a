import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DtclSecret, type DtclCommand, type DtclStatement, type DtclValue } from '../../../src-main/doubletake/dtcl-ast';
import { formatDtclCommand, formatDtclScript } from '../../../src-main/doubletake/dtcl-format';
import { parseDtcl } from '../../../src-main/doubletake/dtcl-parse';
import { DtclSyntaxError } from '../../../src-main/doubletake/dtcl-tokens';
import { applyOnlineDtclPatch } from '../../../src-main/doubletake/online-dtcl-patch';
import { shippedOfflineDtcl, shippedOnlineDtcl } from '../../../src-main/lab/nodes/shipped-dtcl-scripts';

function command(source: string): DtclCommand {
  const [statement] = parseDtcl(source);
  if (statement?.kind !== 'command') throw new Error('expected a command');
  return statement.command;
}

function syntaxError(source: string): DtclSyntaxError {
  try {
    parseDtcl(source);
  } catch (error) {
    if (error instanceof DtclSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a syntax error');
}

const text = (value: string, quoted = false): DtclValue => ({ kind: 'text', value, quoted });
const variable = (name: string): DtclValue => ({ kind: 'variable', name });

function mirrorStarts(statements: readonly DtclStatement[]): DtclCommand[] {
  return statements.flatMap((s) => {
    if (s.kind === 'if') return [...mirrorStarts(s.then), ...mirrorStarts(s.else)];
    return s.kind === 'command' && s.command.kind === 'mirror-start' ? [s.command] : [];
  });
}

describe('the shipped scripts', () => {
  it('parses online.dtcl, whose mirror has no ORPHANS until the guide patch', () => {
    const shipped = parseDtcl(shippedOnlineDtcl().toString('utf8'));
    expect(mirrorStarts(shipped)).toEqual([{ kind: 'mirror-start', connection: variable('conid'), mode: 'different', checksum: true, orphans: false }]);
    const patched = parseDtcl(applyOnlineDtclPatch(shippedOnlineDtcl()).toString('utf8'));
    expect(mirrorStarts(patched)).toEqual([{ kind: 'mirror-start', connection: variable('conid'), mode: 'different', checksum: true, orphans: true }]);
  });

  it('parses offline.dtcl', () => {
    const statements = parseDtcl(shippedOfflineDtcl().toString('utf8'));
    expect(statements.some((s) => s.kind === 'command' && s.assignTo === 'result' && s.command.kind === 'disconnect')).toBe(true);
  });

  it('reads the IF block the guide quotes, with its position', () => {
    const statements = parseDtcl('if ($exitcode = 0) then\r\n    WRITE "Starting block checksum mirror";\r\n    $mirror = MIRROR START $conid DIFFERENT,CHECKSUM;\r\nendif\r\n');
    expect(statements).toEqual([
      {
        kind: 'if',
        position: { line: 1, column: 1 },
        condition: { left: [variable('exitcode')], operator: '=', right: [{ kind: 'number', value: 0 }] },
        then: [
          { kind: 'command', position: { line: 2, column: 5 }, command: { kind: 'write', message: [text('Starting block checksum mirror', true)] } },
          {
            kind: 'command',
            position: { line: 3, column: 5 },
            assignTo: 'mirror',
            command: { kind: 'mirror-start', connection: variable('conid'), mode: 'different', checksum: true, orphans: false },
          },
        ],
        else: [],
      },
    ]);
  });
});

describe('commands', () => {
  it('reads every command of DOMAIN §3, keywords in any case', () => {
    expect(command('logon SRC1 LAB\\admin pw')).toMatchObject({ kind: 'login', host: text('SRC1'), user: text('LAB\\admin') });
    expect(command('SOURCE SRC1')).toEqual({ kind: 'source', host: text('SRC1') });
    expect(command('target 10.0.1.50')).toEqual({ kind: 'target', host: text('10.0.1.50') });
    expect(command('REPSET CREATE "Exchange Data"')).toEqual({ kind: 'repset-create', name: text('Exchange Data', true) });
    expect(command('repset rule add "E:\\Exchsrvr" include recursive to Exchange')).toEqual({
      kind: 'repset-rule-add', path: text('E:\\Exchsrvr', true), mode: 'include', recursive: true, replicationSet: text('Exchange'),
    });
    expect(command('REPSET RULE ADD "E:\\Temp" EXCLUDE TO Exchange')).toMatchObject({ mode: 'exclude', recursive: false });
    expect(command('REPSET SAVE')).toEqual({ kind: 'repset-save' });
    expect(command('REPSET LIST;')).toEqual({ kind: 'repset-list' });
    expect(command('CONNECT Exchange TO 10.0.1.50 MAP EXACT')).toEqual({ kind: 'connect', replicationSet: text('Exchange'), target: text('10.0.1.50'), mapping: 'exact' });
    expect(command('MIRROR START 1 DIFFERENT , CHECKSUM ORPHANS')).toEqual({ kind: 'mirror-start', connection: { kind: 'number', value: 1 }, mode: 'different', checksum: true, orphans: true });
    expect(command('MIRROR START $c')).toMatchObject({ mode: 'full', checksum: false, orphans: false });
    expect(command('MIRROR STOP $c')).toEqual({ kind: 'mirror-stop', connection: variable('c') });
    expect(command('STATUS CON 1')).toEqual({ kind: 'status-con', connection: { kind: 'number', value: 1 } });
    expect(command('wait 25000')).toEqual({ kind: 'wait', milliseconds: 25000 });
    expect(command('SET AutoReconnect=0')).toEqual({ kind: 'set', option: 'AutoReconnect', value: { kind: 'number', value: 0 } });
    expect(command('GET ChecksumAll')).toEqual({ kind: 'get', option: 'ChecksumAll' });
  });

  it('keeps names in their case', () => {
    expect(command('REPSET CREATE exchange')).toEqual({ kind: 'repset-create', name: text('exchange') });
  });

  it('allows several statements on a line and comments anywhere', () => {
    const statements = parseDtcl('SOURCE SRC1; TARGET TGT1 # the pair\n# nothing here\nREPSET SAVE');
    expect(statements.map((s) => (s.kind === 'command' ? s.command.kind : s.kind))).toEqual(['source', 'target', 'repset-save']);
    expect(statements[1]?.position).toEqual({ line: 1, column: 14 });
  });

  it('reads ELSE branches', () => {
    const [statement] = parseDtcl('if ($a <> 1) then\nWRITE "x"\nelse\nWRITE "y"\nendif');
    expect(statement).toMatchObject({ kind: 'if', condition: { operator: '<>' }, then: [{ command: { kind: 'write' } }], else: [{ command: { kind: 'write' } }] });
  });
});

describe('errors name line and column', () => {
  it.each([
    ['SOURCE SRC1\nCONNECT Exchange 10.0.1.50 MAP EXACT', "line 2, column 18: expected TO after the replication set name, but found '10.0.1.50'"],
    ['CONNECT Exchange TO T MAP', 'line 1, column 26: expected EXACT after MAP (the lab knows only MAP EXACT), but the statement ends'],
    ['\n  FROB 1', "line 2, column 3: unknown command 'FROB'"],
    ['WRITE "open', 'line 1, column 7: a string is not closed'],
    ['MIRROR START $c NEWER', "line 1, column 17: expected the end of the statement, but found 'NEWER'"],
    ['WAIT soon', 'line 1, column 6: WAIT needs a whole number of milliseconds'],
    ['SET AutoReconnect 0', "line 1, column 19: expected '=' after the option name, but found '0'"],
    ['SOURCE x\nif ($a = 1) then\nWRITE "y"', 'line 2, column 1: this IF has no ENDIF'],
    ['endif', 'line 1, column 1: ENDIF without an open IF'],
    ['WRITE $', 'line 1, column 7: $ must be followed by a variable name'],
    ['if ($a 1) then\nendif', "line 1, column 8: expected a comparison (= <> < > <= >=) but found '1'"],
  ])('%j', (source, message) => {
    const error = syntaxError(source);
    expect(error.message.slice(0, message.length)).toBe(message);
  });

  it('gives the position as data too', () => {
    expect(syntaxError('SOURCE\n\n   TARGET').position).toEqual({ line: 1, column: 7 });
  });
});

describe('LOGIN passwords', () => {
  const PASSWORD = 'Sup3r-Secret';

  it('never appear when the parsed script is printed, serialised or formatted', () => {
    const statements = parseDtcl(`LOGIN SRC1 administrator ${PASSWORD}\r\nSOURCE SRC1\r\n`);
    const login = statements[0];
    if (login?.kind !== 'command' || login.command.kind !== 'login') throw new Error('expected LOGIN');
    expect(login.command.password).toBeInstanceOf(DtclSecret);
    expect(login.command.password.reveal()).toBe(PASSWORD);
    expect(JSON.stringify(statements)).not.toContain(PASSWORD);
    expect(inspect(statements, { depth: 10 })).not.toContain(PASSWORD);
    expect(`${login.command.password}`).not.toContain(PASSWORD);
    expect(formatDtclScript(statements)).toBe('LOGIN SRC1 administrator ********;\r\nSOURCE SRC1;\r\n');
    expect(formatDtclCommand(login.command, { revealSecrets: true })).toBe(`LOGIN SRC1 administrator ${PASSWORD}`);
  });

  it.each([
    `LOGIN SRC1 administrator ${PASSWORD} extra`,
    `LOGIN SRC1 administrator "${PASSWORD}" ; x`,
    `LOGIN SRC1 administrator "${PASSWORD}`,
    `logon SRC1 ${PASSWORD}`,
    `LOGIN SRC1 admin ${PASSWORD} =`,
  ])('never appear in an error about %j', (source) => {
    const error = syntaxError(source);
    expect(error.message).toMatch(/^line 1, column \d+: /);
    expect(error.message).not.toContain(PASSWORD);
  });
});

/** Commands with random operands, to check that formatting and parsing agree. */
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,8}$/);
const anyText = fc.string({ maxLength: 12 }).filter((s) => !/["\r\n]/.test(s));
const value: fc.Arbitrary<DtclValue> = fc.oneof(
  word.map((name) => variable(name.replace(/[.-]/g, '_'))),
  fc.nat({ max: 99999 }).map((n) => ({ kind: 'number', value: n }) as DtclValue),
  word.filter((w) => !/^[0-9]+$/.test(w)).map((w) => text(w)),
  anyText.map((t) => text(t, true)),
);
const commandArb: fc.Arbitrary<DtclCommand> = fc.oneof(
  fc.record({ host: value, user: value, password: word }).map(({ host, user, password }) => ({ kind: 'login', host, user, password: new DtclSecret(password) }) as DtclCommand),
  value.map((host) => ({ kind: 'source', host }) as DtclCommand),
  value.map((name) => ({ kind: 'repset-create', name }) as DtclCommand),
  fc.record({ path: value, mode: fc.constantFrom('include', 'exclude'), recursive: fc.boolean(), replicationSet: value }).map((r) => ({ kind: 'repset-rule-add', ...r }) as DtclCommand),
  fc.record({ replicationSet: value, target: value }).map((r) => ({ kind: 'connect', ...r, mapping: 'exact' }) as DtclCommand),
  fc.record({ connection: value, mode: fc.constantFrom('full', 'different'), checksum: fc.boolean(), orphans: fc.boolean() })
    .map((r) => ({ kind: 'mirror-start', ...r, checksum: r.mode === 'different' && r.checksum }) as DtclCommand),
  value.map((connection) => ({ kind: 'status-con', connection }) as DtclCommand),
  fc.nat().map((milliseconds) => ({ kind: 'wait', milliseconds }) as DtclCommand),
  fc.record({ option: word, value }).map((r) => ({ kind: 'set', ...r }) as DtclCommand),
  fc.array(value, { minLength: 1, maxLength: 3 }).map((message) => ({ kind: 'write', message }) as DtclCommand),
);

/** Parsed values come back quoted or bare as written; compare what they mean. */
function meaning(input: unknown): unknown {
  return JSON.parse(JSON.stringify(input, (key, v: unknown) => {
    if (v instanceof DtclSecret) return `secret:${v.reveal()}`;
    if (key === 'position' || key === 'quoted') return undefined;
    return v;
  }));
}

describe('properties', () => {
  it('parses what it formats (revealed secrets), to the same meaning', () => {
    fc.assert(
      fc.property(commandArb, fc.constantFrom('\r\n', '\n') as fc.Arbitrary<'\r\n' | '\n'>, (c, lineEnding) => {
        const statements: DtclStatement[] = [{ kind: 'command', position: { line: 1, column: 1 }, command: c }];
        const source = formatDtclScript(statements, { revealSecrets: true, lineEnding });
        expect(meaning(parseDtcl(source))).toEqual(meaning(statements));
      }),
    );
  });

  it('either parses or throws a syntax error whose position lies in the source', () => {
    const source = fc
      .array(fc.constantFrom('LOGIN', 'REPSET', 'RULE', 'ADD', 'CONNECT', 'TO', 'MIRROR', 'START', 'if', 'then', 'endif', '$x', '"a b"', '"', '=', ';', '\r\n', '\n', ' ', '(', ')', '1', ',', '#', '+', 'é', '@'), { maxLength: 25 })
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(source, (src) => {
        try {
          parseDtcl(src);
        } catch (error) {
          expect(error).toBeInstanceOf(DtclSyntaxError);
          const { line, column } = (error as DtclSyntaxError).position;
          const lines = src.split(/\r\n|\n|\r/);
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(lines.length);
          expect(column).toBeGreaterThanOrEqual(1);
          expect(column).toBeLessThanOrEqual((lines[line - 1]?.length ?? 0) + 1);
        }
      }),
    );
  });
});
