import { readFile, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConnectionProfile } from '../../src-main/profile/connection-profile-file';
import { seriousViolations } from './helpers/axe';
import { launchChromium, type Browser } from './helpers/chromium';
import { freshLabFolder, startLabPreview, type LabPreview } from './helpers/preview';
import { WizardPage } from './helpers/wizard-page';

/**
 * A connection profile made in the wizard drives the command line too: in the lab preview, the Connections page's
 * form is filled, a bad value is refused next to its field, the profile is saved as a file in the lab folder and the
 * commands that use it are shown; the file is then read by the very function `exchange-ha --profile` reads it with.
 * Nothing is started on the saved profile (dc1.example.com must never be asked), so no packet leaves the machine.
 */

let labFolder: string;
let preview: LabPreview;
let browser: Browser;
let wizard: WizardPage;

beforeAll(async () => {
  labFolder = await realpath(await freshLabFolder());
  preview = await startLabPreview(labFolder);
  browser = await launchChromium();
  await browser.page.setViewportSize({ width: 1024, height: 700 });
  wizard = new WizardPage(browser.page);
  await wizard.open(preview.server.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  if (labFolder) await rm(labFolder, { recursive: true, force: true });
});

describe('the connection profile form (lab preview, 1024×700)', () => {
  it('makes a profile that the command line reads', async () => {
    const page = wizard.page;
    await page.getByRole('banner').getByRole('button', { name: 'Connections' }).click();
    const form = wizard.main.getByRole('form', { name: 'Connection profile' });
    await form.waitFor();
    const field = (label: string) => form.getByRole('textbox', { name: label, exact: true });

    // A bad URL is refused next to its field, naming it.
    await field('Directory URL').fill('http://dc1.example.com');
    const urlField = form.locator('[data-profile-field="directory.url"]');
    await expect.poll(() => urlField.textContent()).toContain('Directory URL: Give ldaps://HOST');

    await field('Name').fill('Production');
    await field('Directory URL').fill('ldaps://dc1.example.com');
    await field('Bind DN').fill('CN=Exchange HA,OU=Service Accounts,DC=example,DC=com');
    await field('cluster.exe').fill('C:\\Windows\\System32\\cluster.exe');
    await field('dtcl.exe').fill('C:\\Program Files\\NSI Software\\Double-Take\\dtcl.exe');
    await field('Double-Take user').fill('EXAMPLE\\dtadmin');
    await expect.poll(() => urlField.textContent()).not.toContain('Give ldaps://HOST');
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard: the file name field, then Save.
    await form.getByRole('textbox', { name: 'Profile file name (in the lab folder)' }).fill('production-profile.json');
    await form.getByRole('textbox', { name: 'Profile file name (in the lab folder)' }).press('Enter');
    const saved = wizard.main.getByTestId('profile-saved');
    await saved.waitFor();
    const file = join(labFolder, 'production-profile.json');
    const pair = join(labFolder, 'pair.json');
    const commands = await saved.getByTestId('profile-command').allTextContents();
    expect(commands).toEqual([`exchange-ha check --pair ${pair} --profile ${file}`, `npm start -- --pair ${pair} --profile ${file}`]);
    expect(await saved.textContent()).toContain('uses a changed profile at its next start');
    expect(await seriousViolations(page)).toEqual([]);

    // The file is what `exchange-ha check --profile` reads (the same reader); no secret in it.
    const profile = await readConnectionProfile(file);
    expect(profile).toMatchObject({
      name: 'Production',
      directory: { url: 'ldaps://dc1.example.com', bindDn: 'CN=Exchange HA,OU=Service Accounts,DC=example,DC=com' },
      tools: { clusterExe: 'C:\\Windows\\System32\\cluster.exe', dtclExe: 'C:\\Program Files\\NSI Software\\Double-Take\\dtcl.exe' },
      doubleTake: { user: 'EXAMPLE\\dtadmin' },
    });
    expect(await readFile(file, 'utf8')).not.toMatch(/"(bind|dt)?password"/i);

    // Saving again asks before replacing the file.
    await form.getByRole('button', { name: 'Save the profile' }).click();
    await wizard.main.getByRole('button', { name: 'Replace' }).click();
    await expect.poll(async () => (await readConnectionProfile(file)).name).toBe('Production');
  });
});
