import { describe, expect, it } from 'vitest';
import {
  DTCL_EXIT,
  failureForExit,
  formatConnections,
  formatOptionValue,
  formatReplicationSets,
  parseConnections,
  parseErrorText,
  parseOptionValues,
  parseReplicationSets,
} from '../../../src-main/doubletake/dtcl-output';
import type { ConnectionInfo, ReplicationSetInfo } from '../../../src-main/doubletake/port';

const crlf = (lines: readonly string[]) => lines.map((l) => `${l}\r\n`).join('');

describe('dtcl.exe output', () => {
  it('reads back the replication sets it prints, names with spaces and case kept', () => {
    const sets: ReplicationSetInfo[] = [
      { name: 'Exchange Data', rules: [{ path: 'E:\\Exchsrvr', mode: 'include', recursive: true }], unsavedChanges: false },
      { name: 'exchange data', rules: [], unsavedChanges: true },
      { name: 'X', rules: [{ path: 'F:\\Program Files\\Logs', mode: 'exclude', recursive: false }], unsavedChanges: true },
    ];
    expect(parseReplicationSets(`Logged in to SRC1 as administrator.\r\n${crlf(formatReplicationSets(sets))}`)).toEqual(sets);
    expect(formatReplicationSets([])).toEqual(['No replication sets.']);
    expect(parseReplicationSets(crlf(formatReplicationSets([])))).toEqual([]);
  });

  it('reads back connections with mirror state and the replication bytes in queue', () => {
    const connections: ConnectionInfo[] = [
      { id: 1, replicationSet: 'Exchange Data', target: '10.0.1.5', state: 'connected', mirrorState: 'started', bytesToMirror: 900, mirroredBytes: 100, queuedReplicationBytes: 42 },
      { id: 7, replicationSet: 'B', target: 'TGT1', state: 'paused', mirrorState: 'complete', bytesToMirror: 5, mirroredBytes: 5, queuedReplicationBytes: 0 },
    ];
    const text = crlf(formatConnections(connections));
    expect(text).toContain('  Replication bytes in queue: 42\r\n');
    expect(parseConnections(text)).toEqual(connections);
  });

  it('reads option values and refusals, and maps exit statuses', () => {
    expect(parseOptionValues(crlf([formatOptionValue('AutoReconnect', 0), formatOptionValue('ChecksumAll', 1)]))).toEqual(
      new Map([
        ['autoreconnect', 0],
        ['checksumall', 1],
      ]),
    );
    expect(parseErrorText('Error: Connection 3 does not exist. (script line 2)\r\n')).toBe('Connection 3 does not exist. (script line 2)');
    expect(failureForExit(DTCL_EXIT.loginFailed)).toBe('login-failed');
    expect(failureForExit(DTCL_EXIT.unreachable)).toBe('unreachable');
    expect(failureForExit(DTCL_EXIT.refused)).toBe('refused');
    expect(failureForExit(99)).toBe('failed');
  });
});
