/**
 * Step 4.1's recording compared with the source server as the directory holds it now: nothing recorded, a
 * recording that cannot be read, or the comparison (and whether the recording is of another server).
 */
import { nameKey } from '../../../failover/discovery';
import { assertNever } from '../../../shared/assert-never';
import type { SetupStepContext } from '../../setup-step';
import { compareConfigs, type ConfigComparison, describeDifference, type SideLabels } from './config-diff';
import { type ExchangeConfig, readRecordedConfig, type RecordedExchangeConfig } from './exchange-config';

/** The id of the step that records the source's configuration. */
export const RECORD_STEP_ID = '4.1';

export type RecordingStatus =
  | { readonly kind: 'none' }
  | { readonly kind: 'unreadable'; readonly problem: string }
  | {
      readonly kind: 'compared';
      readonly recorded: RecordedExchangeConfig;
      /** The recording names another server than the pair document's source now. */
      readonly otherServer: boolean;
      readonly comparison: ConfigComparison;
    };

export function recordingStatus(context: SetupStepContext, now: ExchangeConfig): RecordingStatus {
  const read = readRecordedConfig(context.recorded(RECORD_STEP_ID));
  if (read === undefined) return { kind: 'none' };
  if ('problem' in read) return { kind: 'unreadable', problem: read.problem };
  return {
    kind: 'compared',
    recorded: read.config,
    otherServer: nameKey(read.config.server) !== nameKey(now.server),
    comparison: compareConfigs(read.config, now),
  };
}

/** How the recording and the directory are called in sentences. */
export function recordingLabels(now: ExchangeConfig): SideLabels {
  return { expected: `the recording of step ${RECORD_STEP_ID}`, actual: `${now.server} now` };
}

/** Whether the recording is there and matches the directory now. */
export function recordingIsCurrent(status: RecordingStatus): boolean {
  return status.kind === 'compared' && !status.otherServer && status.comparison.differences.length === 0;
}

/** Every way the recording is not the directory now, one sentence each (empty when it is current). */
export function recordingProblems(status: RecordingStatus, now: ExchangeConfig): string[] {
  switch (status.kind) {
    case 'none':
      return [`Step ${RECORD_STEP_ID} has recorded nothing yet.`];
    case 'unreadable':
      return [`Step ${RECORD_STEP_ID}: ${status.problem}.`];
    case 'compared': {
      const labels = recordingLabels(now);
      return [
        ...(status.otherServer ? [`The recording of step ${RECORD_STEP_ID} is of ${status.recorded.server}, not of ${now.server}.`] : []),
        ...status.comparison.differences.map(
          (difference) => `Changed since step ${RECORD_STEP_ID} recorded it (${status.recorded.recordedAt}): ${describeDifference(difference, labels)}.`,
        ),
      ];
    }
    default:
      return assertNever(status, 'recording status');
  }
}
