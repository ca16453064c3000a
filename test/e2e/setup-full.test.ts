import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliEntry } from '../helpers/run-cli-entry';
import { seriousViolations } from './helpers/axe';
import { launchChromium, type Browser } from './helpers/chromium';
import { REPO_ROOT, RESULTS_DIR, freshLabFolder, startLabPreview, type LabPreview } from './helpers/preview';
import { WizardPage } from './helpers/wizard-page';

/**
 * The whole setup of guide sections 3-6 through the wizard on a fresh lab, in the guide's order: every automated
 * step planned, applied and verified from the UI; then the command line verifies the same lab from its files.
 */

/**
 * The steps by section, in the guide's order. Step 3 (backups) is confirmed by the lab itself; step 6's monitor is
 * confirmed on its page.
 */
const SECTIONS: readonly { section: string; steps: readonly string[] }[] = [
  { section: '3', steps: ['3'] },
  { section: '4', steps: ['4.1', '4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5', '4.3', '4.4', '4.5'] },
  { section: '5', steps: ['5.1', '5.2', '5.3'] },
  { section: '6', steps: ['6'] },
];

let labFolder: string;
let preview: LabPreview | undefined;
let browser: Browser;
let wizard: WizardPage;

beforeAll(async () => {
  labFolder = await freshLabFolder();
  preview = await startLabPreview(labFolder);
  browser = await launchChromium();
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
 * Step 6 once applied: everything the program reads is there, and only the monitor, which it can neither enter nor
 * read, fails until the administrator confirms it; done from the keyboard, as an administrator would.
 */
async function confirmMonitor(): Promise<void> {
  const failed = wizard.failedChecks;
  await failed.first().waitFor();
  expect(await failed.count()).toBe(1);
  await failed.getByText('The administrator confirmed the monitor was entered on TGT1, TGT2').waitFor();
  await wizard.waitForNavState('6', 'Failed');
  expect(await wizard.main.getByTestId('handwork-confirmation').count()).toBe(0);
  await wizard.main.getByRole('textbox', { name: 'What you did, and where' }).focus();
  await wizard.page.keyboard.type('Monitor entered on TGT1 and TGT2 by J. Admin');
  await wizard.tabTo('Confirm');
  await wizard.page.keyboard.press('Enter');
  await wizard.main.getByTestId('handwork-confirmation').getByText(/with the note: Monitor entered on TGT1 and TGT2 by J\. Admin$/).waitFor();
  // Confirming verifies again: every check passes now, and the step is verified (not done by hand).
  await wizard.main.locator('[data-verification-ok="true"]').waitFor();
}

describe('the whole setup (guide sections 3-6) through the wizard, on a fresh lab', () => {
  it('plans, applies and verifies every step in order, section by section', async () => {
    for (const { section, steps } of SECTIONS) {
      for (const stepId of steps) {
        if (stepId === '3') {
          // The lab confirms the backups: the step says so, and offers Confirm (never Apply).
          await wizard.waitForNavState('3', 'Done by hand');
          await wizard.openStep('3');
          await wizard.main.getByTestId('step-note').waitFor();
          expect(await wizard.button('Apply').count()).toBe(0);
          continue;
        }
        await wizard.openStep(stepId);
        await wizard.plan();
        const outcome = await wizard.applyAndWait(90_000);
        if (stepId === '6') await confirmMonitor();
        else expect(outcome.ok, `step ${stepId} was not verified:\n${outcome.text}`).toBe(true);
        expect(await wizard.failedChecks.count(), `step ${stepId}`).toBe(0);
        await wizard.waitForNavState(stepId, 'Verified');
        expect(await wizard.navState(stepId)).toBe('verified');
      }
      // The last step of the section, scrolled to its verification.
      await wizard.main.locator('[data-testid="verification"], [data-testid="step-note"]').first().scrollIntoViewIfNeeded();
      await wizard.page.screenshot({ path: join(RESULTS_DIR, `setup-full-section-${section}.png`) });
    }
    for (const { steps } of SECTIONS) {
      for (const stepId of steps) expect(await wizard.navState(stepId), stepId).toBe(stepId === '3' ? 'done-by-hand' : 'verified');
    }
    // The lab panel shows what step 6 set off: SRC1 (owning the group) replicates the set to the replication IP.
    const lab = wizard.page.getByRole('complementary', { name: 'Lab' });
    await lab.locator('tr[data-node="SRC1"] [data-testid="node-replication"]').getByText('Exchange → 10.1.0.21 (connected, mirror complete)').waitFor();
    expect(await lab.locator('tr[data-node="SRC2"] [data-testid="node-replication"]').innerText()).toBe('—');
  });

  it('has no serious accessibility violation on a step page after apply', async () => {
    await wizard.openStep('6');
    await wizard.main.locator('[data-verification-ok="true"]').waitFor();
    expect(await seriousViolations(wizard.page)).toEqual([]);
  });

  it('logged no console errors', () => {
    expect(browser.problems).toEqual([]);
  });

  it('leaves a lab the command line verifies (exit code 0) once the app has saved it', async () => {
    await preview!.close();
    preview = undefined;
    const result = await runCliEntry('exchange-ha', ['setup', 'verify', '--pair', join(labFolder, 'pair.json'), '--lab', labFolder], REPO_ROOT);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  });
});
