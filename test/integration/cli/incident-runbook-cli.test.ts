/**
 * `exchange-ha incident failover|status|resume` in process on a lab folder with the whole setup applied: refused
 * without --yes (exit 2, nothing written), a dry run (exit 0, nothing changed), the source's plug pulled then the
 * failover with the whole plan first and live progress (exit 0, every mailbox opened on the target, postover.bat
 * written), status (outcome, steps, recovery time and point), a second program refused while one holds the lock, a
 * run stopped by Ctrl+C (exit 130) resumed by `incident resume` without repeating the steps done.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import type { RunFailover } from '../../../src-main/failover/engine-api';
import { runFailover } from '../../../src-main/failover/engine';
import { incidentRunbookCommand } from '../../../src-main/cli/exchange-ha/incident-runbook-command';
import type { SubcommandIo } from '../../../src-main/cli/exchange-ha/subcommand';
import { createSecretMask } from '../../../src-main/shared/redaction';
import { setupSteps } from '../../../src-main/setup/steps';
import { openLab } from '../../../src-main/lab/lab';

const NOW = new Date('2026-12-08T03:00:00Z');
let work: string;
let template: string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function exchangeHa(argv: readonly string[], signal = new AbortController().signal): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runExchangeHa({ argv, env: {}, cwd: work, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), now: () => NOW, signal, steps: setupSteps });
  return { code, stdout, stderr };
}

async function copyLab(name: string): Promise<string> {
  const folder = join(work, name);
  await cp(template, folder, { recursive: true });
  return folder;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'incident-runbook-cli-'));
  template = join(work, 'template');
  expect((await exchangeHa(['lab', 'init', template])).code).toBe(0);
  const applied = await exchangeHa(['setup', 'apply', '--pair', join(template, 'pair.json'), '--lab', template, '--confirm', '6=monitor entered on TGT1 and TGT2']);
  expect(applied.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('exchange-ha incident on a lab', () => {
  it('refuses a real run without --yes and bad words (exit 2), writing nothing', async () => {
    const lab = await copyLab('refusals');
    const pair = join(lab, 'pair.json');
    const noYes = await exchangeHa(['incident', 'failover', '--pair', pair, '--lab', lab]);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain('add --yes to accept the manual intervention');
    const bad = await exchangeHa(['incident', 'failover', '--pair', pair, '--at', '25:00', '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--at (argument 5) is not an option of incident failover');
    const noWorld = await exchangeHa(['incident', 'failback', '--pair', pair, '--at', '25:00', '--yes']);
    expect(noWorld.stderr).toContain('--at (argument 5) "25:00" is not a time of day HH:MM');
    expect(noWorld.stderr).toContain('incident failback needs --lab DIR');
    const nothing = await exchangeHa(['incident', 'resume', '--pair', pair, '--lab', lab]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('No incident is recorded');
    await expect(readFile(join(lab, 'incidents', 'runbook.lock'))).rejects.toThrow(/ENOENT/);
  });

  it('a dry run prints the whole plan and changes nothing; then the failover runs to every mailbox opening; status reports it', async () => {
    const lab = await copyLab('whole');
    const pair = join(lab, 'pair.json');
    expect((await exchangeHa(['lab', 'fail', lab, 'source'])).code).toBe(0);
    const clusters = await readFile(join(lab, 'clusters.json'), 'utf8');
    const directory = await readFile(join(lab, 'directory.ldif'), 'utf8');
    const dry = await exchangeHa(['incident', 'failover', '--pair', pair, '--lab', lab, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('The rehearsal (dry run: nothing is applied) of the failover plan, 6 steps:');
    expect(dry.stdout).toContain('exchfailover -setup -failover -s EXCHVS -t EXCHVS-DR -r');
    expect(dry.stdout).toContain('The rehearsal of the failover succeeded.');
    expect(await readFile(join(lab, 'clusters.json'), 'utf8')).toBe(clusters);
    expect(await readFile(join(lab, 'directory.ldif'), 'utf8')).toBe(directory);
    // --json: one object on standard output, nothing else.
    const dryJson = await exchangeHa(['incident', 'failover', '--pair', pair, '--lab', lab, '--dry-run', '--json']);
    expect(dryJson.code).toBe(0);
    expect(dryJson.stdout.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(dryJson.stdout) as { dryRun: boolean; outcome: { outcome: string }; plan: { steps: { id: string }[] }; steps: { status: string }[] };
    expect(summary).toMatchObject({ dryRun: true, outcome: { outcome: 'succeeded' } });
    expect(summary.plan.steps.map((s) => s.id)).toEqual(['confirm-source-down', 'intervention', 'exchfailover-setup', 'target-online', 'exchfailover', 'mailboxes-open']);
    expect(summary.steps.every((s) => s.status === 'planned')).toBe(true);

    const run = await exchangeHa(['incident', 'failover', '--pair', pair, '--lab', lab, '--yes']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    // The whole plan before the first step runs.
    expect(out.indexOf('The failover plan, 6 steps:')).toBeLessThan(out.indexOf('Step 1 confirm-source-down:'));
    expect(out).toMatch(/ {6}cluster \/cluster:TGTCLUS res "Exchange System Attendant" \/online/);
    expect(out).toContain('Step 6 mailboxes-open: done');
    expect(out).toContain('The failover succeeded.');
    expect(out).toMatch(/Recovery time: .* mailboxes reachable on EXCHVS-DR/);
    expect(out).toContain('Recovery point: unknown.');
    const incident = /Incident (\d{8}-\d{6}Z(?:-\d+)?) /.exec(out)?.[1] ?? '';
    const bat = await readFile(join(lab, 'incidents', incident, 'postover.bat'), 'utf8');
    expect(bat).toContain('exchfailover.exe -failover -s EXCHVS -t EXCHVS-DR -r\r\n');

    const status = await exchangeHa(['incident', 'status', '--pair', pair, '--lab', lab]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`Incident ${incident}`);
    expect(status.stdout).toMatch(/failover started .* succeeded/);
    expect(status.stdout).toContain('6. mailboxes-open: done');
    expect(status.stdout).toContain('mailboxes-reachable server=EXCHVS-DR');
    const json = await exchangeHa(['incident', 'status', '--pair', pair, '--lab', lab, '--json']);
    const view = JSON.parse(json.stdout) as { incident: string; failover: { outcome: string }; measures: { recoveryTime: { status: string }; recoveryPoint: { status: string } } };
    expect(view).toMatchObject({ incident, failover: { outcome: 'succeeded' }, measures: { recoveryTime: { status: 'measured' }, recoveryPoint: { status: 'unknown' } } });

    // Every mailbox opens on the target.
    const opened = await openLab(lab);
    try {
      const check = await opened.exchange.openMailboxes('EXCHVS-DR');
      expect(check.opened).toBe(check.total);
      expect(check.total).toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
  }, 60_000);

  it('a second program is refused naming the first host and start; a run stopped by Ctrl+C resumes without repeating the steps done', async () => {
    const lab = await copyLab('resume');
    const pair = join(lab, 'pair.json');
    expect((await exchangeHa(['lab', 'fail', lab, 'source'])).code).toBe(0);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(lab, 'incidents'), { recursive: true });
    await writeFile(
      join(lab, 'incidents', 'runbook.lock'),
      JSON.stringify({ host: 'OTHER-WS', pid: 1, user: 'alice', startedAt: '2026-12-08T02:50:00.000Z', runbook: 'failover', incident: '20261208-025000Z', token: 'x' }),
    );
    const held = await exchangeHa(['incident', 'failover', '--pair', pair, '--lab', lab, '--yes']);
    expect(held.code).toBe(2);
    expect(held.stderr).toContain('started 2026-12-08T02:50:00.000Z on OTHER-WS by alice');
    await rm(join(lab, 'incidents', 'runbook.lock'));

    // Ctrl+C while the engine runs exchfailover -failover (step 5).
    const controller = new AbortController();
    const stopping: RunFailover = async (request, deps, events) => {
      if (!request.setupOnly && !request.test) controller.abort(new Error('Ctrl+C'));
      return runFailover(request, deps, events);
    };
    let stdout = '';
    const io: SubcommandIo = {
      args: ['--pair', pair, '--lab', lab, '--yes'],
      env: {},
      cwd: work,
      now: () => NOW,
      signal: controller.signal,
      line: (t) => (stdout += `${t}\n`),
      problem: (t) => (stdout += `${t}\n`),
      json: (v) => (stdout += `${JSON.stringify(v)}\n`),
      mask: createSecretMask(),
    };
    const stopped = await incidentRunbookCommand('failover', io, { runFailover: stopping });
    expect(stopped).toBe(130);
    expect(stdout).toMatch(/The failover cancelled at step 5 \(exchfailover: /);
    expect(stdout).toContain('exchange-ha incident resume');

    const resumed = await exchangeHa(['incident', 'resume', '--pair', pair, '--lab', lab, '--yes']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('Resuming the failover');
    for (const [n, id] of [[1, 'confirm-source-down'], [2, 'intervention'], [3, 'exchfailover-setup'], [4, 'target-online']] as const) {
      expect(resumed.stdout).toContain(`Step ${n} ${id}: skipped — done already by an earlier attempt`);
    }
    expect(resumed.stdout).toContain('Step 5 exchfailover: Move the mailboxes');
    expect(resumed.stdout).toContain('(attempt 2: resumed here)');
    expect(resumed.stdout).toContain('The failover succeeded.');
    const again = await exchangeHa(['incident', 'resume', '--pair', pair, '--lab', lab, '--yes']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('has no unfinished run');
  }, 60_000);
});
