import type { DtclCommand, DtclCondition, DtclExpression, DtclStatement, DtclValue } from '../../doubletake/dtcl-ast';
import { DTCL_EXIT, DTCL_TEXT } from '../../doubletake/dtcl-output';
import { parseDtcl } from '../../doubletake/dtcl-parse';
import { DtclSyntaxError } from '../../doubletake/dtcl-tokens';
import type { DoubleTakeLab } from './doubletake-lab';
import { DtclStop, dtclLogin, executeDtclCommand } from './dtcl-emulation';
import { DoubleTakeError } from './errors';

/**
 * Runs the DTCL scripts of Double-Take's Source Connection cluster resource (online.dtcl, offline.dtcl) against the
 * lab: variables, assignments, IF/ELSE blocks, WRITE, SOURCE and RETURN on top of the commands emulateDtcl runs
 * (the commands themselves go through the same executeDtclCommand). Double-Take's script semantics are not public;
 * the rules below are [assumed] unless a shipped script shows them:
 * - A variable holds text or a whole number. `a + b` joins the operands as text (numbers in decimal); a single
 *   operand keeps its kind. A variable is case-sensitive [assumed] and must be preset or assigned before use.
 * - An IF condition compares numerically when both sides are numbers or numeric text, else as case-sensitive text.
 * - An ASSIGNED command never stops the script [assumed]: `$c = CONNECT ...` yields the new connection id, or 0 when
 *   refused; `$r = MIRROR START|MIRROR STOP|DISCONNECT ...` yields 0, or 1 (REFUSED_STATUS) when refused. The
 *   refusal's message goes to `lines`. Other commands' results cannot be assigned in the lab.
 * - An UNASSIGNED command that is refused ends the script, as dtcl.exe does: the message goes to `lines` and the exit
 *   code is dtcl.exe's for that refusal (DTCL_EXIT: refused 1, loginFailed 2, unreachable 3).
 * - `RETURN expr` ends the script with that whole number; a script that runs off its end returns 0.
 * Refusal messages read `Error: <message> (script line N)`, as emulateDtcl prints them on stderr.
 */

export interface DtclScriptOutcome {
  /** The RETURN value, or 0 when the script ends without RETURN; dtcl.exe's exit status when a command stopped it. */
  readonly exitCode: number;
  /** What WRITE and the commands printed, and the refusals, in order. */
  readonly lines: readonly string[];
  /** True when the lab's Double-Take changed (the caller saves it). */
  readonly changed: boolean;
}

/**
 * A statement the script cannot run: unknown variable, unsupported command, bad value, unreadable script. Problems
 * visible in the text (unknown variables, unsupported commands, syntax) are found before anything runs; `changed`
 * says whether the lab changed before the failing statement (what ran stays done).
 */
export class DtclScriptError extends Error {
  override readonly name = 'DtclScriptError';
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly changed: boolean,
  ) {
    super(`${reason} ${DTCL_TEXT.atLine(line)}`);
  }
}

export interface DtclScriptOptions {
  /** Set before the script runs, names without `$` (`{ source: 'SRC1', conid: 3 }`); numbers must be whole. */
  readonly variables: Readonly<Record<string, string | number>>;
  /** The server commands go to until the script runs SOURCE (or LOGIN). */
  readonly node?: string;
}

/** [assumed] what an assigned MIRROR START / MIRROR STOP / DISCONNECT yields when refused (0 is success). */
export const REFUSED_STATUS = 1;

type Value = string | number;

/** The commands whose result a script may assign (the ones the shipped scripts assign). */
const ASSIGNABLE: ReadonlySet<DtclCommand['kind']> = new Set(['connect', 'mirror-start', 'mirror-stop', 'disconnect']);
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses and runs a DTCL script against the lab the way the Source Connection resource runs online.dtcl/offline.dtcl:
 * with preset variables, on the node `SOURCE` names (or `node` when given and no SOURCE ran yet). No LOGIN is
 * needed: the resource runs as the Double-Take service [assumed]; a LOGIN in the script is still checked.
 * Throws DtclScriptError for a statement it cannot run, RangeError for a bad preset (name or value).
 */
