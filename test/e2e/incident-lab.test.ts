import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeHaInProcess } from '../helpers/exchange-ha-in-process';
import { borrowedDirectory } from '../../src-main/directory/borrowed-directory';
import { openLab } from '../../src-main/lab/lab';
import { LAB } from '../../src-main/lab/topology';
import { dumpDifferences, dumpDirectory, type Dump } from '../integration/failover/support/directory-fixtures';
import { seriousViolations } from './helpers/axe';
import { launchChromium, type Browser } from './helpers/chromium';
import { RESULTS_DIR, freshLabFolder, startLabPreview, type LabPreview } from './helpers/preview';
import { WizardPage } from './helpers/wizard-page';

/**
 * The acceptance of the failover panel, in Chromium, on the real services and a lab set up by the guide's steps: the
 * monitor started, the source's plug pulled from the lab panel, the countdown reaching zero within interval × missed
 * plus one interval, the prompt's banner, the failover run to every mailbox opening on the target, the source restored,
 * the failback run with its queue chart, and the directory as before the incident but the overwrite-on-restore flags
 * (the incident's measures say so). Screenshots in test-results/.
 */

let labFolder: string;
let preview: LabPreview | undefined;
let browser: Browser;
let wizard: WizardPage;
let before: Dump;

const exchangeHa = (argv: readonly string[]) => exchangeHaInProcess(argv, { cwd: labFolder });

beforeAll(async () => {
  labFolder = await freshLabFolder();
  expect((await exchangeHa(['lab', 'init', labFolder])).code).toBe(0);
  const applied = await exchangeHa(['setup', 'apply', '--pair', join(labFolder, 'pair.json'), '--lab', labFolder, '--confirm', '6=monitor entered on TGT1 and TGT2']);
  expect(applied.code, applied.out).toBe(0);
  const lab = await openLab(labFolder);
  try {
    before = await dumpDirectory(borrowedDirectory(lab.directory), LAB.domain.dn, false);
  } finally {
    await lab.close();
  }
  preview = await startLabPreview(labFolder);
  browser = await launchChromium();
  await browser.page.setViewportSize({ width: 1280, height: 900 });
  wizard = new WizardPage(browser.page);
  await wizard.open(preview.server.url);
  await mkdir(RESULTS_DIR, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  if (labFolder) await rm(labFolder, { recursive: true, force: true });
});

const panel = () => wizard.page.getByTestId('failover-panel');
const banner = () => wizard.page.getByTestId('intervention-banner');
const labPanel = () => wizard.page.getByTestId('lab-panel');

describe('an incident on the lab, lived through in the failover panel', () => {
  it('the monitor sees the source go: the prompt appears within interval × missed plus one interval', async () => {
    await wizard.nav.getByRole('button', { name: /Failover/ }).click();
    await panel().getByRole('button', { name: 'Start monitor' }).click();
    await expect.poll(() => panel().getByTestId('monitor-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('green');
    await expect.poll(() => wizard.nav.getByTestId('nav-monitor').innerText()).toBe('Watching');
    await labPanel().getByRole('button', { name: /^Pull: Source cluster/ }).click();
    const pulled = Date.now();
    await banner().waitFor({ timeout: 20_000 });
    // The lab's monitor: 2 s × 3 missed; the page reads the state about once a second.
    expect(Date.now() - pulled).toBeLessThan((2 * 3 + 2) * 1000 + 3000);
    await expect.poll(() => wizard.page.title()).toMatch(/^⚠ /);
    expect(await banner().innerText()).toContain('EXCHVS');
    await expect.poll(() => wizard.nav.getByTestId('nav-monitor').innerText()).toBe('Prompt waiting');
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'incident-lab-prompt.png') });
    expect(await seriousViolations(wizard.page)).toEqual([]);
  }, 60_000);

  it('Start failover: the whole plan, then the run to every mailbox on the target', async () => {
    await banner().getByRole('button', { name: 'Start failover' }).click();
    await banner().waitFor({ state: 'detached' });
    await panel().getByTestId('run-plan-title').filter({ hasText: 'failover' }).waitFor();
    expect(await panel().getByTestId('postover-script').innerText()).toContain('-setup -failover -s EXCHVS -t EXCHVS-DR');
    await panel().getByRole('button', { name: 'Start failover' }).click();
    await panel().getByTestId('run-outcome').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 120_000 });
    expect(await panel().getByTestId('incident-measures').innerText()).toMatch(/Recovery time/i);
    await wizard.main.evaluate((main) => main.scrollTo(0, 0));
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'incident-lab-failover.png') });
    expect(await seriousViolations(wizard.page)).toEqual([]);
  }, 150_000);

  it('the source restored, the failback drains the queue and brings every mailbox home', async () => {
    await labPanel().getByRole('button', { name: /^Restore: Source cluster/ }).click();
    await labPanel().getByTestId('lab-failures-now').filter({ hasText: 'nothing' }).waitFor();
    await panel().getByRole('button', { name: 'Plan failback' }).click();
    await panel().getByTestId('run-plan-title').filter({ hasText: 'failback' }).waitFor();
    await panel().getByRole('button', { name: 'Start failback' }).click();
    const question = panel().getByTestId('run-question');
    await question.waitFor({ timeout: 120_000 });
    expect(await question.getAttribute('data-kind')).toBe('downtime');
    await question.getByRole('button', { name: 'Start the downtime now' }).click();
    await panel().getByTestId('run-outcome').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 150_000 });
    await panel().getByTestId('queue-chart').screenshot({ path: join(RESULTS_DIR, 'incident-lab-failback-chart.png') });
    await wizard.main.evaluate((main) => main.scrollTo(0, 0));
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'incident-lab-failback.png') });
    expect(await seriousViolations(wizard.page)).toEqual([]);
    expect(browser.problems).toEqual([]);
  }, 300_000);

  it('the directory is as before the incident, but the overwrite-on-restore flags, which stay set', async () => {
    await preview?.close();
    preview = undefined;
    const lab = await openLab(labFolder);
    try {
      const differences = dumpDifferences(before, await dumpDirectory(borrowedDirectory(lab.directory), LAB.domain.dn, false));
      expect(differences.filter((line) => !line.endsWith(' msexchpatchmdb: ["FALSE"] -> ["TRUE"]'))).toEqual([]);
      expect(differences.length).toBeGreaterThan(0);
      const check = await lab.exchange.openMailboxes('EXCHVS');
      expect(check.failures).toEqual([]);
      expect(check.opened).toBe(check.total);
    } finally {
      await lab.close();
    }
  }, 60_000);
});
