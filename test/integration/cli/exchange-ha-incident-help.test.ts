import { describe, expect, it } from 'vitest';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import { setupSteps } from '../../../src-main/setup/steps';

async function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runExchangeHa({
    argv,
    env: {},
    cwd: '/',
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    now: () => new Date(),
    signal: new AbortController().signal,
    steps: setupSteps,
  });
  return { code, out, err };
}

describe('exchange-ha incident and lab fail|restore --help', () => {
  it.each([['incident', 'watch', '--help'], ['incident', '--help'], ['incident', 'failover', '-h'], ['lab', 'fail', '--help']])('%s %s %s prints the usage and exits 0', async (...argv) => {
    const { code, out, err } = await run(argv);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('exchange-ha incident watch --pair FILE');
    expect(out).toContain('exchange-ha lab fail|restore DIR');
  });

  it('an unknown incident verb is refused naming it', async () => {
    const { code, err } = await run(['incident', 'rollback']);
    expect(code).toBe(2);
    expect(err).toContain('incident has no "rollback"');
  });
});
