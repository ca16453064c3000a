import { assertNever } from '../shared/assert-never';
import { DtclSecret, type DtclCommand, type DtclComparison, type DtclCondition, type DtclExpression, type DtclStatement, type DtclValue } from './dtcl-ast';
import { DtclSyntaxError, tokenizeDtcl, type DtclPosition, type DtclToken } from './dtcl-tokens';

/**
 * Parses a DTCL script (a file such as online.dtcl, or what `dtcl.exe` is given) into statements, so the lab's
 * emulator can run exactly what a script says and refuse what Double-Take would refuse. Keywords are
 * case-insensitive; names keep their case. Errors name line and column and never quote a LOGIN line's text.
 */
export function parseDtcl(source: string): DtclStatement[] {
  const root: DtclStatement[] = [];
  const open: OpenIf[] = [];
  const target = () => {
    const top = open[open.length - 1];
    return top === undefined ? root : top.inElse ? top.else : top.then;
  };
  for (const tokens of statements(tokenizeDtcl(source))) {
    const cursor = new Cursor(tokens);
    const head = cursor.peekKeyword();
    if (head === 'IF') {
      const position = cursor.next().position;
      const condition = parseCondition(cursor);
      cursor.keyword('THEN', 'after the IF condition');
      cursor.end();
      open.push({ position, condition, then: [], else: [], inElse: false });
    } else if (head === 'ELSE') {
      const top = open[open.length - 1];
      if (top === undefined || top.inElse) throw new DtclSyntaxError(cursor.next().position, 'ELSE without an open IF');
      cursor.next();
      cursor.end();
      top.inElse = true;
    } else if (head === 'ENDIF') {
      const position = cursor.next().position;
      cursor.end();
      const top = open.pop();
      if (top === undefined) throw new DtclSyntaxError(position, 'ENDIF without an open IF');
      target().push({ kind: 'if', position: top.position, condition: top.condition, then: top.then, else: top.else });
    } else {
      target().push(parseStatement(cursor));
    }
  }
  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) throw new DtclSyntaxError(unclosed.position, 'this IF has no ENDIF');
  return root;
}

interface OpenIf {
  readonly position: DtclPosition;
  readonly condition: DtclCondition;
  readonly then: DtclStatement[];
  readonly else: DtclStatement[];
  inElse: boolean;
}

/** Commands that give a value and so may stand on the right of `$var =`. */
const VALUE_COMMANDS = new Set(['CONNECT', 'MIRROR', 'DISCONNECT', 'STATUS', 'CONNECTION', 'GET', 'REPSET']);

function statements(tokens: readonly DtclToken[]): DtclToken[][] {
  const out: DtclToken[][] = [];
  let current: DtclToken[] = [];
  for (const token of tokens) {
    current.push(token);
    if (token.kind === 'end') {
      out.push(current);
      current = [];
    }
  }
  return out;
}

function parseStatement(cursor: Cursor): DtclStatement {
  const first = cursor.peek();
  if (first.kind === 'variable' && cursor.peek(1).kind === 'punct' && cursor.peek(1).text === '=') {
    cursor.next();
    cursor.next();
    const keyword = cursor.peekKeyword();
    if (keyword !== undefined && VALUE_COMMANDS.has(keyword)) {
      return { kind: 'command', position: first.position, command: parseCommand(cursor), assignTo: first.text };
    }
    const value = parseExpression(cursor, `the value of $${first.text}`);
    cursor.end();
    return { kind: 'assign', position: first.position, variable: first.text, value };
  }
  return { kind: 'command', position: first.position, command: parseCommand(cursor) };
}

