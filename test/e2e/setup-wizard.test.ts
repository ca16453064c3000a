import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app/app';
import { launchChromium, type Browser } from './helpers/chromium';
import { RESULTS_DIR, freshLabFolder, startLabPreview, type LabPreview } from './helpers/preview';
import { WizardPage } from './helpers/wizard-page';

/** Every setup step of the application note's sections 3-6, by its section number, in the guide's order. */
const GUIDE_SETUP_STEPS = ['3', '4.1', '4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5', '4.3', '4.4', '4.5', '5.1', '5.2', '5.3', '6'];

let labFolder: string;
let preview: LabPreview;
let browser: Browser;
let wizard: WizardPage;

/** What the lab's source cluster holds, read from the app itself (not through the UI under test). */
async function sourceGroups(app: App): Promise<string[]> {
  const reply = await app.dispatcher.dispatch({ channel: 'lab.clusters', payload: {} }, () => undefined);
  if (!reply.ok) throw new Error(reply.error.message);
  const clusters = reply.value as { name: string; groups: { name: string }[] }[];
  return clusters.find((c) => c.name === 'SRCCLUS')?.groups.map((g) => g.name) ?? [];
}

async function stepState(app: App, stepId: string): Promise<string> {
  const reply = await app.dispatcher.dispatch({ channel: 'step.get', payload: { stepId } }, () => undefined);
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.value as { summary: { state: string } }).summary.state;
}

