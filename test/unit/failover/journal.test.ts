import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../../src-main/failover/change-set';
import { FailoverInputError } from '../../../src-main/failover/engine-api';
import { undoFailover } from '../../../src-main/failover/engine';
import { COMMIT_BATCH, COMMIT_INTERVAL_MS, type JournalFile, JournalWriter } from '../../../src-main/failover/journal';
import { checkJournal } from '../../../src-main/failover/journal-reader';
import { GENESIS_HASH, sealLine } from '../../../src-main/failover/journal-seal';
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

/** A journal file on a disk that fills after `room` bytes; counts appends and syncs. */
function fillingFile(room: number): JournalFile & { written: string; syncs: number } {
  const file = {
    written: '',
    syncs: 0,
    async appendFile(data: string) {
      if (file.written.length + data.length > room) {
        file.written += data.slice(0, Math.max(0, room - file.written.length));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      file.written += data;
    },
    async datasync() {
      file.syncs += 1;
    },
    async close() {},
  };
  return file;
}

/** A journal written by hand, each line sealed after the one before (as a forger would). */
function handMade(lines: readonly object[]): string {
  let prev = GENESIS_HASH;
  return lines
    .map((line) => {
      const sealed = sealLine(JSON.stringify(line), prev);
      prev = sealed.hash;
      return `${sealed.text}\n`;
    })
    .join('');
}

const RUN = { kind: 'run', version: 2, runId: 'r1', time: '2026-01-01T00:00:00.000Z', direction: 'failover', source: 'EXCHVS', target: 'EXCHVS-DR' };
const intentLine = (op: number, extra: Partial<{ phase: string; dn: string; changes: unknown }> = {}): object => ({
  kind: 'intent',
  runId: 'r1',
  op,
  time: '2026-01-01T00:00:01.000Z',
  phase: 'mailboxes',
  dn: `CN=User ${op},OU=Users,DC=lab,DC=local`,
  changes: [{ attribute: 'homeMDB', before: ['CN=A,DC=lab'], after: ['CN=B,DC=lab'] }],
  ...extra,
});

async function writeJournal(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, text);
  return path;
}

describe('JournalWriter (write-ahead)', () => {
  it('resolves an intent only once its line is on disk and synced, and seals every line into one chain', async () => {
    const path = join(folder, 'run.journal');
    const journal = await JournalWriter.open(path, { runId: 'r1', direction: 'failover', source: 'EXCHVS', target: 'EXCHVS-DR' }, () => new Date('2024-01-01T03:00:00Z'));
    const op = await journal.intent(set(1));
    expect(op).toBe(1);
    const text = await readFile(path, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(JSON.parse(text.trim().split('\n')[1] ?? '')).toMatchObject({ kind: 'intent', op: 1, phase: 'mailboxes', dn: 'CN=User 1,OU=Users,DC=lab,DC=local', changes: [{ attribute: 'homeMDB', before: ['CN=A'], after: ['CN=B'] }, { attribute: 'homeMTA' }] });
    journal.outcome(op, 'applied');
    await journal.end('done');
    await journal.close();
    const summary = await checkJournal(path);
    expect(summary).toMatchObject({ runs: 1, intents: 1, unknown: 0, unfinishedRuns: [], brokenLastLine: false });
    expect(journal.applied).toBe(1);
  });

  it('commits the intents of one turn together: one append and one sync for a batch of 32', async () => {
    const file = fillingFile(10 * 1024 * 1024);
    const journal = await JournalWriter.open(join(folder, 'batch.journal'), { runId: 'r1' }, () => new Date(), { openFile: async () => file });
    const syncsBefore = file.syncs;
    const ops = await Promise.all(Array.from({ length: 32 }, (_, n) => journal.intent(set(n))));
    expect(ops).toEqual(Array.from({ length: 32 }, (_, n) => n + 1));
    expect(file.syncs - syncsBefore).toBe(1);
    for (const op of ops) journal.outcome(op, 'applied');
    await journal.close();
    expect(file.written.trim().split('\n')).toHaveLength(1 + 32 + 32);
  });

  it('commits batched intents in large groups, and a lone batched intent within the commit interval', async () => {
    const file = fillingFile(10 * 1024 * 1024);
    const journal = await JournalWriter.open(join(folder, 'batched.journal'), { runId: 'r1' }, () => new Date(), { openFile: async () => file });
    const before = file.syncs;
    await Promise.all(Array.from({ length: 3 * COMMIT_BATCH }, (_, n) => journal.intent(set(n), { batched: true })));
    expect(file.syncs - before).toBeLessThanOrEqual(4);
    const started = Date.now();
    await journal.intent(set(999), { batched: true });
    expect(Date.now() - started).toBeLessThan(COMMIT_INTERVAL_MS + 1000);
    await journal.close();
  });

  it('fails the waiting intents and every later one when the disk fills, and never reports them durable', async () => {
    const file = fillingFile(1500);
    const journal = await JournalWriter.open(join(folder, 'full.journal'), { runId: 'r1' }, () => new Date(), { openFile: async () => file });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, n) => journal.intent(set(n))));
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(journal.failure?.message).toMatch(/ENOSPC/);
    await expect(journal.intent(set(99))).rejects.toThrow(/ENOSPC/);
    await journal.close();
  });

  it('refuses a run whose journal cannot be opened or whose first line cannot be written', async () => {
    await expect(JournalWriter.open(join(folder, 'no', 'such', 'folder.journal'), { runId: 'x' }, () => new Date())).rejects.toThrow(FailoverInputError);
    await expect(JournalWriter.open(join(folder, 'tiny.journal'), { runId: 'x' }, () => new Date(), { openFile: async () => fillingFile(10) })).rejects.toThrow(/cannot write the journal .*ENOSPC/);
  });

  it('continues the chain when appending, dropping a last line cut short by a killed run', async () => {
    const path = join(folder, 'run.journal');
    const first = await JournalWriter.open(path, { runId: 'a' }, () => new Date());
    first.outcome(await first.intent(set(1)), 'applied');
    await first.close();
    await appendFile(path, '{"kind":"intent","runId":"a","op":2,"ti');
    const dropped: number[] = [];
    const second = await JournalWriter.open(path, { runId: 'b' }, () => new Date(), { onDropped: (bytes) => dropped.push(bytes) });
    second.outcome(await second.intent(set(2)), 'applied');
    await second.end('done');
    await second.close();
    expect(dropped).toEqual([Buffer.byteLength('{"kind":"intent","runId":"a","op":2,"ti')]);
    expect(await checkJournal(path)).toMatchObject({ runs: 2, intents: 2, unfinishedRuns: ['a'], brokenLastLine: false });
  });
});

