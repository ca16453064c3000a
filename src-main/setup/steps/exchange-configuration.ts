/**
 * Guide sections 4.1 and 5.1: Exchange is installed by the administrator (the program cannot run Exchange Setup);
 * the program reads what was installed from the directory.
 *
 *  - 4.1 reads the source virtual server's storage groups, stores, database paths and file names and records them
 *    in the progress file, so that the target can be installed identically; verify checks that the recording is
 *    still what the directory holds and that every database lies on the Exchange group's disks.
 *  - 5.1 compares the target virtual server's configuration with the source's, difference by difference, and, when
 *    4.1 has recorded one, the source with its recording. It changes nothing.
 */
import type { VerifyCheck } from '../../contract/steps';
import type { PairDocument } from '../../pair/pair-document-schema';
import { recordAction } from '../setup-actions';
import type { SetupStep, SetupStepContext } from '../setup-step';
import { comparisonChecks, comparisonLines } from './exchange/comparison-report';
import { compareConfigs, describeDifference, type SideLabels } from './exchange/config-diff';
import { type GroupStorage, placementCheck, placementWarnings } from './exchange/database-placement';
import { configLines, type ExchangeConfig, type RecordedExchangeConfig, storeCount } from './exchange/exchange-config';
import { readPairExchange, readSourceExchange } from './exchange/read-exchange-configs';
import { RECORD_STEP_ID, recordingIsCurrent, recordingLabels, recordingProblems, recordingStatus, type RecordingStatus } from './exchange/recording-status';

/** The source Exchange group's storage as the pair document gives it. */
function sourceStorage(pair: PairDocument): GroupStorage {
  return { dataPath: pair.source.systemAttendant.dataPath, drives: pair.source.physicalDisks.map((disk) => disk.drive) };
}

function countText(config: ExchangeConfig): string {
  const groups = config.storageGroups.length;
  const stores = storeCount(config);
  return `${groups} storage group${groups === 1 ? '' : 's'}, ${stores} store${stores === 1 ? '' : 's'}`;
}

/** Checks that the recording is there and of this server (the per-group and per-store checks follow it). */
function recordingChecks(status: RecordingStatus, now: ExchangeConfig): VerifyCheck[] {
  if (status.kind !== 'compared') {
    return [{ what: `The Exchange configuration of ${now.server} is recorded (step ${RECORD_STEP_ID})`, ok: false, detail: recordingProblems(status, now).join(' ') }];
  }
  const labels = recordingLabels(now);
  return [
    {
      what: `The recording of step ${RECORD_STEP_ID} is of ${now.server}`,
      ok: !status.otherServer,
      detail: `Recorded at ${status.recorded.recordedAt} from ${status.recorded.server}.`,
    },
    ...comparisonChecks(status.comparison, {
      labels,
      group: (group) => `Storage group "${group}" of ${now.server} is as recorded`,
      store: (group, store) => `Store "${group} / ${store}" of ${now.server} is as recorded`,
    }),
  ];
}

/** Guide section 4.1: install Exchange on the source (by hand) and record its configuration. */
export const recordSourceExchange: SetupStep = {
  id: RECORD_STEP_ID,

  async plan(context: SetupStepContext) {
    const { source } = await readSourceExchange(context);
    const status = recordingStatus(context, source);
    const current = recordingIsCurrent(status);
    const recording: RecordedExchangeConfig = { ...source, recordedAt: context.world.now().toISOString() };
    const action = recordAction(
      context,
      RECORD_STEP_ID,
      recording,
      configLines(source).join('\n'),
      `Record the storage groups, stores, database paths and file names of ${source.server} as ${context.world.directoryName} holds them, so that the target can be installed identically.`,
      !current,
    );
    const recordedNote =
      status.kind === 'compared' && current
        ? [`Recorded at ${status.recorded.recordedAt}; the directory still holds exactly that.`]
        : status.kind === 'none'
          ? ['Nothing is recorded yet.']
          : [];
    return {
      actions: [action],
      warnings: [
        ...placementWarnings(source, sourceStorage(context.pair)),
        ...(status.kind === 'none' || current ? [] : recordingProblems(status, source)),
      ],
      findings: [
        `Exchange is installed by hand (Exchange Setup on the source cluster); the program reads what was installed.`,
        `Exchange server ${source.server} in ${context.world.directoryName}: ${countText(source)}.`,
        ...configLines(source),
        ...recordedNote,
      ],
    };
  },

  async verify(context: SetupStepContext) {
    const { source } = await readSourceExchange(context);
    return [...recordingChecks(recordingStatus(context, source), source), placementCheck(source, sourceStorage(context.pair))];
  },
};

/** Checks and sentences for "the source still is what 4.1 recorded", only when 4.1 has recorded something. */
function recordedSourceReport(status: RecordingStatus, source: ExchangeConfig): { warnings: string[]; findings: string[]; checks: VerifyCheck[] } {
  if (status.kind === 'none') {
    return { warnings: [], findings: [`Step ${RECORD_STEP_ID} has recorded nothing yet: the target is compared with ${source.server} as it is now.`], checks: [] };
  }
  const problems = recordingIsCurrent(status) ? [] : recordingProblems(status, source);
  return {
    warnings: problems,
    findings: problems.length === 0 && status.kind === 'compared' ? [`${source.server} is still as step ${RECORD_STEP_ID} recorded it at ${status.recorded.recordedAt}.`] : [],
    checks: [
      {
        what: `${source.server} is still as step ${RECORD_STEP_ID} recorded it`,
        ok: problems.length === 0,
        detail: problems.length === 0 ? 'No difference.' : `${problems.join(' ')} Record it again (step ${RECORD_STEP_ID}) if the change is intended.`,
      },
    ],
  };
}

/** Guide section 5.1: install Exchange on the target (by hand), identical to the source. */
export const compareTargetExchange: SetupStep = {
  id: '5.1',

  async plan(context: SetupStepContext) {
    const { source, target } = await readPairExchange(context);
    const labels: SideLabels = { expected: source.server, actual: target.server };
    const comparison = compareConfigs(source, target);
    const recorded = recordedSourceReport(recordingStatus(context, source), source);
    return {
      actions: [],
      warnings: [
        ...comparison.differences.map((difference) => `Difference: ${describeDifference(difference, labels)}.`),
        ...(comparison.differences.length > 0
          ? [`Install or correct Exchange on ${target.server} by hand (Exchange System Manager) until it matches ${source.server}, then plan again.`]
          : []),
        ...recorded.warnings,
      ],
      findings: [
        `Compared ${target.server} (${countText(target)}) with ${source.server} (${countText(source)}) in ${context.world.directoryName}:`,
        ...comparisonLines(comparison, labels),
        ...(comparison.differences.length === 0 ? [`${target.server} has the same storage groups, stores and database files as ${source.server}.`] : []),
        ...recorded.findings,
      ],
    };
  },

  async verify(context: SetupStepContext) {
    const { source, target } = await readPairExchange(context);
    const comparison = compareConfigs(source, target);
    const checks = comparisonChecks(comparison, {
      labels: { expected: source.server, actual: target.server },
      group: (group) => `Storage group "${group}" is on both ${source.server} and ${target.server}`,
      store: (group, store) => `Store "${group} / ${store}" is the same on ${source.server} and ${target.server}`,
    });
    return [...checks, ...recordedSourceReport(recordingStatus(context, source), source).checks];
  },
};
