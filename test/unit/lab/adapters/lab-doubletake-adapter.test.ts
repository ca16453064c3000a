import { describe, expect, it, vi } from 'vitest';
import { LabDoubleTakeAdapter } from '../../../../src-main/lab/adapters/lab-doubletake-adapter';
import { DoubleTakePortError, type DoubleTakeCommand } from '../../../../src-main/doubletake/port';
import { DoubleTakeLab } from '../../../../src-main/lab/doubletake/doubletake-lab';
import { rejectionOf } from '../../../helpers/rejection';

const SET: readonly DoubleTakeCommand[] = [
  { kind: 'repset-create', replicationSet: 'Exchange' },
  { kind: 'repset-rule-add', replicationSet: 'Exchange', rule: { path: 'E:\\Exchsrvr', mode: 'include', recursive: true } },
  { kind: 'repset-rule-add', replicationSet: 'Exchange', rule: { path: 'E:\\Exchsrvr\\tmp', mode: 'exclude', recursive: false } },
  { kind: 'repset-save' },
];

async function refusal(promise: Promise<unknown>): Promise<DoubleTakePortError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(DoubleTakePortError);
  return error as DoubleTakePortError;
}

describe('LabDoubleTakeAdapter', () => {
  it('sets the guide\'s options on one node only and reports the change', async () => {
    const lab = DoubleTakeLab.create(['SRC1', 'SRC2']);
    const onChange = vi.fn();
    const port = new LabDoubleTakeAdapter(lab, 'src1', onChange);
    expect(port.node).toBe('SRC1');
    expect(await port.options()).toEqual({ AutoReconnect: 1, ChecksumAll: 0 });
    await port.run([
      { kind: 'set-option', option: 'AutoReconnect', value: 0 },
      { kind: 'set-option', option: 'ChecksumAll', value: 1 },
    ]);
    expect(await port.options()).toEqual({ AutoReconnect: 0, ChecksumAll: 1 });
    expect(await new LabDoubleTakeAdapter(lab, 'SRC2').options()).toEqual({ AutoReconnect: 1, ChecksumAll: 0 });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith(lab);
  });

  it('creates a saved replication set and reads it back with its rules', async () => {
    const lab = DoubleTakeLab.create(['SRC1', 'SRC2']);
    const port = new LabDoubleTakeAdapter(lab, 'SRC1');
    await port.run(SET);
    expect(await port.replicationSets()).toEqual([
      {
        name: 'Exchange',
        rules: [
          { path: 'E:\\Exchsrvr', mode: 'include', recursive: true },
          { path: 'E:\\Exchsrvr\\tmp', mode: 'exclude', recursive: false },
        ],
        unsavedChanges: false,
      },
    ]);
    expect(await port.connections()).toEqual([]);
  });

  it('treats names case-sensitively, stops at the first refusal and keeps (and reports) what ran', async () => {
    const lab = DoubleTakeLab.create(['SRC1']);
    const onChange = vi.fn();
    const port = new LabDoubleTakeAdapter(lab, 'SRC1', onChange);
    const error = await refusal(
      port.run([
        { kind: 'repset-create', replicationSet: 'Exchange' },
        { kind: 'repset-rule-add', replicationSet: 'exchange', rule: { path: 'E:\\Exchsrvr', mode: 'include', recursive: true } },
        { kind: 'repset-save' },
      ]),
    );
    expect(error.failure).toBe('refused');
    expect(error.reason).toBe('replication-set-not-found');
    expect(error.message).toMatch(/case-sensitive/);
    expect((await port.replicationSets()).map((s) => [s.name, s.unsavedChanges])).toEqual([['Exchange', true]]);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('shows connections with their mirror state and queued replication bytes', async () => {
    const lab = DoubleTakeLab.create(['SRC1']);
    const port = new LabDoubleTakeAdapter(lab, 'SRC1');
    await port.run(SET);
    const server = lab.server('SRC1');
    const id = server.connect('Exchange', '10.0.1.5');
    server.startMirror(id, { mode: 'different', checksum: true, orphans: true }, 5000);
    server.replicate(id, 1234);
    expect(await port.connections()).toEqual([
      {
        id,
        replicationSet: 'Exchange',
        target: '10.0.1.5',
        state: 'connected',
        mirrorState: 'started',
        bytesToMirror: 5000,
        mirroredBytes: 0,
        queuedReplicationBytes: 1234,
      },
    ]);
  });

  it('reports a node without Double-Take as unreachable, and honours an aborted signal', async () => {
    const lab = DoubleTakeLab.create(['SRC1']);
    const error = await refusal(new LabDoubleTakeAdapter(lab, 'NOPE1').options());
    expect(error.failure).toBe('unreachable');
    const aborted = AbortSignal.abort(new Error('stop'));
    await expect(new LabDoubleTakeAdapter(lab, 'SRC1').run(SET, aborted)).rejects.toThrow('stop');
    expect(lab.server('SRC1').replicationSets()).toEqual([]);
  });
});
