/**
 * The desktop program on a real pair, end to end through the wizard in Chromium: the app is composed for the REAL
 * world (createApp with a connection profile) — cluster.exe and dtcl.exe are the real adapters spawning the
 * emulators, the nodes' files are reached through the profile's folder template, and the directory is a real slapd
 * over ldaps:// with its own CA. The test types the passwords as an administrator would, runs "Check connections"
 * with every system failing in turn, then applies a step that changes a production cluster, which asks first.
 */
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app/app';
import { createApp } from '../../src-main/app/create-app';
import { realWorldFiles } from '../../src-main/app/world-files';
import { openLab } from '../../src-main/lab/lab';
import { readConnectionProfile } from '../../src-main/profile/connection-profile-file';
import { seriousViolations } from './helpers/axe';
import { launchChromium, type Browser } from './helpers/chromium';
import { startLabPreview, type LabPreview } from './helpers/preview';
import { PROFILE_NAME, seedRealPair, setWorldPower, type RealPair } from './helpers/real-preview';
import { WizardPage } from './helpers/wizard-page';

let pair: RealPair;
let preview: LabPreview;
let browser: Browser;
let wizard: WizardPage;

/** The Double-Take folder of a node, as the emulators keep its C: drive. */
const doubleTakeFolder = (node: string) => join(pair.world, 'nodes', node, 'C', 'Program Files', 'DoubleTake');

/** The groups the source cluster holds, read from the emulators' world (not through the UI under test). */
async function sourceGroups(): Promise<string[]> {
  const lab = await openLab(pair.world);
  try {
    return (await lab.source.groups()).map((g) => g.name);
  } finally {
    await lab.close();
  }
}

async function stepState(app: App, stepId: string): Promise<string> {
  const reply = await app.dispatcher.dispatch({ channel: 'step.get', payload: { stepId } }, () => undefined);
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.value as { summary: { state: string } }).summary.state;
}

async function openConnections(): Promise<void> {
  await wizard.page.getByRole('banner').getByRole('button', { name: 'Connections' }).click();
  await wizard.main.locator('article[data-page="connections"]').waitFor();
}

/** Types a password into its field and sends it (the field empties at once). */
async function enterPassword(label: string, password: string): Promise<void> {
  const form = wizard.main.locator('section[data-credential]').filter({ hasText: label });
  await form.getByLabel(`${label} password`).fill(password);
  await form.getByRole('button', { name: /^(Use this password|Replace the password)$/ }).click();
  // Emptied at once, then the program says it holds one (never which).
  expect(await form.getByLabel(`${label} password`).inputValue()).toBe('');
  await wizard.main.locator('section[data-credential][data-state="entered"]').filter({ hasText: label }).waitFor();
}

/** Runs "Check connections" and returns each check's id → result, and the report's verdict. */
async function checkConnections(): Promise<{ passed: boolean; results: Map<string, string> }> {
  const before = await wizard.main.getByTestId('preflight-report').count();
  await wizard.button('Check connections').click();
  if (before > 0) await wizard.main.getByTestId('preflight-report').waitFor({ state: 'detached' }).catch(() => undefined);
  const report = wizard.main.getByTestId('preflight-report');
  await report.waitFor({ timeout: 120_000 });
  const items = report.locator('li[data-check-id]');
  const results = new Map<string, string>();
  for (const item of await items.all()) results.set((await item.getAttribute('data-check-id')) ?? '', (await item.getAttribute('data-result')) ?? '');
  return { passed: (await report.getAttribute('data-passed')) === 'true', results };
}

/** A failed check's "what failed" and "what to do", as shown. */
async function failureOf(checkId: string): Promise<{ what: string; next: string }> {
  const item = wizard.main.locator(`li[data-check-id="${checkId}"]`);
  return { what: await item.getByTestId('check-what').innerText(), next: await item.getByTestId('check-next').innerText() };
}

const failedOf = (results: Map<string, string>) => [...results].filter(([, result]) => result === 'failed').map(([id]) => id);

