import { join } from 'node:path';
import type { Environment } from '../contract/channels';
import { createDispatcher } from '../contract/dispatcher';
import { noSecretStore } from '../credentials/secret-store';
import { openSessionCredentials } from '../credentials/session-credentials';
import { labPairDocument } from '../lab/lab-pair-document';
import { ensureLabPairDocument, LAB_PAIR_FILE } from '../setup/lab-pair-file';
import { rememberedPairFile, rememberPairFile } from '../setup/pair-location-memory';
import { openPairStore } from '../setup/pair-store';
import { openProgressStore } from '../setup/progress-store';
import { openSetupJournal } from '../setup/setup-journal';
import { createSetupService } from '../setup/setup-service';
import { setupSteps } from '../setup/steps';
import type { App, AppOptions } from './app';
import { composeWorld, credentialSpecs, environmentTitle } from './compose-world';
import { createContractHandlers, type LabControls, type PreflightRunner } from './contract-handlers';
import type { Lab } from '../lab/lab';
import { createIncidentService } from './incident-service';
import { hostname, userInfo } from 'node:os';
import type { PairDocument } from '../pair/pair-document-schema';
import { err, ok } from '../contract/result';
import { runPreflight } from '../preflight/run-preflight';
import { isPlainLdapUrl, type ConnectionProfile } from '../profile/connection-profile-schema';
import { labFolderChooser } from './lab-folder-chooser';
import { runFailover } from '../failover/engine';
import { createFailoverRunner } from './failover-runner';
import { createProfileService } from './profile-service';
import { loggedSetupService, logPreflightCheck } from './diagnostic-events';
import { silentLogger } from '../shared/log-port';

