/**
 * The whole setup (guide sections 3-6) through the REAL adapters: cluster.exe and dtcl.exe spawned as processes
 * (the emulators in test/fixtures/bin, over the lab's files), the lab's node files, and the lab's directory read
 * through the Directory port only — the same wiring `exchange-ha` builds for the real tools (real-setup-world.ts),
 * driven by the command line's own apply (which verifies each step through the adapters as it goes). Then the lab is reopened in process and every step verified
 * through the lab world too, and a second apply through the adapters finds nothing to do and changes no byte.
 * The in-process lab is closed whenever the emulators write, so only one writer touches clusters.json at a time.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { borrowedDirectory } from '../../../src-main/directory/borrowed-directory';
import type { SetupCommand } from '../../../src-main/cli/exchange-ha/arguments';
import { exeToolFactories, realSetupWorld } from '../../../src-main/app/real-setup-world';
import { applyCommand } from '../../../src-main/cli/exchange-ha/setup-apply-command';
import type { SetupOutput } from '../../../src-main/cli/exchange-ha/setup-commands';
import { DirectoryError, type DirectoryPort } from '../../../src-main/directory/port';
import { DtclSecret } from '../../../src-main/doubletake/dtcl-ast';
import { openLabDirectory } from '../../../src-main/lab/directory/lab-directory';
import { LAB_DOUBLETAKE_PASSWORD, LAB_DOUBLETAKE_USER } from '../../../src-main/lab/doubletake/lab-accounts';
import { openLab } from '../../../src-main/lab/lab';
import { createLabNodeFiles } from '../../../src-main/lab/nodes/lab-node-files';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { writePairDocument } from '../../../src-main/pair/pair-document-file';
import { labSetupWorld } from '../../../src-main/lab/adapters/lab-setup-world';
import { openPairStore } from '../../../src-main/setup/pair-store';
import { openProgressStore } from '../../../src-main/setup/progress-store';
import { openSetupJournal, type JournalEntry } from '../../../src-main/setup/setup-journal';
import { createSetupService, type SetupService } from '../../../src-main/setup/setup-service';
import type { SetupWorld } from '../../../src-main/setup/setup-world';
import { STEP_CATALOGUE } from '../../../src-main/setup/step-catalogue';
import { setupSteps } from '../../../src-main/setup/steps';

const repo = resolve(__dirname, '../../..');
const CLUSTER_EMULATOR = [join(repo, 'test/fixtures/bin/cluster')] as const;
const DTCL_EMULATOR = [join(repo, 'test/fixtures/bin/dtcl')] as const;
const AUTOMATED = STEP_CATALOGUE.filter((e) => e.kind === 'automated').map((e) => e.id);
const BACKUP_NOTE = 'Full backups of SRC1, SRC2, TGT1, TGT2 and DC1 on tape 17';
const MONITOR_NOTE = 'Failover Control Center monitor entered on TGT1 and TGT2 by J. Admin';
/** Long enough for every spawned cluster.exe and dtcl.exe of the whole setup on a slow machine. */
const WHOLE_SETUP_MS = 600_000;

let root: string;
let lab: string;
/** Progress and journal of the runs, outside the lab folder so that the lab snapshot holds only the world. */
let records: string;
let pairFile: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'setup-real-adapters-'));
  lab = join(root, 'lab');
  records = join(root, 'records');
  await mkdir(records);
  const seeded = await openLab(lab);
  await seeded.close();
  pairFile = join(root, 'pair.json');
  await writePairDocument(pairFile, labPairDocument());
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The lab directory as a read-only Directory port: the setup only reads the directory. */
function readOnly(directory: DirectoryPort): DirectoryPort {
  const refuse = async (): Promise<never> => {
    throw new DirectoryError('insufficient-access', 'the setup must not write the directory');
  };
  return { ...borrowedDirectory(directory), modify: refuse, add: refuse, delete: refuse };
}

/** The real tools' world over the emulators, the lab's node files and its directory (opened for the world's life). */
async function adaptersWorld(): Promise<{ world: SetupWorld; close: () => Promise<void> }> {
  const directory = await openLabDirectory(lab);
  const document = labPairDocument();
  const tools = exeToolFactories({
    clusterExe: CLUSTER_EMULATOR,
    dtclExe: DTCL_EMULATOR,
    doubleTakeUser: LAB_DOUBLETAKE_USER,
    doubleTakePassword: new DtclSecret(LAB_DOUBLETAKE_PASSWORD),
    env: { ...process.env, EXCH_HA_LAB_CLUSTERS: join(lab, 'clusters.json'), EXCH_HA_LAB: lab },
    cwd: root,
  });
  const world = realSetupWorld({
    sourceCluster: document.source.cluster.name,
    targetCluster: document.target.cluster.name,
    ...tools,
    doubleTakeUser: LAB_DOUBLETAKE_USER,
    nodeFiles: createLabNodeFiles(lab),
    connectDirectory: async () => readOnly(directory),
    directoryName: 'the lab directory (through the Directory port)',
  });
  return { world, close: () => directory.close() };
}

