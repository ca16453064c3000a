import { describe, expect, it } from 'vitest';
import {
  devServerAppLocation,
  isAppResource,
  isAppUrl,
  resolveAppLocation,
  type AppLocation,
} from '../../../src-main/electron/app-location';
import { APP_LOCATION, APP_URL, INDEX_PATH } from './fakes';

describe('resolveAppLocation', () => {
  it('uses the built files when packaged, whatever the environment says', () => {
    expect(resolveAppLocation({ isPackaged: true, rendererUrl: 'http://localhost:5173', rendererIndexPath: INDEX_PATH })).toEqual(
      APP_LOCATION,
    );
  });
  it("uses electron-vite's dev server when unpackaged", () => {
    expect(resolveAppLocation({ isPackaged: false, rendererUrl: 'http://localhost:5173', rendererIndexPath: INDEX_PATH })).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
  });
  it('ignores a dev server that is not on loopback', () => {
    expect(resolveAppLocation({ isPackaged: false, rendererUrl: 'http://evil.example:5173', rendererIndexPath: INDEX_PATH })).toEqual(
      APP_LOCATION,
    );
    expect(devServerAppLocation('http://user:pw@localhost:5173')).toBeUndefined();
    expect(devServerAppLocation('file:///x')).toBeUndefined();
    expect(devServerAppLocation('not a url')).toBeUndefined();
  });
  it('uses the built files without a dev server', () => {
    expect(resolveAppLocation({ isPackaged: false, rendererUrl: undefined, rendererIndexPath: INDEX_PATH })).toEqual(APP_LOCATION);
  });
});

describe('isAppUrl', () => {
  it('accepts the index page with or without a fragment or query', () => {
    expect(isAppUrl(APP_URL, APP_LOCATION)).toBe(true);
    expect(isAppUrl(`${APP_URL}#/failover`, APP_LOCATION)).toBe(true);
    expect(isAppUrl(`${APP_URL}?x=1`, APP_LOCATION)).toBe(true);
  });
  it('refuses another file, a path that climbs out, other schemes and garbage', () => {
    expect(isAppUrl(APP_URL.replace('index.html', 'other.html'), APP_LOCATION)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP_LOCATION)).toBe(false);
    expect(isAppUrl(`${APP_URL}/../../../../../../../etc/passwd`, APP_LOCATION)).toBe(false);
    expect(isAppUrl('file://otherhost/opt/exchange-ha-wizard/resources/app.asar/out/renderer/index.html', APP_LOCATION)).toBe(false);
    expect(isAppUrl('https://example.com/', APP_LOCATION)).toBe(false);
    expect(isAppUrl('', APP_LOCATION)).toBe(false);
  });
  it('accepts any path on the dev server origin, nothing else', () => {
    const dev = devServerAppLocation('http://127.0.0.1:5173/') as AppLocation;
    expect(isAppUrl('http://127.0.0.1:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5174/', dev)).toBe(false);
    expect(isAppUrl('https://127.0.0.1:5173/', dev)).toBe(false);
  });
});

describe('isAppResource', () => {
  it('accepts files under the renderer folder and refuses the rest', () => {
    expect(isAppResource(APP_URL.replace('index.html', 'assets/a.js'), APP_LOCATION)).toBe(true);
    expect(isAppResource(APP_URL.replace('index.html', 'assets/%2e%2e/%2e%2e/main/index.js'), APP_LOCATION)).toBe(false);
    expect(isAppResource(APP_URL.replace('out/renderer/index.html', 'out/rendererx/a.js'), APP_LOCATION)).toBe(false);
    expect(isAppResource('https://example.com/a.js', APP_LOCATION)).toBe(false);
  });
});
