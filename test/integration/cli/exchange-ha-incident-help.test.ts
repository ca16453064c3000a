import { describe, expect, it } from 'vitest';
import { exchangeHaInProcess } from '../../helpers/exchange-ha-in-process';

const run = (argv: readonly string[]) => exchangeHaInProcess(argv, { cwd: '/' });

describe('exchange-ha incident and lab fail|restore --help', () => {
  it.each([['incident', 'watch', '--help'], ['incident', '--help'], ['incident', 'failover', '-h'], ['lab', 'fail', '--help']])('%s %s %s prints the usage and exits 0', async (...argv) => {
    const { code, stdout: out, stderr: err } = await run(argv);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('exchange-ha incident watch --pair FILE');
    expect(out).toContain('exchange-ha lab fail|restore DIR');
  });

  it('an unknown incident verb is refused naming it', async () => {
    const { code, stderr: err } = await run(['incident', 'rollback']);
    expect(code).toBe(2);
    expect(err).toContain('incident has no "rollback"');
  });
});

describe('a damaged lab file', () => {
  it('is bad input for every --lab command (exit 2, the file named, nothing changed)', async () => {
    const { mkdtemp, writeFile, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const folder = await mkdtemp(join(tmpdir(), 'damaged-lab-'));
    try {
      expect((await run(['lab', 'init', join(folder, 'lab')])).code).toBe(0);
      const failures = join(folder, 'lab', 'failures.json');
      await writeFile(failures, '{"format": "nonsense"}\n');
      const before = await readFile(join(folder, 'lab', 'clusters.json'), 'utf8');
      const { code, stderr: err } = await run(['setup', 'verify', '--pair', join(folder, 'lab', 'pair.json'), '--lab', join(folder, 'lab')]);
      expect(code).toBe(2);
      expect(err).toContain('failures.json');
      expect(await readFile(join(folder, 'lab', 'clusters.json'), 'utf8')).toBe(before);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
