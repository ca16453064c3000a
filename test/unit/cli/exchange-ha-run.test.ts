/**
 * `exchange-ha` in process: lab init, and the setup commands' flow (order, stops, confirmations, exit codes, where
 * progress and journal go, secrets) with steps of the test's own that keep their state in memory, over a real lab
 * folder or the real tools' composition (whose tools these steps never call). The guide's own steps run in
 * test/integration/cli/exchange-ha-cli.test.ts.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIND_PASSWORD_ENV, DT_PASSWORD_ENV } from '../../../src-main/cli/exchange-ha/arguments';
import type { PlanFile } from '../../../src-main/cli/exchange-ha/plan-file';
import { childEnvironment } from '../../../src-main/cli/exchange-ha/profile-passwords';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { writePairDocument } from '../../../src-main/pair/pair-document-file';
import { planDigest } from '../../../src-main/setup/plan-digest';
import type { SetupStep } from '../../../src-main/setup/setup-step';
import { STEP_CATALOGUE } from '../../../src-main/setup/step-catalogue';
import { backupsConfirmed } from '../../../src-main/setup/steps/backups-confirmed';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'exchange-ha-run-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Fake {
  readonly steps: ReadonlyMap<string, SetupStep>;
  /** The steps whose change ran, in order. */
  readonly applied: string[];
  /** The steps whose change is in place (a test adds one to change the world behind the program's back). */
  readonly done: Set<string>;
}

/**
 * Every automated step of the catalogue as one change kept in memory; `failing` refuses, `drifting` never verifies,
 * `restless` plans differently every time (a warning counts the plans).
 */
function fakeSteps(options: { failing?: string; drifting?: string; restless?: string } = {}): Fake {
  const done = new Set<string>();
  let plans = 0;
  const applied: string[] = [];
  const steps = new Map<string, SetupStep>([['3', backupsConfirmed]]);
  for (const entry of STEP_CATALOGUE.filter((e) => e.kind === 'automated')) {
    steps.set(entry.id, {
      id: entry.id,
      async plan() {
        return {
          actions: [
            {
              tool: 'cluster',
              target: 'SRCCLUS',
              command: `cluster SRCCLUS resource "R${entry.id}" /create`,
              description: `Make R${entry.id}`,
              needed: !done.has(entry.id),
              async run() {
                if (options.failing === entry.id) throw new Error(`R${entry.id} is refused by the test cluster`);
                done.add(entry.id);
                applied.push(entry.id);
              },
            },
          ],
          warnings: options.restless === entry.id ? [`planned ${(plans += 1)} times`] : [],
          findings: [`R${entry.id} found`],
        };
      },
      async verify({ confirmation }) {
        const checks = [{ what: `R${entry.id} is there`, ok: done.has(entry.id) && options.drifting !== entry.id, detail: 'read now' }];
        // Step 6's part done by hand, as the real step checks it.
        if (entry.handwork !== undefined) checks.push({ what: 'The monitor is confirmed', ok: confirmation(entry.id)?.subject === 'the monitor', detail: 'confirm it' });
        return checks;
      },
      ...(entry.handwork !== undefined ? { handwork: () => ({ what: 'The monitor is confirmed', subject: 'the monitor' }) } : {}),
    });
  }
  return { steps, applied, done };
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: readonly string[], fake: Fake, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runExchangeHa({
    argv,
    env,
    cwd: work,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    now: () => new Date('2026-03-01T10:00:00Z'),
    signal: new AbortController().signal,
    steps: () => fake.steps,
  });
  return { code, stdout, stderr };
}

const AUTOMATED = STEP_CATALOGUE.filter((e) => e.kind === 'automated').map((e) => e.id);