describe('checkJournal', () => {
  const valid = (): string => handMade([RUN, intentLine(1), { kind: 'outcome', runId: 'r1', op: 1, result: 'applied' }, intentLine(2), { kind: 'end', runId: 'r1', time: 't', status: 'stopped' }]);

  it('accepts a journal the engine could have written, and tells an intent without outcome', async () => {
    expect(await checkJournal(await writeJournal('ok.journal', valid()))).toMatchObject({ runs: 1, intents: 2, unknown: 1, unfinishedRuns: [] });
  });

  it('refuses an edited line, naming it', async () => {
    const path = await writeJournal('edited.journal', valid().replace('CN=B,DC=lab', 'CN=C,DC=lab'));
    await expect(checkJournal(path)).rejects.toThrow(`${path} line 2 is refused: its text does not match its hash (the line was edited)`);
  });

  it('refuses reordered, removed and cut-off-at-the-start journals, naming the line', async () => {
    const lines = valid().trim().split('\n');
    const swapped = [lines[0], lines[3], lines[2], lines[1], lines[4]].join('\n') + '\n';
    const path = await writeJournal('swapped.journal', swapped);
    await expect(checkJournal(path)).rejects.toThrow(`${path} line 2 is refused: it does not follow the line before it (a line was removed, inserted or moved)`);
    const removed = await writeJournal('removed.journal', [lines[0], lines[1], lines[3], lines[4]].join('\n') + '\n');
    await expect(checkJournal(removed)).rejects.toThrow(`${removed} line 3 is refused: it does not follow the line before it`);
    const headless = await writeJournal('headless.journal', lines.slice(1).join('\n') + '\n');
    await expect(checkJournal(headless)).rejects.toThrow(`${headless} line 1 is refused: it says it follows another line, but it is the first line`);
  });

  it('ignores a last line cut short, and only the last', async () => {
    const text = valid();
    expect(await checkJournal(await writeJournal('cut.journal', text.slice(0, -20)))).toMatchObject({ brokenLastLine: true, intents: 2 });
    const lines = text.trim().split('\n');
    const cutInside = await writeJournal('inside.journal', [lines[0], (lines[1] ?? '').slice(0, 50), lines[2]].join('\n') + '\n');
    await expect(checkJournal(cutInside)).rejects.toThrow(`${cutInside} line 2 is refused`);
  });

  it('refuses a sealed hand-made journal naming what a failover never changes', async () => {
    const cases: [object, RegExp][] = [
      [intentLine(1, { changes: [{ attribute: 'userAccountControl', before: ['512'], after: ['514'] }] }), /phase mailboxes never changes userAccountControl/],
      [intentLine(1, { phase: 'spn', changes: [{ attribute: 'servicePrincipalName', before: [], after: ['cifs/EXCHVS'] }] }), /"cifs\/EXCHVS" is not an Exchange service principal name/],
      [intentLine(1, { phase: 'patch-flag', changes: [{ attribute: 'msExchPatchMDB', before: ['FALSE'], after: ['maybe'] }] }), /"maybe" is not TRUE or FALSE/],
      [intentLine(1, { changes: [{ attribute: 'homeMDB', before: ['CN=A,DC=lab'], after: ['not a dn'] }] }), /"not a dn" is not a DN/],
      [intentLine(1, { changes: [{ attribute: 'homeMDB', before: [], after: ['CN=A,DC=lab', 'CN=B,DC=lab'] }] }), /homeMDB holds one value, not several/],
      [{ ...intentLine(1), extra: 'x' }, /Unrecognized key/],
      [{ kind: 'outcome', runId: 'r1', op: 7, result: 'applied' }, /outcome of operation 7, which has no intent before it/],
    ];
    for (const [index, [line, why]] of cases.entries()) {
      const path = await writeJournal(`forged-${index}.journal`, handMade([RUN, line]));
      await expect(checkJournal(path)).rejects.toThrow(why);
      await expect(checkJournal(path)).rejects.toThrow(`${path} line 2 is refused`);
    }
  });

  it('refuses any change of one character in any line but a cut last one (property)', async () => {
    const text = valid();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: text.length - 2 }), fc.integer({ min: 32, max: 126 }), async (at, code) => {
        const replacement = String.fromCharCode(code);
        fc.pre(text[at] !== replacement && text[at] !== '\n');
        const path = await writeJournal('mutated.journal', text.slice(0, at) + replacement + text.slice(at + 1));
        await expect(checkJournal(path)).rejects.toThrow(FailoverInputError);
      }),
      { numRuns: 150 },
    );
  });
});

