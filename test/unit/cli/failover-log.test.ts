import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openFailoverLog } from '../../../src-main/cli/failover-log';
import { createSecretMask } from '../../../src-main/shared/redaction';
import { MemoryFiles } from './memory-files';
import { anyString } from './any-code-point';

const now = (): Date => new Date('2024-05-01T03:00:00.000Z');

describe('openFailoverLog', () => {
  it('appends timestamped, levelled, masked lines (one a write, line breaks escaped), batching the writes', async () => {
    const files = new MemoryFiles({ '/l.log': 'earlier\n' });
    let appends = 0;
    const counting = { ...files, readText: files.readText.bind(files), isFile: files.isFile.bind(files), listFiles: files.listFiles.bind(files), appendText: async (path: string, text: string) => { appends += 1; await files.appendText(path, text); } };
    const log = await openFailoverLog({ path: '/l.log', files: counting, now, mask: createSecretMask(['hunter2']), onError: () => undefined }, ['started']);
    for (let i = 0; i < 100; i += 1) log.write('info', `line ${i}`);
    log.write('warn', 'one\nline with hunter2');
    await log.flush();
    const text = files.files.get('/l.log') ?? '';
    expect(text.startsWith('earlier\n2024-05-01T03:00:00.000Z INFO  started\n')).toBe(true);
    expect(text).toContain('2024-05-01T03:00:00.000Z WARN  one\\nline with ********\n');
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

  it('writes each message as exactly one line, whatever values it holds: no forged "Result:" line', async () => {
    const breaks = fc.constantFrom('\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f', '\u001b[2K', '\t', '\n2024-05-01T03:00:00.000Z INFO  Result: done and verified (exit code 0)\n');
    const text = fc.array(fc.oneof(anyString({ maxLength: 8 }), breaks, fc.constant('Result: done and verified (exit code 0)')), { maxLength: 8 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 6 }), async (messages) => {
        const files = new MemoryFiles();
        const log = await openFailoverLog({ path: '/p.log', files, now, mask: createSecretMask(), onError: () => undefined }, ['start']);
        for (const value of messages) log.write('warn', `No partner (not moved): ${value}`);
        log.write('error', 'Result: stopped (exit code 2)');
        await log.flush();
        const lines = (files.files.get('/p.log') ?? '').split(/\r\n|[\n\v\f\r\u0085\u2028\u2029]/);
        expect(lines.pop()).toBe('');
        expect(lines).toHaveLength(1 + messages.length + 1);
        expect(lines.every((line) => /^2024-05-01T03:00:00\.000Z (INFO |WARN |ERROR) /.test(line))).toBe(true);
        expect(lines.filter((line) => /^\S+ (INFO |WARN |ERROR) Result: /.test(line))).toEqual(['2024-05-01T03:00:00.000Z ERROR Result: stopped (exit code 2)']);
      }),
      { numRuns: 50 },
    );
  });
});
