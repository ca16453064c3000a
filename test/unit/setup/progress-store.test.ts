import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProgressFileError, openProgressStore } from '../../../src-main/setup/progress-store';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'progress-store-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the progress file', () => {
  it('reads a version 2 file: states, notes and verifications kept, its plans (without a digest) dropped', async () => {
    const file = join(folder, 'progress.json');
    const verification = { stepId: '4.2.1', ok: true, checks: [{ what: 'Group', ok: true }], at: '2026-11-25T03:00:00.000Z' };
    await writeFile(
      file,
      JSON.stringify({
        version: 2,
        steps: {
          '3': { state: 'done-by-hand', at: '2026-11-25T01:00:00.000Z', note: 'tapes 41-44' },
          '4.2.1': { state: 'verified', at: '2026-11-25T03:00:00.000Z', plan: { stepId: '4.2.1', actions: [], warnings: [], findings: [] }, verification },
        },
      }),
    );
    const store = await openProgressStore(file);
    expect(store.get('3')).toEqual({ state: 'done-by-hand', at: '2026-11-25T01:00:00.000Z', note: 'tapes 41-44' });
    expect(store.get('4.2.1')).toEqual({ state: 'verified', at: '2026-11-25T03:00:00.000Z', verification });
    await store.update('4.2.1', { at: '2026-11-25T04:00:00.000Z' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 3, steps: { '4.2.1': { state: 'verified' } } });
  });

  it('keeps the confirmation of a step\'s part done by hand, and refuses a damaged file naming the field', async () => {
    const file = join(folder, 'progress.json');
    const store = await openProgressStore(file);
    await store.update('6', { at: 'now', handwork: { note: 'entered on TGT1 and TGT2', at: 'now', subject: 'the monitor' } });
    expect((await openProgressStore(file)).get('6')).toEqual({ state: 'not-started', at: 'now', handwork: { note: 'entered on TGT1 and TGT2', at: 'now', subject: 'the monitor' } });
    await writeFile(file, JSON.stringify({ version: 3, steps: { '6': { state: 'done', at: 'now' } } }));
    await expect(openProgressStore(file)).rejects.toThrow(ProgressFileError);
    await expect(openProgressStore(file)).rejects.toThrow(/steps\.6\.state/);
  });
});
