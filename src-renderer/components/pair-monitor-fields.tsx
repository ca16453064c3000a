import { useRef } from 'react';
import { makeStyles } from '@fluentui/react-components';
import { formatPath } from '../pair/json-path';
import { MONITOR_INTERVAL, MONITOR_MISSED, PROBE_KINDS, PROBE_PATH, PROBE_PORT, PROBE_KIND_PATH, SECOND_PATHS, SECOND_PATH_PATH, fieldInputId } from '../pair/pair-fields';
import { timeToFailText } from '../pair/time-to-fail';
import { draftValue } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';
import { usePageStyles } from './page-styles';
import { PairChoice } from './pair-choice';
import { PairNumberField, numberRangeHint } from './pair-number-field';

const useStyles = makeStyles({
  // A problem of the probe as a whole (a hand-edited file) links here: the wrapper takes the focus.
  probe: { display: 'flex', flexDirection: 'column', gap: 'inherit', outline: 'none' },
});

/**
 * The monitor's timing and probe (what the program's own monitor does from this workstation): the interval between
 * probes and the replies missed in a row before Time to Fail reaches zero, with Time to Fail worked out; ICMP or a
 * TCP port (the port shown for TCP); and the second path that must agree before the source is taken as failed.
 */
export function MonitorTimingFields({ disabled }: { disabled: boolean }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const interval = useWizard((s) => draftValue(s, MONITOR_INTERVAL.path));
  const missed = useWizard((s) => draftValue(s, MONITOR_MISSED.path));
  const kind = useWizard((s) => draftValue(s, PROBE_KIND_PATH));
  const port = useWizard((s) => draftValue(s, PROBE_PORT.path));
  // The port last given, so that ICMP then TCP again gives it back.
  const lastPort = useRef<unknown>(undefined);
  if (port !== undefined) lastPort.current = port;
  const chooseProbe = (value: string): void => {
    const keep = lastPort.current;
    actions.editPairField(PROBE_PATH, value === 'tcp' ? { kind: 'tcp', ...(keep !== undefined ? { port: keep } : {}) } : { kind: value });
  };
  return (
    <>
      <PairNumberField spec={MONITOR_INTERVAL} hint={`Seconds between two probes of the monitored address. ${numberRangeHint(MONITOR_INTERVAL)}`} disabled={disabled} />
      <PairNumberField
        spec={MONITOR_MISSED}
        hint={`Replies missed in a row before the source is taken as failed. ${numberRangeHint(MONITOR_MISSED)}`}
        disabled={disabled}
      />
      <p className={page.muted} data-testid="time-to-fail" aria-live="polite">
        {timeToFailText(interval, missed)}
      </p>
      <div id={fieldInputId(formatPath(PROBE_PATH))} tabIndex={-1} className={styles.probe}>
        <PairChoice
          path={PROBE_KIND_PATH}
          label="Probe"
          hint="How this program asks the monitored address whether it answers: ping, or a TCP port the virtual server listens on (such as 25 for SMTP)."
          options={PROBE_KINDS}
          fallback="icmp"
          alsoProblemsOf={[PROBE_PATH]}
          disabled={disabled}
          onChoose={chooseProbe}
        />
        {(kind === 'tcp' || port !== undefined) && <PairNumberField spec={PROBE_PORT} hint="The port the probe connects to, 1 to 65535." disabled={disabled} />}
      </div>
      <PairChoice
        path={SECOND_PATH_PATH}
        label="Second path"
        hint="What must agree before the source is taken as failed. With the source cluster, missed replies count only while cluster.exe cannot reach the source cluster either."
        options={SECOND_PATHS}
        fallback="source-cluster"
        disabled={disabled}
      />
    </>
  );
}
