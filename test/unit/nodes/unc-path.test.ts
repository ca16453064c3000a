import { describe, expect, it } from 'vitest';
import { adminSharePath } from '../../../src-main/nodes/unc-path';

describe('adminSharePath', () => {
  it('maps a drive path to the node administrative share', () => {
    expect(adminSharePath('SRC1', 'C:\\Program Files\\DoubleTake\\online.dtcl')).toBe(
      '\\\\SRC1\\C$\\Program Files\\DoubleTake\\online.dtcl',
    );
  });

  it('normalises the node name, the drive letter and the separators', () => {
    expect(adminSharePath('tgt2', 'e:/Exchsrvr/mdbdata/')).toBe('\\\\TGT2\\E$\\Exchsrvr\\mdbdata');
  });

  it('maps a drive root to the share root', () => {
    expect(adminSharePath('SRC2', 'E:\\')).toBe('\\\\SRC2\\E$\\');
  });

  it('refuses a node name that could change the share path', () => {
    expect(() => adminSharePath('SRC1\\C$', 'C:\\x')).toThrow(/contains '\\'/);
    expect(() => adminSharePath('..', 'C:\\x')).toThrow(/contains '\.'/);
    expect(() => adminSharePath('', 'C:\\x')).toThrow(/empty/);
    expect(() => adminSharePath('ABCDEFGHIJKLMNOP', 'C:\\x')).toThrow(/15/);
  });

  it('refuses a path that escapes the drive', () => {
    expect(() => adminSharePath('SRC1', 'C:\\..\\D$\\x')).toThrow(/climbs above the root/);
  });
});
