import { describe, expect, it } from 'vitest';
import {
  clusterError,
  formatSystemError,
  formatSystemWarning,
  parseSystemErrorNumber,
  WIN32,
  WIN32_ERRORS,
} from '../../../src-main/cluster/win32-errors';

describe('Win32 error table', () => {
  it('holds the winerror.h numbers', () => {
    expect(WIN32).toMatchObject({
      ERROR_INVALID_PARAMETER: 87,
      ERROR_DIR_NOT_EMPTY: 145,
      ERROR_CIRCULAR_DEPENDENCY: 1059,
      RPC_S_SERVER_UNAVAILABLE: 1722,
      ERROR_DEPENDENT_RESOURCE_EXISTS: 5001,
      ERROR_DEPENDENCY_NOT_FOUND: 5002,
      ERROR_DEPENDENCY_ALREADY_EXISTS: 5003,
      ERROR_RESOURCE_NOT_ONLINE: 5004,
      ERROR_RESOURCE_NOT_FOUND: 5007,
      ERROR_OBJECT_ALREADY_EXISTS: 5010,
      ERROR_GROUP_NOT_FOUND: 5013,
      ERROR_HOST_NODE_NOT_RESOURCE_OWNER: 5015,
      ERROR_RESOURCE_ONLINE: 5019,
      ERROR_INVALID_STATE: 5023,
      ERROR_RESOURCE_PROPERTIES_STORED: 5024,
      ERROR_CLUSTER_NODE_NOT_FOUND: 5042,
      ERROR_CLUSTER_NODE_DOWN: 5050,
      ERROR_CLUSTER_NODE_NOT_PAUSED: 5058,
      ERROR_CLUSTER_NODE_ALREADY_UP: 5061,
      ERROR_CLUSTER_NODE_ALREADY_DOWN: 5062,
      ERROR_CLUSTER_NODE_PAUSED: 5070,
      ERROR_NODE_CANT_HOST_RESOURCE: 5071,
      ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND: 5078,
    });
    expect(new Set(Object.values(WIN32)).size).toBe(Object.values(WIN32).length);
    expect(WIN32_ERRORS.get(5019)?.name).toBe('ERROR_RESOURCE_ONLINE');
  });

  it('prints errors as cluster.exe does', () => {
    expect(formatSystemError(5019)).toBe(
      'System error 5019 has occurred (0x0000139b).\nThe operation could not be completed because the cluster resource is online.',
    );
    expect(formatSystemError(87)).toBe('System error 87 has occurred (0x00000057).\nThe parameter is incorrect.');
    expect(formatSystemError(1722)).toBe('System error 1722 has occurred (0x000006ba).\nThe RPC server is unavailable.');
    expect(formatSystemWarning(5024)).toMatch(/^System warning 5024 \(0x000013a0\)\.\nThe properties were stored/);
  });

  it('reads the number back out of cluster.exe output', () => {
    expect(parseSystemErrorNumber(`Creating resource 'X'...\n${formatSystemError(5010)}`)).toBe(5010);
    expect(parseSystemErrorNumber('all fine')).toBeUndefined();
  });

  it('makes ClusterErrors carrying the number and the system text', () => {
    const e = clusterError(5003, 'A on B');
    expect(e.code).toBe(5003);
    expect(e.message).toMatch(/already dependent.*\(A on B\)/);
  });
});