/**
 * Builds the program's services on the world chosen — the lab (default) or a real pair (`options.real`) — through
 * the one composition (compose-world.ts), and binds them to the contract. The Electron shell and the browser
 * preview both host what this returns; neither holds any rule of its own.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const now = () => new Date();
  const logger = options.logger ?? silentLogger;
  const real = options.real;
  let pairFile: string;
  if (real !== undefined) {
    if (options.pairFile === undefined) throw new Error('A real pair needs its pair document (--pair FILE) with the connection profile.');
    pairFile = options.pairFile;
  } else {
    // --pair FILE, else the file last chosen in the wizard, else the lab's own document (written when missing).
    const remembered = options.pairFile === undefined ? await rememberedPairFile(options.labFolder) : undefined;
    pairFile = options.pairFile ?? remembered ?? join(options.labFolder, LAB_PAIR_FILE);
    if (remembered === undefined) await ensureLabPairDocument(pairFile, labPairDocument());
  }
  const pair = openPairStore(pairFile, real === undefined ? { onRelocated: (path) => rememberPairFile(options.labFolder, path) } : {});
  // The clusters the pair document names now: the real world's cluster.exe ports follow them (kept from the last
  // valid document while the one open has problems).
  let clusters = { source: '', target: '' };
  let lastDocument: PairDocument | undefined;
  const currentClusters = async () => {
    const loaded = await pair.load();
    if (loaded.ok) {
      clusters = { source: loaded.document.source.cluster.name, target: loaded.document.target.cluster.name };
      lastDocument = loaded.document;
    }
    return loaded.ok ? clusters : undefined;
  };
  await currentClusters();
  const credentials = await openSessionCredentials({
    items: credentialSpecs(real === undefined ? { kind: 'lab' } : { kind: 'real', profile: real.profile }),
    store: real === undefined ? noSecretStore : (options.secretStore ?? noSecretStore),
  });
  const world = await composeWorld(
    real === undefined
      ? { kind: 'lab', labFolder: options.labFolder }
      : {
          kind: 'real',
          pairFile,
          profile: real.profile,
          ...(real.profileFile === undefined ? {} : { profileFile: real.profileFile }),
          credentials,
          clusters: () => clusters,
          pair: () => lastDocument,
          ...(options.childEnv === undefined ? {} : { childEnv: options.childEnv }),
        },
    { now, logger },
  );
  try {
    const setup = loggedSetupService(
      createSetupService({
        world: world.setupWorld,
        pair,
        progress: await openProgressStore(world.files.progress),
        journal: openSetupJournal(world.files.journal),
        steps: setupSteps(),
        now,
      }),
      logger,
    );
    const preflightLog = logger.child({ subsystem: 'preflight' });
    // The renderer never names a file the program trusts: the shell's dialogs, or only names in the lab folder.
    const files = options.fileChooser ?? labFolderChooser(options.labFolder);
    const lab = world.lab;
    const describe = async (): Promise<Environment> => {
      const named = (await currentClusters()) ?? (lab === undefined ? clusters : { source: lab.source.cluster, target: lab.target.cluster });
      return {
        kind: world.kind,
        name: world.name,
        title: environmentTitle(world.name, named.source === '' ? undefined : named),
        warnings: [...world.warnings],
        ...(world.labFolder === undefined ? {} : { labFolder: world.labFolder }),
        ...(world.profileFile === undefined ? {} : { profileFile: world.profileFile }),
        ...(real === undefined ? {} : { profile: profileView(real.profile) }),
        sourceCluster: named.source,
        targetCluster: named.target,
        appVersion: options.appVersion,
        fileChoice: files.mode,
      };
    };
    // The GUI runs the same engine as `exchfailover`, on the world's directory; journals where the world keeps them.
    const failover = createFailoverRunner({
      runFailover,
      connect: () => world.connectDirectory(),
      journalFolder: world.files.failoverJournals,
      now,
      logger,
    });
    const preflight: PreflightRunner = {
      async run({ signal, onCheck }) {
        const loaded = await pair.load();
        if (!loaded.ok) {
          return err('pair/invalid', `The pair document has ${loaded.problems.length} problem${loaded.problems.length === 1 ? '' : 's'}; correct it before checking the connections (the checks read its names).`);
        }
        clusters = { source: loaded.document.source.cluster.name, target: loaded.document.target.cluster.name };
        // An estimate of the checks to come, for the progress bar only (the report lists what actually ran).
        const nodes = loaded.document.source.cluster.nodes.length + loaded.document.target.cluster.nodes.length;
        const expected = 6 + 4 + nodes * 3;
        let done = 0;
        const report = await runPreflight(world.preflight, loaded.document, {
          signal,
          onCheck: (check) => {
            logPreflightCheck(preflightLog, check);
            done += 1;
            onCheck(check, Math.min(0.95, done / expected));
          },
        });
        return ok({ ...report, checks: [...report.checks] });
      },
    };
    // The failover panel: the monitor runs here, in the main process, whether the panel is open or not.
    const incident = createIncidentService({
      world: world.incident,
      incidentsRoot: world.files.incidents,
      journalFolder: world.files.failoverJournals,
      // The document open now, only when it is valid (a run never reads a document with problems).
      pair: async () => ((await currentClusters()) === undefined ? undefined : lastDocument),
      operator: { user: operatorName(), host: hostname(), pid: process.pid },
      ...(options.onAttention === undefined ? {} : { onAttention: options.onAttention }),
      ...(lab === undefined ? {} : { labFailures: () => labControls(lab).failures() }),
      logger,
    });
    const dispatcher = createDispatcher(
      createContractHandlers({
        describe,
        setup,
        lab: lab === undefined ? undefined : labControls(lab),
        failover,
        incident,
        files,
        credentials,
        preflight,
        profile: createProfileService({ current: real?.profile, files, pairFile: () => setup.pair.path }),
        beforeStep: async () => void (await currentClusters()),
      }),
    );
    return {
      dispatcher,
      environment: await describe(),
      async close() {
        dispatcher.cancelAll();
        await incident.close();
        await world.close();
      },
    };
  } catch (e) {
    await world.close();
    throw e;
  }
}

/** The lab's controls as the contract offers them. */
function labControls(lab: Lab): LabControls {
  return {
    clusters: () => lab.clusters(),
    power: (target, on) => lab.power(target, on),
    failure: (failure, restore) => (restore ? lab.restore(failure) : lab.fail(failure)),
    async failures() {
      return lab.failures().map((f) => (f.kind === 'node' ? `node ${f.node} (since ${f.since})` : `${f.kind} (since ${f.since})`));
    },
  };
}

/** Who runs the program, as runs and answers are signed ("jdoe"); "operator" when the system cannot tell. */
function operatorName(): string {
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}

/** What the Connections page shows of the profile (it never holds a secret): how each system is reached. */
function profileView(profile: ConnectionProfile): NonNullable<Environment['profile']> {
  const { directory } = profile;
  return {
    directory: {
      url: directory.url,
      security: !isPlainLdapUrl(directory.url) ? 'ldaps' : directory.startTls ? 'starttls' : 'plain',
      ...(directory.caFile === undefined ? {} : { caFile: directory.caFile }),
      ...(directory.bindDn === undefined ? {} : { bindDn: directory.bindDn }),
    },
    clusterExe: profile.tools.clusterExe,
    dtclExe: profile.tools.dtclExe,
    doubleTakeUser: profile.doubleTake.user,
    nodeFilesRoot: profile.nodeFiles.root,
  };
}
