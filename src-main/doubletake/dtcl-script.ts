import { assertNever } from '../shared/assert-never';
import type { DtclCommand, DtclSecret, DtclStatement } from './dtcl-ast';
import { formatDtclScript } from './dtcl-format';
import type { DoubleTakeCommand } from './port';

/**
 * DTCL scripts for the port's commands: LOGIN first, then one line a command. The password is a DtclSecret; it is
 * written out only by `DtclScript.reveal()`, the text the dtcl.exe runner feeds to the tool. Everything else —
 * `preview`, `toString`, JSON, util.inspect — shows the mask, so a plan preview, a log or an error never holds it.
 */

/** Who logs in where: the node, and an account allowed to manage Double-Take there. */
export interface DtclLogin {
  readonly host: string;
  readonly user: string;
  readonly password: DtclSecret;
}

/** The DTCL command one port command stands for. Paths are always quoted, as the guide's transcript writes them. */
export function dtclCommandFor(command: DoubleTakeCommand): DtclCommand {
  switch (command.kind) {
    case 'set-option':
      return { kind: 'set', option: command.option, value: { kind: 'number', value: command.value } };
    case 'repset-create':
      return { kind: 'repset-create', name: { kind: 'text', value: command.replicationSet, quoted: false } };
    case 'repset-rule-add':
      return {
        kind: 'repset-rule-add',
        path: { kind: 'text', value: command.rule.path, quoted: true },
        mode: command.rule.mode,
        recursive: command.rule.recursive,
        replicationSet: { kind: 'text', value: command.replicationSet, quoted: false },
      };
    case 'repset-save':
      return { kind: 'repset-save' };
    default:
      return assertNever(command, 'Double-Take command');
  }
}

/** A whole script: the masked preview for people, the real text only through `reveal()`. */
export class DtclScript {
  /** The script as a person may see it: the LOGIN password is `********`. CRLF line endings. */
  readonly preview: string;
  readonly #statements: readonly DtclStatement[];

  constructor(statements: readonly DtclStatement[]) {
    this.#statements = statements;
    this.preview = formatDtclScript(statements);
  }

  /** The preview's lines, without line endings: what a plan shows and a copy button copies. */
  previewLines(): string[] {
    return this.preview.split('\r\n').filter((line) => line !== '');
  }

  /** The text dtcl.exe is given, password in clear. Only the runner calls this; never log what it returns. */
  reveal(): string {
    return formatDtclScript(this.#statements, { revealSecrets: true });
  }

  toString(): string {
    return this.preview;
  }

  toJSON(): string {
    return this.preview;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `DtclScript(${JSON.stringify(this.preview)})`;
  }
}

const position = { line: 0, column: 0 } as const;

/** LOGIN to `login.host`, then `body` in order. */
export function buildDtclScript(login: DtclLogin, body: readonly DtclCommand[]): DtclScript {
  const loginCommand: DtclCommand = {
    kind: 'login',
    host: { kind: 'text', value: login.host, quoted: false },
    user: { kind: 'text', value: login.user, quoted: false },
    password: login.password,
  };
  return new DtclScript([loginCommand, ...body].map((command): DtclStatement => ({ kind: 'command', position, command })));
}

/** The script that applies `commands` on the login's node. */
export function buildCommandScript(login: DtclLogin, commands: readonly DoubleTakeCommand[]): DtclScript {
  return buildDtclScript(login, commands.map(dtclCommandFor));
}

/** The exact DTCL lines a plan shows for `commands` on a node (LOGIN included, password masked). */
export function previewDoubleTakeCommands(login: DtclLogin, commands: readonly DoubleTakeCommand[]): string[] {
  return buildCommandScript(login, commands).previewLines();
}
