import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useShallow } from 'zustand/react/shallow';
import { failurePulled, labFailureControls } from '../state/incident-selectors';
import { useActions, useWizard, useWizardData } from '../wizard-context';
import { ErrorBar } from './error-bar';

const useStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBottom: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  name: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  p: { margin: 0, fontSize: tokens.fontSizeBase200 },
});

/**
 * The lab's failures, each pulled and restored by its own buttons (`lab.failure`): the source or the target cluster,
 * the replication link, a split, a node; then what is pulled now and the lab's message.
 */
export function LabFailures() {
  const styles = useStyles();
  const actions = useActions();
  const controls = useWizardData(labFailureControls);
  const pulled = useWizardData((s) => controls.map((c) => failurePulled(s, c)));
  const { busy, failures, message, error } = useWizard(useShallow((s) => s.labFailure));
  const connected = useWizard((s) => s.connection === 'open');
  return (
    <section aria-labelledby="lab-failures-heading" data-testid="lab-failures">
      <h3 id="lab-failures-heading" className={styles.heading}>
        Failures
      </h3>
      <ul className={styles.list}>
        {controls.map((control, i) => (
          <li key={control.key} className={styles.item} data-failure={control.key} data-pulled={pulled[i] ?? 'unknown'}>
            <span className={styles.name}>
              {control.label}
              {pulled[i] === true ? ' — pulled' : ''}
            </span>
            <span className={styles.buttons}>
              <Button
                size="small"
                aria-label={`Pull: ${control.label}`}
                disabledFocusable={!connected || busy !== undefined || pulled[i] === true}
                onClick={() => void actions.labFailure(control.failure, false)}
              >
                Pull
              </Button>
              <Button
                size="small"
                aria-label={`Restore: ${control.label}`}
                disabledFocusable={!connected || busy !== undefined || pulled[i] === false}
                onClick={() => void actions.labFailure(control.failure, true)}
              >
                Restore
              </Button>
            </span>
          </li>
        ))}
      </ul>
      <div aria-live="polite" className={styles.p} data-testid="lab-failure-status">
        {busy !== undefined ? `${busy[0]!.toUpperCase()}${busy.slice(1)}…` : (message ?? '')}
      </div>
      {failures !== undefined && (
        <p className={styles.p} data-testid="lab-failures-now">
          Pulled now: {failures.length === 0 ? 'nothing' : failures.join(', ')}
        </p>
      )}
      {error !== undefined && <ErrorBar error={error} title="The lab refused" />}
    </section>
  );
}
