import { isAppUrl, type AppLocation } from './app-location';
import type { ShellLog } from './shell-log';

/**
 * https URLs the program may open in the user's browser (help pages, vendor documentation). Empty for now: nothing
 * leaves the window. Entries are full URLs, compared exactly after normalisation.
 */
export const EXTERNAL_URL_ALLOW_LIST: ReadonlySet<string> = new Set<string>();

/** A navigation may only (re)load the program's own page; everything else would run foreign code in our window. */
export function isNavigationAllowed(url: string, location: AppLocation): boolean {
  return isAppUrl(url, location);
}

/** True only for an https URL without credentials that is on the allow list exactly. */
export function isExternalUrlAllowed(url: string, allowList: ReadonlySet<string>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return allowList.has(parsed.href);
}

export interface WindowOpenDecision {
  /** Electron never opens a second window of ours. */
  readonly action: 'deny';
  /** Set when the URL is allow-listed and should open in the user's browser instead. */
  readonly openExternally?: string;
}

/** What `setWindowOpenHandler` answers: always deny; an allow-listed https URL goes to the user's browser. */
export function decideWindowOpen(url: string, allowList: ReadonlySet<string>): WindowOpenDecision {
  return isExternalUrlAllowed(url, allowList) ? { action: 'deny', openExternally: new URL(url).href } : { action: 'deny' };
}

/** The part of an Electron event these guards use. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The part of Electron's `WebContents` the guards wire into (passed in, never imported). */
export interface GuardableContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
}

export interface NavigationGuardOptions {
  readonly location: AppLocation;
  readonly allowList: ReadonlySet<string>;
  /** Electron's `shell.openExternal`. */
  readonly openExternal: (url: string) => Promise<void> | void;
  readonly log: ShellLog;
}

/** Only a URL's origin (or scheme) goes into the log: a path or query may carry data the user typed. */
export function describeUrlForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}…`;
  } catch {
    return '(not a URL)';
  }
}

/**
 * Wires the guards into one WebContents: navigation and redirects away from the app's own page are cancelled,
 * `<webview>` is never attached, and new windows are denied (an allow-listed https URL opens in the browser).
 */
export function installNavigationGuards(contents: GuardableContents, options: NavigationGuardOptions): void {
  const { location, allowList, openExternal, log } = options;
  const guard = (kind: string) => (event: PreventableEvent, url: string) => {
    if (isNavigationAllowed(url, location)) return;
    event.preventDefault();
    log.warn(`Blocked ${kind}`, { url: describeUrlForLog(url) });
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('Blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, allowList);
    if (decision.openExternally !== undefined) {
      Promise.resolve()
        .then(() => openExternal(decision.openExternally as string))
        .catch((e: unknown) => log.warn('Could not open an external link', { error: String(e) }));
    } else {
      log.warn('Blocked a new window', { url: describeUrlForLog(url) });
    }
    return { action: 'deny' };
  });
}

/** The part of Electron's `Session` the permission guards use. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/** Answers a permission request: the wizard needs no camera, microphone, notifications, location or anything else. */
export function denyPermissionRequest(permission: string, callback: (granted: boolean) => void, log: ShellLog): void {
  log.warn('Denied a permission request', { permission });
  callback(false);
}

/** Answers a permission check (the synchronous "may I?" some web APIs ask first). */
export function denyPermissionCheck(): boolean {
  return false;
}

/** Every permission request and check of the session is denied. */
export function installPermissionGuards(session: PermissionSession, log: ShellLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => denyPermissionRequest(permission, callback, log));
  session.setPermissionCheckHandler(() => denyPermissionCheck());
}
