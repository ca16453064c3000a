/**
 * The `exchange-ha` command as a process (`node --import <tsx loader> src-main/cli/exchange-ha.ts ...`) on a lab
 * folder: lab init, the whole setup applied by the guide's own steps, a second apply that changes no byte of the
 * world, verify, plan's exact commands, and the refusals (exit 2) that leave everything as it was.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openLab } from '../../../src-main/lab/lab';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import type { JournalEntry } from '../../../src-main/setup/setup-journal';
import { STEP_CATALOGUE } from '../../../src-main/setup/step-catalogue';
import { runCliEntry, type CliRun } from '../../helpers/run-cli-entry';

const AUTOMATED = STEP_CATALOGUE.filter((e) => e.kind === 'automated').map((e) => e.id);

type Run = CliRun;

function exchangeHa(args: readonly string[], cwd: string): Promise<Run> {
  return runCliEntry('exchange-ha', args, cwd);
}

/** Every file under the folder (relative path -> sha256 of its bytes), except the files named in `except`. */
async function snapshot(folder: string, except: readonly string[] = []): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const item of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!item.isFile()) continue;
    const path = join(item.parentPath, item.name);
    const name = relative(folder, path);
    if (except.includes(name)) continue;
    files[name] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return files;
}

async function journal(lab: string): Promise<JournalEntry[]> {
  const text = await readFile(join(lab, 'journal.jsonl'), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as JournalEntry);
}

