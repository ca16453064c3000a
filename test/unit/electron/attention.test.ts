import { describe, expect, it } from 'vitest';
import { createAttention, type AttentionWindow } from '../../../src-main/electron/attention';

function recordingWindow(minimized: boolean): AttentionWindow & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isMinimized: () => minimized,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
    flashFrame: (flag) => void calls.push(`flash ${flag}`),
  };
}

describe('the intervention prompt brings the program forward', () => {
  it('restores a minimized window, shows, focuses and flashes it, and notifies', () => {
    const window = recordingWindow(true);
    const notified: string[] = [];
    createAttention({ window: () => window, notify: ({ title, body }) => void notified.push(`${title}: ${body}`) })({ title: 'EXCHVS failed', body: 'Start the failover?' });
    expect(window.calls).toEqual(['restore', 'show', 'focus', 'flash true']);
    expect(notified).toEqual(['EXCHVS failed: Start the failover?']);
  });

  it('does not restore a window that is not minimized', () => {
    const window = recordingWindow(false);
    createAttention({ window: () => window, notify: () => undefined })({ title: 't', body: 'b' });
    expect(window.calls).toEqual(['show', 'focus', 'flash true']);
  });

  it('still notifies when the window is closed', () => {
    const notified: string[] = [];
    createAttention({ window: () => undefined, notify: ({ title }) => void notified.push(title) })({ title: 'EXCHVS failed', body: '' });
    expect(notified).toEqual(['EXCHVS failed']);
  });
});
