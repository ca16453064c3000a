import type { BrowserWindowConstructorOptions } from 'electron';

/** The title the window shows until the page sets its own. */
export const WINDOW_TITLE = 'Exchange HA Wizard';

export interface WindowOptionsInput {
  /** Absolute path of the built preload (CommonJS: a sandboxed preload cannot be an ES module). */
  readonly preloadPath: string;
  readonly title?: string;
  /** Developer tools: on while developing, off in a packaged build. */
  readonly devTools: boolean;
}

/**
 * The one window's options. The renderer is treated as untrusted web content: sandboxed, isolated from the preload's
 * world, without Node, with web security on; its only door to the program is the preload's `window.api`.
 */
export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: input.title ?? WINDOW_TITLE,
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: input.devTools,
    },
  };
}
