import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe';
import { launchChromium, type Browser } from './helpers/chromium';
import { RESULTS_DIR, freshLabFolder, startLabPreview, type LabPreview } from './helpers/preview';
import { WizardPage } from './helpers/wizard-page';

/**
 * The pair document page of the lab preview at 1024×700: the monitor's timing, probe and second path and the
 * failover and failback options are fields like the others — a bad value is refused under its own field and Save
 * writes nothing; good values are saved to the lab's pair.json.
 */

let labFolder: string;
let preview: LabPreview;
let browser: Browser;
let wizard: WizardPage;

const pairFile = (): string => join(labFolder, 'pair.json');
const saved = async (): Promise<{ monitor: Record<string, unknown>; incident: Record<string, unknown> }> =>
  JSON.parse(await readFile(pairFile(), 'utf8')) as { monitor: Record<string, unknown>; incident: Record<string, unknown> };

beforeAll(async () => {
  labFolder = await freshLabFolder();
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

describe('the monitor’s timing and the failover options on the pair document page', () => {
  it('refuses a bad monitor interval under its field, writes nothing, then saves a good one', async () => {
    await wizard.openPair();
    const interval = wizard.main.getByRole('spinbutton', { name: 'Monitor interval (seconds)' });
    expect(await interval.inputValue()).toBe('2');
    const timeToFail = wizard.main.getByTestId('time-to-fail');
    await timeToFail.getByText(/: 6 s here, 25 s with the defaults/).waitFor();

    const before = await readFile(pairFile());
    await interval.fill('0');
    await interval.blur();
    const message = wizard.main.locator('[data-path="monitor.intervalSeconds"]').getByText('Monitor interval: The monitor interval is at least 1 second.');
    await message.waitFor();
    expect(await interval.getAttribute('aria-invalid')).toBe('true');
    expect((await interval.getAttribute('aria-describedby')) ?? '').toContain((await message.getAttribute('id')) ?? '(no id)');
    await wizard.button('Save').click();
    await wizard.main.getByTestId('pair-refused').getByRole('link', { name: 'Monitor interval' }).waitFor();
    expect(await readFile(pairFile())).toEqual(before);
    expect(await seriousViolations(wizard.page), 'the pair page with a refused interval').toEqual([]);

    await interval.fill('4');
    await message.waitFor({ state: 'detached' });
    await timeToFail.getByText(/: 12 s here/).waitFor();
    await wizard.button('Save').click();
    await wizard.main.getByTestId('pair-status').getByText(/^Saved at /).waitFor();
    expect((await saved()).monitor.intervalSeconds).toBe(4);
  });

  it('asks for the port of a TCP probe under its own field, and saves the probe and the failover options', async () => {
    await wizard.openPair();
    const probe = wizard.main.getByRole('combobox', { name: 'Probe' });
    await probe.selectOption('tcp');
    const port = wizard.main.getByRole('spinbutton', { name: 'Probe TCP port' });
    await port.waitFor();
    await wizard.button('Save').click();
    await wizard.main.locator('[data-path="monitor.probe.port"]').getByText('Probe TCP port: Give a TCP port number.').waitFor();
    expect((await saved()).monitor.probe).toEqual({ kind: 'icmp' });
    await port.fill('25');

    await wizard.button('Add ExchFailover rule').click();
    const rule = wizard.field('ExchFailover rule 1');
    await expect.poll(() => rule.evaluate((e) => e === (e.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    await rule.fill('Indy, Sales:Indy_Bkup, Sales');
    await wizard.main.getByRole('checkbox', { name: 'Leave the Recipient Update Service alone (-norus)' }).check();
    await wizard.main.getByRole('spinbutton', { name: 'Guard period after a failback (minutes)' }).fill('');
    await wizard.button('Save').click();
    await wizard.main.getByTestId('pair-status').getByText(/^Saved at /).waitFor();
    await expect.poll(async () => (await saved()).monitor.probe).toEqual({ kind: 'tcp', port: 25 });
    // Emptied, the guard period takes its default (60 minutes).
    expect((await saved()).incident).toMatchObject({ rules: ['Indy, Sales:Indy_Bkup, Sales'], noRus: true, noSpn: false, guardMinutes: 60, failbackAddress: '10.0.0.10' });
    expect(await seriousViolations(wizard.page), 'the pair page with a TCP probe and a rule').toEqual([]);
    await mkdir(RESULTS_DIR, { recursive: true });
    await wizard.main.locator('section[data-group="monitor"]').screenshot({ path: join(RESULTS_DIR, 'pair-monitor-fields.png') });
    await wizard.main.locator('section[data-group="incident"]').screenshot({ path: join(RESULTS_DIR, 'pair-incident-fields.png') });
  });
});