beforeAll(async () => {
  pair = await seedRealPair();
  const profile = await readConnectionProfile(pair.profileFile);
  preview = await startLabPreview(pair.root, (options) =>
    createApp({
      ...options,
      pairFile: pair.pairFile,
      real: { profile, profileFile: pair.profileFile },
      // The emulators find their world through these; nothing else of the environment changes.
      childEnv: { ...process.env, ...pair.emulatorEnv },
    }),
  );
  browser = await launchChromium();
  wizard = new WizardPage(browser.page);
  try {
    await wizard.open(preview.server.url);
  } catch (e) {
    throw new Error(`The wizard did not open: ${await browser.page.locator('body').innerText()}`, { cause: e });
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await pair?.close();
});

describe('the wizard on a real pair (real cluster.exe and dtcl.exe adapters on the emulators, slapd over ldaps)', () => {
  it('names the environment in the status bar and the title, in a look distinct from the lab', async () => {
    const environment = wizard.statusBar.getByTestId('status-environment');
    await environment.waitFor();
    expect(await environment.getAttribute('data-environment')).toBe('real');
    expect(await environment.innerText()).toContain(`${PROFILE_NAME} — SRCCLUS → TGTCLUS`);
    await expect.poll(() => wizard.page.title()).toContain(`${PROFILE_NAME} — SRCCLUS → TGTCLUS`);
    // A real pair confirms nothing by rule: the backups step waits for the administrator.
    await wizard.waitForNavState('3', 'Not started');
  });

  it('shows the profile read-only and which passwords are needed, never a password', async () => {
    await openConnections();
    const profile = wizard.main.getByTestId('profile');
    await profile.getByText(pair.slapd.ldapsUrl ?? 'ldaps://').waitFor();
    expect(await profile.innerText()).toContain(pair.slapd.bindDn);
    await wizard.main.locator('section[data-credential="directory"][data-state="missing"]').waitFor();
    await wizard.main.locator('section[data-credential="doubleTake"][data-state="missing"]').waitFor();
    expect(await seriousViolations(wizard.page)).toEqual([]);
  });

  it('without passwords, the checks that need one fail saying which password to enter; the others pass', async () => {
    const { passed, results } = await checkConnections();
    expect(passed).toBe(false);
    expect(results.get('directory.connect')).toBe('ok');
    expect(results.get('directory.certificate')).toBe('ok');
    expect(results.get('directory.bind')).toBe('failed');
    expect(results.get('cluster.reach.SRCCLUS')).toBe('ok');
    expect(results.get('cluster.nodes.TGTCLUS')).toBe('ok');
    expect(results.get('doubletake.login.SRC1')).toBe('failed');
    expect(results.get('node-files.online-dtcl.TGT2')).toBe('ok');
    expect((await failureOf('directory.bind')).what.toLowerCase()).toContain('password');
  });

  it('with the passwords typed in, every check passes, each with the exact command and no password in it', async () => {
    await enterPassword('Directory bind password', pair.directoryPassword);
    await enterPassword('Double-Take password', pair.doubleTakePassword);
    const { passed, results } = await checkConnections();
    expect(failedOf(results)).toEqual([]);
    expect(passed).toBe(true);
    const systems = new Set([...results.keys()].map((id) => id.split('.')[0]));
    expect(systems).toEqual(new Set(['directory', 'cluster', 'doubletake', 'node-files']));
    const text = await wizard.main.innerText();
    expect(text).not.toContain(pair.directoryPassword);
    expect(text).not.toContain(pair.doubleTakePassword);
    expect(text).toContain('********');
  });

  it('the directory failing: a wrong bind password fails the bind, says where and what to do, and skips what needs it', async () => {
    await enterPassword('Directory bind password', 'not-the-password-1');
    const { results } = await checkConnections();
    expect(failedOf(results)).toEqual(['directory.bind']);
    expect(results.get('directory.organisation')).toBe('skipped');
    const failure = await failureOf('directory.bind');
    expect(failure.next.length).toBeGreaterThan(10);
    await enterPassword('Directory bind password', pair.directoryPassword);
  });

  it('a cluster failing: with the source cluster powered off, cluster.exe cannot reach it', async () => {
    await setWorldPower(pair, 'SRCCLUS', false);
    try {
      const { results } = await checkConnections();
      expect(results.get('cluster.reach.SRCCLUS')).toBe('failed');
      expect(results.get('cluster.reach.TGTCLUS')).toBe('ok');
      expect((await failureOf('cluster.reach.SRCCLUS')).what).toMatch(/SRCCLUS|RPC|reach/i);
    } finally {
      await setWorldPower(pair, 'SRCCLUS', true);
    }
  });

  it('Double-Take failing: a wrong Double-Take password fails the login on every node', async () => {
    await enterPassword('Double-Take password', 'not-the-password-2');
    const { results } = await checkConnections();
    const failed = failedOf(results);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((id) => id.startsWith('doubletake.login.'))).toBe(true);
    expect(failed).toContain('doubletake.login.SRC1');
    await enterPassword('Double-Take password', pair.doubleTakePassword);
  });

  it("a node's files failing: without TGT1's online.dtcl the check names the node and the file", async () => {
    const folder = doubleTakeFolder('TGT1');
    await rename(join(folder, 'online.dtcl'), join(folder, 'online.dtcl.moved'));
    try {
      const { results } = await checkConnections();
      expect(failedOf(results)).toEqual(['node-files.online-dtcl.TGT1']);
      expect((await failureOf('node-files.online-dtcl.TGT1')).what).toContain('online.dtcl');
    } finally {
      await rename(join(folder, 'online.dtcl.moved'), join(folder, 'online.dtcl'));
    }
    expect((await checkConnections()).passed).toBe(true);
  });

  it('applies a step that changes a production cluster only after naming the change and asking; Cancel sends nothing', async () => {
    await wizard.openStep('3');
    await wizard.main.getByRole('textbox', { name: 'Note' }).fill('Full backups of every node and the directory, tapes 41-42.');
    await wizard.button('Confirm').click();
    await wizard.waitForNavState('3', 'Done by hand');

    await wizard.openStep('4.1');
    await wizard.plan();
    const recorded = await wizard.applyAndWait();
    expect(recorded.ok, recorded.text).toBe(true);

    await wizard.openStep('4.2.1');
    await wizard.plan();
    expect(await sourceGroups()).not.toContain('Exchange Group');
    await wizard.button('Apply').click();
    const dialog = wizard.page.getByTestId('confirm-apply');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('SRCCLUS');
    expect(await dialog.locator('li[data-target="SRCCLUS"][data-tool="cluster"]').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await sourceGroups()).not.toContain('Exchange Group');
    expect(await stepState(preview.app, '4.2.1')).toBe('planned');

    await wizard.button('Apply').click();
    await dialog.getByRole('button', { name: 'Apply these changes' }).click();
    const outcome = wizard.main.locator('[data-verification-ok], [data-error-code]').first();
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.getAttribute('data-verification-ok'), await wizard.main.innerText()).toBe('true');
    expect(await sourceGroups()).toContain('Exchange Group');
    expect(await stepState(preview.app, '4.2.1')).toBe('verified');
    // The page plans again after Apply (through cluster.exe): it shows the current truth, nothing left to change.
    await wizard.main.getByTestId('plan-summary').filter({ hasText: /in place: nothing is left to change/ }).waitFor({ timeout: 60_000 });
  });

  it('journals what it sent beside the pair document, without a password', async () => {
    const journal = await readFile(realWorldFiles(pair.pairFile).journal, 'utf8');
    const commands = journal
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { command?: string; outcome?: string }));
    expect(commands).toContainEqual(expect.objectContaining({ command: 'cluster SRCCLUS group "Exchange Group" /create', outcome: 'sending' }));
    expect(commands).toContainEqual(expect.objectContaining({ command: 'cluster SRCCLUS group "Exchange Group" /create', outcome: 'applied' }));
    expect(journal).not.toContain(pair.directoryPassword);
    expect(journal).not.toContain(pair.doubleTakePassword);
  });
});
