import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { devServerAppLocation, type AppLocation } from '../../../src-main/electron/app-location';
import {
  contentSecurityPolicy,
  contentSecurityPolicyForMetaTag,
  EMPTY_STYLE_ELEMENT_HASH,
  installContentSecurityPolicy,
  LOCKED_DOWN_POLICY,
  withContentSecurityPolicy,
  type HeadersReceivedHook,
} from '../../../src-main/electron/content-security-policy';
import { APP_LOCATION, APP_URL } from './fakes';

const directives = (policy: string): Map<string, string[]> =>
  new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name as string, sources];
    }),
  );

const DEV = devServerAppLocation('http://localhost:5173/') as AppLocation;

describe('the content security policy of the built program', () => {
  const policy = directives(contentSecurityPolicy(APP_LOCATION));

  it.each([
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
  ])('%s is exactly %j', (name, sources) => {
    expect(policy.get(name)).toEqual(sources);
  });

  it('has no other directive', () => expect(policy.size).toBe(10));

  it('allows neither eval nor inline code', () => {
    const text = contentSecurityPolicy(APP_LOCATION);
    expect(text).not.toContain('unsafe-eval');
    expect(text).not.toContain('unsafe-inline');
    expect(text).not.toContain('wasm-unsafe-eval');
  });

  it('names no host: every source is a keyword, a hash or data: for images', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        const allowed = /^'(self|none|sha256-[A-Za-z0-9+/=]+)'$/.test(source) || (name === 'img-src' && source === 'data:');
        expect(allowed, `${name} ${source}`).toBe(true);
      }
    }
  });

  it("allows exactly the empty inline stylesheet Fluent UI's Griffel fills through CSSOM", () => {
    const emptyHash = createHash('sha256').update('').digest('base64');
    expect(EMPTY_STYLE_ELEMENT_HASH).toBe(`'sha256-${emptyHash}'`);
  });

  it('leaves frame-ancestors out of the meta-tag form (browsers ignore it there)', () => {
    const meta = directives(contentSecurityPolicyForMetaTag(APP_LOCATION));
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.get('script-src')).toEqual(["'self'"]);
    expect(meta.size).toBe(9);
  });
});

describe('the content security policy of the dev server', () => {
  const text = contentSecurityPolicy(DEV);
  const policy = directives(text);

  it('adds only what Vite needs: inline preamble and styles, its own hot-reload socket', () => {
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });

  it('still allows no eval', () => expect(text).not.toContain('unsafe-eval'));
});

describe('withContentSecurityPolicy', () => {
  it('replaces any Content-Security-Policy header whatever its case and keeps the rest', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ["default-src *"], 'CONTENT-SECURITY-POLICY': 'script-src *', 'Content-Type': 'text/html' },
      "default-src 'none'",
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] });
  });

  it('works without response headers', () => {
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('installContentSecurityPolicy', () => {
  function install(location: AppLocation) {
    let listener: Parameters<HeadersReceivedHook['onHeadersReceived']>[0] | undefined;
    installContentSecurityPolicy({ onHeadersReceived: (l) => void (listener = l) }, location);
    return (url: string): string | undefined => {
      let answer: string | undefined;
      listener?.({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => {
        answer = response.responseHeaders?.['Content-Security-Policy']?.[0];
      });
      return answer;
    };
  }

  it("gives the app's own page and files the app's policy", () => {
    const policyFor = install(APP_LOCATION);
    expect(policyFor(APP_URL)).toBe(contentSecurityPolicy(APP_LOCATION));
    expect(policyFor(APP_URL.replace('index.html', 'assets/index-abc.js'))).toBe(contentSecurityPolicy(APP_LOCATION));
  });

  it('locks down anything else', () => {
    const policyFor = install(APP_LOCATION);
    expect(policyFor('https://example.com/')).toBe(LOCKED_DOWN_POLICY);
    expect(policyFor('file:///etc/passwd')).toBe(LOCKED_DOWN_POLICY);
    expect(policyFor(APP_URL.replace('out/renderer/index.html', 'secret.html'))).toBe(LOCKED_DOWN_POLICY);
  });

  it('gives the dev server its policy', () => {
    const policyFor = install(DEV);
    expect(policyFor('http://localhost:5173/src/main.tsx')).toBe(contentSecurityPolicy(DEV));
    expect(policyFor('http://localhost:5174/')).toBe(LOCKED_DOWN_POLICY);
  });
});