describe('lab init', () => {
  it('makes the lab and its pair document; a second init is refused naming the file, nothing written', async () => {
    const fake = fakeSteps();
    const first = await run(['lab', 'init', 'lab'], fake);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const file of ['clusters.json', 'doubletake.json', 'directory.ldif', 'pair.json']) expect(existsSync(join(work, 'lab', file))).toBe(true);
    expect(JSON.parse(await readFile(join(work, 'lab', 'pair.json'), 'utf8'))).toEqual(labPairDocument());
    const clusters = await readFile(join(work, 'lab', 'clusters.json'));

    const again = await run(['lab', 'init', 'lab'], fake);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`already holds a lab (${join(work, 'lab', 'clusters.json')}`);
    expect(await readFile(join(work, 'lab', 'clusters.json'))).toEqual(clusters);
  });

  it('a folder holding only a pair document is refused too, and left without a lab', async () => {
    await writePairDocument(join(work, 'pair.json'), labPairDocument());
    const refused = await run(['lab', 'init', '.'], fakeSteps());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(join(work, 'pair.json'));
    expect(await readdir(work)).toEqual(['pair.json']);
  });
});

describe('setup on a lab folder', () => {
  beforeEach(async () => {
    expect((await run(['lab', 'init', 'lab'], fakeSteps())).code).toBe(0);
  });

  it('apply runs every step in the guide order, then a second apply changes nothing and journals it', async () => {
    const fake = fakeSteps();
    const first = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--confirm', '6=Entered on TGT1 and TGT2'], fake);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(fake.applied).toEqual(AUTOMATED);
    // Each step's plan is printed before it is applied, then each change as it runs.
    expect(first.stdout).toContain(
      '4.2.2  Create the Exchange IP Address resource\n' +
        '  [needed]   SRCCLUS: Make R4.2.2\n' +
        '      cluster SRCCLUS resource "R4.2.2" /create\n' +
        '  Finding: R4.2.2 found\n' +
        '  > Make R4.2.2 [0%]\n' +
        '    SRCCLUS: cluster SRCCLUS resource "R4.2.2" /create\n',
    );
    expect(first.stdout).toContain(`Every step (${STEP_CATALOGUE.length}) is applied and verified.`);

    const second = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab'], fake);
    expect(second.code).toBe(0);
    expect(fake.applied).toEqual(AUTOMATED);
    const journal = (await readFile(join(work, 'lab', 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; stepId: string });
    expect(journal.filter((e) => e.outcome === 'confirmed').map((e) => e.stepId)).toEqual(['6']);
    expect(journal.filter((e) => e.outcome === 'applied').map((e) => e.stepId)).toEqual(AUTOMATED);
    expect(journal.filter((e) => e.outcome === 'nothing-to-do').map((e) => e.stepId)).toEqual(AUTOMATED);
    expect(existsSync(join(work, 'lab', 'progress.json'))).toBe(true);
  });

  it('step 6 stops the run until its monitor is confirmed; --confirm 6 confirms it without marking the step done by hand', async () => {
    const fake = fakeSteps();
    const unconfirmed = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab'], fake);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('Stopped at step 6 (Bring the source group online and begin monitoring): verification found a difference: The monitor is confirmed (confirm it)');
    expect(fake.applied).toEqual(AUTOMATED);

    const confirmed = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--step', '6', '--confirm', '6=Entered on TGT1 and TGT2'], fake);
    expect(confirmed.stderr).toBe('');
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toContain('Step 6: confirmed by hand (the Failover Control Center monitor entered on each target node): Entered on TGT1 and TGT2\n');
    const progress = JSON.parse(await readFile(join(work, 'lab', 'progress.json'), 'utf8')) as { steps: Record<string, { state: string; note?: string; handwork?: { note: string } }> };
    expect(progress.steps['6']).toMatchObject({ state: 'verified', handwork: { note: 'Entered on TGT1 and TGT2' } });
    expect(progress.steps['6']?.note).toBeUndefined();
  });

  it('plan --out saves the plans of the steps that can be applied now; apply --plan applies exactly them; planning again goes on', async () => {
    const fake = fakeSteps();
    const planFile = join(work, 'plan.json');
    const planned = await run(['setup', 'plan', '--pair', 'lab/pair.json', '--lab', 'lab', '--out', 'plan.json'], fake);
    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(0);
    const READY = ['3', '4.1', '4.2.1', '4.3', '5.2', '5.3'];
    const WAITING = ['4.2.2', '4.2.3', '4.2.4', '4.2.5', '4.4', '4.5', '5.1', '6'];
    expect(planned.stdout).toContain(`${planFile} holds the plans of 6 steps: ${READY.join(', ')}; apply exactly them with: setup apply --plan ${planFile}\n`);
    expect(planned.stdout).toContain(`8 steps wait for others (${WAITING.join(', ')}): plan again with --out once those are applied.\n`);
    expect(planned.stdout).toContain(`  Not in ${planFile}: it waits for 4.2.1; plan it again once that is applied.\n`);
    const file = JSON.parse(await readFile(planFile, 'utf8')) as PlanFile;
    expect(file).toMatchObject({ format: 'exchange-ha setup plan', version: 1, madeAt: '2026-03-01T10:00:00.000Z', pair: { file: join(work, 'lab', 'pair.json') }, where: `the lab in ${join(work, 'lab')}` });
    expect(file.steps.map((step) => step.id)).toEqual(READY);
    expect(file.steps.every((step) => step.plan.digest === planDigest(step.plan) && step.plan.pairDigest === file.pair.digest)).toBe(true);
    expect(file.waiting.map((step) => step.id)).toEqual(WAITING);
    expect(file.waiting.find((step) => step.id === '6')?.waitsFor).toEqual(['4.2.5', '4.5', '5.2', '5.3']);
    expect(fake.applied).toEqual([]);

    const applied = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--plan', 'plan.json'], fake);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(fake.applied).toEqual(['4.1', '4.2.1', '4.3', '5.2', '5.3']);
    expect(applied.stdout).toContain(`Applying the plans of ${planFile}, made at 2026-03-01T10:00:00.000Z on the lab in ${join(work, 'lab')} from ${join(work, 'lab', 'pair.json')}.`);
    expect(applied.stdout).toContain('4.3  Install and configure Double-Take on the source nodes\n  [needed]   SRCCLUS: Make R4.3\n');
    expect(applied.stdout).toContain(`Every step of ${planFile} (6) is applied and verified.\n8 steps were not in it, waiting for these (${WAITING.join(', ')}): plan again with --out and apply the new file.\n`);

    // Plan and apply again until every step is done: each round holds what the last one made ready.
    for (let round = 0; round < 6 && fake.applied.length < AUTOMATED.length; round += 1) {
      expect((await run(['setup', 'plan', '--pair', 'lab/pair.json', '--lab', 'lab', '--out', 'plan.json'], fake)).code).toBe(0);
      const next = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--plan', 'plan.json', '--confirm', '6=Entered on TGT1 and TGT2'], fake);
      expect(next.stderr).toBe('');
      expect(next.code).toBe(0);
    }
    expect([...fake.applied].sort()).toEqual([...AUTOMATED].sort());
    expect((await run(['setup', 'verify', '--pair', 'lab/pair.json', '--lab', 'lab'], fake)).code).toBe(0);
  }, 60_000);

  it('apply --plan stops at the first step whose plan changed (exit 3), naming it and what changed; nothing of it runs', async () => {
    const fake = fakeSteps();
    const planFile = join(work, 'plan.json');
    expect((await run(['setup', 'plan', '--pair', 'lab/pair.json', '--lab', 'lab', '--out', planFile], fake)).code).toBe(0);
    // 4.3's change is made by hand meanwhile: its plan now finds it in place.
    fake.done.add('4.3');
    const refused = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--plan', planFile], fake);
    expect(refused.code).toBe(3);
    expect(fake.applied).toEqual(['4.1', '4.2.1']);
    expect(refused.stderr).toBe(
      `Stopped at step 4.3 (Install and configure Double-Take on the source nodes): its plan changed since ${planFile} was made; nothing of step 4.3 was run. What changed:\n` +
        '  Now in place: [in place] SRCCLUS: Make R4.3\n' +
        '      cluster SRCCLUS resource "R4.3" /create\n' +
        'The steps before it are applied and verified. Plan again (setup plan --out FILE), read the new plans, then apply that file.\n',
    );
    expect(refused.stdout).toContain('The plan of step 4.3 now:\n4.3  Install and configure Double-Take on the source nodes\n  [in place] SRCCLUS: Make R4.3\n');

    // The pair document changed since the file was made: the first step to run says so.
    expect((await run(['setup', 'plan', '--pair', 'lab/pair.json', '--lab', 'lab', '--out', planFile], fake)).code).toBe(0);
    const document = labPairDocument();
    document.source.group.description = 'Changed after the plan file was made';
    await writePairDocument(join(work, 'lab', 'pair.json'), document);
    const changedPair = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--plan', planFile], fake);
    expect(changedPair.code).toBe(3);
    expect(changedPair.stderr).toContain('Stopped at step 4.1 (Install Exchange and record its configuration): its plan changed since');
    expect(changedPair.stderr).toContain('  The pair document changed since the plan was made.\n');
    expect(fake.applied).toEqual(['4.1', '4.2.1']);
  });

  it('apply without --plan applies the plan it printed, or nothing of the step when it changed meanwhile (exit 3)', async () => {
    const fake = fakeSteps({ restless: '4.2.1' });
    const result = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab'], fake);
    expect(result.code).toBe(3);
    expect(fake.applied).toEqual(['4.1']);
    expect(result.stderr).toContain(
      'Stopped at step 4.2.1 (Create the Exchange group): its plan changed since it was printed above; nothing of step 4.2.1 was run. What changed:\n' +
        '  New warning: planned 2 times\n' +
        '  Warning gone: planned 1 times\n' +
        'The steps before it are applied and verified. Read the plan now (above) and run setup apply again to apply it.\n',
    );
  });

  it('a plan file that is not one, or was edited after it was made, is refused (exit 2) before anything is opened', async () => {
    const fake = fakeSteps();
    const planFile = join(work, 'plan.json');
    expect((await run(['setup', 'plan', '--pair', 'lab/pair.json', '--lab', 'lab', '--out', planFile], fake)).code).toBe(0);
    const file = JSON.parse(await readFile(planFile, 'utf8')) as PlanFile;
    const edited = structuredClone(file);
    const action = edited.steps[1]?.plan.actions[0];
    if (action === undefined) throw new Error('no action');
    action.command = 'cluster SRCCLUS resource "Something else" /delete';
    const cases: [string, string][] = [
      [JSON.stringify(edited), 'the plan of step 4.1 is not the plan its digest names (the file was edited after it was made); make a new one with setup plan --out'],
      [JSON.stringify({ ...file, version: 2 }), `is not a plan file of this program (exchange-ha setup plan, version 1): version: `],
      [JSON.stringify({ ...file, steps: [...file.steps].reverse() }), 'is out of the guide\'s order or given twice'],
      ['{ not json', 'is not JSON'],
    ];
    const lab = await readdir(join(work, 'lab'));
    for (const [text, message] of cases) {
      await writeFile(planFile, text);
      const refused = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--plan', planFile], fake);
      expect(refused.code, text).toBe(2);
      expect(refused.stderr).toContain(message);
      expect(refused.stdout).toBe('');
    }
    const missing = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--plan', 'none.json'], fake);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read the plan file ${join(work, 'none.json')} (--plan): no such file (ENOENT)`);
    expect(fake.applied).toEqual([]);
    expect(await readdir(join(work, 'lab'))).toEqual(lab);
  });

  it('plan --out writes no file when nothing can be applied now or a step cannot be planned', async () => {
    const fake = fakeSteps();
    const waiting = await run(['setup', 'plan', '--pair', 'lab/pair.json', '--lab', 'lab', '--step', '4.2.2', '--out', 'plan.json'], fake);
    expect(waiting.code).toBe(1);
    expect(waiting.stderr).toContain(`${join(work, 'plan.json')} was not written: no step can be applied now.`);
    expect(existsSync(join(work, 'plan.json'))).toBe(false);
  });

  it('stops at the first step that fails (exit 1), naming it and why; later steps are not run', async () => {
    const fake = fakeSteps({ failing: '4.2.3' });
    const result = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab'], fake);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Stopped at step 4.2.3 (Create the Exchange Network Name resource): R4.2.3 is refused by the test cluster');
    expect(fake.applied).toEqual(['4.1', '4.2.1', '4.2.2']);
  });

  it('a step that does not verify stops the run with the failed check', async () => {
    const fake = fakeSteps({ drifting: '4.2.1' });
    const result = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab'], fake);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Stopped at step 4.2.1 (Create the Exchange group): verification found a difference: R4.2.1 is there (read now)');
  });

  it('--step applies one step; its prerequisites must be settled first', async () => {
    const fake = fakeSteps();
    const early = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--step', '4.2.2'], fake);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('Stopped at step 4.2.2');
    expect(early.stderr).toContain('needs step 4.2.1');
    expect((await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--step', '4.2.1'], fake)).code).toBe(0);
    expect(fake.applied).toEqual(['4.2.1']);
  });

  it('verify exits 0 only when every step verifies; --json prints one object', async () => {
    const fake = fakeSteps();
    const before = await run(['setup', 'verify', '--pair', 'lab/pair.json', '--lab', 'lab'], fake);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('  ok    The backups of every node and of Active Directory are confirmed');
    expect(before.stdout).toContain('  FAIL  R4.1 is there: read now');
    expect(before.stderr).toContain(`${AUTOMATED.length} of ${STEP_CATALOGUE.length} steps do not verify`);
    await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab', '--confirm', '6=Entered on TGT1 and TGT2'], fake);
    const after = await run(['setup', 'verify', '--pair', 'lab/pair.json', '--lab', 'lab', '--json'], fake);
    expect(after.code).toBe(0);
    const report = JSON.parse(after.stdout) as { ok: boolean; steps: { id: string; ok: boolean }[] };
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.id)).toEqual(STEP_CATALOGUE.map((e) => e.id));
  });

  it('plan prints each step with its marker and changes nothing; --json has the needed count', async () => {
    const fake = fakeSteps();
    const text = await run(['setup', 'plan', '--pair', 'lab/pair.json', '--lab', 'lab', '--step', '4.2.5'], fake);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      '4.2.5  Create the Exchange System Attendant resource\n  [needed]   SRCCLUS: Make R4.2.5\n      cluster SRCCLUS resource "R4.2.5" /create\n  Finding: R4.2.5 found\n',
    );
    expect(fake.applied).toEqual([]);
    const json = await run(['setup', 'plan', '--pair', 'lab/pair.json', '--lab', 'lab', '--json'], fake);
    const parsed = JSON.parse(json.stdout) as { needed: number; steps: { id: string }[] };
    expect(parsed.needed).toBe(AUTOMATED.length);
    expect(parsed.steps).toHaveLength(STEP_CATALOGUE.length);
  });

  it('an invalid pair document is refused (exit 2) with every problem and its field; nothing is opened or changed', async () => {
    const document = labPairDocument();
    const broken = { ...document, source: { ...document.source, ipAddress: { ...document.source.ipAddress, subnetMask: '255.0.255.0' } } };
    await writeFile(join(work, 'lab', 'pair.json'), JSON.stringify(broken));
    const before = await readdir(join(work, 'lab'));
    const result = await run(['setup', 'apply', '--pair', 'lab/pair.json', '--lab', 'lab'], fakeSteps());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('source.ipAddress.subnetMask: ');
    expect(await readdir(join(work, 'lab'))).toEqual(before);
  });

  it('--lab on a folder without a lab is refused and creates nothing', async () => {
    const result = await run(['setup', 'plan', '--pair', 'lab/pair.json', '--lab', 'empty'], fakeSteps());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('holds no lab (no clusters.json); make one with: exchange-ha lab init');
    expect(existsSync(join(work, 'empty'))).toBe(false);
  });
});

