import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

/** Debian's Chromium, installed by `npm run test:system-deps`. */
/** Chromium's own line for a loopback WebSocket it could not open (net::ERR_CONNECTION_REFUSED). */
const BROWSER_SOCKET_REFUSAL = /^WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/[^']*' failed: .*ERR_CONNECTION_REFUSED/;

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags that start Debian's Chromium headless in a container or CI: no sandbox, no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions of the page, content-security-policy refusals included. */
  readonly problems: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile. Fails (never skips) when Chromium is missing, so a machine without it
 * cannot pass the end-to-end tests by accident.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: run \`npm run test:system-deps\` (it installs Debian's chromium).`);
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'exchange-ha-e2e-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    // Chromium itself logs each refused WebSocket handshake (the page reconnecting while the preview server restarts);
    // that is the browser's network log, not the program's: anything else logged as an error is a problem.
    if (message.type() === 'error' && !BROWSER_SOCKET_REFUSAL.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