describe('undoFailover refusals', () => {
  const deps = {
    connect: async () => {
      throw new Error('must not connect');
    },
  };

  it('refuses a missing journal, a journal of the old format and a damaged line before connecting, naming the line', async () => {
    await expect(undoFailover(join(folder, 'none.journal'), deps)).rejects.toThrow(FailoverInputError);
    const old = await writeJournal('v1.journal', '{"kind":"run","runId":"a","time":"t"}\n{"kind":"change","runId":"a","op":1,"time":"t","phase":"mailboxes","dn":"CN=U","attribute":"homeMDB","before":["CN=A"],"after":["CN=B"]}\n');
    await expect(undoFailover(old, deps)).rejects.toThrow(`${old} line 1 is refused: it carries no "prev"/"hash" seal`);
  });

  it('finds nothing to restore in a journal a run left before its first line was written (empty, or cut short), without connecting', async () => {
    for (const [name, text] of [['empty.journal', ''], ['cut-first.journal', '{"kind":"run","version":2,"ru'], ['cut-very-first.journal', '{"ki']] as const) {
      const path = await writeJournal(name, text);
      const outcome = await undoFailover(path, deps);
      expect(outcome.status).toBe('done');
      expect(outcome.verification).toEqual([{ what: expect.stringMatching(/^nothing to restore: .* holds no run/), ok: true }]);
      expect((await undoFailover(path, deps, {}, { test: true })).status).toBe('planned');
    }
    // Text that does not begin as a journal line is not a journal cut short.
    const other = await writeJournal('other.txt', 'hello');
    await expect(undoFailover(other, deps)).rejects.toThrow(`${other} line 1 is refused`);
  });

  it('ignores a last line cut short by a killed run, with a warning, and goes on to connect', async () => {
    const path = await writeJournal('cut.journal', handMade([RUN, intentLine(1)]) + '{"kind":"outcome","runId":"r1","op":1,"res');
    const warnings: string[] = [];
    await expect(undoFailover(path, deps, { onLog: (level, line) => level === 'warn' && warnings.push(line) })).rejects.toThrow('must not connect');
    expect(warnings[0]).toBe(`undo: ${path}: the last line is cut short (a run stopped while writing it); it is ignored`);
    expect(warnings).toContain(`undo: ${path}: run r1 did not finish (stopped or killed); undo restores what it may have changed`);
  });
});
