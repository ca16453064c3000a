import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe';
import { launchChromium, type Browser } from './helpers/chromium';
import { RESULTS_DIR, freshLabFolder, startLabPreview, type LabPreview } from './helpers/preview';
import { WizardPage } from './helpers/wizard-page';

/**
 * The wizard on the smallest window it supports, 1024×700, on a fresh lab: every control of every page can be seen
 * and reached (nothing under the lab panel, no page cut off), and what it shows is the truth — the step list and the
 * headings follow the pair document open now, problems are named by their fields, and after Apply the plan says what
 * is in place and Next step leads on.
 */

const SMALL = { width: 1024, height: 700 };
const STEPS = ['3', '4.1', '4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5', '4.3', '4.4', '4.5', '5.1', '5.2', '5.3', '6'];

let labFolder: string;
let preview: LabPreview;
let browser: Browser;
let wizard: WizardPage;

beforeAll(async () => {
  labFolder = await freshLabFolder();
  preview = await startLabPreview(labFolder);
  browser = await launchChromium();
  await browser.page.setViewportSize(SMALL);
  wizard = new WizardPage(browser.page);
  await wizard.open(preview.server.url);
  await mkdir(RESULTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  if (labFolder) await rm(labFolder, { recursive: true, force: true });
});

/** A control that could not be used where it is drawn. */
interface Hidden {
  readonly what: string;
  readonly why: string;
}

/**
 * In the page: every control of the main region (buttons, inputs, selects, check boxes, links), each scrolled into
 * view, must be the element at its own centre (nothing drawn over it: not the lab panel, not the navigation) and lie
 * inside the window; the page must not be wider than the window. Returns what failed.
 */
async function hiddenControls(): Promise<Hidden[]> {
  return wizard.page.evaluate(() => {
    // Runs in the page; typed structurally because the test project has no DOM library.
    type Box = { left: number; right: number; top: number; bottom: number; width: number; height: number };
    type El = {
      tagName: string;
      id: string;
      textContent: string | null;
      getAttribute(name: string): string | null;
      getBoundingClientRect(): Box;
      scrollIntoView(options: { block: string; inline: string }): void;
      contains(other: El | null): boolean;
      closest(selector: string): El | null;
      querySelectorAll(selector: string): ArrayLike<El>;
    };
    const page = globalThis as unknown as {
      innerWidth: number;
      innerHeight: number;
      document: {
        documentElement: { scrollWidth: number; scrollHeight: number };
        querySelector(selector: string): (El & { scrollWidth: number; clientWidth: number }) | null;
        querySelectorAll(selector: string): ArrayLike<El>;
        elementFromPoint(x: number, y: number): El | null;
      };
    };
    const out: Hidden[] = [];
    const main = page.document.querySelector('main');
    if (main === null) return [{ what: 'main', why: 'no main region' }];
    if (page.document.documentElement.scrollWidth > page.innerWidth) out.push({ what: 'page', why: `wider than the window (${page.document.documentElement.scrollWidth} px)` });
    // The window never scrolls (its regions do), and no region is cut off at its side.
    if (page.document.documentElement.scrollHeight > page.innerHeight) out.push({ what: 'page', why: `taller than the window (${page.document.documentElement.scrollHeight} px)` });
    for (const selector of ['main', 'nav', 'aside']) {
      const region = page.document.querySelector(selector);
      if (region !== null && region.scrollWidth > region.clientWidth + 1) out.push({ what: selector, why: `cut off at its side (${region.scrollWidth} > ${region.clientWidth} px)` });
    }
    // Every step's state badge is whole inside its navigation entry ("Recheck (was verified)" not cut short).
    for (const badge of Array.from(page.document.querySelectorAll('nav [data-state]'))) {
      const entry = badge.closest('button');
      const outer = entry?.getBoundingClientRect();
      const inner = badge.getBoundingClientRect();
      if (outer !== undefined && (inner.right > outer.right + 1 || inner.left < outer.left - 1)) {
        out.push({ what: `state "${(badge.textContent ?? '').trim()}"`, why: `cut off by its navigation entry (${Math.round(inner.right)} > ${Math.round(outer.right)} px)` });
      }
    }
    const name = (e: El): string =>
      `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') ?? e.textContent ?? e.id ?? '').trim().slice(0, 60)}"${e.id !== '' ? ` #${e.id}` : ''}`;
    const controls = Array.from(main.querySelectorAll('button, input, select, textarea, a[href]')).filter((e) => {
      const box = e.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && e.closest('[aria-hidden="true"]') === null;
    });
    for (const control of controls) {
      control.scrollIntoView({ block: 'center', inline: 'center' });
      const box = control.getBoundingClientRect();
      if (box.left < 0 || box.top < 0 || box.right > page.innerWidth || box.bottom > page.innerHeight) {
        out.push({ what: name(control), why: `outside the window at ${Math.round(box.left)},${Math.round(box.top)}` });
        continue;
      }
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const atCentre = page.document.elementFromPoint(x, y);
      // A Fluent check box draws its box over its (transparent) input; its label is the same control.
      const label = control.tagName === 'INPUT' ? control.closest('.fui-Checkbox') : null;
      if (atCentre === null || !(control.contains(atCentre) || atCentre.contains(control) || (label !== null && label.contains(atCentre)))) {
        out.push({ what: name(control), why: `covered by ${atCentre === null ? 'nothing' : name(atCentre)}${atCentre?.closest('aside') ? ' (in the lab panel)' : ''}` });
      }
    }
    return out;
  });
}

/** The element drawn at the centre of a control is the control itself (or inside it). */
async function drawnOnTop(locator: ReturnType<WizardPage['field']>): Promise<boolean> {
  await locator.scrollIntoViewIfNeeded();
  return locator.evaluate((element) => {
    type El = { getBoundingClientRect(): { left: number; top: number; width: number; height: number }; contains(other: unknown): boolean };
    const e = element as unknown as El;
    const box = e.getBoundingClientRect();
    const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): unknown } }).document;
    return e.contains(doc.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
  });
}

