import { contentSecurityPolicy as shellPolicy } from '../electron/content-security-policy';
import { fileAppLocation } from '../electron/app-location';

/**
 * The preview's content security policy: the desktop shell's strict policy for its built files, taken from the shell's
 * own module so the two cannot drift (scripts from the app's files only; styles from its files plus the one empty
 * `<style>` element Fluent UI fills through CSSOM — see EMPTY_STYLE_ELEMENT_HASH there), with `connect-src` extended
 * by the preview's own ws:// origin, the only thing the page may talk to.
 */
export function contentSecurityPolicy(socketOrigin: string): string {
  const strict = shellPolicy(fileAppLocation('/index.html'));
  const directives = strict.split('; ');
  if (!directives.some((d) => d.startsWith('connect-src '))) directives.push("connect-src 'self'");
  return directives.map((d) => (d.startsWith('connect-src ') ? `${d} ${socketOrigin}` : d)).join('; ');
}

/** Headers every response carries. */
export function securityHeaders(socketOrigin: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(socketOrigin),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  };
}
