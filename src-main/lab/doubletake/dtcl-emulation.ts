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

class Stop extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs a DTCL script against the lab the way dtcl.exe runs one: statement by statement, each applied at once,
 * stopping at the first refusal (what ran before it stays done). LOGIN is checked against the lab's account and
 * a bad one is refused without echoing the password. The lab's emulator supports the commands the setup uses and
 * the connection commands; variables and IF blocks (online.dtcl) are refused as unsupported.
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
        throw new Stop(DTCL_EXIT.usage, `${DTCL_TEXT.unsupported('A variable or an IF block')} ${DTCL_TEXT.atLine(statement.position.line)}`);
      }
      const command = statement.command;
      try {
        if (command.kind === 'login') {
          const host = text(command.host);
          if (!labLoginAccepted(text(command.user), command.password.reveal())) throw new Stop(DTCL_EXIT.loginFailed, DTCL_TEXT.loginFailed(host));
          server = lab.server(host);
          server.options(); // reachable now
          out.push(DTCL_TEXT.loggedIn(server.node, text(command.user)));
          continue;
        }
        if (server === undefined) throw new Stop(DTCL_EXIT.usage, DTCL_TEXT.notLoggedIn);
        const result = execute(server, command);
        out.push(...result.lines);
        changed ||= result.changed;
      } catch (error) {
        if (error instanceof DoubleTakeError) {
          const exit = error.code === 'server-unreachable' ? DTCL_EXIT.unreachable : DTCL_EXIT.refused;
          throw new Stop(exit, `${error.message} ${DTCL_TEXT.atLine(statement.position.line)}`);
        }
        throw error;
      }
    }
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { stdout: lines(out), stderr: `${DTCL_TEXT.errorPrefix}${error.message}\n`, exitCode: error.exitCode, changed };
  }
  return { stdout: lines(out), stderr: '', exitCode: DTCL_EXIT.ok, changed };
}

function lines(list: readonly string[]): string {
  return list.map((l) => `${l}\r\n`).join('');
}

function text(value: DtclValue): string {
  switch (value.kind) {
    case 'text':
      return value.value;
    case 'number':
      return String(value.value);
    case 'variable':
      throw new Stop(DTCL_EXIT.usage, DTCL_TEXT.unsupported(`The variable $${value.name}`));
  }
}

function connectionId(value: DtclValue): number {
  const id = Number(text(value));
  if (!Number.isSafeInteger(id) || id < 1) throw new Stop(DTCL_EXIT.refused, `Invalid connection id '${text(value)}'.`);
  return id;
}

function execute(server: DoubleTakeServer, command: DtclCommand): { lines: string[]; changed: boolean } {
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
      return { lines: [DTCL_TEXT.connected(id)], changed: true };
    }
    case 'mirror-start': {
      const id = connectionId(command.connection);
      // [assumed] the lab's emulator does not measure the set's data: the mirror has nothing to send.
      server.startMirror(id, { mode: command.mode, checksum: command.checksum, orphans: command.orphans }, 0);
      return { lines: [DTCL_TEXT.mirrorStarted(id)], changed: true };
    }
    case 'mirror-stop': {
      const id = connectionId(command.connection);
      server.stopMirror(id);
      return { lines: [DTCL_TEXT.mirrorStopped(id)], changed: true };
    }
    case 'disconnect': {
      const id = connectionId(command.connection);
      server.disconnect(id);
      return { lines: [DTCL_TEXT.disconnected(id)], changed: true };
    }
    case 'status-con':
      return { lines: formatConnections([connectionInfo(server.connection(connectionId(command.connection)))]), changed: false };
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
      throw new Stop(DTCL_EXIT.usage, DTCL_TEXT.unsupported(command.kind.toUpperCase()));
  }
}
