import { Button, Field, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { selectStepCapabilities } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';

const useStyles = makeStyles({
  log: {
    maxHeight: '240px',
    overflowY: 'auto',
    margin: 0,
    padding: tokens.spacingVerticalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  line: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  level: { fontWeight: tokens.fontWeightSemibold },
});

/** The apply job: a progress bar, what runs now (announced politely), Cancel, and the live log of the job's lines. */
export function JobSection() {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const stepId = useWizard((s) => s.current!.stepId);
  const job = useWizard((s) => s.current!.job);
  const log = useWizard((s) => s.current!.log);
  const canCancel = useWizard((s) => selectStepCapabilities(s).canCancel);
  return (
    <>
      {/* Always in the DOM (empty when idle), so screen readers announce what the job is doing. */}
      <div aria-live="polite" aria-atomic="true" data-testid="job-status" className={page.p}>
        {job.status === 'running' && (
          <span>
            {job.cancelRequested ? 'Cancelling… ' : ''}
            {job.title}
          </span>
        )}
        {job.status === 'cancelled' && <span>Cancelled. {job.message}</span>}
      </div>
      {job.status === 'running' && (
        <section aria-labelledby="job-heading" className={page.block}>
          <h3 id="job-heading" className={page.blockTitle}>
            Applying
          </h3>
          <Field
            label={`Applying step ${stepId}`}
            hint={job.description !== undefined ? <code className={page.code}>{job.description}</code> : undefined}
          >
            <ProgressBar value={job.value} max={1} thickness="large" />
          </Field>
          <div className={page.buttons}>
            <Button disabledFocusable={!canCancel} onClick={() => void actions.cancel()}>
              Cancel
            </Button>
          </div>
        </section>
      )}
      {job.status === 'failed' && <ErrorBar error={job.error} title="Apply failed" />}
      {(job.status === 'running' || log.length > 0) && (
        <section aria-labelledby="log-heading" className={page.block}>
          <h3 id="log-heading" className={page.blockTitle}>
            Log
          </h3>
          <div role="log" aria-labelledby="log-heading" className={styles.log} data-testid="job-log" tabIndex={0}>
            {log.map((entry, i) => (
              <div key={i} className={`${styles.line} ${entry.level === 'warn' ? styles.warn : entry.level === 'error' ? styles.error : ''}`} data-level={entry.level}>
                <span className={styles.level}>{entry.level === 'info' ? '' : `${entry.level.toUpperCase()}: `}</span>
                {entry.line}
              </div>
            ))}
          </div>
        </section>
      )}
    </>
  );
}