/** No serious or critical accessibility violation on the page as it is now. */
async function expectAccessible(what: string): Promise<void> {
  const results = await new AxeBuilder({ page: wizard.page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, what).toEqual([]);
}

beforeAll(async () => {
  labFolder = await freshLabFolder();
  preview = await startLabPreview(labFolder);
  browser = await launchChromium();
  wizard = new WizardPage(browser.page);
  await wizard.open(preview.server.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  if (labFolder) await rm(labFolder, { recursive: true, force: true });
});

describe('the setup wizard in the browser preview, on a fresh lab', () => {
  it('takes the one-time token out of the address bar', () => {
    expect(wizard.page.url()).toBe(`${preview.server.origin}/`);
  });

  it('lists every setup step of guide sections 3-6 with its number, then Failover', async () => {
    const labels = await wizard.nav.getByRole('button').allInnerTexts();
    const numbers = labels.map((label) => label.trim().split(/\s+/)[0]);
    expect(numbers).toEqual([...GUIDE_SETUP_STEPS, 'Failover']);
    for (const id of GUIDE_SETUP_STEPS) await wizard.waitForNavState(id, 'Not started');
  });

  it('names the lab and the clusters with their state in the status bar', async () => {
    await wizard.statusBar.getByText(`Lab — ${labFolder}`).waitFor();
    await wizard.statusBar.getByText('Source: SRCCLUS — up').waitFor();
    await wizard.statusBar.getByText('Target: TGTCLUS — up').waitFor();
  });

  it('shows a manual step honestly, and a placeholder for Failover without buttons', async () => {
    await wizard.openStep('4.3');
    await wizard.main.getByText('Not automated yet — coming in a later version').waitFor();
    expect(await wizard.main.getByRole('button').count()).toBe(0);
    await wizard.nav.getByRole('button', { name: 'Failover' }).click();
    await wizard.main.getByRole('heading', { name: 'Failover' }).waitFor();
    await wizard.main.getByText('The failover panel comes in a later version').waitFor();
    expect(await wizard.main.getByRole('button').count()).toBe(0);
    await expectAccessible('the failover placeholder');
  });

  it('refuses a bad group name next to the field, and applies nothing', async () => {
    await wizard.openStep('4.2.1');
    await wizard.groupName.fill('Exchange "Group"');
    await wizard.button('Preview').click();
    const message = wizard.main.getByText('A group name cannot contain quotes, tabs or line breaks.');
    await message.waitFor();
    expect(await wizard.groupName.getAttribute('aria-invalid')).toBe('true');
    // The message is the field's description for screen readers.
    const describedBy = (await wizard.groupName.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).toContain((await message.getAttribute('id')) ?? '(no id)');
    expect(await wizard.button('Apply').getAttribute('aria-disabled')).toBe('true');
    await wizard.button('Apply').click({ force: true });
    expect(await wizard.main.getByTestId('plan').count()).toBe(0);
    await expectAccessible('the form with a validation error');
    expect(await sourceGroups(preview.app)).not.toContain('Exchange "Group"');
    expect(await stepState(preview.app, '4.2.1')).toBe('not-started');
    await wizard.waitForNavState('4.2.1', 'Not started');
  });

  it('performs 4.2.1: preview shows the cluster.exe commands, apply verifies, the step is done', async () => {
    await wizard.groupName.fill('Exchange Group');
    await wizard.description.fill('Exchange virtual server');
    await wizard.main.getByText('A group name cannot contain quotes').waitFor({ state: 'detached' });
    // From the keyboard: Enter in the form asks for the preview.
    await wizard.groupName.press('Enter');
    const createLine = wizard.plannedCommands.filter({ hasText: /cluster SRCCLUS group "Exchange Group" \/create/i });
    await createLine.waitFor();
    expect(await createLine.getAttribute('data-needed')).toBe('true');
    const commands = await wizard.plannedCommands.locator('code').allInnerTexts();
    expect(commands.every((c) => /^cluster(\.exe)? SRCCLUS /i.test(c)), commands.join('\n')).toBe(true);
    expect(commands.some((c) => c.includes('Exchange virtual server')), commands.join('\n')).toBe(true);

    const progress = await wizard.recordProgress();
    await wizard.button('Apply').click();
    await wizard.main.getByText('All checks passed: step 4.2.1 is done.').waitFor();
    const seen = await progress.seen();
    expect(seen.progressBar, 'a progress bar while the job ran').toBe(true);
    expect(seen.cancelButton, 'a Cancel button while the job ran').toBe(true);
    expect(seen.announcements.length, 'progress announced in the aria-live region').toBeGreaterThan(0);
    expect(await wizard.checks.count()).toBeGreaterThan(0);
    expect(await wizard.checks.locator('[data-ok="false"]').count()).toBe(0);
    await wizard.waitForNavState('4.2.1', 'Done');
    expect(await sourceGroups(preview.app)).toContain('Exchange Group');

    await expectAccessible('4.2.1 after apply');
    await mkdir(RESULTS_DIR, { recursive: true });
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'setup-4.2.1-done.png'), fullPage: true });
  });

  it('still shows 4.2.1 done, with what was applied, after the server restarts on the same lab', async () => {
    await preview.close();
    await wizard.statusBar.getByText('Disconnected from the program').waitFor();
    preview = await startLabPreview(labFolder);
    await wizard.open(preview.server.url);
    await wizard.waitForNavState('4.2.1', 'Done');
    await wizard.openStep('4.2.1');
    await wizard.main.getByText('This step is done').waitFor();
    expect(await wizard.groupName.inputValue()).toBe('Exchange Group');
    expect(await wizard.description.inputValue()).toBe('Exchange virtual server');
    // Applying again would change nothing: the preview marks the creation as already done.
    await wizard.button('Preview').click();
    const createLine = wizard.plannedCommands.filter({ hasText: /\/create/i });
    await createLine.getByText('Already done').waitFor();
    expect(await createLine.getAttribute('data-needed')).toBe('false');
    await mkdir(RESULTS_DIR, { recursive: true });
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'setup-4.2.1-after-restart.png'), fullPage: true });
  });

  it('pulls the plug on SRCCLUS and restores it from the lab panel', async () => {
    const lab = wizard.page.getByRole('complementary', { name: 'Lab' });
    await lab.getByRole('button', { name: 'Pull the plug on SRCCLUS' }).click();
    await wizard.statusBar.getByText('Source: SRCCLUS — down').waitFor();
    await lab.locator('tr[data-node="SRC1"][data-up="false"]').waitFor();
    await lab.getByRole('button', { name: 'Restore power to SRCCLUS' }).click();
    await wizard.statusBar.getByText('Source: SRCCLUS — up').waitFor();
    await lab.locator('tr[data-node="SRC1"][data-up="true"]').waitFor();
  });

  it('logged no console errors and no content-security-policy refusals', () => {
    expect(browser.problems).toEqual([]);
  });
});
