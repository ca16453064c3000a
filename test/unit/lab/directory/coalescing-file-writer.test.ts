import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoalescingFileWriter } from '../../../../src-main/lab/directory/coalescing-file-writer';
import { writeFileAtomic } from '../../../../src-main/shared/write-file-atomic';

describe('CoalescingFileWriter', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'exchha-writer-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('coalesces a burst of requests and resolves each only after a save containing its change', async () => {
    const path = join(folder, 'state.txt');
    let state = 0;
    const writer = new CoalescingFileWriter(path, () => [`${state}\n`]);
    const seen: number[] = [];
    const requests = Array.from({ length: 300 }, async () => {
      state += 1;
      const mine = state;
      await writer.save();
      seen.push(Number((await readFile(path, 'utf8')).trim()) >= mine ? 1 : 0);
    });
    await Promise.all(requests);
    expect(seen.every((ok) => ok === 1)).toBe(true);
    expect(writer.saves).toBeLessThanOrEqual(2);
    expect(await readFile(path, 'utf8')).toBe('300\n');

    state = 301;
    const first = writer.save();
    await new Promise((resolve) => setImmediate(resolve));
    state = 302;
    const second = writer.save();
    await Promise.all([first, second]);
    expect(await readFile(path, 'utf8')).toBe('302\n');
    await writer.idle();
    expect((await readdir(folder)).sort()).toEqual(['state.txt']);
  });

  it('rejects the waiting requests when a save fails, and recovers', async () => {
    const path = join(folder, 'missing-folder', 'state.txt');
    const writer = new CoalescingFileWriter(path, () => ['x']);
    await expect(writer.save()).rejects.toThrow();
    const okWriter = new CoalescingFileWriter(join(folder, 'ok.txt'), () => ['ok']);
    await okWriter.save();
    expect(await readFile(join(folder, 'ok.txt'), 'utf8')).toBe('ok');
  });

  it('replaces a file atomically and leaves no temp file', async () => {
    const path = join(folder, 'file.ldif');
    await writeFile(path, 'old');
    await writeFileAtomic(path, (function* () {
      for (let i = 0; i < 5000; i += 1) yield `line ${i}\n`;
    })());
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(5001);
    expect(await readdir(folder)).toEqual(['file.ldif']);
  });
});
