/**
 * Builds the setup service for one `exchange-ha setup` run: on the lab (`--lab DIR`: the lab's models, progress and
 * journal in DIR, shared with the desktop program) or on the real tools (cluster.exe, dtcl.exe, the nodes'
 * administrative shares, the directory over LDAP; progress and journal beside the pair document). The pair
 * document is checked first, so an invalid one is refused before anything is opened.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openLdaptsDirectory } from '../../directory/ldapts-directory';
import { DtclSecret } from '../../doubletake/dtcl-ast';
import { LAB_CLUSTERS_FILE, openLab } from '../../lab/lab';
import { createUncNodeFiles } from '../../nodes/unc-node-files';
import type { PairDocument } from '../../pair/pair-document-schema';
import { PairDocumentError } from '../../pair/pair-problems';
import { labSetupWorld } from '../../lab/adapters/lab-setup-world';
import { openPairStore, type PairStore } from '../../setup/pair-store';
import { openProgressStore } from '../../setup/progress-store';
import { openSetupJournal } from '../../setup/setup-journal';
import { createSetupService, type SetupService } from '../../setup/setup-service';
import type { SetupStep } from '../../setup/setup-step';
import type { SetupWorld } from '../../setup/setup-world';
import { fileErrorReason } from '../cli-files';
import type { SecretMask } from '../../shared/redaction';
import { UsageError } from '../usage-error';
import { BIND_PASSWORD_ENV, DT_PASSWORD_ENV, type RealToolArguments, type SecretSource, type SetupCommand } from './arguments';
import { exeToolFactories, realSetupWorld } from '../../app/real-setup-world';

/** The lab folder's progress and journal names (the desktop program uses the same). */
export const LAB_PROGRESS_FILE = 'progress.json';
export const LAB_JOURNAL_FILE = 'journal.jsonl';

/** Where a real run keeps its progress and journal: beside the pair document. */
export const realProgressFile = (pair: string): string => `${pair}.progress.json`;
export const realJournalFile = (pair: string): string => `${pair}.journal.jsonl`;

export interface ComposedSetup {
  readonly service: SetupService;
  /** Where the run works, for the first line of output (`the lab in /tmp/lab`, `the real tools`). */
  readonly where: string;
  /** Closes what was opened (the lab saves). */
  close(): Promise<void>;
}

export interface CompositionDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  /** Every secret read is added here, so no output can show it. */
  readonly mask: SecretMask;
  /** The steps by id (steps/index.ts's setupSteps()). */
  readonly steps: () => ReadonlyMap<string, SetupStep>;
  readonly readText?: (path: string) => Promise<string>;
}

/** The valid pair document; an invalid one is refused with every problem and its field path (PairDocumentError). */
export async function loadPairOrThrow(pair: PairStore): Promise<PairDocument> {
  const loaded = await pair.load();
  if (!loaded.ok) throw new PairDocumentError(pair.path, loaded.problems);
  return loaded.document;
}

export async function composeSetup(command: SetupCommand, deps: CompositionDeps): Promise<ComposedSetup> {
  const pair = openPairStore(command.pair);
  const document = await loadPairOrThrow(pair);
  const steps = deps.steps();
  if (command.lab !== undefined) {
    const folder = command.lab;
    if (!existsSync(join(folder, LAB_CLUSTERS_FILE))) {
      throw new UsageError(`--lab ${folder} holds no lab (no ${LAB_CLUSTERS_FILE}); make one with: exchange-ha lab init ${folder}`);
    }
    const lab = await openLab(folder);
    try {
      const service = createSetupService({
        world: labSetupWorld(lab, deps.now),
        pair,
        progress: await openProgressStore(join(folder, LAB_PROGRESS_FILE)),
        journal: openSetupJournal(join(folder, LAB_JOURNAL_FILE)),
        steps,
        now: deps.now,
      });
      return { service, where: `the lab in ${folder}`, close: () => lab.close() };
    } catch (e) {
      await lab.close();
      throw e;
    }
  }
  if (command.real === undefined) throw new UsageError('without --lab, the real tools need their options (see --help)');
  const world = await realWorld(command.real, document.source.cluster.name, document.target.cluster.name, deps);
  const service = createSetupService({
    world,
    pair,
    progress: await openProgressStore(realProgressFile(command.pair)),
    journal: openSetupJournal(realJournalFile(command.pair)),
    steps,
    now: deps.now,
  });
  return { service, where: `the real tools (${command.real.clusterExe}, ${command.real.dtclExe}, ${command.real.ldapUrl})`, close: async () => undefined };
}

async function realWorld(real: RealToolArguments, sourceCluster: string, targetCluster: string, deps: CompositionDeps): Promise<SetupWorld> {
  const dtPassword = await readSecret(real.dtPassword, '--dt-password-file', deps);
  const bindPassword = real.bindPassword === undefined ? undefined : await readSecret(real.bindPassword, '--bind-password-file', deps);
  const tools = exeToolFactories({
    clusterExe: [real.clusterExe],
    dtclExe: [real.dtclExe],
    doubleTakeUser: real.dtUser,
    doubleTakePassword: new DtclSecret(dtPassword),
    env: childEnvironment(deps.env),
  });
  return realSetupWorld({
    sourceCluster,
    targetCluster,
    ...tools,
    doubleTakeUser: real.dtUser,
    nodeFiles: createUncNodeFiles(),
    connectDirectory: () =>
      openLdaptsDirectory({
        url: real.ldapUrl,
        ...(real.bindDn === undefined ? {} : { bindDn: real.bindDn }),
        ...(bindPassword === undefined ? {} : { password: bindPassword }),
        ...(real.startTls ? { startTls: true } : {}),
        ...(real.caFile === undefined ? {} : { caFile: real.caFile }),
      }),
    directoryName: real.ldapUrl,
    now: deps.now,
  });
}

/** The environment cluster.exe and dtcl.exe get: this one without the password variables (a child never sees them). */
export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  delete out[DT_PASSWORD_ENV];
  delete out[BIND_PASSWORD_ENV];
  return out;
}

/** A password from its environment variable or its file (one line; a final newline is not part of it). */
export async function readSecret(source: SecretSource, option: string, deps: Pick<CompositionDeps, 'env' | 'mask' | 'readText'>): Promise<string> {
  if (source.from === 'env') {
    const value = deps.env[source.variable] ?? '';
    if (value === '') throw new UsageError(`${source.variable} is empty`);
    deps.mask.add(value);
    return value;
  }
  let text: string;
  try {
    text = await (deps.readText ?? ((path: string) => readFile(path, 'utf8')))(source.file);
  } catch (e) {
    throw new UsageError(`cannot read the password file ${source.file} (${option}): ${fileErrorReason(e)}`);
  }
  const password = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r?\n$/, '');
  deps.mask.add(password);
  if (password === '') throw new UsageError(`the password file ${source.file} (${option}) is empty`);
  if (/[\r\n]/.test(password)) throw new UsageError(`the password file ${source.file} (${option}) has more than one line; it must hold only the password`);
  return password;
}
