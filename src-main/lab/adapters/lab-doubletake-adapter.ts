import type { DoubleTakeLab } from '../doubletake/doubletake-lab';
import type { DoubleTakeServer } from '../doubletake/doubletake-server';
import { DoubleTakeError } from '../doubletake/errors';
import { connectionInfo, replicationSetInfo } from '../doubletake/port-views';
import { assertNever } from '../../shared/assert-never';
import {
  DoubleTakePortError,
  type ConnectionInfo,
  type DoubleTakeCommand,
  type DoubleTakeOptions,
  type DoubleTakePort,
  type ReplicationSetInfo,
} from '../../doubletake/port';

/** Told after a run that changed something, so the lab can be saved (a rejection fails the run). */
export type DoubleTakeLabChanged = (lab: DoubleTakeLab) => void | Promise<void>;

/**
 * The Double-Take port over the lab's in-process model, for one node. Refusals come from the model (the same
 * words the dtcl.exe emulator prints) as DoubleTakePortError; this adapter holds no rule of its own. Like dtcl.exe,
 * a run stops at the first refusal and keeps what ran before it — and reports that change too.
 */
export class LabDoubleTakeAdapter implements DoubleTakePort {
  readonly node: string;

  constructor(
    private readonly lab: DoubleTakeLab,
    node: string,
    private readonly onChange: DoubleTakeLabChanged = () => undefined,
  ) {
    this.node = node.toUpperCase();
  }

  async run(commands: readonly DoubleTakeCommand[], signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    let changed = false;
    try {
      const server = this.call(() => this.lab.server(this.node));
      for (const command of commands) {
        this.call(() => apply(server, command));
        changed = true;
      }
    } finally {
      if (changed) await this.onChange(this.lab);
    }
  }

  async options(): Promise<DoubleTakeOptions> {
    return this.call(() => this.lab.server(this.node).options());
  }

  async replicationSets(): Promise<readonly ReplicationSetInfo[]> {
    return this.call(() => this.lab.server(this.node).replicationSets().map(replicationSetInfo));
  }

  async connections(): Promise<readonly ConnectionInfo[]> {
    return this.call(() => this.lab.server(this.node).connections().map(connectionInfo));
  }

  private call<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof DoubleTakeError) {
        const failure = error.code === 'server-unreachable' ? 'unreachable' : 'refused';
        throw new DoubleTakePortError(failure, error.node, error.message, error.code);
      }
      throw error;
    }
  }
}

function apply(server: DoubleTakeServer, command: DoubleTakeCommand): void {
  switch (command.kind) {
    case 'set-option':
      server.setOption(command.option, command.value);
      return;
    case 'repset-create':
      server.createReplicationSet(command.replicationSet);
      return;
    case 'repset-rule-add':
      server.addRule(command.replicationSet, { ...command.rule });
      return;
    case 'repset-save':
      server.saveReplicationSets();
      return;
    default:
      assertNever(command, 'Double-Take command');
  }
}
