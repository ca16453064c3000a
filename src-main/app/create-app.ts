import { join } from 'node:path';
import { createDispatcher } from '../contract/dispatcher';
import { openLab } from '../lab/lab';
import { labPairDocument } from '../lab/lab-pair-document';
import { labSetupWorld } from '../lab/adapters/lab-setup-world';
import { ensureLabPairDocument, LAB_PAIR_FILE } from '../setup/lab-pair-file';
import { rememberedPairFile, rememberPairFile } from '../setup/pair-location-memory';
import { openPairStore } from '../setup/pair-store';
import { openProgressStore } from '../setup/progress-store';
import { openSetupJournal } from '../setup/setup-journal';
import { createSetupService } from '../setup/setup-service';
import { setupSteps } from '../setup/steps';
import type { App, AppOptions } from './app';
import { createContractHandlers } from './contract-handlers';
import { runFailover } from '../failover/engine';
import { borrowedDirectory } from '../directory/borrowed-directory';
import { createFailoverRunner } from './failover-runner';

/**
 * Builds the program's services on the lab and binds them to the contract. The Electron shell and the browser
 * preview both host what this returns; neither holds any rule of its own.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const lab = await openLab(options.labFolder);
  const now = () => new Date();
  // --pair FILE, else the file last chosen in the wizard, else the lab's own document (written when missing).
  const remembered = options.pairFile === undefined ? await rememberedPairFile(options.labFolder) : undefined;
  const pairFile = options.pairFile ?? remembered ?? join(options.labFolder, LAB_PAIR_FILE);
  if (remembered === undefined) await ensureLabPairDocument(pairFile, labPairDocument());
  const setup = createSetupService({
    world: labSetupWorld(lab, now),
    pair: openPairStore(pairFile, { onRelocated: (path) => rememberPairFile(options.labFolder, path) }),
    progress: await openProgressStore(join(options.labFolder, 'progress.json')),
    journal: openSetupJournal(join(options.labFolder, 'journal.jsonl')),
    steps: setupSteps(),
    now,
  });
  const environment = {
    kind: 'lab' as const,
    labFolder: options.labFolder,
    sourceCluster: lab.source.cluster,
    targetCluster: lab.target.cluster,
    appVersion: options.appVersion,
  };
  // The GUI runs the same engine as `exchfailover`, on the lab's directory; journals go beside the lab.
  const failover = createFailoverRunner({
    runFailover,
    connect: async () => borrowedDirectory(lab.directory),
    journalFolder: join(options.labFolder, 'journals'),
    now,
  });
  const dispatcher = createDispatcher(createContractHandlers({ environment, setup, lab, failover }));
  return {
    dispatcher,
    environment,
    async close() {
      dispatcher.cancelAll();
      await lab.close();
    },
  };
}
