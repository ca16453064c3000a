/**
 * The manual intervention prompt must not be missed (guide section 7: the Failover Control Center shows a dialog
 * that requires user intervention): when the monitor raises it, the window comes forward — restored when minimized,
 * shown, focused, its taskbar button flashing until the user looks — and a desktop notification says why. Written
 * against the few window and notification calls it needs, so the decision is tested without Electron.
 */

/** The BrowserWindow calls used (https://www.electronjs.org/docs/latest/api/browser-window). */
export interface AttentionWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  flashFrame(flag: boolean): void;
}

/** What needs the user's attention. */
export interface Attention {
  readonly title: string;
  readonly body: string;
}

export function createAttention(deps: {
  readonly window: () => AttentionWindow | undefined;
  /** Shows a desktop notification (Electron's Notification, when the system supports them). */
  readonly notify: (attention: Attention) => void;
}): (attention: Attention) => void {
  return (attention) => {
    const window = deps.window();
    if (window !== undefined) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      window.flashFrame(true);
    }
    deps.notify(attention);
  };
}
