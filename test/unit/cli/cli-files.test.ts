import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileErrorReason, FileTooLargeError, nodeCliFiles } from '../../../src-main/cli/cli-files';

const run = promisify(execFile);
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cli-files-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('nodeCliFiles.readText', () => {
  it('reads a file of up to the limit whole, as UTF-8', async () => {
    const path = join(folder, 'ok.txt');
    await writeFile(path, `\uFEFF-s Zoë${'#'.repeat(1000 - 10)}`);
    expect(Buffer.byteLength(`\uFEFF-s Zoë${'#'.repeat(1000 - 10)}`)).toBe(1000);
    expect(await nodeCliFiles.readText(path, 1000)).toBe(`\uFEFF-s Zoë${'#'.repeat(990)}`);
  });

  it('refuses a file one byte over the limit', async () => {
    const path = join(folder, 'big.txt');
    await writeFile(path, 'x'.repeat(1001));
    const error = await nodeCliFiles.readText(path, 1000).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(fileErrorReason(error)).toBe('it is larger than 1,000 bytes, so it was not read');
  });

  it('stops reading /dev/zero (size 0 to stat, endless to read) at the limit', async () => {
    await expect(nodeCliFiles.readText('/dev/zero', 64 * 1024)).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it('stops reading a pipe that never ends at the limit', async () => {
    const fifo = join(folder, 'fifo');
    await run('mkfifo', [fifo]);
    const writer = execFile('sh', ['-c', `yes 2>/dev/null > '${fifo}'`]);
    try {
      await expect(nodeCliFiles.readText(fifo, 4096)).rejects.toBeInstanceOf(FileTooLargeError);
    } finally {
      writer.kill();
    }
  });

  it('says why a file cannot be read', async () => {
    await expect(nodeCliFiles.readText(join(folder, 'missing.txt'), 10)).rejects.toMatchObject({ code: 'ENOENT' });
    const error = await nodeCliFiles.readText(folder, 10).catch((reason: unknown) => reason);
    expect(fileErrorReason(error)).toBe('it is a folder (EISDIR)');
  });
});
