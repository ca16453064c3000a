import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeLogOption } from '../../../src-main/cli/exchange-ha/log-option';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import { UsageError } from '../../../src-main/cli/usage-error';
import { setupSteps } from '../../../src-main/setup/steps';

describe('exchange-ha --log FILE', () => {
  it('is taken out of a setup or check command line, relative to the working folder', () => {
    expect(takeLogOption(['setup', 'plan', '--log', 'diag.log', '--pair', 'p.json'], '/work')).toEqual({
      argv: ['setup', 'plan', '--pair', 'p.json'],
      file: '/work/diag.log',
    });
    expect(takeLogOption(['check', '--log=/var/log/x.log', '--json'], '/work')).toEqual({ argv: ['check', '--json'], file: '/var/log/x.log' });
    expect(takeLogOption(['check', '--json'], '/work')).toEqual({ argv: ['check', '--json'] });
  });

  it('leaves other commands alone (their parser refuses it)', () => {
    expect(takeLogOption(['pair', 'check', 'f.json', '--log', 'x'], '/work')).toEqual({ argv: ['pair', 'check', 'f.json', '--log', 'x'] });
  });

  it.each([
    [['setup', 'plan', '--log'], 'needs a FILE'],
    [['setup', 'plan', '--log', '--json'], 'needs a FILE'],
    [['check', '--log='], 'needs a FILE'],
    [['check', '--log', 'a', '--log', 'b'], 'given twice'],
  ])('refuses %j naming the argument', (argv, words) => {
    expect(() => takeLogOption(argv, '/work')).toThrow(UsageError);
    expect(() => takeLogOption(argv, '/work')).toThrow(words);
  });

  describe('in a run', () => {
    let work: string;
    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'log-option-'));
    });
    afterAll(async () => {
      await rm(work, { recursive: true, force: true });
    });
    const run = async (argv: readonly string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runExchangeHa({
        argv,
        env: {},
        cwd: work,
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        now: () => new Date('2026-01-01T00:00:00Z'),
        signal: new AbortController().signal,
        steps: setupSteps,
      });
      return { code, stdout, stderr };
    };

    it('writes a setup line per step planned to FILE and nothing of it on standard output', async () => {
      const lab = join(work, 'lab');
      expect((await run(['lab', 'init', lab])).code).toBe(0);
      const logFile = join(work, 'logs', 'exchange-ha.log');
      const planned = await run(['setup', 'plan', '--pair', join(lab, 'pair.json'), '--lab', lab, '--step', '4.3', '--log', logFile]);
      expect(planned.code).toBe(0);
      expect(planned.stdout).not.toContain('"subsystem"');
      const lines = (await readFile(logFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toEqual([expect.objectContaining({ subsystem: 'setup', event: 'plan', step: '4.3', outcome: 'ok' })]);
      expect(typeof lines[0]?.['durationMs']).toBe('number');
    });

    it('refuses --log without a FILE before anything runs (exit 2)', async () => {
      const refused = await run(['check', '--pair', join(work, 'lab', 'pair.json'), '--lab', join(work, 'lab'), '--log']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--log');
    });
  });
});
