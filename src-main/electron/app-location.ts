import { pathToFileURL } from 'node:url';

/**
 * Where the program's own page lives: the built renderer on disk (file://) or, while developing, electron-vite's dev
 * server on the loopback interface. Navigation guards, the sender check and the content security policy all ask
 * "is this URL ours?", so the answer lives in one place.
 */
export type AppLocation =
  | { readonly kind: 'file'; readonly indexUrl: string }
  | { readonly kind: 'dev-server'; readonly url: string; readonly origin: string };

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The built renderer's index.html as a file:// location. */
export function fileAppLocation(indexPath: string): AppLocation {
  return { kind: 'file', indexUrl: pathToFileURL(indexPath).href };
}

/**
 * A dev-server location, or undefined when the URL is not plain http(s) on the loopback interface: a dev server
 * anywhere else would hand the window's trust (and its IPC door) to another machine.
 */
export function devServerAppLocation(url: string): AppLocation | undefined {
  const parsed = parseUrl(url);
  if (parsed === undefined) return undefined;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (!LOOPBACK_HOSTS.has(parsed.hostname) || parsed.username !== '' || parsed.password !== '') return undefined;
  return { kind: 'dev-server', url: parsed.href, origin: parsed.origin };
}

export interface AppLocationInput {
  readonly isPackaged: boolean;
  /** electron-vite's `ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  readonly rendererUrl: string | undefined;
  readonly rendererIndexPath: string;
}

/**
 * The dev server only when running unpackaged and electron-vite named one on loopback; the built files otherwise.
 * A packaged program never follows an environment variable to its page.
 */
export function resolveAppLocation(input: AppLocationInput): AppLocation {
  if (!input.isPackaged && input.rendererUrl !== undefined && input.rendererUrl !== '') {
    const dev = devServerAppLocation(input.rendererUrl);
    if (dev !== undefined) return dev;
  }
  return fileAppLocation(input.rendererIndexPath);
}

/**
 * True when `url` is the program's own page: the same file as index.html (query and fragment ignored, so hash routes
 * stay ours), or any path on the dev server's origin. Anything unparsable is not ours.
 */
export function isAppUrl(url: string, location: AppLocation): boolean {
  const parsed = parseUrl(url);
  if (parsed === undefined) return false;
  if (location.kind === 'dev-server') {
    return parsed.origin === location.origin && parsed.username === '' && parsed.password === '';
  }
  const index = new URL(location.indexUrl);
  return parsed.protocol === 'file:' && parsed.host === index.host && parsed.pathname === index.pathname;
}

/**
 * True when `url` is one of the program's own files: anything inside the folder of index.html (scripts, styles,
 * fonts, a worker), or anything on the dev server's origin. Broader than {@link isAppUrl}, which names the page.
 */
export function isAppResource(url: string, location: AppLocation): boolean {
  if (location.kind === 'dev-server') return isAppUrl(url, location);
  const parsed = parseUrl(url);
  if (parsed === undefined || parsed.protocol !== 'file:') return false;
  const index = new URL(location.indexUrl);
  const folder = index.pathname.slice(0, index.pathname.lastIndexOf('/') + 1);
  // URL parsing has already resolved `..` segments, so a prefix test cannot be escaped.
  return parsed.host === index.host && parsed.pathname.startsWith(folder);
}
