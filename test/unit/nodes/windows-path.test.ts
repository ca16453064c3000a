import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatWindowsPath,
  isWindowsPathWithin,
  joinWindowsPath,
  normalizeWindowsPath,
  parseWindowsPath,
  WindowsPathError,
  windowsNamesEqual,
  windowsPathKey,
  windowsPathsEqual,
  windowsParentPath,
  windowsUpperCase,
} from '../../../src-main/nodes/windows-path';

function refusal(path: string): WindowsPathError {
  try {
    parseWindowsPath(path);
  } catch (error) {
    if (error instanceof WindowsPathError) return error;
    throw error;
  }
  throw new Error(`expected ${path} to be refused`);
}

describe('parseWindowsPath', () => {
  it('splits a drive-letter path into drive and names', () => {
    expect(parseWindowsPath('C:\\Program Files\\DoubleTake\\online.dtcl')).toEqual({
      drive: 'C',
      segments: ['Program Files', 'DoubleTake', 'online.dtcl'],
    });
  });

  it('accepts forward slashes, a lower-case drive, a trailing separator and the bare root', () => {
    expect(normalizeWindowsPath('e:/Exchsrvr/mdbdata/')).toBe('E:\\Exchsrvr\\mdbdata');
    expect(normalizeWindowsPath('E:\\')).toBe('E:\\');
    expect(parseWindowsPath('E:\\').segments).toEqual([]);
  });

  it('resolves . and .. that stay inside the drive', () => {
    expect(normalizeWindowsPath('C:\\A\\.\\B\\..\\C')).toBe('C:\\A\\C');
  });

  it('refuses a .. that climbs above the drive root, naming the position', () => {
    const error = refusal('C:\\A\\..\\..\\Windows');
    expect(error.problem).toBe('escapes-root');
    expect(error.position).toBe(9);
    expect(error.message).toContain('position 9');
    expect(error.message).toContain('drive C');
  });

  it.each([
    ['', 'empty'],
    ['Program Files\\x', 'not-absolute'],
    ['C:relative\\x', 'not-absolute'],
    ['\\\\SRC1\\C$\\x', 'not-absolute'],
    ['/etc/passwd', 'not-absolute'],
  ])('refuses %j as %s', (path, problem) => {
    expect(refusal(path).problem).toBe(problem);
  });

  it('explains why a UNC path is refused', () => {
    expect(refusal('\\\\SRC1\\C$\\x').message).toContain('UNC');
  });

  it.each(['<', '>', ':', '"', '|', '?', '*'])('refuses the illegal character %s and says where it is', (ch) => {
    const path = `C:\\Temp\\a${ch}b`;
    const error = refusal(path);
    expect(error.problem).toBe('illegal-character');
    expect(error.position).toBe(10);
    expect(error.message).toContain(`'${ch}'`);
    expect(error.message).toContain('position 10');
    expect(error.message).toContain("'a" + ch + "b'");
  });

  it('refuses control characters with their code', () => {
    const error = refusal('C:\\Temp\\a\tb');
    expect(error.problem).toBe('control-character');
    expect(error.message).toContain('0x09');
    expect(error.position).toBe(10);
  });

  it.each(['CON', 'con', 'Prn.txt', 'AUX', 'nul.log', 'COM1', 'com9.dat', 'LPT1', 'lpt9', 'CON .txt'])(
    'refuses the reserved device name %s',
    (name) => {
      const error = refusal(`C:\\Data\\${name}`);
      expect(error.problem).toBe('reserved-name');
      expect(error.position).toBe(9);
      expect(error.message).toMatch(/reserved device name (CON|PRN|AUX|NUL|COM\d|LPT\d)/);
    },
  );

  it.each(['CONSOLE', 'COM10', 'LPT0', 'COM', 'nullable.txt', 'AUXILIARY'])('accepts %s, which only looks like a device', (name) => {
    expect(parseWindowsPath(`C:\\Data\\${name}`).segments).toEqual(['Data', name]);
  });

  it('refuses names ending in a dot or a space', () => {
    expect(refusal('C:\\Data\\file.').problem).toBe('trailing-dot-or-space');
    expect(refusal('C:\\Data \\file').problem).toBe('trailing-dot-or-space');
  });

  it('refuses two separators in a row', () => {
    const error = refusal('C:\\Data\\\\file');
    expect(error.problem).toBe('empty-name');
    expect(error.position).toBe(9);
  });

  it('accepts 259 characters and refuses 260', () => {
    const ok = `C:\\${'a'.repeat(256)}`;
    expect(ok.length).toBe(259);
    expect(parseWindowsPath(ok).segments).toHaveLength(1);
    const long = `C:\\${'a'.repeat(257)}`;
    const error = refusal(long);
    expect(error.problem).toBe('too-long');
    expect(error.message).toContain('260 characters');
    expect(error.message).toContain('259');
  });

  it('measures the length after resolving . and ..', () => {
    const path = `C:\\x\\..\\${'a'.repeat(254)}`;
    expect(path.length).toBeGreaterThan(259);
    expect(() => parseWindowsPath(path)).not.toThrow();
  });

  it('formats then parses to the same thing (property)', () => {
    const name = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((s) => !/[<>:"|?*\\/\x00-\x1f]/.test(s) && !/[ .]$/.test(s) && s !== '.' && s !== '..')
      .filter((s) => !/^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$/i.test((s.split('.')[0] ?? '').replace(/ +$/, '')));
    fc.assert(
      fc.property(fc.constantFrom('A', 'C', 'e', 'z'), fc.array(name, { maxLength: 6 }), (drive, segments) => {
        const parsed = parseWindowsPath(formatWindowsPath({ drive, segments }));
        expect(parsed).toEqual({ drive: drive.toUpperCase(), segments });
      }),
    );
  });
});

describe('case-insensitive comparison', () => {
  it('treats spellings of one path as equal', () => {
    expect(windowsPathsEqual('c:\\program files\\doubletake\\ONLINE.DTCL', 'C:/Program Files/DoubleTake/online.dtcl')).toBe(true);
    expect(windowsPathsEqual('C:\\A\\B', 'C:\\A\\C')).toBe(false);
    expect(windowsPathKey('e:\\exchsrvr\\')).toBe('E:\\EXCHSRVR');
  });

  it('compares names character by character, never changing their length', () => {
    expect(windowsUpperCase('straße')).toBe('STRAßE');
    expect(windowsNamesEqual('Straße', 'STRAßE')).toBe(true);
    expect(windowsNamesEqual('Strasse', 'STRAßE')).toBe(false);
  });

  it('knows what lies within a folder by whole names', () => {
    expect(isWindowsPathWithin('E:\\Exchsrvr\\mdbdata\\priv1.edb', 'e:\\exchsrvr')).toBe(true);
    expect(isWindowsPathWithin('E:\\Exchsrvr', 'E:\\Exchsrvr')).toBe(true);
    expect(isWindowsPathWithin('E:\\Exchsrvr2\\x', 'E:\\Exchsrvr')).toBe(false);
    expect(isWindowsPathWithin('D:\\Exchsrvr', 'E:\\Exchsrvr')).toBe(false);
    expect(isWindowsPathWithin('E:\\anything', 'E:\\')).toBe(true);
  });
});

describe('joinWindowsPath', () => {
  it('appends names and checks the result', () => {
    expect(joinWindowsPath('C:\\Program Files\\DoubleTake', 'online.dtcl')).toBe('C:\\Program Files\\DoubleTake\\online.dtcl');
    expect(() => joinWindowsPath('C:\\Data', 'a|b')).toThrow(/'\|'/);
    expect(() => joinWindowsPath('C:\\Data', 'a\\b')).toThrow(/separator/);
  });
});

describe('windowsParentPath', () => {
  it('names the folder that holds a path', () => {
    expect(windowsParentPath('C:\\Program Files\\DoubleTake\\online.dtcl')).toBe('C:\\Program Files\\DoubleTake');
    expect(windowsParentPath('C:\\online.dtcl')).toBe('C:\\');
    expect(windowsParentPath('c:\\')).toBe('C:\\');
  });
});
