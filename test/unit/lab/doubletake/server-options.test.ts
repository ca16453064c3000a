import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SERVER_OPTIONS,
  DOUBLE_TAKE_REGISTRY_KEY,
  findServerOption,
  GUIDE_SERVER_OPTIONS,
  parseOptionBit,
  serverOptionsSchema,
} from '../../../../src-main/lab/doubletake/server-options';

describe('server options', () => {
  it('installs with AutoReconnect 1 and ChecksumAll 0; the guide wants the opposite', () => {
    expect(DEFAULT_SERVER_OPTIONS).toEqual({ AutoReconnect: 1, ChecksumAll: 0 });
    expect(GUIDE_SERVER_OPTIONS).toEqual({ AutoReconnect: 0, ChecksumAll: 1 });
    expect(DOUBLE_TAKE_REGISTRY_KEY).toBe('HKLM\\SOFTWARE\\NSI Software\\Double-Take\\CurrentVersion');
  });

  it('finds options by registry name, case-insensitively', () => {
    expect(findServerOption('autoreconnect')).toBe('AutoReconnect');
    expect(findServerOption(' CHECKSUMALL ')).toBe('ChecksumAll');
    expect(findServerOption('Checksum')).toBeUndefined();
  });

  it('reads only 0 and 1', () => {
    expect(parseOptionBit(0)).toBe(0);
    expect(parseOptionBit('1')).toBe(1);
    expect(parseOptionBit(' 0 ')).toBe(0);
    for (const bad of [2, -1, 0.5, '01', 'true', '', null, undefined, true]) expect(parseOptionBit(bad)).toBeUndefined();
  });

  it('validates a stored options object strictly', () => {
    expect(serverOptionsSchema.safeParse({ AutoReconnect: 0, ChecksumAll: 1 }).success).toBe(true);
    expect(serverOptionsSchema.safeParse({ AutoReconnect: 2, ChecksumAll: 1 }).success).toBe(false);
    expect(serverOptionsSchema.safeParse({ AutoReconnect: 0, ChecksumAll: 1, Other: 0 }).success).toBe(false);
  });
});