let work: string;
let lab: string;
let pair: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'exchange-ha-cli-'));
  lab = join(work, 'lab');
  pair = join(lab, 'pair.json');
  const init = await exchangeHa(['lab', 'init', 'lab'], work);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('exchange-ha on a lab', () => {
  it('lab init writes the lab and its pair document', async () => {
    const files = Object.keys(await snapshot(lab));
    for (const name of ['clusters.json', 'doubletake.json', 'directory.ldif', 'pair.json']) expect(files).toContain(name);
    expect(files.some((name) => name.startsWith('nodes/'))).toBe(true);
    expect(JSON.parse(await readFile(pair, 'utf8'))).toEqual(labPairDocument());
  });

  it('applies the whole setup; a second apply changes no byte and journals nothing-to-do; verify passes', async () => {
    // Step 6 verifies only once the administrator confirms the monitor they entered on each target node.
    const unconfirmed = await exchangeHa(['setup', 'apply', '--pair', pair, '--lab', lab], work);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain(
      'Stopped at step 6 (Bring the source group online and begin monitoring): verification found a difference: The administrator confirmed the monitor was entered on TGT1, TGT2 (Not confirmed yet: ',
    );
    const first = await exchangeHa(['setup', 'apply', '--pair', pair, '--lab', lab, '--confirm', '6=Monitor entered on TGT1 and TGT2 by J. Admin'], work);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Step 6: confirmed by hand (the Failover Control Center monitor entered on each target node): Monitor entered on TGT1 and TGT2 by J. Admin');
    expect(first.stdout).toContain(`Every step (${STEP_CATALOGUE.length}) is applied and verified.`);
    expect(unconfirmed.stdout).toContain('    SRCCLUS: cluster SRCCLUS res "Exchange IP Address" /create /group:"Exchange Group" /type:"IP Address"');
    const applied = await journal(lab);
    expect(applied.filter((e) => e.outcome === 'confirmed').map((e) => e.stepId)).toEqual(['6']);
    expect(applied.filter((e) => e.outcome === 'applied').length).toBeGreaterThan(AUTOMATED.length);
    expect(applied.filter((e) => e.outcome === 'refused')).toEqual([]);

    const world = await snapshot(lab, ['progress.json', 'journal.jsonl']);
    for (const name of ['clusters.json', 'doubletake.json', 'directory.ldif']) expect(Object.keys(world)).toContain(name);

    const second = await exchangeHa(['setup', 'apply', '--pair', pair, '--lab', lab], work);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(await snapshot(lab, ['progress.json', 'journal.jsonl'])).toEqual(world);
    const again = (await journal(lab)).slice(applied.length);
    expect(again.filter((e) => e.outcome !== 'nothing-to-do')).toEqual([]);
    expect(again.map((e) => e.stepId)).toEqual(AUTOMATED);

    const verify = await exchangeHa(['setup', 'verify', '--pair', pair, '--lab', lab], work);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`Every step (${STEP_CATALOGUE.length}) verifies.`);
    expect(verify.stdout).not.toContain('FAIL');

    const json = await exchangeHa(['setup', 'verify', '--pair', pair, '--lab', lab, '--json'], work);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { ok: boolean; steps: { id: string; ok: boolean }[] };
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => [s.id, s.ok])).toEqual(STEP_CATALOGUE.map((e) => [e.id, true]));
  });

  it('verify on a fresh lab exits 1 and names the steps that do not verify', async () => {
    const verify = await exchangeHa(['setup', 'verify', '--pair', pair, '--lab', lab, '--step', '4.2.2'], work);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('4.2.2  Create the Exchange IP Address resource\n  FAIL  ');
    expect(verify.stderr).toContain('1 of 1 step does not verify: 4.2.2.');
  });

  it('plan prints the exact cluster.exe and DTCL lines, the password masked, and changes nothing', async () => {
    const before = await snapshot(lab, ['progress.json']);
    const plan = await exchangeHa(['setup', 'plan', '--pair', pair, '--lab', lab], work);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(
      '4.2.2  Create the Exchange IP Address resource\n' +
        '  [needed]   SRCCLUS: Create the IP Address resource "Exchange IP Address" in group "Exchange Group" (offline)\n' +
        '      cluster SRCCLUS res "Exchange IP Address" /create /group:"Exchange Group" /type:"IP Address"\n',
    );
    expect(plan.stdout).toContain('      cluster SRCCLUS res "Exchange IP Address" /priv Address=10.0.0.20 SubnetMask=255.255.255.0 Network="Public"\n');
    expect(plan.stdout).toContain('      LOGIN SRC1 Administrator ********;\n');
    expect(plan.stdout).not.toContain('lab-Passw0rd');
    // The steps in the guide's order.
    const headings = STEP_CATALOGUE.map((e) => plan.stdout.indexOf(`\n${e.id}  ${e.title}\n`));
    expect(headings.every((at) => at > 0)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    expect(await snapshot(lab, ['progress.json'])).toEqual(before);

    const one = await exchangeHa(['setup', 'plan', '--pair', pair, '--lab', lab, '--step', '4.2.2', '--json'], work);
    expect(one.code).toBe(0);
    const parsed = JSON.parse(one.stdout) as { steps: { id: string; actions: { command: string; needed: boolean }[] }[] };
    expect(parsed.steps.map((s) => s.id)).toEqual(['4.2.2']);
    expect(parsed.steps[0]?.actions[0]).toMatchObject({
      command: 'cluster SRCCLUS res "Exchange IP Address" /create /group:"Exchange Group" /type:"IP Address"',
      needed: true,
    });
  });

  it('plan --out saves what can be applied now (no password); apply --plan applies exactly it, or stops (exit 3) at a step whose plan changed', async () => {
    const planFile = join(work, 'plan.json');
    const planned = await exchangeHa(['setup', 'plan', '--pair', pair, '--lab', lab, '--out', planFile], work);
    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain(`${planFile} holds the plans of 6 steps: 3, 4.1, 4.2.1, 4.3, 5.2, 5.3;`);
    const text = await readFile(planFile, 'utf8');
    expect(text).toContain('LOGIN SRC1 Administrator ********;');
    expect(text).not.toContain('lab-Passw0rd');

    const applied = await exchangeHa(['setup', 'apply', '--pair', pair, '--lab', lab, '--plan', planFile], work);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(`Every step of ${planFile} (6) is applied and verified.`);
    expect((await journal(lab)).filter((e) => e.outcome === 'applied').map((e) => e.stepId)).toContain('4.3');

    // The next round holds 4.2.2; its resource is made by hand in Cluster Administrator before the file is applied.
    expect((await exchangeHa(['setup', 'plan', '--pair', pair, '--lab', lab, '--out', planFile], work)).code).toBe(0);
    const before = (await journal(lab)).length;
    const byHand = await openLab(lab);
    try {
      await byHand.source.run({ kind: 'resource-create', resource: 'Exchange IP Address', group: 'Exchange Group', type: 'IP Address' });
    } finally {
      await byHand.close();
    }
    const refused = await exchangeHa(['setup', 'apply', '--pair', pair, '--lab', lab, '--plan', planFile], work);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      `Stopped at step 4.2.2 (Create the Exchange IP Address resource): its plan changed since ${planFile} was made; nothing of step 4.2.2 was run. What changed:\n`,
    );
    expect(refused.stderr).toContain('  Now in place: [in place] SRCCLUS: ');
    expect((await journal(lab)).slice(before).filter((e) => e.stepId === '4.2.2')).toEqual([]);
  });

  it('an invalid pair document is refused (exit 2) naming the field; nothing in the lab changes', async () => {
    const document = labPairDocument();
    const broken = { ...document, source: { ...document.source, ipAddress: { ...document.source.ipAddress, subnetMask: '255.255.0.255' } } };
    await writeFile(pair, `${JSON.stringify(broken, null, 2)}\n`);
    const before = await snapshot(lab);
    const apply = await exchangeHa(['setup', 'apply', '--pair', pair, '--lab', lab], work);
    expect(apply.code).toBe(2);
    expect(apply.stderr).toMatch(/^ {2}source\.ipAddress\.subnetMask: .+$/m);
    expect(apply.stderr).toContain('Nothing was changed');
    expect(apply.stdout).toBe('');
    expect(await snapshot(lab)).toEqual(before);
  });

  it('refuses a lab another program has open (exit 2), changing nothing, and works once it is closed', async () => {
    const open = await openLab(lab);
    try {
      const before = await snapshot(lab, ['lab.lock']);
      const refused = await exchangeHa(['setup', 'apply', '--pair', pair, '--lab', lab], work);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`The lab in ${lab} is open in process ${process.pid}`);
      expect(await snapshot(lab, ['lab.lock'])).toEqual(before);
    } finally {
      await open.close();
    }
    expect((await exchangeHa(['setup', 'plan', '--pair', pair, '--lab', lab], work)).code).toBe(0);
  });

  it('lab init on an existing lab is refused (exit 2) naming the file; nothing is written', async () => {
    const before = await snapshot(lab);
    const again = await exchangeHa(['lab', 'init', 'lab'], work);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(join(lab, 'clusters.json'));
    expect(await snapshot(lab)).toEqual(before);
  });

  it('usage errors exit 2 naming the argument and pointing to --help; --help prints the usage', async () => {
    const bad = await exchangeHa(['setup', 'apply', '--pair', pair, '--lab', lab, '--step', '7.1'], work);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--step 7.1 (argument 7): the guide has no step 7.1');
    expect(bad.stderr).toContain('Run "exchange-ha --help" for the usage.');
    const confirm = await exchangeHa(['setup', 'apply', '--pair', pair, '--lab', lab, '--confirm', '3'], work);
    expect(confirm.code).toBe(2);
    expect(confirm.stderr).toContain('--confirm (argument 7) needs STEP="note"');
    const help = await exchangeHa(['--help'], work);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('exchange-ha setup apply  --pair FILE WORLD [--step ID | --plan PLANFILE] [--confirm STEP="note"]...');
    expect(help.stdout).toContain('WORLD: --lab DIR');
    expect(help.stdout).toContain('| --profile FILE [--dt-password-file FILE] [--bind-password-file FILE]');
    expect(help.stdout).toContain('exchange-ha check --pair FILE (--profile FILE | --lab DIR)');
    expect(help.stdout).toContain('3 a step\'s plan changed since it was');
  });

  it('pair new writes a document to fill in that pair check refuses field by field; filled in, it checks and plans', async () => {
    const file = join(work, 'site-pair.json');
    const created = await exchangeHa(['pair', 'new', 'site-pair.json'], work);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`A new pair document in ${file}, with 31 values to fill in`);
    const template = await readFile(file, 'utf8');

    const again = await exchangeHa(['pair', 'new', file], work);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${file} already exists; nothing was written`);
    expect(await readFile(file, 'utf8')).toBe(template);

    const refused = await exchangeHa(['pair', 'check', file], work);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${file}: 31 problems:`);
    expect(refused.stderr).toMatch(/^ {2}source\.cluster\.name: The name is empty/m);
    expect(refused.stderr).toMatch(/^ {2}replicationSet\.rules\[0\]\.path: The path is empty/m);
    const json = await exchangeHa(['pair', 'check', file, '--json'], work);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ file, valid: false, problems: expect.arrayContaining([{ path: 'monitor.monitoredName', message: expect.any(String) }]) });
    expect(await readFile(file, 'utf8')).toBe(template);

    // Filled in with the lab's values, it is the lab's document: valid, and setup plans from it.
    await writeFile(file, `${JSON.stringify(labPairDocument(), null, 2)}\n`);
    const valid = await exchangeHa(['pair', 'check', file], work);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('EXCHVS on SRCCLUS (SRC1, SRC2) replicates "Exchange" (1 rule) to TGTCLUS (TGT1, TGT2) at 10.1.0.21.');
    expect((await exchangeHa(['setup', 'plan', '--pair', file, '--lab', lab], work)).code).toBe(0);

    const missing = await exchangeHa(['pair', 'check', join(work, 'none.json')], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`there is no file at ${join(work, 'none.json')}; write a new one with: exchange-ha pair new`);
  });
});