describe('the wizard at 1024×700', () => {
  it('shows every control of the pair document page where it can be used: Target fields and Remove rule beside the lab panel', async () => {
    await wizard.openPair();
    expect(await hiddenControls()).toEqual([]);
    expect(await drawnOnTop(wizard.field('Target IP address'))).toBe(true);
    expect(await drawnOnTop(wizard.field('Target disk 1 drive letter'))).toBe(true);
    expect(await drawnOnTop(wizard.main.getByRole('button', { name: 'Remove rule 1' }))).toBe(true);
    // The lab panel is there, beside the page, not over it.
    const lab = await wizard.page.getByRole('complementary', { name: 'Lab' }).boundingBox();
    const main = await wizard.main.boundingBox();
    expect(lab !== null && main !== null && main.x + main.width <= lab.x + 1).toBe(true);
    await wizard.main.evaluate((e) => {
      (e as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'usability-pair-1024.png') });
  });

  it('shows every control of every step page, the failover page and the connections page', async () => {
    for (const stepId of STEPS) {
      await wizard.openStep(stepId);
      expect(await hiddenControls(), `step ${stepId}`).toEqual([]);
    }
    await wizard.nav.getByRole('button', { name: 'Failover' }).click();
    await wizard.main.getByRole('heading', { name: 'Failover', exact: true }).waitFor();
    expect(await hiddenControls(), 'failover').toEqual([]);
    await wizard.page.getByRole('button', { name: 'Connections' }).click();
    await wizard.main.getByRole('heading').first().waitFor();
    expect(await hiddenControls(), 'connections').toEqual([]);
  });

  it('puts source and target one above the other when the page is narrow, side by side when it is wide', async () => {
    await wizard.openPair();
    const side = async () => {
      const source = await wizard.field('Source IP address').boundingBox();
      const target = await wizard.field('Target IP address').boundingBox();
      if (source === null || target === null) throw new Error('the IP address fields are not shown');
      return { sideBySide: Math.abs(source.y - target.y) < 2 && source.x < target.x, stacked: target.y > source.y && Math.abs(source.x - target.x) < 2 };
    };
    await wizard.page.setViewportSize({ width: 1400, height: 900 });
    expect((await side()).sideBySide).toBe(true);
    // Narrower than the program needs (800): the page's column has room for one field column only.
    await wizard.page.setViewportSize({ width: 800, height: 700 });
    expect((await side()).stacked).toBe(true);
    // At 1024 either way, as the room allows, and nothing hidden.
    await wizard.page.setViewportSize(SMALL);
    const small = await side();
    expect(small.sideBySide || small.stacked).toBe(true);
    expect(await hiddenControls()).toEqual([]);
  });

  it('after Apply, the plan says every change is in place and Next step, the primary button, opens the next step', async () => {
    await wizard.openStep('4.2.1');
    await wizard.plan();
    expect(await wizard.button('Apply').getAttribute('data-primary')).toBe('true');
    const outcome = await wizard.applyAndWait();
    expect(outcome.ok, outcome.text).toBe(true);
    await wizard.waitForNavState('4.2.1', 'Verified');
    const plan = wizard.main.getByTestId('plan');
    await plan.getByTestId('plan-summary').getByText(/in place: nothing is left to change/).waitFor();
    expect(await plan.getByText('Needed', { exact: true }).count()).toBe(0);
    expect(await wizard.plannedActions.locator('[data-needed="true"]').count()).toBe(0);
    expect(await wizard.plannedActions.and(wizard.main.locator('[data-needed="true"]')).count()).toBe(0);
    // Verify again: the new verification replaces the one Apply made, all passed.
    const applied = await wizard.main.locator('[data-verified-at]').getAttribute('data-verified-at');
    await wizard.button('Verify').click();
    await wizard.main.locator(`[data-verification-ok="true"]:not([data-verified-at="${applied ?? ''}"])`).waitFor();
    expect(await wizard.main.getByTestId('verification').count()).toBe(1);
    expect(await wizard.failedChecks.count()).toBe(0);
    const next = wizard.main.getByTestId('next-step');
    expect(await next.getAttribute('data-primary')).toBe('true');
    expect(await wizard.button('Apply').getAttribute('data-primary')).toBe('false');
    expect(await hiddenControls()).toEqual([]);
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'usability-4.2.1-next-step.png') });
    await next.click();
    await wizard.main.locator('article[data-step-id="4.2.2"]').waitFor();
    // The new page starts at its heading, with the focus there.
    expect(await wizard.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('step-heading');
  });

  it('after New, a step verified under the other document says "Recheck (was verified)" and the headings name the new document’s clusters', async () => {
    await wizard.openPair();
    await wizard.main.getByTestId('pair-file-path').fill('pair-new.json');
    await wizard.button('New').click();
    await wizard.main.getByTestId('pair-path').getByText(/pair-new\.json$/).waitFor();
    await wizard.navItem('4.2.1').locator('[data-state="needs-recheck"]').getByText('Recheck (was verified)').waitFor();
    // The lab's backups hold for every document.
    await wizard.waitForNavState('3', 'Done by hand');
    await wizard.openStep('4.2.1');
    await wizard.main.getByTestId('step-stale').getByText(/^This step was verified under another pair document/).waitFor();
    await wizard.main.getByTestId('step-clusters').getByText(/^On the source cluster \(not named yet\)/).waitFor();
    // Nothing planned or verified under the other document is shown as this one's.
    expect(await wizard.main.getByTestId('plan').count()).toBe(0);
    expect(await wizard.main.getByTestId('verification').count()).toBe(0);
    expect(await wizard.main.getByText('SRCCLUS').count()).toBe(0);
    // The header names no cluster of the other document either.
    await wizard.page.getByTestId('environment-title').getByText('Lab — no clusters named yet').waitFor();
    expect(await wizard.page.title()).toBe('Lab — no clusters named yet — Exchange HA Wizard');
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'usability-new-document-recheck.png') });
  });

  it('greets a new document with a count of fields to fill, not a wall of alerts; a problem shows by its label, once, when its field is left', async () => {
    await wizard.openPair();
    const summary = wizard.main.getByTestId('pair-summary');
    await summary.getByTestId('pair-waiting').getByText(/^\d+ fields to fill/).waitFor();
    expect(await wizard.main.getByTestId('pair-problems').count()).toBe(0);
    expect(await wizard.main.locator('[aria-invalid="true"]').count()).toBe(0);
    expect(await wizard.main.getByRole('alert').count()).toBe(0);

    const name = wizard.field('Source cluster name');
    await name.focus();
    await name.blur();
    const problems = wizard.main.getByTestId('pair-problems');
    await problems.getByRole('link', { name: 'Source cluster name' }).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    // Next to the field, by its label (the summary's entry is a link to it).
    await wizard.main.locator('[data-path="source.cluster.name"]').getByText(/^Source cluster name: The name is empty/).waitFor();
    expect(await problems.getByRole('listitem').count()).toBe(1);

    // Save on a document with problems: every field is named by its label, once; no JSON path anywhere.
    await wizard.field('Source group description').fill('Exchange');
    await wizard.button('Save').click();
    const refused = wizard.main.getByTestId('pair-refused');
    await refused.getByRole('link', { name: 'Target IP address' }).waitFor();
    const items = await refused.getByRole('listitem').allInnerTexts();
    const labels = items.map((t) => t.split(':')[0]!.trim());
    expect(new Set(labels).size, labels.join(', ')).toBe(labels.length);
    expect(labels).toContain('Monitored name');
    const text = await wizard.main.innerText();
    expect(text).not.toMatch(/\b(source|target|monitor|replicationSet)\.[A-Za-z]+/);
    // A link takes the focus to its field.
    await refused.getByRole('link', { name: 'Monitored name' }).click();
    expect(await wizard.field('Monitored name').evaluate((e) => e === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    expect(await seriousViolations(wizard.page)).toEqual([]);
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'usability-new-document-refused.png') });
  });

  it('logged no console errors', () => {
    expect(browser.problems).toEqual([]);
  });
});
