import { describe, expect, it } from 'vitest';
import { createWindowOptions, WINDOW_TITLE } from '../../../src-main/electron/window-options';

describe('createWindowOptions', () => {
  const options = createWindowOptions({ preloadPath: '/app/out/preload/index.cjs', devTools: false });
  const web = options.webPreferences ?? {};

  it('isolates the preload from the page', () => expect(web.contextIsolation).toBe(true));
  it('sandboxes the renderer', () => expect(web.sandbox).toBe(true));
  it('gives the page no Node', () => {
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });
  it('keeps web security on and refuses insecure content', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
  });
  it('has no <webview> tag', () => expect(web.webviewTag).toBe(false));
  it('does not spellcheck (nothing typed leaves for a dictionary service)', () => expect(web.spellcheck).toBe(false));
  it('uses the given preload', () => expect(web.preload).toBe('/app/out/preload/index.cjs'));
  it('has no experimental features and no navigation by dropping a file', () => {
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });
  it('has a title and waits to be shown until it is painted', () => {
    expect(options.title).toBe(WINDOW_TITLE);
    expect(createWindowOptions({ preloadPath: 'p', devTools: false, title: 'Lab' }).title).toBe('Lab');
    expect(options.show).toBe(false);
  });
  it('offers developer tools only when asked (unpackaged)', () => {
    expect(web.devTools).toBe(false);
    expect(createWindowOptions({ preloadPath: 'p', devTools: true }).webPreferences?.devTools).toBe(true);
  });
});
