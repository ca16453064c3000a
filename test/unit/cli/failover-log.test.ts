import { describe, expect, it } from 'vitest';
import { openFailoverLog } from '../../../src-main/cli/failover-log';
import { createSecretMask } from '../../../src-main/cli/secret-masking';
import { MemoryFiles } from './memory-files';

const now = (): Date => new Date('2024-05-01T03:00:00.000Z');

describe('openFailoverLog', () => {
  it('appends timestamped, levelled, masked lines, batching the writes', async () => {
    const files = new MemoryFiles({ '/l.log': 'earlier\n' });
    let appends = 0;
    const counting = { ...files, readText: files.readText.bind(files), isFile: files.isFile.bind(files), appendText: async (path: string, text: string) => { appends += 1; await files.appendText(path, text); } };
    const log = await openFailoverLog({ path: '/l.log', files: counting, now, mask: createSecretMask(['hunter2']), onError: () => undefined }, ['started']);
    for (let i = 0; i < 100; i += 1) log.write('info', `line ${i}`);
    log.write('warn', 'two\nlines with hunter2');
    await log.flush();
    const text = files.files.get('/l.log') ?? '';
    expect(text.startsWith('earlier\n2024-05-01T03:00:00.000Z INFO  started\n')).toBe(true);
    expect(text).toContain('2024-05-01T03:00:00.000Z WARN  two\n2024-05-01T03:00:00.000Z WARN  lines with ********\n');
    expect(text.split('\n').filter((line) => line.includes('INFO  line '))).toHaveLength(100);
    expect(appends).toBeLessThanOrEqual(3);
  });

  it('rejects at open when the file cannot be written, and reports a later failure once', async () => {
    const files = new MemoryFiles();
    files.readOnly.add('/ro.log');
    await expect(openFailoverLog({ path: '/ro.log', files, now, mask: createSecretMask(), onError: () => undefined }, ['x'])).rejects.toMatchObject({ code: 'EACCES' });
    const errors: unknown[] = [];
    const log = await openFailoverLog({ path: '/later.log', files, now, mask: createSecretMask(), onError: (error) => errors.push(error) }, ['x']);
    files.readOnly.add('/later.log');
    log.write('info', 'a');
    await log.flush();
    log.write('info', 'b');
    await log.flush();
    expect(errors).toHaveLength(1);
  });
});
