import { rm } from 'node:fs/promises';
import type { ConsoleMessage, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from './helpers/chromium';
import { freshLabFolder, startLabPreview, type LabPreview } from './helpers/preview';
import { WizardPage } from './helpers/wizard-page';

/**
 * The browser preview across reloads and tabs: a reloaded page connects again and the wizard works; a second tab
 * opened while the first is connected says why it cannot connect, and works once the first is closed and it reloads.
 */

let labFolder: string;
let preview: LabPreview;
let browser: Browser;
let first: WizardPage;

/** Console errors and uncaught exceptions of a page the test opened itself. */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** The wizard works: its step list is there, and a Plan of step 4.1 runs and shows what it would change. */
async function planWorks(wizard: WizardPage): Promise<void> {
  await wizard.navItem('6').waitFor();
  await wizard.openStep('4.1');
  await wizard.plan();
  await wizard.main.getByTestId('plan-summary').waitFor();
  expect(await wizard.main.locator('[data-testid="plan"] [data-error-code]').count()).toBe(0);
}

beforeAll(async () => {
  labFolder = await freshLabFolder();
  preview = await startLabPreview(labFolder);
  browser = await launchChromium();
  first = new WizardPage(browser.page);
  await first.open(preview.server.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  if (labFolder) await rm(labFolder, { recursive: true, force: true });
});

describe('the browser preview across reloads and tabs', () => {
  it('reconnects a reloaded page: the step list shows and a Plan runs', async () => {
    await planWorks(first);
    await first.page.reload();
    expect(first.page.url()).toBe(`${preview.server.origin}/`);
    await planWorks(first);
    // A second reload, straight away: the page connects again as the same tab whatever its old socket is doing.
    await first.page.reload();
    await planWorks(first);
    expect(await first.page.getByText('Disconnected', { exact: false }).count()).toBe(0);
    expect(await first.page.getByText('Not connected').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('shows Reconnecting when the connection drops, then connects again by itself and the wizard works', async () => {
    // Every socket of the page passes through the test, which forwards it to the server and can cut it.
    const routes: WebSocketRoute[] = [];
    await first.page.routeWebSocket(/\/ws$/, (route) => {
      route.connectToServer();
      routes.push(route);
    });
    await first.page.reload();
    await first.navItem('6').waitFor();
    expect(routes).toHaveLength(1);
    await routes[0]!.close({ code: 1012, reason: 'cut by the test' });
    const notice = first.page.locator('[data-connection="reconnecting"]');
    await notice.getByText('Reconnecting (attempt 1 of 6)', { exact: false }).waitFor();
    await notice.waitFor({ state: 'hidden' });
    expect(routes).toHaveLength(2);
    await planWorks(first);
    expect(browser.problems).toEqual([]);
  });

  it('tells a second tab, opened while the first is connected, why it cannot connect; the first goes on', async () => {
    const second = await browser.context.newPage();
    const problems = problemsOf(second);
    try {
      await second.goto(preview.server.url);
      await second.getByText('The wizard is open in another tab').waitFor();
      await second.getByText('close it and then reload this one', { exact: false }).waitFor();
      await second.getByRole('button', { name: 'Reload this page' }).waitFor();
      // The wizard is not shown in the refused tab; the token left its address bar all the same.
      expect(await new WizardPage(second).nav.count()).toBe(0);
      expect(second.url()).toBe(`${preview.server.origin}/`);
      await planWorks(first);
      expect(problems).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('lets the second tab in once the first is closed and it reloads', async () => {
    const second = await browser.context.newPage();
    const problems = problemsOf(second);
    await second.goto(preview.server.url);
    await second.getByText('The wizard is open in another tab').waitFor();
    await browser.page.close();
    await second.getByRole('button', { name: 'Reload this page' }).click();
    const wizard = new WizardPage(second);
    await planWorks(wizard);
    expect(await second.getByText('The wizard is open in another tab').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