export function runDtclScript(lab: DoubleTakeLab, source: string, options: DtclScriptOptions): DtclScriptOutcome {
  let statements: DtclStatement[];
  try {
    statements = parseDtcl(source);
  } catch (error) {
    if (error instanceof DtclSyntaxError) {
      throw new DtclScriptError(error.position.line, `The script cannot be read (column ${error.position.column}): ${error.reason}.`, false);
    }
    throw error;
  }
  const variables = presetVariables(options.variables);
  checkScript(statements, new Set(variables.keys()));
  return new ScriptRun(lab, variables, options.node).run(statements);
}

function presetVariables(record: Readonly<Record<string, string | number>>): Map<string, Value> {
  const variables = new Map<string, Value>();
  for (const [name, value] of Object.entries(record)) {
    if (!VARIABLE_NAME.test(name)) throw new RangeError(`Invalid DTCL variable name '${name}': give a name such as 'conid', without $.`);
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`$${name} must be text or a whole number, not ${value}.`);
    variables.set(name, value);
  }
  return variables;
}

/** A number, or text that is one (`"12"`, `-1`); undefined for anything else. */
function numeric(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  return /^-?[0-9]+$/.test(value) ? Number(value) : undefined;
}

const show = (value: Value): string => (typeof value === 'number' ? String(value) : value);
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isVariable = (value: unknown): value is Extract<DtclValue, { kind: 'variable' }> =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'variable';

/** Every variable an operand list (a command's fields, an expression) names, nested expressions included. */
function variablesIn(values: readonly unknown[]): string[] {
  return values.flatMap((value) => (Array.isArray(value) ? variablesIn(value) : isVariable(value) ? [value.name] : []));
}

/**
 * Refuses, before anything runs, what the text alone shows to be wrong: a variable used before any statement (in
 * text order, branches included) assigns it, TARGET, and an assigned command that gives no result.
 */
function checkScript(statements: readonly DtclStatement[], known: Set<string>): void {
  for (const statement of statements) {
    const fail = (reason: string): never => {
      throw new DtclScriptError(statement.position.line, reason, false);
    };
    const use = (values: readonly unknown[]) => {
      const unknown = variablesIn(values).find((name) => !known.has(name));
      if (unknown !== undefined) fail(`Unknown variable $${unknown}: neither set by the resource nor assigned before this line.`);
    };
    if (statement.kind === 'assign') {
      use(statement.value);
      known.add(statement.variable);
    } else if (statement.kind === 'if') {
      use([statement.condition.left, statement.condition.right]);
      checkScript(statement.then, known);
      checkScript(statement.else, known);
    } else {
      const { command, assignTo } = statement;
      // [assumed] the resource's scripts name the target in CONNECT ... TO; the lab has no TARGET selection.
      if (command.kind === 'target') fail(DTCL_TEXT.unsupported('TARGET in a resource script'));
      if (assignTo !== undefined && !ASSIGNABLE.has(command.kind)) {
        fail(DTCL_TEXT.unsupported(`Assigning the result of ${command.kind.toUpperCase().replace('-', ' ')}`));
      }
      use(Object.values(command));
      if (assignTo !== undefined) known.add(assignTo);
    }
  }
}

type Refusal = { readonly exitCode: number; readonly message: string };

/** One run of one script: its variables, the selected server, what it printed, and the line running now. */
class ScriptRun {
  private readonly lines: string[] = [];
  private changed = false;
  private line = 0;

  constructor(
    private readonly lab: DoubleTakeLab,
    private readonly variables: Map<string, Value>,
    private node: string | undefined,
  ) {}

  run(statements: readonly DtclStatement[]): DtclScriptOutcome {
    const exitCode = this.block(statements) ?? DTCL_EXIT.ok;
    return { exitCode, lines: [...this.lines], changed: this.changed };
  }

  /** Runs statements in order; returns the exit code when the script ends inside them (RETURN or a refusal). */
  private block(statements: readonly DtclStatement[]): number | undefined {
    for (const statement of statements) {
      this.line = statement.position.line;
      const exitCode = this.statement(statement);
      if (exitCode !== undefined) return exitCode;
    }
    return undefined;
  }

  private statement(statement: DtclStatement): number | undefined {
    switch (statement.kind) {
      case 'assign':
        this.variables.set(statement.variable, this.expression(statement.value));
        return undefined;
      case 'if':
        return this.block(this.holds(statement.condition) ? statement.then : statement.else);
      case 'command':
        if (statement.assignTo === undefined) return this.command(statement.command);
        this.assigned(statement.assignTo, statement.command);
        return undefined;
    }
  }

