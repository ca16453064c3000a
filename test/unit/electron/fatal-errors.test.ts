import { describe, expect, it } from 'vitest';
import { COPY_AND_QUIT, createFatalErrorHandler, formatFatalError, type FatalDialog } from '../../../src-main/electron/fatal-errors';
import { recordingLog } from './fakes';

function setup(press: number | Error) {
  const dialogs: FatalDialog[] = [];
  const copied: string[] = [];
  const exits: number[] = [];
  const { log, entries } = recordingLog();
  const handle = createFatalErrorHandler({
    appVersion: '0.1.0',
    homeDir: '/home/alice',
    log,
    showDialog: (dialog) => {
      dialogs.push(dialog);
      if (press instanceof Error) throw press;
      return press;
    },
    copyToClipboard: (text) => copied.push(text),
    exit: (code) => exits.push(code),
  });
  return { handle, dialogs, copied, exits, entries };
}

const secretError = () => new Error('bind to ldap://admin:hunter2@dc1 failed; password=hunter2 at /home/alice/lab');

describe('the fatal error handler', () => {
  it('shows one dialog with "Copy error and quit", copies the redacted report and exits 1', async () => {
    const { handle, dialogs, copied, exits } = setup(0);
    await handle(secretError(), 'Uncaught exception');
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]?.buttons[0]).toBe(COPY_AND_QUIT);
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain('Exchange HA Wizard 0.1.0');
    expect(copied[0]).toContain('Uncaught exception');
    for (const text of [copied[0], dialogs[0]?.detail, dialogs[0]?.message]) {
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('/home/alice');
    }
    expect(exits).toEqual([1]);
  });

  it('quits without copying when the user presses Quit', async () => {
    const { handle, copied, exits } = setup(1);
    await handle('a string was thrown', 'Unhandled promise rejection');
    expect(copied).toEqual([]);
    expect(exits).toEqual([1]);
  });

  it('still exits when the dialog cannot be shown', async () => {
    const { handle, exits, entries } = setup(new Error('no display'));
    await handle(new Error('x'), 'start-up');
    expect(exits).toEqual([1]);
    expect(entries.some((e) => e.message.includes('dialog'))).toBe(true);
  });

  it('does not stack a second dialog while one is open', async () => {
    const { handle, dialogs } = setup(0);
    await Promise.all([handle(new Error('one'), 'a'), handle(new Error('two'), 'b')]);
    expect(dialogs).toHaveLength(1);
  });

  it('formats the cause chain and non-errors', () => {
    const text = formatFatalError(new Error('outer', { cause: new Error('inner') }));
    expect(text).toMatch(/outer[\s\S]*Caused by:[\s\S]*inner/);
    expect(formatFatalError({ code: 7 })).toBe('{"code":7}');
    expect(formatFatalError(undefined)).toBe('undefined');
  });
});
