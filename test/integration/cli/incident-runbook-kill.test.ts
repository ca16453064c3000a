/**
 * `exchange-ha incident failover` as a process, killed (SIGKILL: no cleanup at all) as each step that changes the
 * world starts; `exchange-ha incident resume` then takes over the dead run's lock (saying so), skips the steps the
 * killed run finished, runs the rest, and the lab's directory ends exactly as after an uninterrupted run.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliEntry, REPOSITORY_ROOT } from '../../helpers/run-cli-entry';
import { pathToFileURL } from 'node:url';

const TSX_LOADER = pathToFileURL(join(REPOSITORY_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const ENTRY = join(REPOSITORY_ROOT, 'src-main', 'cli', 'exchange-ha.ts');
const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

let work: string;
let template: string;

/** Runs the failover and kills it with SIGKILL once `line` is printed; resolves with what it printed. */
function failoverKilledAt(lab: string, line: string): Promise<{ stdout: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, ENTRY, 'incident', 'failover', '--pair', join(lab, 'pair.json'), '--lab', lab, '--yes'], {
      cwd: work,
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (!killed && stdout.includes(line)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.once('error', reject);
    child.once('close', () => resolve({ stdout, killed }));
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'incident-kill-'));
  template = join(work, 'template');
  expect((await runCliEntry('exchange-ha', ['lab', 'init', template], work, ENV)).code).toBe(0);
  expect((await runCliEntry('exchange-ha', ['setup', 'apply', '--pair', join(template, 'pair.json'), '--lab', template, '--confirm', '6=monitor entered on TGT1 and TGT2'], work, ENV)).code).toBe(0);
  expect((await runCliEntry('exchange-ha', ['lab', 'fail', template, 'source'], work, ENV)).code).toBe(0);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('a failover process killed at a step', () => {
  it('resumes there and ends with the directory of an uninterrupted run', async () => {
    const reference = join(work, 'reference');
    await cp(template, reference, { recursive: true });
    const whole = await runCliEntry('exchange-ha', ['incident', 'failover', '--pair', join(reference, 'pair.json'), '--lab', reference, '--yes'], work, ENV);
    expect(whole.stderr).toBe('');
    expect(whole.code).toBe(0);
    const expected = await readFile(join(reference, 'directory.ldif'), 'utf8');

    const steps = [
      [3, 'exchfailover-setup'],
      [4, 'target-online'],
      [5, 'exchfailover'],
      [6, 'mailboxes-open'],
    ] as const;
    for (const [number, id] of steps) {
      const lab = join(work, `killed-${id}`);
      await cp(template, lab, { recursive: true });
      const first = await failoverKilledAt(lab, `Step ${number} ${id}: `);
      expect(first.killed, first.stdout).toBe(true);
      const state = JSON.parse(await readFile(join(lab, 'incidents', /Incident (\S+) /.exec(first.stdout)?.[1] ?? '', 'failover.json'), 'utf8')) as { outcome?: string; steps: { status: string }[] };
      expect(state.outcome).toBeUndefined();

      const resumed = await runCliEntry('exchange-ha', ['incident', 'resume', '--pair', join(lab, 'pair.json'), '--lab', lab, '--yes'], work, ENV);
      expect(resumed.stderr, `resume after a kill in ${id}`).toBe('');
      expect(resumed.code, resumed.stdout).toBe(0);
      expect(resumed.stdout).toMatch(/Took over the lock of a failover run started .* by process \d+, which is no longer running\./);
      const done = state.steps.filter((s) => s.status === 'done').length;
      expect(done).toBeGreaterThanOrEqual(number - 1);
      for (let n = 1; n <= done; n += 1) expect(resumed.stdout).toMatch(new RegExp(`Step ${n} [a-z-]+: skipped — done already`));
      expect(resumed.stdout).toContain('The failover succeeded.');
      expect(await readFile(join(lab, 'directory.ldif'), 'utf8'), `the directory after a kill in ${id}`).toBe(expected);
    }
  }, 240_000);
});
