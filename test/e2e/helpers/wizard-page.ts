import type { Locator, Page } from 'playwright-core';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The wizard as a user sees it: roles and names, as a screen reader would find them. Every wait is for something the
 * app shows (Playwright's locators poll the page); nothing sleeps.
 */
export class WizardPage {
  constructor(readonly page: Page) {}

  /** Opens the preview address and waits until the step list is shown. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.nav.getByRole('button').first().waitFor();
  }

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Wizard steps' });
  }

  get main(): Locator {
    return this.page.getByRole('main');
  }

  get statusBar(): Locator {
    return this.page.getByRole('contentinfo', { name: 'Status' });
  }

  /** The navigation button of a step, by its guide section number. */
  navItem(stepId: string): Locator {
    return this.nav.getByRole('button', { name: new RegExp(`^${escapeRegExp(stepId)}\\s`) });
  }

  /** Waits until the step's navigation entry shows a state ("Not started", "Verified", "Done by hand", ...). */
  async waitForNavState(stepId: string, state: string): Promise<void> {
    await this.navItem(stepId).filter({ hasText: state }).waitFor();
  }

  /** The state a step's navigation entry shows now (`data-state` of its badge). */
  async navState(stepId: string): Promise<string | null> {
    return this.navItem(stepId).locator('[data-state]').getAttribute('data-state');
  }

  /** Opens a step and waits for its page (heading and its state read from the program). */
  async openStep(stepId: string): Promise<void> {
    await this.navItem(stepId).click();
    await this.main.locator(`article[data-step-id="${stepId}"]`).waitFor();
    await this.main.getByText('Reading the step’s state…').waitFor({ state: 'hidden' });
    await this.main.getByRole('button', { name: 'Plan', exact: true }).waitFor();
  }

  /** Opens the pair document page. */
  async openPair(): Promise<void> {
    await this.nav.getByRole('button', { name: 'Pair document' }).click();
    await this.main.locator('article[data-page="pair"]').waitFor();
  }

  /** A pair document field by its accessible name (`Source subnet mask`). */
  field(name: string): Locator {
    return this.main.getByRole('textbox', { name, exact: true });
  }

  button(name: string): Locator {
    return this.main.getByRole('button', { name, exact: true });
  }

  get plannedActions(): Locator {
    return this.main.getByRole('list', { name: 'Planned actions' }).getByRole('listitem');
  }

  get checks(): Locator {
    return this.main.getByRole('list', { name: 'Checks' }).getByRole('listitem');
  }

  /** The checks that failed (each check's item carries `data-ok`). */
  get failedChecks(): Locator {
    return this.main.getByRole('list', { name: 'Checks' }).locator('li[data-ok="false"]');
  }

  /** Clicks Plan and waits for the fresh plan (or its error). */
  async plan(): Promise<void> {
    await this.button('Plan').click();
    await this.main.locator('[data-testid="plan"]').filter({ hasText: 'Plan: what Apply will change' }).locator('[data-testid="plan-summary"], [data-error-code]').first().waitFor();
  }

  /**
   * Clicks Apply and waits for the outcome: the verification, or the error that stopped the job. Returns the
   * verification's checks as text when it failed, so a test can say what went wrong.
   */
  async applyAndWait(timeout = 60_000): Promise<{ ok: boolean; text: string }> {
    await this.button('Apply').click();
    const outcome = this.main.locator('[data-verification-ok], [data-error-code]').first();
    await outcome.waitFor({ timeout });
    const ok = (await outcome.getAttribute('data-verification-ok')) === 'true';
    const text = ok ? '' : await this.main.innerText();
    return { ok, text };
  }

  /** Presses Tab until the focused element's text is `text` (a button), failing after `max` presses. */
  async tabTo(text: string, max = 100): Promise<void> {
    for (let i = 0; i < max; i += 1) {
      await this.page.keyboard.press('Tab');
      const focused = await this.page.evaluate(
        () => (globalThis as unknown as FocusPage).document.activeElement?.textContent?.trim() ?? '',
      );
      if (focused === text) return;
    }
    throw new Error(`Tab never reached "${text}" in ${max} presses.`);
  }

  /**
   * Starts recording, in the page, whether a progress bar and a Cancel button appeared and what the job's aria-live
   * region announced: a lab job can finish faster than a test could look at it.
   */
  async recordProgress(): Promise<{ seen(): Promise<ProgressRecord> }> {
    await this.page.evaluate(() => {
      // Runs in the page; typed structurally because the test project has no DOM library.
      const page = globalThis as unknown as InPage;
      const record: ProgressRecord = { progressBar: false, cancelButton: false, announcements: [] };
      const look = (): void => {
        const main = page.document.querySelector('main');
        if (main === null) return;
        if (main.querySelector('[role="progressbar"]') !== null) record.progressBar = true;
        if (Array.from(main.querySelectorAll('button')).some((b) => b.textContent?.trim() === 'Cancel')) record.cancelButton = true;
        const live = main.querySelector('[data-testid="job-status"]')?.textContent?.trim() ?? '';
        if (live !== '' && record.announcements.at(-1) !== live) record.announcements.push(live);
      };
      new page.MutationObserver(look).observe(page.document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      page.__progressRecord = record;
    });
    return { seen: () => this.page.evaluate(() => (globalThis as unknown as InPage).__progressRecord!) };
  }
}

/** What recordProgress saw while a job ran. */
export interface ProgressRecord {
  progressBar: boolean;
  cancelButton: boolean;
  announcements: string[];
}

interface PageElement {
  readonly textContent: string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

/** The browser global tabTo reads. */
interface FocusPage {
  readonly document: { readonly activeElement: { readonly textContent: string | null } | null };
}

/** The few browser globals recordProgress uses. */
interface InPage {
  readonly document: PageElement & { readonly body: unknown };
  readonly MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
  __progressRecord?: ProgressRecord;
}
