import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLab, type Lab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { labSetupWorld } from '../../../src-main/lab/adapters/lab-setup-world';
import { writePairDocument } from '../../../src-main/pair/pair-document-file';
import { openPairStore, pairDigest, type PairStore } from '../../../src-main/setup/pair-store';
import { openProgressStore } from '../../../src-main/setup/progress-store';
import { clusterAction, sameClusterName } from '../../../src-main/setup/setup-actions';
import { openSetupJournal } from '../../../src-main/setup/setup-journal';
import { createSetupService, type SetupService } from '../../../src-main/setup/setup-service';
import type { SetupStep } from '../../../src-main/setup/setup-step';
import { backupsConfirmed } from '../../../src-main/setup/steps/backups-confirmed';

/**
 * A step's state follows the pair document open now: what was applied, verified or done by hand under another
 * document (another file, the same file changed, a new document to fill in, a broken file) needs rechecking, and the
 * steps that require it wait for that.
 */

let folder: string;
let lab: Lab;
let first: string;
let store: PairStore;
let setup: SetupService;

const NOW = new Date('2026-11-25T03:00:00Z');

/** 4.2.1 over the real lab cluster: the pair document's group, created when missing. */
const groupStep: SetupStep = {
  id: '4.2.1',
  async plan({ pair, world }) {
    const exists = (await world.source.groups()).some((g) => sameClusterName(g.name, pair.source.group.name));
    return { actions: [clusterAction(world.source, { kind: 'group-create', group: pair.source.group.name }, 'Create the group', !exists)], warnings: [], findings: [] };
  },
  async verify({ pair, world }) {
    const exists = (await world.source.groups()).some((g) => sameClusterName(g.name, pair.source.group.name));
    return [{ what: `Group ${pair.source.group.name}`, ok: exists }];
  },
};

/** 4.2.2 requires 4.2.1 (the catalogue's rule); it always verifies. */
const dependentStep: SetupStep = {
  id: '4.2.2',
  async plan() {
    return { actions: [], warnings: [], findings: [] };
  },
  async verify() {
    return [{ what: 'always', ok: true }];
  },
};

const changedDocument = () => ({ ...labPairDocument(), source: { ...labPairDocument().source, group: { ...labPairDocument().source.group, description: 'Moved to the new SAN' } } });
const stateOf = (id: string) => setup.list().find((s) => s.id === id);
const hooks = () => ({ signal: new AbortController().signal });

async function planAndApply(stepId: string) {
  const plan = await setup.plan(stepId);
  if (!plan.ok) return plan;
  return setup.apply(stepId, { digest: plan.value.digest }, hooks());
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'exch-ha-recheck-'));
  lab = await openLab(folder);
  first = join(folder, 'pair.json');
  await writePairDocument(first, labPairDocument());
  store = openPairStore(first);
  setup = createSetupService({
    world: labSetupWorld(lab, () => NOW),
    pair: store,
    progress: await openProgressStore(join(folder, 'progress.json')),
    journal: openSetupJournal(join(folder, 'journal.jsonl')),
    steps: new Map([
      ['3', backupsConfirmed],
      ['4.2.1', groupStep],
      ['4.2.2', dependentStep],
    ]),
    now: () => NOW,
  });
});
afterEach(async () => {
  await lab.close();
  await rm(folder, { recursive: true, force: true });
});

describe('a step verified under another pair document needs rechecking', () => {
  it('knows the digest of the document open from the start, before anything asked for it', () => {
    expect(store.digest()).toBe(pairDigest(labPairDocument()));
  });

  it('after New (a document to fill in) no step shows verified; opening the first file again brings the states back', async () => {
    expect(await planAndApply('4.2.1')).toMatchObject({ ok: true, value: { kind: 'applied', verification: { ok: true } } });
    expect(stateOf('4.2.1')).toMatchObject({ state: 'verified' });
    expect(stateOf('4.2.1')?.stale).toBeUndefined();

    expect(await store.create(join(folder, 'new.json'))).toMatchObject({ ok: true });
    expect(store.digest()).toBeUndefined();
    expect(stateOf('4.2.1')).toMatchObject({ state: 'needs-recheck', stale: true, recheckOf: 'verified' });
    expect(setup.get('4.2.1')).toMatchObject({ ok: true, value: { summary: { state: 'needs-recheck' } } });
    // A lab's backups are confirmed by rule, for every document.
    expect(stateOf('3')).toMatchObject({ state: 'done-by-hand' });
    expect(stateOf('3')?.stale).toBeUndefined();

    expect(await store.open(first)).toMatchObject({ ok: true });
    expect(stateOf('4.2.1')).toMatchObject({ state: 'verified' });
  });

  it('the same file changed outside the program: needs rechecking once read; verifying again settles it', async () => {
    await planAndApply('4.2.1');
    await writePairDocument(first, changedDocument());
    await store.status();
    expect(stateOf('4.2.1')).toMatchObject({ state: 'needs-recheck', recheckOf: 'verified' });
    expect(await setup.verify('4.2.1')).toMatchObject({ ok: true, value: { ok: true } });
    expect(stateOf('4.2.1')).toMatchObject({ state: 'verified' });
    expect(stateOf('4.2.1')?.stale).toBeUndefined();
  });

  it('a broken file open (not JSON) makes every verified step one to recheck', async () => {
    await planAndApply('4.2.1');
    await writeFile(first, '{ "version": 3, ');
    await store.status();
    expect(store.digest()).toBeUndefined();
    expect(stateOf('4.2.1')).toMatchObject({ state: 'needs-recheck' });
  });

  it('a step that requires one to recheck waits for it, naming the state', async () => {
    await planAndApply('4.2.1');
    await writePairDocument(first, changedDocument());
    await store.status();
    const plan = await setup.plan('4.2.2');
    expect(plan.ok).toBe(true);
    const refused = await setup.apply('4.2.2', { digest: plan.ok ? plan.value.digest : '' }, hooks());
    expect(refused).toMatchObject({ ok: false, error: { code: 'setup/prerequisite', message: expect.stringContaining('4.2.1 (') } });
    expect(refused.ok === false && refused.error.message).toContain('needs-recheck');
    await setup.verify('4.2.1');
    expect(await planAndApply('4.2.2')).toMatchObject({ ok: true, value: { kind: 'applied' } });
  });

  it('a step done by hand is done for the document open then', async () => {
    expect(await setup.markDone('4.2.2', 'Made by hand on SRCCLUS, ticket 4711')).toMatchObject({ ok: true, value: { summary: { state: 'done-by-hand' } } });
    await writePairDocument(first, changedDocument());
    await store.status();
    expect(stateOf('4.2.2')).toMatchObject({ state: 'needs-recheck', recheckOf: 'done-by-hand', note: 'Made by hand on SRCCLUS, ticket 4711' });
  });

  it('planning a step to recheck keeps it to recheck (planning never settles a step)', async () => {
    await planAndApply('4.2.1');
    await writePairDocument(first, changedDocument());
    await store.status();
    expect((await setup.plan('4.2.1')).ok).toBe(true);
    expect(stateOf('4.2.1')).toMatchObject({ state: 'needs-recheck' });
  });
});