function parseCommand(cursor: Cursor): DtclCommand {
  const token = cursor.next();
  const keyword = token.kind === 'word' ? token.text.toUpperCase() : '';
  let command: DtclCommand;
  switch (keyword) {
    case 'LOGIN':
    case 'LOGON': {
      cursor.sensitive = true;
      const host = cursor.value('the server name after LOGIN');
      const user = cursor.value('the user name after the server name');
      const password = cursor.value('the password after the user name');
      if (password.kind === 'variable') throw new DtclSyntaxError(cursor.lastPosition, 'the LOGIN password must be written out, not a variable');
      command = { kind: 'login', host, user, password: new DtclSecret(password.kind === 'number' ? String(password.value) : password.value) };
      break;
    }
    case 'SOURCE':
    case 'TARGET':
      command = { kind: keyword === 'SOURCE' ? 'source' : 'target', host: cursor.value(`the server after ${keyword}`) };
      break;
    case 'REPSET':
      command = parseRepset(cursor);
      break;
    case 'CONNECT': {
      const replicationSet = cursor.value('the replication set after CONNECT');
      cursor.keyword('TO', 'after the replication set name');
      const target = cursor.value('the target after TO');
      cursor.keyword('MAP', 'after the target');
      cursor.keyword('EXACT', 'after MAP (the lab knows only MAP EXACT)');
      command = { kind: 'connect', replicationSet, target, mapping: 'exact' };
      break;
    }
    case 'MIRROR':
      command = parseMirror(cursor);
      break;
    case 'DISCONNECT':
      command = { kind: 'disconnect', connection: cursor.value('the connection after DISCONNECT') };
      break;
    case 'STATUS':
      cursor.keyword('CON', 'after STATUS');
      command = { kind: 'status-con', connection: cursor.value('the connection after STATUS CON') };
      break;
    case 'CONNECTION':
      cursor.keyword('LIST', 'after CONNECTION');
      command = { kind: 'connection-list' };
      break;
    case 'WAIT': {
      const ms = cursor.value('the milliseconds after WAIT');
      if (ms.kind !== 'number') throw new DtclSyntaxError(cursor.lastPosition, 'WAIT needs a whole number of milliseconds');
      command = { kind: 'wait', milliseconds: ms.value };
      break;
    }
    case 'SET': {
      const option = cursor.word('the option name after SET');
      cursor.punct('=', 'after the option name');
      command = { kind: 'set', option, value: cursor.value('the value after =') };
      break;
    }
    case 'GET':
      command = { kind: 'get', option: cursor.word('the option name after GET') };
      break;
    case 'WRITE':
      command = { kind: 'write', message: parseExpression(cursor, 'the text after WRITE') };
      break;
    case 'RETURN':
      command = { kind: 'return', value: parseExpression(cursor, 'the value after RETURN') };
      break;
    default:
      throw new DtclSyntaxError(
        token.position,
        `${token.kind === 'word' ? `unknown command '${token.text}'` : 'a statement must start with a command'}; known: LOGIN, SOURCE, TARGET, REPSET, CONNECT, MIRROR, DISCONNECT, STATUS, CONNECTION, WAIT, SET, GET, WRITE, RETURN, IF`,
      );
  }
  cursor.end();
  return command;
}

function parseRepset(cursor: Cursor): DtclCommand {
  const sub = cursor.keyword(['CREATE', 'RULE', 'SAVE', 'LIST'], 'after REPSET');
  switch (sub) {
    case 'CREATE':
      return { kind: 'repset-create', name: cursor.value('the replication set name after REPSET CREATE') };
    case 'SAVE':
      return { kind: 'repset-save' };
    case 'LIST':
      return { kind: 'repset-list' };
    case 'RULE': {
      cursor.keyword('ADD', 'after REPSET RULE');
      const path = cursor.value('the path after REPSET RULE ADD');
      const mode = cursor.keyword(['INCLUDE', 'EXCLUDE'], 'after the path') === 'INCLUDE' ? 'include' : 'exclude';
      const recursive = cursor.optionalKeyword('RECURSIVE');
      cursor.keyword('TO', recursive ? 'after RECURSIVE' : 'after INCLUDE or EXCLUDE');
      return { kind: 'repset-rule-add', path, mode, recursive, replicationSet: cursor.value('the replication set after TO') };
    }
    default:
      return assertNever(sub, 'REPSET command');
  }
}

function parseMirror(cursor: Cursor): DtclCommand {
  const sub = cursor.keyword(['START', 'STOP'], 'after MIRROR');
  const connection = cursor.value(`the connection after MIRROR ${sub}`);
  if (sub === 'STOP') return { kind: 'mirror-stop', connection };
  let mode: 'full' | 'different' = 'full';
  let checksum = false;
  if (cursor.optionalKeyword('DIFFERENT')) {
    mode = 'different';
    if (cursor.optionalPunct(',')) {
      cursor.keyword('CHECKSUM', 'after DIFFERENT,');
      checksum = true;
    }
  } else {
    cursor.optionalKeyword('FULL');
  }
  const orphans = cursor.optionalKeyword('ORPHANS');
  return { kind: 'mirror-start', connection, mode, checksum, orphans };
}