  /** An unassigned command: a refusal ends the script with dtcl.exe's exit status for it. */
  private command(command: DtclCommand): number | undefined {
    if (command.kind === 'write') {
      this.lines.push(show(this.expression(command.message)));
      return undefined;
    }
    if (command.kind === 'return') return this.exitCodeOf(this.expression(command.value));
    const refusal = this.attempt(() => this.perform(command));
    if (refusal === undefined) return undefined;
    this.lines.push(refusal.message);
    return refusal.exitCode;
  }

  /** `$var = COMMAND`: never ends the script; the variable gets the command's result or its refusal's value. */
  private assigned(variable: string, command: DtclCommand): void {
    let connection: number | undefined;
    const refusal = this.attempt(() => {
      connection = this.perform(command);
    });
    if (refusal !== undefined) this.lines.push(refusal.message);
    if (command.kind === 'connect') this.variables.set(variable, refusal === undefined ? (connection ?? 0) : 0);
    else this.variables.set(variable, refusal === undefined ? 0 : REFUSED_STATUS);
  }

  /** Runs a command on the selected server; returns the id a CONNECT made. Refusals are thrown. */
  private perform(command: DtclCommand): number | undefined {
    if (command.kind === 'source') {
      this.node = this.lab.server(this.text(command.host)).node;
      return undefined;
    }
    if (command.kind === 'login') {
      const server = dtclLogin(this.lab, command, this.text);
      this.node = server.node;
      this.lines.push(DTCL_TEXT.loggedIn(server.node, this.text(command.user)));
      return undefined;
    }
    if (this.node === undefined) this.fail('No Double-Take server is selected: the script must run SOURCE <server> first.');
    const result = executeDtclCommand(this.lab.server(this.node), command, this.text);
    this.lines.push(...result.lines);
    this.changed ||= result.changed;
    return result.connection;
  }

  /** Runs `work`; a Double-Take refusal (or the emulator's, such as an invalid connection id) is returned. */
  private attempt(work: () => void): Refusal | undefined {
    try {
      work();
      return undefined;
    } catch (error) {
      const at = DTCL_TEXT.atLine(this.line);
      if (error instanceof DoubleTakeError) {
        const exitCode = error.code === 'server-unreachable' ? DTCL_EXIT.unreachable : DTCL_EXIT.refused;
        return { exitCode, message: `${DTCL_TEXT.errorPrefix}${error.message} ${at}` };
      }
      if (error instanceof DtclStop) return { exitCode: error.exitCode, message: `${DTCL_TEXT.errorPrefix}${error.message} ${at}` };
      throw error;
    }
  }

  private fail(reason: string): never {
    throw new DtclScriptError(this.line, reason, this.changed);
  }

  private operand(value: DtclValue): Value {
    if (value.kind !== 'variable') return value.value;
    const current = this.variables.get(value.name);
    // Only reachable for a variable assigned in a branch that did not run: checkScript refused the rest.
    if (current === undefined) this.fail(`Unknown variable $${value.name}: it has no value here (its assignment did not run).`);
    return current;
  }

  /** One operand keeps its kind; operands joined with `+` make text. */
  private expression(expression: DtclExpression): Value {
    const [only, ...rest] = expression;
    if (only !== undefined && rest.length === 0) return this.operand(only);
    return expression.map(this.text).join('');
  }

  private readonly text = (value: DtclValue): string => show(this.operand(value));

  private holds(condition: DtclCondition): boolean {
    const left = this.expression(condition.left);
    const right = this.expression(condition.right);
    const [l, r] = [numeric(left), numeric(right)];
    const order = l !== undefined && r !== undefined ? Math.sign(l - r) : compareText(show(left), show(right));
    switch (condition.operator) {
      case '=':
        return order === 0;
      case '<>':
        return order !== 0;
      case '<':
        return order < 0;
      case '>':
        return order > 0;
      case '<=':
        return order <= 0;
      case '>=':
        return order >= 0;
    }
  }

  private exitCodeOf(value: Value): number {
    const code = numeric(value);
    if (code === undefined || !Number.isSafeInteger(code)) this.fail(`RETURN needs a whole number, not '${show(value)}'.`);
    return code;
  }
}
