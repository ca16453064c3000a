import { describe, expect, it, vi } from 'vitest';
import {
  decideWindowOpen,
  denyPermissionCheck,
  describeUrlForLog,
  EXTERNAL_URL_ALLOW_LIST,
  installNavigationGuards,
  installPermissionGuards,
  isExternalUrlAllowed,
  isNavigationAllowed,
  type GuardableContents,
  type PermissionSession,
  type PreventableEvent,
} from '../../../src-main/electron/navigation-guards';
import { APP_LOCATION, APP_URL, recordingLog } from './fakes';

describe('isNavigationAllowed', () => {
  it("allows the app's own page", () => {
    expect(isNavigationAllowed(APP_URL, APP_LOCATION)).toBe(true);
    expect(isNavigationAllowed(`${APP_URL}#/records`, APP_LOCATION)).toBe(true);
  });
  it.each([
    'https://example.com/',
    'http://example.com/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'file:///opt/exchange-ha-wizard/resources/app.asar/out/renderer/other.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'chrome://settings',
    'not a url',
  ])('denies %s', (url) => {
    expect(isNavigationAllowed(url, APP_LOCATION)).toBe(false);
  });
});

describe('external links', () => {
  const allow = new Set(['https://learn.microsoft.com/en-us/exchange/']);
  it('the allow list is empty for now', () => expect(EXTERNAL_URL_ALLOW_LIST.size).toBe(0));
  it('opens only allow-listed https URLs', () => {
    expect(isExternalUrlAllowed('https://learn.microsoft.com/en-us/exchange/', allow)).toBe(true);
    expect(isExternalUrlAllowed('https://learn.microsoft.com/en-us/exchange/x', allow)).toBe(false);
    expect(isExternalUrlAllowed('http://learn.microsoft.com/en-us/exchange/', allow)).toBe(false);
    expect(isExternalUrlAllowed('https://u:p@learn.microsoft.com/en-us/exchange/', allow)).toBe(false);
    expect(isExternalUrlAllowed('garbage', allow)).toBe(false);
  });
  it('denies every new window; an allow-listed URL goes to the browser instead', () => {
    expect(decideWindowOpen('https://example.com/', allow)).toEqual({ action: 'deny' });
    expect(decideWindowOpen(APP_URL, allow)).toEqual({ action: 'deny' });
    expect(decideWindowOpen('https://learn.microsoft.com/en-us/exchange/', allow)).toEqual({
      action: 'deny',
      openExternally: 'https://learn.microsoft.com/en-us/exchange/',
    });
  });
  it('logs only the origin of a URL', () => {
    expect(describeUrlForLog('https://example.com/path?token=abc')).toBe('https://example.com');
    expect(describeUrlForLog('javascript:alert(1)')).toBe('javascript:…');
    expect(describeUrlForLog('%%%')).toBe('(not a URL)');
  });
});

function fakeGuardable() {
  const listeners = new Map<string, (event: PreventableEvent, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardableContents = {
    on(event: string, listener: (event: PreventableEvent, url: string) => void) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  } as GuardableContents;
  const fire = (name: string, url = '') => {
    const event = { prevented: false, preventDefault() { event.prevented = true; } };
    listeners.get(name)?.(event, url);
    return event.prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('installNavigationGuards', () => {
  const setup = (allowList: ReadonlySet<string> = EXTERNAL_URL_ALLOW_LIST) => {
    const fake = fakeGuardable();
    const openExternal = vi.fn();
    const { log, entries } = recordingLog();
    installNavigationGuards(fake.contents, { location: APP_LOCATION, allowList, openExternal, log });
    return { ...fake, openExternal, entries };
  };

  it('lets the own page load and cancels navigation elsewhere', () => {
    const { fire, entries } = setup();
    expect(fire('will-navigate', APP_URL)).toBe(false);
    expect(fire('will-navigate', 'https://example.com/phish')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(entries.map((e) => e.fields?.['url'])).toEqual(['https://example.com', 'file:…']);
  });

  it('cancels redirects elsewhere', () => {
    const { fire } = setup();
    expect(fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(fire('will-redirect', APP_URL)).toBe(false);
  });

  it('never attaches a <webview>', () => {
    expect(setup().fire('will-attach-webview')).toBe(true);
  });

  it('denies new windows and opens nothing when the allow list is empty', async () => {
    const { open, openExternal } = setup();
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open(APP_URL)).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens an allow-listed link in the browser, still denying the window', async () => {
    const { open, openExternal } = setup(new Set(['https://example.com/help']));
    expect(open('https://example.com/help')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalledWith('https://example.com/help'));
  });
});

describe('permission guards', () => {
  it('denies every permission request and check', () => {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | undefined;
    const { log, entries } = recordingLog();
    installPermissionGuards(
      { setPermissionRequestHandler: (h) => void (request = h), setPermissionCheckHandler: (h) => void (check = h) },
      log,
    );
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check?.({}, permission)).toBe(false);
    }
    expect(entries).toHaveLength(6);
    expect(denyPermissionCheck()).toBe(false);
  });
});
