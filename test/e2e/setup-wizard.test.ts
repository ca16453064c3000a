import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app/app';
import { seriousViolations } from './helpers/axe';
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

async function expectAccessible(what: string): Promise<void> {
  expect(await seriousViolations(wizard.page), what).toEqual([]);
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
  it('takes the session token out of the address bar', () => {
    expect(wizard.page.url()).toBe(`${preview.server.origin}/`);
  });

  it('lists the pair document, every setup step of guide sections 3-6 with its number and state, then Failover', async () => {
    // The step list arrives from the main process after the page shows; wait for its last entry.
    await wizard.navItem(GUIDE_SETUP_STEPS[GUIDE_SETUP_STEPS.length - 1] ?? '6').waitFor();
    const labels = await wizard.nav.getByRole('button').allInnerTexts();
    expect(labels[0]?.trim()).toBe('Pair document');
    const numbers = labels.slice(1).map((label) => label.trim().split(/\s+/)[0]);
    expect(numbers).toEqual([...GUIDE_SETUP_STEPS, 'Failover']);
    // The lab confirms the backups (step 3) itself; nothing else has started.
    await wizard.waitForNavState('3', 'Done by hand');
    for (const id of GUIDE_SETUP_STEPS.slice(1)) await wizard.waitForNavState(id, 'Not started');
  });

  it('names the lab and the clusters with their state in the status bar', async () => {
    await wizard.statusBar.getByText(`Lab — ${labFolder}`).waitFor();
    await wizard.statusBar.getByText('Source: SRCCLUS — up').waitFor();
    await wizard.statusBar.getByText('Target: TGTCLUS — up').waitFor();
  });

  it('shows the manual step 3 with Confirm and a note, without Apply; Failover opens the failover panel', async () => {
    await wizard.openStep('3');
    await wizard.main.getByTestId('step-note').getByText('The lab holds nothing to lose').waitFor();
    expect(await wizard.button('Apply').count()).toBe(0);
    expect(await wizard.button('Confirm').getAttribute('aria-disabled')).toBe('true');
    await wizard.main.getByRole('textbox', { name: 'Note' }).fill('ok');
    expect(await wizard.button('Confirm').getAttribute('aria-disabled')).toBe('true');
    await expectAccessible('the manual step 3');
    await wizard.nav.getByRole('button', { name: 'Failover' }).click();
    await wizard.main.getByRole('heading', { name: 'Failover', exact: true }).waitFor();
    await wizard.main.getByRole('button', { name: 'Plan failover' }).waitFor();
    await expectAccessible('the failover panel');
  });

  it('shows both clusters side by side on the pair document page, with its path', async () => {
    await wizard.openPair();
    await wizard.main.getByTestId('pair-path').getByText(join(labFolder, 'pair.json')).waitFor();
    expect(await wizard.field('Source cluster name').inputValue()).toBe('SRCCLUS');
    expect(await wizard.field('Target cluster name').inputValue()).toBe('TGTCLUS');
    expect(await wizard.field('Source disk 1 disk signature').inputValue()).toBe('0x5A17E0E0');
    expect(await wizard.field('Target replication IP address').inputValue()).toBe('10.1.0.21');
    expect(await wizard.main.getByRole('table', { name: 'Replication rules' }).getByRole('row').count()).toBe(2);
    // Source left of target, on the same row.
    const source = await wizard.field('Source IP address').boundingBox();
    const target = await wizard.field('Target IP address').boundingBox();
    expect(source !== null && target !== null && source.x < target.x && Math.abs(source.y - target.y) < 2).toBe(true);
    await expectAccessible('the pair document page');
    await mkdir(RESULTS_DIR, { recursive: true });
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'setup-pair-document.png') });
  });

  it('refuses a bad subnet mask next to the field, and Save writes nothing', async () => {
    const pairFile = join(labFolder, 'pair.json');
    const before = await readFile(pairFile);
    await wizard.openStep('4.2.2');
    const mask = wizard.field('Source subnet mask');
    await mask.fill('255.0.255.0');
    // A field's problem shows once the user leaves it.
    await mask.blur();
    // Next to the field (the summary above the form lists it too, as a link to the field).
    const message = wizard.main.locator('[data-path="source.ipAddress.subnetMask"]').getByText(/^Source subnet mask: 255\.0\.255\.0 is not a contiguous mask/);
    await message.waitFor();
    expect(await mask.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await mask.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).toContain((await message.getAttribute('id')) ?? '(no id)');
    // Apply works from the saved file: not while the draft is unsaved (and 4.2.1 is not verified yet).
    expect(await wizard.button('Apply').getAttribute('aria-disabled')).toBe('true');
    await wizard.main.getByText('Save the pair document first: Apply works from the saved file.').waitFor();
    await wizard.main.getByText(/^Needs 4\.2\.1 Create the Exchange group \(not started\)/).waitFor();

    await wizard.button('Save').click();
    const refused = wizard.main.getByTestId('pair-refused');
    await refused.getByRole('link', { name: 'Source subnet mask' }).waitFor();
    expect(await readFile(pairFile)).toEqual(before);
    await expectAccessible('a step page with a refused save');
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'setup-pair-refused.png') });

    await mask.fill('255.255.255.0');
    await message.waitFor({ state: 'detached' });
    await wizard.main.getByTestId('pair-status').getByText('Saved; no problems.').waitFor();
    expect(await wizard.button('Save').getAttribute('aria-disabled')).toBe('true');
    expect(await stepState(preview.app, '4.2.2')).toBe('not-started');
  });

  it('performs 4.2.1: the plan shows the cluster.exe commands, Apply streams progress and a log, the step is verified', async () => {
    await wizard.openStep('4.2.1');
    expect(await wizard.field('Source group name').inputValue()).toBe('Exchange Group');
    expect(await wizard.field('Target group name').inputValue()).toBe('Exchange Group');
    await wizard.plan();
    const create = wizard.plannedActions.filter({ hasText: /cluster SRCCLUS group "Exchange Group" \/create/i });
    await create.waitFor();
    expect(await create.getAttribute('data-needed')).toBe('true');
    expect(await create.getAttribute('data-tool')).toBe('cluster');
    await create.getByText('Needed').waitFor();
    await create.getByRole('button', { name: /^Copy command/ }).waitFor();
    await wizard.button('Copy all').waitFor();
    await wizard.waitForNavState('4.2.1', 'Planned');

    const progress = await wizard.recordProgress();
    const outcome = await wizard.applyAndWait();
    expect(outcome.ok, outcome.text).toBe(true);
    const seen = await progress.seen();
    expect(seen.progressBar, 'a progress bar while the job ran').toBe(true);
    expect(seen.cancelButton, 'a Cancel button while the job ran').toBe(true);
    expect(seen.announcements.length, 'progress announced in the aria-live region').toBeGreaterThan(0);
    const log = wizard.main.getByRole('log');
    await log.getByText(/group "Exchange Group" \/create/).first().waitFor();
    expect(await wizard.checks.count()).toBeGreaterThan(0);
    expect(await wizard.failedChecks.count()).toBe(0);
    await wizard.waitForNavState('4.2.1', 'Verified');
    expect(await sourceGroups(preview.app)).toContain('Exchange Group');

    await expectAccessible('4.2.1 after apply');
    await mkdir(RESULTS_DIR, { recursive: true });
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'setup-4.2.1-verified.png'), fullPage: true });
  });

  it('still shows 4.2.1 verified, with its last plan and verification, after the server restarts on the same lab', async () => {
    await preview.close();
    await wizard.statusBar.getByText('Disconnected from the program').waitFor();
    preview = await startLabPreview(labFolder);
    await wizard.open(preview.server.url);
    await wizard.waitForNavState('4.2.1', 'Verified');
    await wizard.openStep('4.2.1');
    await wizard.main.getByRole('heading', { name: 'Last plan (as the program remembers it)' }).waitFor();
    await wizard.main.locator('[data-verification-ok="true"]').waitFor();
    // Planning again: the creation is already done, so Apply would change nothing.
    await wizard.plan();
    const create = wizard.plannedActions.filter({ hasText: /\/create/i });
    await create.getByText('In place').waitFor();
    expect(await create.getAttribute('data-needed')).toBe('false');
    await mkdir(RESULTS_DIR, { recursive: true });
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'setup-4.2.1-after-restart.png'), fullPage: true });
  });

  it('performs 4.2.2 from the keyboard alone: Enter on the step, Tab to Plan and Apply', async () => {
    await wizard.navItem('4.2.2').focus();
    await wizard.page.keyboard.press('Enter');
    await wizard.main.locator('article[data-step-id="4.2.2"]').waitFor();
    await wizard.main.getByText('Every step this one needs is verified or done by hand.').waitFor();
    await wizard.tabTo('Plan');
    await wizard.page.keyboard.press('Enter');
    await wizard.plannedActions.first().waitFor();
    await wizard.tabTo('Apply');
    await wizard.page.keyboard.press('Enter');
    await wizard.main.locator('[data-verification-ok="true"]').waitFor();
    await wizard.waitForNavState('4.2.2', 'Verified');
  });

  it('runs nothing when the pair document changed after the plan was shown: the new plan says what changed, and Apply applies it', async () => {
    const pairFile = join(labFolder, 'pair.json');
    // 4.2.1: the steps it needs hold for any document (the lab's backups), so only its own plan changes; a step
    // needing 4.2.1 would wait for it instead, since an edited document makes 4.2.1 need a recheck.
    await wizard.openStep('4.2.1');
    await wizard.plan();
    // Someone edits the pair document in a text editor while the plan is on screen.
    const document = JSON.parse(await readFile(pairFile, 'utf8')) as { source: { group: { description: string } } };
    document.source.group.description = 'Edited outside the wizard';
    await writeFile(pairFile, `${JSON.stringify(document, null, 2)}\n`);
    await wizard.button('Apply').click();
    const changed = wizard.main.getByTestId('plan-changed');
    await changed.getByText('The plan changed since you saw it: nothing was applied').waitFor();
    await changed.getByText('The pair document changed since the plan you saw was made.').waitFor();
    expect(await stepState(preview.app, '4.2.1')).toBe('needs-recheck');
    expect(await wizard.main.locator('[data-verification-ok]').count()).toBe(0);
    await expectAccessible('a step whose plan changed before Apply');
    await mkdir(RESULTS_DIR, { recursive: true });
    await wizard.page.screenshot({ path: join(RESULTS_DIR, 'setup-plan-changed.png'), fullPage: true });
    // The new plan is shown; Apply applies it.
    const outcome = await wizard.applyAndWait();
    expect(outcome.ok, outcome.text).toBe(true);
    expect(await changed.count()).toBe(0);
    await wizard.navItem('4.2.1').locator('[data-state="verified"]').waitFor();
  });

  it('marks 4.2.1 "recheck" once its field changes in the pair document, until it is applied and verified again', async () => {
    await wizard.openStep('4.2.1');
    await wizard.field('Source group description').fill('Exchange virtual server EXCHVS (production)');
    await wizard.button('Save').click();
    await wizard.main.getByTestId('pair-status').getByText(/^Saved at /).waitFor();
    await wizard.navItem('4.2.1').locator('[data-state="needs-recheck"]').getByText('Recheck (was verified)').waitFor();
    await wizard.main.getByTestId('step-stale').waitFor();
    await wizard.plan();
    // The value as cmd.exe reads it: its quotes and parentheses escaped with ^ (a line pasted into cmd.exe).
    const description = wizard.plannedActions.filter({ hasText: /\/prop Description=\^?"Exchange virtual server EXCHVS \^?\(production\^?\)\^?"/ });
    expect(await description.getAttribute('data-needed')).toBe('true');
    const outcome = await wizard.applyAndWait();
    expect(outcome.ok, outcome.text).toBe(true);
    await wizard.navItem('4.2.1').locator('[data-state="verified"]:not([data-stale])').waitFor();
    expect(await wizard.main.getByTestId('step-stale').count()).toBe(0);
  });

  it('saves the pair document as another file in the lab folder and works from it, asks before replacing one, refuses a broken file keeping the one open, and opens the lab file again', async () => {
    const labPair = join(labFolder, 'pair.json');
    const copy = join(labFolder, 'pair-copy.json');
    await mkdir(join(labFolder, 'elsewhere'));
    await wizard.openPair();
    const file = wizard.field('Another pair document file');
    // The preview works only on files in the lab folder: a subfolder (or anything outside) is refused.
    await file.fill(join(labFolder, 'elsewhere', 'pair-copy.json'));
    await wizard.button('Save as').click();
    await wizard.main.getByText(/^Another pair document file: ".*pair-copy\.json" is not in the lab folder/).waitFor();
    expect(await file.getAttribute('aria-invalid')).toBe('true');
    await file.fill('pair-copy.json');
    await wizard.button('Save as').click();
    await wizard.main.getByTestId('pair-path').getByText(copy, { exact: true }).waitFor();
    expect(await readFile(copy, 'utf8')).toBe(await readFile(labPair, 'utf8'));
    // The same document under another name: what was verified stays verified.
    await wizard.navItem('4.2.1').locator('[data-state="verified"]:not([data-stale])').waitFor();
    await file.fill('pair.json');
    await wizard.button('Save as').click();
    await wizard.main.getByTestId('pair-file-exists').getByText(/already exists; choose Replace/).waitFor();
    await expectAccessible('the pair document page asking before it replaces a file');
    await wizard.button('Keep it').click();
    await wizard.main.getByTestId('pair-file-exists').waitFor({ state: 'hidden' });

    // A file that is not a pair document is refused next to Open, without quoting it; the document open stays.
    await writeFile(join(labFolder, 'broken.json'), '{"format": "not-a-pair", "secret": "do-not-show-this"');
    await file.fill('broken.json');
    await wizard.button('Open').click();
    const refusal = wizard.main.getByText(/^Another pair document file: .*broken\.json/);
    await refusal.waitFor();
    expect(await refusal.innerText()).not.toContain('do-not-show-this');
    await wizard.main.getByTestId('pair-path').getByText(copy, { exact: true }).waitFor();
    expect(await wizard.field('Source cluster name').inputValue()).toBe('SRCCLUS');

    await file.fill('pair.json');
    await wizard.button('Open').click();
    await wizard.main.getByTestId('pair-path').getByText(labPair, { exact: true }).waitFor();
    expect(await wizard.field('Source cluster name').inputValue()).toBe('SRCCLUS');

    // New: a document to fill in, in a new file; its empty fields are counted calmly, each marked once it is left.
    const fresh = join(labFolder, 'pair-new.json');
    await file.fill('pair-new.json');
    await wizard.button('New').click();
    await wizard.main.getByTestId('pair-path').getByText(fresh, { exact: true }).waitFor();
    expect(await wizard.field('Source cluster name').inputValue()).toBe('');
    await wizard.main.getByTestId('pair-waiting').getByText(/^\d+ fields to fill/).waitFor();
    expect(await wizard.main.locator('[aria-invalid="true"]').count()).toBe(0);
    await wizard.field('Source cluster name').focus();
    await wizard.field('Source cluster name').blur();
    await wizard.main.locator('[data-path="source.cluster.name"]').getByText(/^Source cluster name: The name is empty/).waitFor();
    await file.fill('pair.json');
    await wizard.button('Open').click();
    await wizard.main.getByTestId('pair-path').getByText(labPair, { exact: true }).waitFor();
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
