import { describe, expect, it } from 'vitest';
import { DoubleTakeLab } from '../../../../src-main/lab/doubletake/doubletake-lab';
import type { DoubleTakeServer } from '../../../../src-main/lab/doubletake/doubletake-server';
import { DoubleTakeError } from '../../../../src-main/lab/doubletake/errors';

function server(): DoubleTakeServer {
  return DoubleTakeLab.create(['SRC1']).server('SRC1');
}

function refusal(work: () => unknown): DoubleTakeError {
  try {
    work();
  } catch (error) {
    if (error instanceof DoubleTakeError) return error;
    throw error;
  }
  throw new Error('expected a DoubleTakeError');
}

const exchange = { path: 'E:\\Exchsrvr', mode: 'include', recursive: true } as const;

describe('server options on a node', () => {
  it('starts with the installation defaults and takes 0/1 only', () => {
    const dt = server();
    expect(dt.options()).toEqual({ AutoReconnect: 1, ChecksumAll: 0 });
    dt.setOption('autoreconnect', 0);
    dt.setOption('ChecksumAll', '1');
    expect(dt.options()).toEqual({ AutoReconnect: 0, ChecksumAll: 1 });
    expect(dt.getOption('CHECKSUMALL')).toBe(1);
    const bad = refusal(() => dt.setOption('AutoReconnect', 2));
    expect(bad.code).toBe('invalid-option-value');
    expect(bad.message).toContain('AutoReconnect');
    expect(bad.node).toBe('SRC1');
    expect(refusal(() => dt.getOption('Nope')).message).toContain('AutoReconnect, ChecksumAll');
    expect(dt.options()).toEqual({ AutoReconnect: 0, ChecksumAll: 1 });
  });
});

describe('replication sets', () => {
  it('keeps names case-sensitive: Exchange and exchange are two sets', () => {
    const dt = server();
    dt.createReplicationSet('Exchange');
    dt.createReplicationSet('exchange');
    expect(dt.replicationSets().map((s) => s.name)).toEqual(['Exchange', 'exchange']);
    expect(refusal(() => dt.createReplicationSet('Exchange')).code).toBe('replication-set-exists');
  });

  it('says a name differs only in case when a set is not found', () => {
    const dt = server();
    dt.createReplicationSet('Exchange');
    const error = refusal(() => dt.addRule('EXCHANGE', exchange));
    expect(error.code).toBe('replication-set-not-found');
    expect(error.message).toContain("case-sensitive; this server has 'Exchange'");
  });

  it('holds rules for paths this node does not have, and tracks unsaved changes', () => {
    const dt = server();
    dt.createReplicationSet('Exchange');
    expect(dt.replicationSet('Exchange')).toEqual({ name: 'Exchange', rules: [], savedRules: undefined, unsavedChanges: true });
    dt.addRule('Exchange', exchange);
    dt.addRule('Exchange', { path: 'Q:\\not-here', mode: 'exclude', recursive: false });
    dt.saveReplicationSets();
    expect(dt.replicationSet('Exchange')?.unsavedChanges).toBe(false);
    dt.removeRule('Exchange', 'q:\\NOT-HERE');
    const view = dt.replicationSet('Exchange');
    expect(view?.rules).toEqual([exchange]);
    expect(view?.savedRules).toHaveLength(2);
    expect(view?.unsavedChanges).toBe(true);
    expect(refusal(() => dt.removeRule('Exchange', 'Q:\\not-here')).code).toBe('rule-not-found');
  });

  it('refuses a rule whose path Windows would not accept', () => {
    const dt = server();
    dt.createReplicationSet('Exchange');
    const error = refusal(() => dt.addRule('Exchange', { path: 'E:Exchsrvr', mode: 'include', recursive: true }));
    expect(error.code).toBe('invalid-rule-path');
    expect(error.message).toContain('not a full path');
  });

  it('refuses to delete a set a connection uses', () => {
    const dt = server();
    dt.createReplicationSet('Exchange');
    const id = dt.connect('Exchange', '10.0.1.50');
    expect(refusal(() => dt.deleteReplicationSet('Exchange')).message).toContain(`connection ${id}`);
    dt.disconnect(id);
    dt.deleteReplicationSet('Exchange');
    expect(dt.replicationSets()).toEqual([]);
  });

  it('returns copies: changing a view does not change the server', () => {
    const dt = server();
    dt.createReplicationSet('Exchange');
    dt.addRule('Exchange', exchange);
    const rules = dt.replicationSets()[0]?.rules as { path: string }[] | undefined;
    if (rules?.[0] === undefined) throw new Error('expected a rule');
    rules[0].path = 'C:\\Windows';
    expect(dt.replicationSet('Exchange')?.rules[0]?.path).toBe('E:\\Exchsrvr');
  });
});

