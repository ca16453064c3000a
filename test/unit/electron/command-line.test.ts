import { describe, expect, it } from 'vitest';
import { CommandLineError, parseShellArguments, resolveLabFolder, resolvePairFile, resolveProfileFile } from '../../../src-main/electron/command-line';

describe('parseShellArguments', () => {
  it('reads --lab <folder> and --lab=<folder>', () => {
    expect(parseShellArguments(['.', '--lab', '/tmp/lab1'])).toEqual({ labFolder: '/tmp/lab1' });
    expect(parseShellArguments(['--lab=C:\\Labs\\pair 1'])).toEqual({ labFolder: 'C:\\Labs\\pair 1' });
  });
  it('ignores Chromium switches and other arguments', () => {
    expect(parseShellArguments(['.', '--no-sandbox', '--enable-logging', 'x'])).toEqual({});
    expect(parseShellArguments([])).toEqual({});
  });
  it('refuses --lab without a folder', () => {
    expect(() => parseShellArguments(['--lab'])).toThrow(CommandLineError);
    expect(() => parseShellArguments(['--lab', '--enable-logging'])).toThrow(/needs a folder/);
    expect(() => parseShellArguments(['--lab='])).toThrow(CommandLineError);
  });
});

describe('resolveLabFolder', () => {
  it('defaults to <userData>/lab', () => {
    expect(resolveLabFolder({}, '/home/a/.config/Exchange HA Wizard', '/work')).toBe('/home/a/.config/Exchange HA Wizard/lab');
  });
  it('takes an absolute folder as given and a relative one from the working folder', () => {
    expect(resolveLabFolder({ labFolder: '/srv/lab' }, '/u', '/work')).toBe('/srv/lab');
    expect(resolveLabFolder({ labFolder: 'labs/one' }, '/u', '/work')).toBe('/work/labs/one');
  });
});

describe('--pair', () => {
  it('takes the pair document from --pair FILE or --pair=FILE, relative to the working folder', () => {
    expect(parseShellArguments(['--pair', 'ha/pair.json'])).toEqual({ pairFile: 'ha/pair.json' });
    expect(parseShellArguments(['--lab=/l', '--pair=/p/pair.json'])).toEqual({ labFolder: '/l', pairFile: '/p/pair.json' });
    expect(resolvePairFile({ pairFile: 'ha/pair.json' }, '/work')).toBe('/work/ha/pair.json');
    expect(resolvePairFile({}, '/work')).toBeUndefined();
  });

  it('refuses --pair without a file, naming the option', () => {
    expect(() => parseShellArguments(['--pair'])).toThrow(/The --pair option needs a file/);
    expect(() => parseShellArguments(['--pair='])).toThrow(/The --pair option needs a file/);
  });
});

describe('--profile', () => {
  it('opens a real pair from --pair FILE --profile FILE, both relative to the working folder', () => {
    const args = parseShellArguments(['--pair', 'ha/pair.json', '--profile=ha/profile.json']);
    expect(args).toEqual({ pairFile: 'ha/pair.json', profileFile: 'ha/profile.json' });
    expect(resolveProfileFile(args, '/work')).toBe('/work/ha/profile.json');
    expect(resolveProfileFile({}, '/work')).toBeUndefined();
  });

  it('refuses a profile without the pair document it works on, and a --profile without a file', () => {
    expect(() => parseShellArguments(['--profile', 'ha/profile.json'])).toThrow(/give it with --pair/);
    expect(() => parseShellArguments(['--pair', 'p.json', '--profile'])).toThrow(/The --profile option needs a file/);
  });
});
