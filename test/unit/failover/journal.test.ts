import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../../src-main/failover/change-set';
import { FailoverInputError } from '../../../src-main/failover/engine-api';
import { undoFailover } from '../../../src-main/failover/engine';
import { FLUSH_EVERY_LINES, JournalWriter, parseJournalLine } from '../../../src-main/failover/journal';
import { linesBackwards } from '../../../src-main/failover/reverse-lines';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'exchha-journal-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function collect(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of linesBackwards(path)) lines.push(line);
  return lines;
}

function set(n: number): ChangeSet {
  const dn = `CN=User ${n},OU=Users,DC=lab,DC=local`;
  return {
    phase: 'mailboxes',
    dn,
    changes: [
      { phase: 'mailboxes', dn, attribute: 'homeMDB', before: ['CN=A'], after: ['CN=B'], why: 'test' },
      { phase: 'mailboxes', dn, attribute: 'homeMTA', before: ['CN=MTA A'], after: ['CN=MTA B'], why: 'test' },
    ],
  };
}

describe('linesBackwards', () => {
  it('yields the lines last first, with or without a final line end, across chunk borders (property)', async () => {
    const path = join(folder, 'lines.txt');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 30000 }).map((s) => s.replace(/[\r\n]/g, '')), { maxLength: 6 }), fc.boolean(), async (lines, finalNewline) => {
        const text = lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
        await writeFile(path, text, 'utf8');
        const expected = text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n').reverse();
        expect(await collect(path)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('drops the carriage return of CRLF lines', async () => {
    const path = join(folder, 'crlf.txt');
    await writeFile(path, 'a\r\nb\r\n');
    expect(await collect(path)).toEqual(['b', 'a']);
  });
});

describe('JournalWriter', () => {
  it('writes each change line exactly as JSON.stringify of the journal line (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary' }),
        fc.array(fc.record({ attribute: fc.string({ unit: 'binary' }), before: fc.array(fc.string({ unit: 'binary' })), after: fc.array(fc.string({ unit: 'binary' })) }), { minLength: 1, maxLength: 3 }),
        async (dn, changes) => {
          const path = join(folder, 'exact.journal');
          await rm(path, { force: true });
          const when = new Date('2026-01-02T03:04:05.678Z');
          const journal = await JournalWriter.open(path, { runId: 'run "1"' }, () => when);
          journal.record({ phase: 'spn', dn, changes: changes.map((c) => ({ ...c, phase: 'spn' as const, dn, why: 'x' })) });
          await journal.close();
          const lines = (await readFile(path, 'utf8')).split('\n').slice(1, -1);
          expect(lines).toEqual(
            changes.map((c) =>
              JSON.stringify({ kind: 'change', runId: 'run "1"', op: 1, time: when.toISOString(), phase: 'spn', dn, attribute: c.attribute, before: c.before, after: c.after }),
            ),
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('writes the run line at once, buffers changes, flushes every 1000 lines and at the end', async () => {
    const path = join(folder, 'run.journal');
    const journal = await JournalWriter.open(path, { runId: 'r1', direction: 'failover', source: 'EXCHVS', target: 'EXCHVS-DR' }, () => new Date('2024-01-01T03:00:00Z'));
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(2);
    journal.record(set(1));
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(2);
    for (let n = 2; n <= FLUSH_EVERY_LINES / 2; n += 1) journal.record(set(n));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(1 + FLUSH_EVERY_LINES);
    journal.record(set(9999));
    await journal.close();
    const lines = (await readFile(path, 'utf8')).trim().split('\n').map((line) => parseJournalLine(line));
    expect(lines).toHaveLength(1 + FLUSH_EVERY_LINES + 2);
    expect(lines[0]).toMatchObject({ kind: 'run', runId: 'r1', source: 'EXCHVS' });
    expect(lines[1]).toEqual({
      kind: 'change',
      runId: 'r1',
      op: 1,
      time: '2024-01-01T03:00:00.000Z',
      phase: 'mailboxes',
      dn: 'CN=User 1,OU=Users,DC=lab,DC=local',
      attribute: 'homeMDB',
      before: ['CN=A'],
      after: ['CN=B'],
    });
    expect(lines.at(-1)).toMatchObject({ op: FLUSH_EVERY_LINES / 2 + 1, attribute: 'homeMTA' });
  });

  it('refuses a journal it cannot open as bad input', async () => {
    await expect(JournalWriter.open(join(folder, 'no', 'such', 'folder.journal'), { runId: 'x' }, () => new Date())).rejects.toThrow(FailoverInputError);
  });

  it('appends to an existing journal', async () => {
    const path = join(folder, 'run.journal');
    for (const runId of ['a', 'b']) {
      const journal = await JournalWriter.open(path, { runId }, () => new Date());
      journal.record(set(1));
      await journal.close();
    }
    expect((await readFile(path, 'utf8')).trim().split('\n').map((line) => parseJournalLine(line)?.runId)).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
  });
});

describe('undoFailover refusals', () => {
  const deps = {
    connect: async () => {
      throw new Error('must not connect');
    },
  };

  it('refuses a missing journal and a damaged line before connecting, naming the line', async () => {
    await expect(undoFailover(join(folder, 'none.journal'), deps)).rejects.toThrow(FailoverInputError);
    const path = join(folder, 'bad.journal');
    await writeFile(path, '{"kind":"run","runId":"a","time":"t"}\nnot json\n{"kind":"run","runId":"b","time":"t"}\n');
    await expect(undoFailover(path, deps)).rejects.toThrow(`${path} line 2 is not a journal line`);
  });

  it('ignores a last line cut short by a killed run', async () => {
    const path = join(folder, 'cut.journal');
    await writeFile(path, '{"kind":"run","runId":"a","time":"t"}\n');
    await appendFile(path, '{"kind":"change","runId":"a","op":1,"ti');
    const warnings: string[] = [];
    await expect(undoFailover(path, deps, { onLog: (level, line) => level === 'warn' && warnings.push(line) })).rejects.toThrow('must not connect');
    expect(warnings).toEqual([`${path}: the last line is cut short (a run stopped while writing it); it is ignored`]);
  });
});
