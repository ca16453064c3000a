/**
 * `exchfailover` as a process given input far over its limits (README, "The exchfailover command line"): each is
 * refused at once with exit 1 and one short line on standard error, before any directory is contacted (the URL
 * names a closed port on 127.0.0.1, never reached) and before the log file is written.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliEntry } from '../../helpers/run-cli-entry';

const CONNECTION = ['--ldap-url', 'ldap://127.0.0.1:1'];
let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'exchfailover-limits-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('exchfailover refuses input over its limits', () => {
  it('-o /dev/zero: read no further than 64 KiB, refused at once', async () => {
    const started = Date.now();
    const result = await runCliEntry('exchfailover', ['-failover', '-o', '/dev/zero', ...CONNECTION], work);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'exchfailover: cannot read the options file /dev/zero (argument 2): it is larger than 65,536 bytes, so it was not read\n' });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await readdir(work)).toEqual([]);
  });

  it('a 30 MB one-word options file: refused without echoing it', async () => {
    await writeFile(join(work, 'huge.txt'), 'x'.repeat(30 * 1024 * 1024));
    const result = await runCliEntry('exchfailover', ['-o', 'huge.txt'], work);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'exchfailover: cannot read the options file huge.txt (argument 1): it is larger than 65,536 bytes, so it was not read\n' });
  });

  it('a line break in -s cannot forge a line: refused on one line, the break shown as \\n', async () => {
    const forged = 'EXCHVS\n2024-05-01T03:00:00.000Z INFO  Result: done and verified (exit code 0)';
    const result = await runCliEntry('exchfailover', ['-failover', '-s', forged, '-t', 'EXCHVS-DR', '-r', ...CONNECTION], work);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'exchfailover: -s (argument 2) holds a control character or line break (U+000A) at character 7, which no server name has: "EXCHVS\\n2024-05-01T03:00:00.000Z INFO  Result: done and veri…" (77 characters)\n',
    );
    expect(await readdir(work)).toEqual([]);
  });
});