function parseCondition(cursor: Cursor): DtclCondition {
  cursor.punct('(', 'after IF');
  const left = parseExpression(cursor, 'the left side of the condition');
  const op = cursor.next();
  const operators: readonly string[] = ['=', '<>', '<', '>', '<=', '>='];
  if (op.kind !== 'punct' || !operators.includes(op.text)) {
    throw new DtclSyntaxError(op.position, `expected a comparison (= <> < > <= >=) ${cursor.found(op)}`);
  }
  const right = parseExpression(cursor, 'the right side of the condition');
  cursor.punct(')', 'to close the condition');
  return { left, operator: op.text as DtclComparison, right };
}

function parseExpression(cursor: Cursor, what: string): DtclExpression {
  const values: DtclValue[] = [cursor.value(what)];
  while (cursor.optionalPunct('+')) values.push(cursor.value('a value after +'));
  return values;
}

/** Walks one statement's tokens; every `expect` names what it wanted and where. */
class Cursor {
  /** Set while reading LOGIN: messages then never show the tokens found. */
  sensitive = false;
  private index = 0;
  lastPosition: DtclPosition;

  constructor(private readonly tokens: readonly DtclToken[]) {
    this.lastPosition = tokens[0]?.position ?? { line: 1, column: 1 };
  }

  peek(ahead = 0): DtclToken {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] ?? { kind: 'end', text: '\n', position: this.lastPosition };
  }

  peekKeyword(): string | undefined {
    const token = this.peek();
    return token.kind === 'word' ? token.text.toUpperCase() : undefined;
  }

  next(): DtclToken {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    this.lastPosition = token.position;
    return token;
  }

  found(token: DtclToken): string {
    if (token.kind === 'end') return 'but the statement ends';
    if (this.sensitive) return `but found something else`;
    return token.kind === 'string' ? `but found "${token.text}"` : `but found '${token.kind === 'variable' ? '$' : ''}${token.text}'`;
  }

  keyword<const K extends string>(expected: K | readonly K[], where: string): K {
    const options: readonly K[] = typeof expected === 'string' ? [expected] : expected;
    const token = this.next();
    const upper = token.kind === 'word' ? token.text.toUpperCase() : '';
    const match = options.find((option) => option === upper);
    if (match === undefined) throw new DtclSyntaxError(token.position, `expected ${options.join(' or ')} ${where}, ${this.found(token)}`);
    return match;
  }

  optionalKeyword(keyword: string): boolean {
    const token = this.peek();
    if (token.kind === 'word' && token.text.toUpperCase() === keyword) {
      this.next();
      return true;
    }
    return false;
  }

  punct(text: string, where: string): void {
    const token = this.next();
    if (token.kind !== 'punct' || token.text !== text) throw new DtclSyntaxError(token.position, `expected '${text}' ${where}, ${this.found(token)}`);
  }

  optionalPunct(text: string): boolean {
    const token = this.peek();
    if (token.kind === 'punct' && token.text === text) {
      this.next();
      return true;
    }
    return false;
  }

  word(what: string): string {
    const token = this.next();
    if (token.kind !== 'word') throw new DtclSyntaxError(token.position, `expected ${what}, ${this.found(token)}`);
    return token.text;
  }

  value(what: string): DtclValue {
    const token = this.next();
    switch (token.kind) {
      case 'variable':
        return { kind: 'variable', name: token.text };
      case 'number':
        return { kind: 'number', value: Number(token.text) };
      case 'string':
        return { kind: 'text', value: token.text, quoted: true };
      case 'word':
        return { kind: 'text', value: token.text, quoted: false };
      case 'punct':
      case 'end':
        throw new DtclSyntaxError(token.position, `expected ${what}, ${this.found(token)}`);
      default:
        return assertNever(token.kind, 'token kind');
    }
  }

  end(): void {
    const token = this.next();
    if (token.kind !== 'end') throw new DtclSyntaxError(token.position, `expected the end of the statement, ${this.found(token)}`);
  }
}
