import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe';
import { launchChromium, type Browser } from './helpers/chromium';
import { RESULTS_DIR, freshLabFolder, startLabPreview, type LabPreview } from './helpers/preview';
import { WizardPage } from './helpers/wizard-page';
import { createFakeMain, type FakeMain } from '../unit/renderer/fake-main';

/**
 * The failover panel in Chromium at 1024×700, against the renderer tests' fake main process (a monitor counting down
 * one second of Time to Fail per read, a prompt, runs with steps and questions, the lab's failures) hosted by the
 * preview: the prompt's banner shows on a setup step's page and in the title, Start failover opens the plan, a run's
 * steps and chart show, the downtime question takes a time, a refusal disables Start, the lab pulls a node. Axe-clean
 * at each stage. (The real monitor and runbooks on a lab are tested with the real preview elsewhere.)
 */

const SMALL = { width: 1024, height: 700 };

let labFolder: string;
let fake: FakeMain;
let preview: LabPreview;
let browser: Browser;
let wizard: WizardPage;

beforeAll(async () => {
  labFolder = await freshLabFolder();
  fake = createFakeMain({ labFolder });
  const environment = await fake.client.invoke('environment.describe', {});
  if (!environment.ok) throw new Error(environment.error.message);
  preview = await startLabPreview(labFolder, async () => ({
    dispatcher: fake.dispatcher,
    environment: environment.value,
    close: async () => fake.dispatcher.cancelAll(),
  }));
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

/**
 * In the page: every control of the page, the banner and the lab panel, scrolled into view, lies inside the window and
 * is the element drawn at its own centre; the window itself neither scrolls nor is cut off at a side. Returns what failed.
 */
async function unusableControls(): Promise<string[]> {
  return wizard.page.evaluate(() => {
    // Runs in the page; typed structurally because the test project has no DOM library.
    type Box = { left: number; right: number; top: number; bottom: number; width: number; height: number };
    type El = {
      tagName: string;
      textContent: string | null;
      scrollWidth: number;
      clientWidth: number;
      getAttribute(name: string): string | null;
      getBoundingClientRect(): Box;
      scrollIntoView(options: { block: string; inline: string }): void;
      contains(other: El | null): boolean;
      closest(selector: string): El | null;
    };
    const page = globalThis as unknown as {
      innerWidth: number;
      innerHeight: number;
      document: {
        documentElement: { scrollWidth: number; scrollHeight: number };
        querySelectorAll(selector: string): ArrayLike<El>;
        elementFromPoint(x: number, y: number): El | null;
      };
    };
    const out: string[] = [];
    const root = page.document.documentElement;
    if (root.scrollWidth > page.innerWidth || root.scrollHeight > page.innerHeight) out.push(`the window scrolls (${root.scrollWidth}×${root.scrollHeight})`);
    for (const region of Array.from(page.document.querySelectorAll('main, aside, [data-testid="intervention-banner"]'))) {
      if (region.scrollWidth > region.clientWidth + 1) out.push(`${region.tagName.toLowerCase()} cut off at its side (${region.scrollWidth} > ${region.clientWidth} px)`);
    }
    const name = (e: El): string => `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 60)}"`;
    const selector = ['main', 'aside', '[data-testid="intervention-banner"]'].map((r) => `${r} button, ${r} input`).join(', ');
    for (const control of Array.from(page.document.querySelectorAll(selector))) {
      const first = control.getBoundingClientRect();
      if (first.width === 0 || first.height === 0) continue;
      control.scrollIntoView({ block: 'center', inline: 'center' });
      const box = control.getBoundingClientRect();
      if (box.left < 0 || box.top < 0 || box.right > page.innerWidth || box.bottom > page.innerHeight) {
        out.push(`${name(control)} outside the window at ${Math.round(box.left)},${Math.round(box.top)}`);
        continue;
      }
      const atCentre = page.document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (atCentre === null || !(control.contains(atCentre) || atCentre.contains(control))) out.push(`${name(control)} covered by ${atCentre === null ? 'nothing' : name(atCentre)}`);
    }
    return out;
  });
}

const banner = () => wizard.page.getByTestId('intervention-banner');
const panel = () => wizard.page.getByTestId('failover-panel');

describe('the failover panel against the fake main process', () => {
  it('the monitor counts down and raises the prompt: a banner on a setup step, ⚠ in the title, axe-clean', async () => {
    await wizard.nav.getByRole('button', { name: /Failover/ }).click();
    await panel().getByRole('button', { name: 'Start monitor' }).click();
    await expect.poll(() => panel().getByTestId('monitor-status').getAttribute('data-status')).toBe('green');
    await wizard.openStep('4.2.1');
    fake.clusterUp = false;
    await banner().waitFor({ timeout: 20_000 });
    // The source answers again: the prompt stays until answered, and no second one follows.
    fake.clusterUp = true;
    await expect.poll(() => wizard.page.title()).toMatch(/^⚠ /);
    expect(await banner().getByRole('alert').innerText()).toContain('EXCHVS1 (10.0.0.20) does not answer');
    expect(await banner().innerText()).toContain('TGT1 cannot reach SRCCLUS either');
    const start = banner().getByRole('button', { name: 'Start failover' });
    const box = await start.boundingBox();
    expect(box !== null && box.y + box.height <= SMALL.height && box.x + box.width <= SMALL.width).toBe(true);
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'failover-prompt-1024.png') });
    expect(await unusableControls()).toEqual([]);
    // Keyboard: the banner comes right after the header, before the navigation and the page.
    await wizard.page.getByRole('button', { name: 'Connections' }).focus();
    await wizard.tabTo('Start failover', 1);
    expect(await seriousViolations(wizard.page)).toEqual([]);
  });

  it('Start failover answers the prompt, opens the panel with the whole plan; Start runs it with live steps and a chart', async () => {
    await wizard.page.keyboard.press('Enter');
    await banner().waitFor({ state: 'detached' });
    await expect.poll(() => wizard.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('failover-heading');
    expect(fake.incident.answers).toEqual([{ kind: 'accepted' }]);
    await expect.poll(() => wizard.page.title()).not.toMatch(/^⚠ /);
    await panel().getByTestId('run-plan-title').filter({ hasText: 'failover' }).waitFor();
    expect(await panel().getByTestId('postover-script').innerText()).toContain('exchfailover -failover');
    await panel().getByRole('button', { name: 'Start failover' }).click();
    await panel().getByTestId('run-outcome').filter({ hasText: 'Succeeded' }).waitFor();
    expect(await panel().getByTestId('run-steps').locator('li[data-status="done"]').count()).toBe(4);
    expect(await panel().getByTestId('queue-last').innerText()).toContain('0 bytes');
    expect(await panel().getByTestId('incident-measures').innerText()).toContain('1 min 35 s');
    await panel().getByTestId('queue-chart').screenshot({ path: join(RESULTS_DIR, 'failover-chart.png') });
    expect(await unusableControls()).toEqual([]);
    await wizard.main.evaluate((main) => main.scrollTo(0, 0));
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'failover-run-1024.png') });
    expect(await seriousViolations(wizard.page)).toEqual([]);
  });

  it('the failback asks for the downtime: the time typed is sent as HH:MM', async () => {
    await panel().getByRole('button', { name: 'Plan failback' }).click();
    await panel().getByTestId('run-plan-title').filter({ hasText: 'failback' }).waitFor();
    await panel().getByRole('button', { name: 'Start failback' }).click();
    const question = panel().getByTestId('run-question');
    await question.waitFor();
    expect(await seriousViolations(wizard.page)).toEqual([]);
    // On another page, a bar says the run waits and leads back to it.
    await wizard.openStep('4.2.1');
    const bar = wizard.page.getByTestId('run-question-bar');
    await bar.waitFor();
    expect(await bar.innerText()).toContain('The failback waits for your answer');
    await bar.getByRole('button', { name: 'Open the failover panel' }).click();
    await question.waitFor();
    await bar.waitFor({ state: 'detached' });
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'failover-question-1024.png') });
    expect(await unusableControls()).toEqual([]);
    await question.getByLabel('Downtime at (HH:MM)').fill('02:30');
    await question.getByRole('button', { name: 'Schedule' }).click();
    await panel().getByTestId('run-outcome').filter({ hasText: 'Succeeded' }).waitFor();
    expect(fake.incident.answers.at(-1)).toEqual({ kind: 'scheduled', at: '02:30' });
    expect(await panel().getByTestId('run-steps').locator('li[data-step="8.1"]').innerText()).toContain('Downtime at 02:30');
  });

  it('a plan with a refusal shows it in red and Start cannot run (Dry run can)', async () => {
    fake.incident.refusal = 'The queue on TGT1 is not empty: 4 MB left.';
    await panel().getByRole('button', { name: 'Plan failover' }).click();
    await panel().getByTestId('plan-refused').waitFor();
    const start = panel().getByRole('button', { name: 'Start failover' });
    expect(await start.getAttribute('aria-disabled')).toBe('true');
    const runs = fake.incident.runRequests.length;
    await start.click({ force: true });
    expect(fake.incident.runRequests.length).toBe(runs);
    expect(await panel().getByTestId('start-why-not').innerText()).toContain('refuses');
    expect(await panel().getByRole('button', { name: 'Dry run' }).getAttribute('aria-disabled')).not.toBe('true');
    fake.incident.refusal = undefined;
  });

  it('the lab panel pulls and restores a node', async () => {
    const lab = wizard.page.getByTestId('lab-panel');
    await lab.getByRole('button', { name: 'Pull: Node TGT1' }).click();
    await lab.getByTestId('lab-failures-now').filter({ hasText: 'node TGT1' }).waitFor();
    expect(fake.incident.failureRequests.at(-1)).toEqual({ failure: { kind: 'node', node: 'TGT1' }, restore: false });
    await lab.getByRole('button', { name: 'Restore: Node TGT1' }).click();
    await lab.getByTestId('lab-failures-now').filter({ hasText: 'nothing' }).waitFor();
    expect(fake.incident.failureRequests.at(-1)).toEqual({ failure: { kind: 'node', node: 'TGT1' }, restore: true });
    expect(await seriousViolations(wizard.page)).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