async function service(world: SetupWorld): Promise<SetupService> {
  return createSetupService({
    world,
    pair: openPairStore(pairFile),
    progress: await openProgressStore(join(records, 'progress.json')),
    journal: openSetupJournal(join(records, 'journal.jsonl')),
    steps: setupSteps(),
    now: () => new Date(),
  });
}

function collect(): { out: SetupOutput; text: () => string } {
  let text = '';
  return {
    out: { line: (t) => (text += `${t}\n`), problem: (t) => (text += `PROBLEM ${t}\n`), json: (v) => (text += `${JSON.stringify(v)}\n`) },
    text: () => text,
  };
}

function applyAll(confirmations: SetupCommand['confirmations'] = []): SetupCommand {
  return { kind: 'setup', verb: 'apply', pair: pairFile, confirmations, json: false };
}

async function journal(): Promise<JournalEntry[]> {
  const text = await readFile(join(records, 'journal.jsonl'), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as JournalEntry);
}

/** Every file of the lab folder (relative path -> sha256). */
async function snapshot(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const item of await readdir(lab, { recursive: true, withFileTypes: true })) {
    if (!item.isFile()) continue;
    const path = join(item.parentPath, item.name);
    files[relative(lab, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return files;
}

describe('the whole setup through cluster.exe and dtcl.exe (the emulators)', () => {
  it(
    'applies and verifies every step, verifies again through the lab itself, and a second apply changes nothing',
    async () => {
      const untouched = await readFile(join(lab, 'directory.ldif'));

      // 1. Apply through the adapters (step 3 and step 6's monitor confirmed on the command line, as an administrator does).
      const first = await adaptersWorld();
      const applied = collect();
      const confirmations = [
        { stepId: '3', note: BACKUP_NOTE },
        { stepId: '6', note: MONITOR_NOTE },
      ];
      const applyCode = await applyCommand(await service(first.world), applyAll(confirmations), applied.out, new AbortController().signal);
      expect(applied.text(), applied.text()).not.toContain('PROBLEM');
      expect(applyCode).toBe(0);
      expect(applied.text()).toContain('    SRCCLUS: cluster SRCCLUS res "Exchange IP Address" /create /group:"Exchange Group" /type:"IP Address"');
      expect(applied.text()).toContain('    SRC1: LOGIN SRC1 Administrator ********;');

      // Each step was verified through the adapters as it was applied (exit 0 means every step verified).
      expect(applied.text().match(/^ {2}Verified\.$/gm)).toHaveLength(STEP_CATALOGUE.length);
      expect(applied.text()).not.toContain('NOT OK');
      await first.close();

      const afterFirst = await journal();
      expect(afterFirst.filter((e) => e.outcome === 'refused')).toEqual([]);
      const appliedSteps = new Set(afterFirst.filter((e) => e.outcome === 'applied').map((e) => e.stepId));
      for (const id of ['4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5', '4.3', '4.4', '4.5', '5.2', '5.3', '6']) expect(appliedSteps).toContain(id);
      // The password never reaches the journal, the progress file or the output.
      const progressText = await readFile(join(records, 'progress.json'), 'utf8');
      for (const text of [JSON.stringify(afterFirst), progressText, applied.text()]) expect(text).not.toContain(LAB_DOUBLETAKE_PASSWORD);

      // 2. The same world seen by the lab itself: reopen it and verify every step through the lab world.
      const reopened = await openLab(lab);
      try {
        const labService = await service(labSetupWorld(reopened));
        for (const entry of STEP_CATALOGUE) {
          const result = await labService.verify(entry.id);
          if (!result.ok) throw new Error(`step ${entry.id}: ${result.error.message}`);
          const failed = result.value.checks.filter((c) => !c.ok).map((c) => `${c.what}: ${c.detail ?? ''}`);
          expect(failed, `step ${entry.id} through the lab world`).toEqual([]);
          expect(result.value.ok).toBe(true);
        }
      } finally {
        await reopened.close();
      }
      const world = await snapshot();

      // 3. A second apply through the adapters: nothing needed, nothing changed.
      const second = await adaptersWorld();
      const again = collect();
      const againCode = await applyCommand(await service(second.world), applyAll(), again.out, new AbortController().signal);
      await second.close();
      expect(again.text(), again.text()).not.toContain('PROBLEM');
      expect(againCode).toBe(0);
      const secondEntries = (await journal()).slice(afterFirst.length);
      expect(secondEntries.map((e) => [e.stepId, e.outcome])).toEqual(AUTOMATED.map((id) => [id, 'nothing-to-do']));
      expect(await snapshot()).toEqual(world);
      expect(await readFile(join(lab, 'directory.ldif'))).toEqual(untouched);
    },
    WHOLE_SETUP_MS,
  );
});
