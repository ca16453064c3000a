import { isAppResource, type AppLocation } from './app-location';

/**
 * The CSP hash of the empty string. Fluent UI's runtime CSS-in-JS (Griffel, and FluentProvider's theme variables)
 * creates EMPTY `<style>` elements and fills them through CSSOM `sheet.insertRule()`. CSSOM calls are not subject to
 * CSP, but the empty element itself is an inline style block: under plain `style-src 'self'` Chromium refuses it,
 * `element.sheet` stays null and Griffel silently drops every rule (the UI renders unstyled). Measured in Chromium
 * 156 with a Fluent `Button`: `style-src 'self'` → 0 CSS rules and 9 CSP violations; `style-src 'self'` + this hash →
 * 179 rules, no violations, identical to `'unsafe-inline'`. So instead of `'unsafe-inline'` the policy allows exactly
 * one inline stylesheet — the empty one — which keeps injected `<style>` blocks with content and `style="..."`
 * attributes blocked. React's `style={{...}}` prop and floating-ui positioning write through CSSOM and still work.
 */
export const EMPTY_STYLE_ELEMENT_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

type Directives = ReadonlyArray<readonly [name: string, sources: readonly string[]]>;

const PRODUCTION_DIRECTIVES: Directives = [
  ['default-src', ["'none'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'", EMPTY_STYLE_ELEMENT_HASH]],
  ['img-src', ["'self'", 'data:']],
  ['font-src', ["'self'"]],
  ['connect-src', ["'self'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
  ['object-src', ["'none'"]],
];

const serialize = (directives: Directives): string =>
  directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');

/**
 * The policy for the app's own page. Built files get the strict policy. The dev server (unpackaged `electron-vite
 * dev` only) additionally needs inline scripts (the React Fast Refresh preamble Vite writes into index.html), inline
 * style blocks (Vite injects imported CSS as `<style>` text) and its own ws:// origin for hot reload; never
 * 'unsafe-eval', never a remote host.
 */
export function contentSecurityPolicy(location: AppLocation): string {
  if (location.kind === 'file') return serialize(PRODUCTION_DIRECTIVES);
  const ws = location.origin.replace(/^http/, 'ws');
  return serialize(
    PRODUCTION_DIRECTIVES.map(([name, sources]): readonly [string, readonly string[]] => {
      if (name === 'script-src') return [name, ["'self'", "'unsafe-inline'"]];
      if (name === 'style-src') return [name, ["'self'", "'unsafe-inline'"]];
      if (name === 'connect-src') return [name, ["'self'", ws]];
      return [name, sources];
    }),
  );
}

/**
 * The same policy for a `<meta http-equiv="Content-Security-Policy">` tag in index.html: browsers ignore (and warn
 * about) `frame-ancestors` in a meta tag, so it is left out. A meta tag is the fallback for file:// pages, whose
 * responses older Electron versions never passed through `webRequest.onHeadersReceived`.
 */
export function contentSecurityPolicyForMetaTag(location: AppLocation): string {
  return contentSecurityPolicy(location)
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors '))
    .join('; ');
}

/** What every page that is not the app's own gets: nothing at all may load or run. */
export const LOCKED_DOWN_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export type ResponseHeaders = Record<string, string | string[]>;

/** Response headers with any Content-Security-Policy (whatever its case) replaced by `policy`. */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined, policy: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

/** The part of Electron's `session.webRequest` this module uses (Electron objects are passed in, never imported). */
export interface HeadersReceivedHook {
  onHeadersReceived(
    listener: (
      details: { readonly url: string; readonly responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void,
  ): void;
}

/**
 * Sets the CSP header on every response of the session: the app's policy on its own files (the page, and any worker
 * script, whose policy comes from its own response), the locked-down policy on anything else (which the navigation
 * guards should never let load in the first place).
 */
export function installContentSecurityPolicy(webRequest: HeadersReceivedHook, location: AppLocation): void {
  const appPolicy = contentSecurityPolicy(location);
  webRequest.onHeadersReceived((details, callback) => {
    const policy = isAppResource(details.url, location) ? appPolicy : LOCKED_DOWN_POLICY;
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
}