describe('connections and mirrors', () => {
  function connected(): { dt: DoubleTakeServer; id: number } {
    const dt = server();
    dt.createReplicationSet('Exchange');
    dt.addRule('Exchange', exchange);
    dt.saveReplicationSets();
    return { dt, id: dt.connect('Exchange', '10.0.1.50') };
  }

  it('numbers connections from 1 without reusing ids', () => {
    const { dt, id } = connected();
    expect(id).toBe(1);
    dt.disconnect(id);
    expect(dt.connect('Exchange', '10.0.1.50')).toBe(2);
    expect(dt.connect('Exchange', '10.0.1.51')).toBe(3);
    expect(refusal(() => dt.connect('Exchange', '10.0.1.51')).code).toBe('already-connected');
    expect(refusal(() => dt.connect('Exchange', 'bad target')).code).toBe('invalid-target');
    expect(refusal(() => dt.disconnect(1)).message).toBe('Connection 1 does not exist.');
  });

  it('connects idle, with nothing queued and exact mapping', () => {
    const { dt, id } = connected();
    expect(dt.connection(id)).toEqual({
      id: 1,
      replicationSet: 'Exchange',
      target: '10.0.1.50',
      mapping: 'exact',
      state: 'connected',
      mirror: { state: 'idle', options: null, bytesToMirror: 0, mirroredBytes: 0 },
      queuedReplicationBytes: 0,
      transmitRemainder: 0,
    });
  });

  it('starts a mirror with its options and the server ChecksumAll option', () => {
    const { dt, id } = connected();
    dt.setOption('ChecksumAll', 1);
    dt.startMirror(id, { mode: 'different', checksum: true, orphans: true }, 5000);
    expect(dt.connection(id).mirror).toEqual({
      state: 'started',
      options: { mode: 'different', checksum: true, orphans: true, checksumAllFiles: true },
      bytesToMirror: 5000,
      mirroredBytes: 0,
    });
    expect(refusal(() => dt.startMirror(id, { mode: 'full', checksum: false, orphans: false }, 1)).code).toBe('mirror-running');
    dt.stopMirror(id);
    expect(dt.connection(id).mirror.state).toBe('idle');
    expect(refusal(() => dt.stopMirror(id)).code).toBe('mirror-not-running');
  });

  it('completes at once a mirror with nothing to send', () => {
    const { dt, id } = connected();
    dt.startMirror(id, { mode: 'different', checksum: true, orphans: false }, 0);
    expect(dt.connection(id).mirror.state).toBe('complete');
    expect(dt.connection(id).mirror.options?.checksumAllFiles).toBe(false);
  });

  it('refuses amounts that are not whole non-negative numbers', () => {
    const { dt, id } = connected();
    expect(refusal(() => dt.replicate(id, -1)).code).toBe('invalid-amount');
    expect(refusal(() => dt.replicate(id, 1.5)).code).toBe('invalid-amount');
    expect(refusal(() => dt.startMirror(id, { mode: 'full', checksum: false, orphans: false }, Number.NaN)).code).toBe('invalid-amount');
  });

  it('queues replication while paused and sends it when resumed', () => {
    const { dt, id } = connected();
    dt.pause(id);
    dt.replicate(id, 3000);
    dt.tick(10_000, 1000, () => true);
    expect(dt.connection(id).queuedReplicationBytes).toBe(3000);
    dt.resume(id);
    dt.tick(2000, 1000, () => true);
    expect(dt.connection(id).queuedReplicationBytes).toBe(1000);
  });

  it('does not send to a target that does not answer', () => {
    const { dt, id } = connected();
    dt.replicate(id, 3000);
    dt.tick(10_000, 1000, (target) => target !== '10.0.1.50');
    expect(dt.connection(id).queuedReplicationBytes).toBe(3000);
  });
});

describe('service restart', () => {
  it('loses unsaved replication set changes', () => {
    const dt = server();
    dt.createReplicationSet('Saved');
    dt.addRule('Saved', exchange);
    dt.saveReplicationSets();
    dt.addRule('Saved', { path: 'F:\\Logs', mode: 'include', recursive: true });
    dt.createReplicationSet('Never saved');
    dt.restartService();
    expect(dt.replicationSets()).toEqual([{ name: 'Saved', rules: [exchange], savedRules: [exchange], unsavedChanges: false }]);
  });

  it('reconnects only when AutoReconnect is 1, which is why the guide turns it off', () => {
    const dt = server();
    dt.createReplicationSet('Exchange');
    dt.saveReplicationSets();
    dt.connect('Exchange', '10.0.1.50');
    dt.restartService();
    expect(dt.connections()).toHaveLength(1);
    dt.setOption('AutoReconnect', 0);
    dt.restartService();
    expect(dt.connections()).toEqual([]);
  });
});
