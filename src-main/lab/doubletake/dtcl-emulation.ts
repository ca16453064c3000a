import type { DtclCommand, DtclStatement, DtclValue } from '../../doubletake/dtcl-ast';
import { parseDtcl } from '../../doubletake/dtcl-parse';
import { DtclSyntaxError } from '../../doubletake/dtcl-tokens';
import {
  DTCL_EXIT,
  DTCL_TEXT,
  formatConnections,
  formatOptionValue,
  formatReplicationSets,
} from '../../doubletake/dtcl-output';
import type { DoubleTakeLab } from './doubletake-lab';
import type { DoubleTakeServer } from './doubletake-server';
import { DoubleTakeError } from './errors';
import { labLoginAccepted } from './lab-accounts';
import { connectionInfo, replicationSetInfo } from './port-views';
import { findServerOption } from './server-options';

/** What one dtcl.exe run printed and returned; `changed` tells the caller to save the lab. */
export interface DtclRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly changed: boolean;
}

/** A command refused by the emulator itself (not by the lab's Double-Take), with the exit status it stands for. */
export class DtclStop extends Error {
  override readonly name = 'DtclStop';
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Turns one operand into the text a command is given: literals as written, variables as the caller knows them. */
export type DtclValueText = (value: DtclValue) => string;

/** What one command printed and whether it changed the lab; `connection` is the id a CONNECT made. */
export interface DtclCommandResult {
  readonly lines: string[];
  readonly changed: boolean;
  readonly connection?: number;
}

/**
 * Runs a DTCL script against the lab the way dtcl.exe runs one: statement by statement, each applied at once,
 * stopping at the first refusal (what ran before it stays done). LOGIN is checked against the lab's account and
 * a bad one is refused without echoing the password. The lab's emulator supports the commands the setup uses and
 * the connection commands; variables and IF blocks are refused as unsupported here (the Source Connection
 * resource's scripts, online.dtcl and offline.dtcl, run through runDtclScript in dtcl-script-run.ts).
 */
export function emulateDtcl(lab: DoubleTakeLab, source: string): DtclRun {
  const out: string[] = [];
  let changed = false;
  let statements: DtclStatement[];
  try {
    statements = parseDtcl(source);
  } catch (error) {
    if (error instanceof DtclSyntaxError) return { stdout: '', stderr: `${DTCL_TEXT.errorPrefix}${error.message}\n`, exitCode: DTCL_EXIT.usage, changed };
    throw error;
  }
  let server: DoubleTakeServer | undefined;
  try {
    for (const statement of statements) {
      if (statement.kind !== 'command' || statement.assignTo !== undefined) {
        throw new DtclStop(DTCL_EXIT.usage, `${DTCL_TEXT.unsupported('A variable or an IF block')} ${DTCL_TEXT.atLine(statement.position.line)}`);
      }
      const command = statement.command;
      try {
        if (command.kind === 'login') {
          server = dtclLogin(lab, command, literalText);
          out.push(DTCL_TEXT.loggedIn(server.node, literalText(command.user)));
          continue;
        }
        if (server === undefined) throw new DtclStop(DTCL_EXIT.usage, DTCL_TEXT.notLoggedIn);
        const result = executeDtclCommand(server, command, literalText);
        out.push(...result.lines);
        changed ||= result.changed;
      } catch (error) {
        if (error instanceof DoubleTakeError) {
          const exit = error.code === 'server-unreachable' ? DTCL_EXIT.unreachable : DTCL_EXIT.refused;
          throw new DtclStop(exit, `${error.message} ${DTCL_TEXT.atLine(statement.position.line)}`);
        }
        throw error;
      }
    }
  } catch (error) {
    if (!(error instanceof DtclStop)) throw error;
    return { stdout: lines(out), stderr: `${DTCL_TEXT.errorPrefix}${error.message}\n`, exitCode: error.exitCode, changed };
  }
  return { stdout: lines(out), stderr: '', exitCode: DTCL_EXIT.ok, changed };
}

function lines(list: readonly string[]): string {
  return list.map((l) => `${l}\r\n`).join('');
}

/** emulateDtcl's operands: literals only; a variable is refused as unsupported. */
function literalText(value: DtclValue): string {
  switch (value.kind) {
    case 'text':
      return value.value;
    case 'number':
      return String(value.value);
    case 'variable':
      throw new DtclStop(DTCL_EXIT.usage, DTCL_TEXT.unsupported(`The variable $${value.name}`));
  }
}

/**
 * `LOGIN host user password`: checks the lab's account (DtclStop with DTCL_EXIT.loginFailed, the password never
 * shown) and returns the server, reachable now (else DoubleTakeError 'server-unreachable').
 */
export function dtclLogin(lab: DoubleTakeLab, command: Extract<DtclCommand, { kind: 'login' }>, text: DtclValueText): DoubleTakeServer {
  const host = text(command.host);
  if (!labLoginAccepted(text(command.user), command.password.reveal())) throw new DtclStop(DTCL_EXIT.loginFailed, DTCL_TEXT.loginFailed(host));
  const server = lab.server(host);
  server.options(); // reachable now
  return server;
}

function connectionId(value: DtclValue, text: DtclValueText): number {
  const id = Number(text(value));
  if (!Number.isSafeInteger(id) || id < 1) throw new DtclStop(DTCL_EXIT.refused, `Invalid connection id '${text(value)}'.`);
  return id;
}

/**
 * Runs one command on `server`, its operands turned into text by `text`. A refusal is thrown: DoubleTakeError from
 * the lab, DtclStop for an invalid connection id or a command that must be handled by the caller (LOGIN, SOURCE,
 * TARGET, RETURN). Shared by emulateDtcl and the resource-script runner (dtcl-script-run.ts).
 */
export function executeDtclCommand(server: DoubleTakeServer, command: DtclCommand, text: DtclValueText): DtclCommandResult {
  const connectionIdOf = (value: DtclValue) => connectionId(value, text);
  switch (command.kind) {
    case 'set': {
      server.setOption(command.option, text(command.value));
      const name = findServerOption(command.option) ?? command.option;
      return { lines: [DTCL_TEXT.optionSet(name, server.getOption(name))], changed: true };
    }
    case 'get': {
      const name = findServerOption(command.option) ?? command.option;
      return { lines: [formatOptionValue(name, server.getOption(name))], changed: false };
    }
    case 'repset-create': {
      const name = text(command.name);
      server.createReplicationSet(name);
      return { lines: [DTCL_TEXT.repsetCreated(name)], changed: true };
    }
    case 'repset-rule-add': {
      const name = text(command.replicationSet);
      const rule = { path: text(command.path), mode: command.mode, recursive: command.recursive };
      server.addRule(name, rule);
      return { lines: [DTCL_TEXT.ruleAdded(name, rule)], changed: true };
    }
    case 'repset-save':
      server.saveReplicationSets();
      return { lines: [DTCL_TEXT.repsetsSaved], changed: true };
    case 'repset-list':
      return { lines: formatReplicationSets(server.replicationSets().map(replicationSetInfo)), changed: false };
    case 'connect': {
      const id = server.connect(text(command.replicationSet), text(command.target));
      return { lines: [DTCL_TEXT.connected(id)], changed: true, connection: id };
    }
    case 'mirror-start': {
      const id = connectionIdOf(command.connection);
      // [assumed] the lab does not measure the set's data: a mirror sends what Exchange wrote on this node while no
      // connection carried it (nothing at setup; a failback's mirror sends what the target wrote since the failover).
      server.startMirror(id, { mode: command.mode, checksum: command.checksum, orphans: command.orphans }, server.divergedBytes());
      server.clearDivergedBytes();
      return { lines: [DTCL_TEXT.mirrorStarted(id)], changed: true };
    }
    case 'mirror-stop': {
      const id = connectionIdOf(command.connection);
      server.stopMirror(id);
      return { lines: [DTCL_TEXT.mirrorStopped(id)], changed: true };
    }
    case 'disconnect': {
      const id = connectionIdOf(command.connection);
      server.disconnect(id);
      return { lines: [DTCL_TEXT.disconnected(id)], changed: true };
    }
    case 'status-con':
      return { lines: formatConnections([connectionInfo(server.connection(connectionIdOf(command.connection)))]), changed: false };
    case 'connection-list':
      return { lines: formatConnections(server.connections().map(connectionInfo)), changed: false };
    case 'wait':
      return { lines: [], changed: false };
    case 'write':
      return { lines: [command.message.map(text).join('')], changed: false };
    case 'login':
    case 'source':
    case 'target':
    case 'return':
      throw new DtclStop(DTCL_EXIT.usage, DTCL_TEXT.unsupported(command.kind.toUpperCase()));
  }
}
