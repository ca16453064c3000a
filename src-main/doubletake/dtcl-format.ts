import { assertNever } from '../shared/assert-never';
import type { DtclCommand, DtclCondition, DtclExpression, DtclStatement, DtclValue } from './dtcl-ast';

/**
 * Writes DTCL from data: the exact commands a plan previews and the dtcl.exe adapter sends. The inverse of
 * parseDtcl. LOGIN passwords are masked unless the caller asks for the real text (only the adapter that runs
 * dtcl.exe does).
 */

export interface DtclFormatOptions {
  /** Write LOGIN passwords in clear; default false (a mask), so previews and logs never hold one. */
  readonly revealSecrets?: boolean;
  /** Windows scripts use CRLF (the default). */
  readonly lineEnding?: '\r\n' | '\n';
}

const BARE_WORD = /^[A-Za-z0-9_.\-\\:/]+$/;

/** One operand; text is quoted when it was, or when it could not be read back bare. Throws for a `"` in text. */
export function formatDtclValue(value: DtclValue): string {
  switch (value.kind) {
    case 'variable':
      return `$${value.name}`;
    case 'number':
      return String(value.value);
    case 'text':
      if (value.value.includes('"') || /[\r\n]/.test(value.value)) {
        throw new Error('DTCL text cannot hold a double quote or a line break.');
      }
      return value.quoted || !BARE_WORD.test(value.value) || /^[0-9]+$/.test(value.value) ? `"${value.value}"` : value.value;
    default:
      return assertNever(value, 'DTCL value');
  }
}

function expression(values: DtclExpression): string {
  return values.map(formatDtclValue).join(' + ');
}

function condition(c: DtclCondition): string {
  return `(${expression(c.left)} ${c.operator} ${expression(c.right)})`;
}

/** One command without its terminating semicolon. */
export function formatDtclCommand(command: DtclCommand, options: DtclFormatOptions = {}): string {
  const v = formatDtclValue;
  switch (command.kind) {
    case 'login': {
      const password = options.revealSecrets === true ? v({ kind: 'text', value: command.password.reveal(), quoted: false }) : '********';
      return `LOGIN ${v(command.host)} ${v(command.user)} ${password}`;
    }
    case 'source':
      return `SOURCE ${v(command.host)}`;
    case 'target':
      return `TARGET ${v(command.host)}`;
    case 'repset-create':
      return `REPSET CREATE ${v(command.name)}`;
    case 'repset-rule-add':
      return `REPSET RULE ADD ${v(command.path)} ${command.mode.toUpperCase()}${command.recursive ? ' RECURSIVE' : ''} TO ${v(command.replicationSet)}`;
    case 'repset-save':
      return 'REPSET SAVE';
    case 'repset-list':
      return 'REPSET LIST';
    case 'connect':
      return `CONNECT ${v(command.replicationSet)} TO ${v(command.target)} MAP EXACT`;
    case 'mirror-start': {
      const mode = command.mode === 'different' ? ` DIFFERENT${command.checksum ? ',CHECKSUM' : ''}` : ' FULL';
      return `MIRROR START ${v(command.connection)}${mode}${command.orphans ? ' ORPHANS' : ''}`;
    }
    case 'mirror-stop':
      return `MIRROR STOP ${v(command.connection)}`;
    case 'disconnect':
      return `DISCONNECT ${v(command.connection)}`;
    case 'status-con':
      return `STATUS CON ${v(command.connection)}`;
    case 'connection-list':
      return 'CONNECTION LIST';
    case 'wait':
      return `WAIT ${command.milliseconds}`;
    case 'set':
      return `SET ${command.option}=${v(command.value)}`;
    case 'get':
      return `GET ${command.option}`;
    case 'write':
      return `WRITE ${expression(command.message)}`;
    case 'return':
      return `RETURN ${expression(command.value)}`;
    default:
      return assertNever(command, 'DTCL command');
  }
}

/** A whole script: one statement a line, `;` after each, IF blocks indented by four spaces. */
export function formatDtclScript(statements: readonly DtclStatement[], options: DtclFormatOptions = {}): string {
  const lines: string[] = [];
  const write = (list: readonly DtclStatement[], indent: string) => {
    for (const statement of list) {
      switch (statement.kind) {
        case 'command': {
          const assign = statement.assignTo === undefined ? '' : `$${statement.assignTo} = `;
          lines.push(`${indent}${assign}${formatDtclCommand(statement.command, options)};`);
          break;
        }
        case 'assign':
          lines.push(`${indent}$${statement.variable} = ${expression(statement.value)};`);
          break;
        case 'if':
          lines.push(`${indent}if ${condition(statement.condition)} then`);
          write(statement.then, `${indent}    `);
          if (statement.else.length > 0) {
            lines.push(`${indent}else`);
            write(statement.else, `${indent}    `);
          }
          lines.push(`${indent}endif`);
          break;
        default:
          assertNever(statement, 'DTCL statement');
      }
    }
  };
  write(statements, '');
  const ending = options.lineEnding ?? '\r\n';
  return lines.map((line) => line + ending).join('');
}