describe('setup on the real tools', () => {
  const SECRET = 'Dt-S3cret!';
  const real = ['--dt-user', 'CORP\\dtadmin', '--ldap-url', 'ldap://dc1.corp.example', '--cluster-exe', '/nonexistent/cluster.exe'];

  beforeEach(async () => {
    await writePairDocument(join(work, 'pair.json'), labPairDocument());
  });

  it('the backups step must be confirmed: the message gives the exact --confirm; with it the step is recorded beside the pair document', async () => {
    const fake = fakeSteps();
    const unconfirmed = await run(['setup', 'apply', '--pair', 'pair.json', '--step', '3', ...real], fake, { [DT_PASSWORD_ENV]: SECRET });
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('Stopped at step 3 (Back up every node and Active Directory): it is done by hand and is not confirmed yet.');
    expect(unconfirmed.stderr).toContain('run again with --confirm 3="what was done and where the evidence is"');

    const confirmed = await run(['setup', 'apply', '--pair', 'pair.json', '--step', '3', '--confirm', '3=Full backups on tape 17', ...real], fake, {
      [DT_PASSWORD_ENV]: SECRET,
    });
    expect(confirmed.stderr).toBe('');
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toContain('Step 3 confirmed by hand: Full backups on tape 17');
    const journal = await readFile(join(work, 'pair.json.journal.jsonl'), 'utf8');
    expect(journal).toContain('"outcome":"marked-done"');
    const progress = await readFile(join(work, 'pair.json.progress.json'), 'utf8');
    expect(progress).toContain('Full backups on tape 17');
    for (const text of [confirmed.stdout, journal, progress]) expect(text).not.toContain(SECRET);
  });

  it('the Double-Take password file is read (never printed); an unreadable one is a usage error', async () => {
    await writeFile(join(work, 'dt.pw'), `${SECRET}\n`);
    const ok = await run(['setup', 'verify', '--pair', 'pair.json', '--step', '3', '--dt-password-file', 'dt.pw', ...real], fakeSteps());
    expect(ok.code).toBe(1);
    expect(ok.stdout).toContain('FAIL  The backups of every node and of Active Directory are confirmed');
    const missing = await run(['setup', 'verify', '--pair', 'pair.json', '--dt-password-file', 'none.pw', ...real], fakeSteps());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read the password file ${join(work, 'none.pw')} (--dt-password-file): no such file (ENOENT)`);
  });
});

describe('setup through a connection profile (--profile)', () => {
  const SECRET = 'Dt-Pr0file!';
  const BIND_SECRET = 'B1nd-Pr0file!';

  async function writeProfile(edit: (profile: Record<string, unknown>) => Record<string, unknown> = (p) => p): Promise<string> {
    const profile = {
      format: 'exchange-ha-connection-profile',
      version: 1,
      name: 'Site A',
      directory: { url: 'ldaps://dc1.corp.example', bindDn: 'CN=HA,DC=corp' },
      tools: { clusterExe: '/nonexistent/cluster.exe', dtclExe: '/nonexistent/dtcl.exe' },
      doubleTake: { user: 'CORP\\dtadmin' },
    };
    await writeFile(join(work, 'profile.json'), JSON.stringify(edit(profile)));
    return join(work, 'profile.json');
  }

  beforeEach(async () => {
    await writePairDocument(join(work, 'pair.json'), labPairDocument());
  });

  it('runs on the profile: named in the first line, progress and journal beside the pair document, no password anywhere', async () => {
    const profile = await writeProfile();
    await writeFile(join(work, 'bind.pw'), `${BIND_SECRET}\n`);
    const result = await run(['setup', 'apply', '--pair', 'pair.json', '--profile', 'profile.json', '--bind-password-file', 'bind.pw', '--step', '3', '--confirm', '3=Full backups on tape 17'], fakeSteps(), {
      [DT_PASSWORD_ENV]: SECRET,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`exchange-ha setup apply: pair document ${join(work, 'pair.json')}, on the profile "Site A" (${profile})\n`);
    const journal = await readFile(join(work, 'pair.json.journal.jsonl'), 'utf8');
    const progress = await readFile(join(work, 'pair.json.progress.json'), 'utf8');
    expect(progress).toContain('Full backups on tape 17');
    for (const text of [result.stdout, journal, progress]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(BIND_SECRET);
    }
  });

  it('a password the profile needs and not given is refused (exit 2) before anything runs or is written', async () => {
    const profile = await writeProfile();
    const fake = fakeSteps();
    const noDt = await run(['setup', 'apply', '--pair', 'pair.json', '--profile', 'profile.json'], fake, { [BIND_PASSWORD_ENV]: BIND_SECRET });
    expect(noDt.code).toBe(2);
    expect(noDt.stderr).toContain(`the profile ${profile} needs the double-take password of CORP\\dtadmin: set ${DT_PASSWORD_ENV} or give --dt-password-file FILE`);
    const noBind = await run(['setup', 'apply', '--pair', 'pair.json', '--profile', 'profile.json'], fake, { [DT_PASSWORD_ENV]: SECRET });
    expect(noBind.code).toBe(2);
    expect(noBind.stderr).toContain(`the profile ${profile} needs the directory bind password of CN=HA,DC=corp: set ${BIND_PASSWORD_ENV} or give --bind-password-file FILE`);
    expect(noBind.stdout).toBe('');
    expect(fake.applied).toEqual([]);
    expect((await readdir(work)).sort()).toEqual(['pair.json', 'profile.json']);
  });

  it('a bad profile is refused (exit 2) naming the file and the field; nothing runs or is written', async () => {
    const profile = await writeProfile((p) => ({ ...p, doubleTake: { user: 'CORP\\dtadmin', password: 'in-the-File-5' }, tools: { clusterExe: '' } }));
    const result = await run(['setup', 'plan', '--pair', 'pair.json', '--profile', 'profile.json'], fakeSteps(), { [DT_PASSWORD_ENV]: SECRET, [BIND_PASSWORD_ENV]: BIND_SECRET });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`The connection profile ${profile} has 2 problems:`);
    expect(result.stderr).toContain("doubleTake.password: 'password' looks like a secret");
    expect(result.stderr).toContain('tools.clusterExe: Give the cluster.exe path.');
    expect(result.stderr).toContain('Nothing was run; fix the profile and run again.');
    expect(result.stderr).not.toContain('in-the-File-5');
    const missing = await run(['setup', 'plan', '--pair', 'pair.json', '--profile', 'none.json'], fakeSteps(), { [DT_PASSWORD_ENV]: SECRET });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`The connection profile ${join(work, 'none.json')} has 1 problem:`);
    expect((await readdir(work)).sort()).toEqual(['pair.json', 'profile.json']);
  });

  it('a bind password file for a profile that binds anonymously is refused', async () => {
    const profile = await writeProfile((p) => ({ ...p, directory: { url: 'ldaps://dc1.corp.example' } }));
    await writeFile(join(work, 'bind.pw'), 'x-Bind-9\n');
    const result = await run(['setup', 'verify', '--pair', 'pair.json', '--profile', 'profile.json', '--bind-password-file', 'bind.pw'], fakeSteps(), { [DT_PASSWORD_ENV]: SECRET });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--bind-password-file ${join(work, 'bind.pw')}: the profile ${profile} binds anonymously (no directory.bindDn), so no bind password is used`);
  });

  it('a profile allowing plain LDAP with a password: the warning on standard error every time', async () => {
    await writeProfile((p) => ({ ...p, directory: { url: 'ldap://dc1.corp.example', bindDn: 'CN=HA,DC=corp', allowPlainLdapPassword: true } }));
    const result = await run(['setup', 'verify', '--pair', 'pair.json', '--profile', 'profile.json', '--step', '3'], fakeSteps(), { [DT_PASSWORD_ENV]: SECRET, [BIND_PASSWORD_ENV]: BIND_SECRET });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('warning: The directory ldap://dc1.corp.example is reached without TLS: the bind password of CN=HA,DC=corp crosses the network in clear');
    expect(result.stderr).not.toContain(BIND_SECRET);
  });
});

describe('the environment of cluster.exe and dtcl.exe', () => {
  it('is this process environment without the password variables', () => {
    const env = { PATH: '/bin', [DT_PASSWORD_ENV]: 'a', [BIND_PASSWORD_ENV]: 'b', USERDNSDOMAIN: 'CORP' };
    expect(childEnvironment(env)).toEqual({ PATH: '/bin', USERDNSDOMAIN: 'CORP' });
    expect(env[DT_PASSWORD_ENV]).toBe('a');
  });
});
