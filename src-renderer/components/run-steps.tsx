import type { ReactElement } from 'react';
import { Badge, Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  CheckmarkCircleFilled,
  CircleRegular,
  DismissCircleFilled,
  DismissRegular,
  PlayCircleRegular,
  QuestionCircleFilled,
  SkipForwardTabRegular,
  StopRegular,
  TaskListLtrRegular,
} from '@fluentui/react-icons';
import type { RunView } from '../../src-main/contract';
import { selectResumable, selectRunCapabilities, selectRunShown, timeOfDay } from '../state/incident-selectors';
import { useActions, useWizard, useWizardData } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';
import { QueueChart } from './queue-chart';

type StepStatus = RunView['steps'][number]['status'];
type BadgeColor = 'informative' | 'success' | 'warning' | 'danger' | 'brand' | 'subtle';

const STEP_LOOK: Record<StepStatus, { text: string; color: BadgeColor; icon: ReactElement }> = {
  pending: { text: 'Pending', color: 'informative', icon: <CircleRegular /> },
  running: { text: 'Running', color: 'brand', icon: <PlayCircleRegular /> },
  done: { text: 'Done', color: 'success', icon: <CheckmarkCircleFilled /> },
  skipped: { text: 'Skipped: already done', color: 'success', icon: <SkipForwardTabRegular /> },
  failed: { text: 'Failed', color: 'danger', icon: <DismissCircleFilled /> },
  cancelled: { text: 'Cancelled', color: 'warning', icon: <StopRegular /> },
  planned: { text: 'Dry run: would run', color: 'subtle', icon: <TaskListLtrRegular /> },
};

const OUTCOME_TEXT: Record<NonNullable<RunView['outcome']>, { text: string; intent: 'success' | 'warning' | 'error' }> = {
  succeeded: { text: 'Succeeded', intent: 'success' },
  'succeeded-with-warnings': { text: 'Succeeded with warnings', intent: 'warning' },
  failed: { text: 'Failed', intent: 'error' },
  cancelled: { text: 'Cancelled', intent: 'warning' },
};

const useStyles = makeStyles({
  steps: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  step: {
    display: 'grid',
    gridTemplateColumns: 'minmax(9em, max-content) 1fr',
    columnGap: tokens.spacingHorizontalM,
    alignItems: 'start',
    padding: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  running: { backgroundColor: tokens.colorNeutralBackground1Selected },
  badge: { whiteSpace: 'nowrap' },
  stepText: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, overflowWrap: 'anywhere' },
  checks: { margin: 0, paddingInlineStart: '1.2em' },
  question: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `3px solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  questionText: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  time: { maxWidth: '18em' },
  note: { maxWidth: '40em' },
  log: {
    maxHeight: '200px',
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
});

/** A step of the run by its number and title ("step 3, Bring the target's group online"), its id when unknown. */
function stepName(run: RunView, id: string): string {
  const index = run.steps.findIndex((s) => s.id === id);
  return index < 0 ? id : `step ${index + 1}, ${run.steps[index]!.title}`;
}

/**
 * The run going on (or the last one): each step's status in words, the long action now with its progress, Cancel, Resume when it stopped before it ended, the bytes chart and the log.
 */
export function RunSection() {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const run = useWizardData(selectRunShown);
  const job = useWizard((s) => s.incident.job);
  const log = useWizard((s) => s.incident.log);
  const canCancel = useWizard((s) => selectRunCapabilities(s).canCancel);
  const resumable = useWizardData(selectResumable);
  const connected = useWizard((s) => s.connection === 'open');
  if (run === undefined && job.status === 'idle') return null;
  const outcome = run?.outcome !== undefined ? OUTCOME_TEXT[run.outcome] : undefined;
  return (
    <section aria-labelledby="run-heading" className={page.block} data-testid="run">
      <h3 id="run-heading" className={page.blockTitle}>
        {run === undefined
          ? 'Run'
          : `${run.runbook === 'failover' ? 'Failover' : 'Failback'}${run.dryRun ? ' (dry run)' : ''}: ${run.running ? 'running' : (outcome?.text.toLowerCase() ?? 'stopped before it ended')}`}
      </h3>
      {run !== undefined && (
        <p className={page.muted}>
          Started {timeOfDay(run.startedAt)} by {run.by} on {run.host}
          {run.endedAt !== undefined ? `, ended ${timeOfDay(run.endedAt)}` : ''}. Incident {run.incident}.
        </p>
      )}
      {/* Always in the DOM, so screen readers announce what the run does now. */}
      <div aria-live="polite" aria-atomic="true" data-testid="run-status" className={page.p}>
        {job.status === 'running' && (
          <span>
            {job.cancelRequested ? 'Cancelling… ' : ''}
            {job.title}
          </span>
        )}
      </div>
      {job.status === 'running' && (
        <div className={page.block}>
          <ProgressBar value={job.value} max={1} thickness="large" aria-label={`The ${job.runbook}'s progress: ${Math.round(job.value * 100)}%`} />
          {job.description !== undefined && <code className={page.code}>{job.description}</code>}
          <div className={page.buttons}>
            <Button icon={<DismissRegular />} disabledFocusable={!canCancel} onClick={() => void actions.cancelRun()}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {run?.progress !== undefined && run.running && !(job.status === 'running' && job.title === run.progress.text) && (
        <div className={page.block} data-testid="run-progress">
          <p className={page.p}>
            <strong>{run.progress.what}:</strong> {run.progress.text}
          </p>
          {run.progress.fraction !== undefined && (
            <ProgressBar value={run.progress.fraction} max={1} aria-label={`${run.progress.what}: ${Math.round(run.progress.fraction * 100)}%`} />
          )}
        </div>
      )}
      {outcome !== undefined && run !== undefined && (
        <MessageBar intent={outcome.intent} layout="multiline" data-testid="run-outcome" data-outcome={run.outcome}>
          <MessageBarBody>
            <MessageBarTitle>{outcome.text}</MessageBarTitle>
            {run.failedStep !== undefined ? `It stopped at: ${stepName(run, run.failedStep)}.` : ''}
          </MessageBarBody>
        </MessageBar>
      )}
      {resumable !== undefined && (
        <MessageBar intent="warning" layout="multiline" data-testid="run-resumable">
          <MessageBarBody>
            <MessageBarTitle>This {resumable.runbook} stopped before it ended</MessageBarTitle>
            Resume continues from the first step not done; the steps done are checked, not run again.
          </MessageBarBody>
        </MessageBar>
      )}
      {resumable !== undefined && (
        <div className={page.buttons}>
          <Button appearance="primary" icon={<ArrowClockwiseRegular />} disabledFocusable={!connected} onClick={() => void actions.resumeRun()}>
            Resume the {resumable.runbook}
          </Button>
        </div>
      )}
      {job.status === 'failed' && <ErrorBar error={job.error} title="The run did not start or stopped" />}
      {run !== undefined && (
        <ol className={styles.steps} aria-label="The run's steps" data-testid="run-steps">
          {run.steps.map((step, n) => {
            const look = STEP_LOOK[step.status];
            return (
              <li key={step.id} className={step.status === 'running' ? `${styles.step} ${styles.running}` : styles.step} data-step={step.id} data-status={step.status}>
                <Badge appearance="tint" color={look.color} icon={look.icon} className={styles.badge}>
                  {look.text}
                </Badge>
                <div className={styles.stepText}>
                  <span>
                    <strong>{n + 1}.</strong> {step.title} <span className={page.muted}>(guide: {step.guide})</span>
                  </span>
                  {(step.startedAt !== undefined || step.endedAt !== undefined) && (
                    <span className={page.muted}>
                      {step.startedAt !== undefined ? `started ${timeOfDay(step.startedAt)}` : ''}
                      {step.endedAt !== undefined ? `, ended ${timeOfDay(step.endedAt)}` : ''}
                    </span>
                  )}
                  {step.detail !== undefined && <span>{step.detail}</span>}
                  {step.checks !== undefined && step.checks.length > 0 && (
                    <ul className={styles.checks} aria-label={`Checks of step ${n + 1}`}>
                      {step.checks.map((check) => (
                        <li key={check.what}>
                          {check.ok ? 'Passed' : 'Failed'}: {check.what}
                          {check.detail !== undefined ? ` (${check.detail})` : ''}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {run !== undefined && run.series.length > 0 && <QueueChart series={run.series} />}
      {log.length > 0 && (
        <section aria-labelledby="run-log-heading" className={page.block}>
          <h4 id="run-log-heading" className={page.subTitle}>
            Log
          </h4>
          <div role="log" aria-labelledby="run-log-heading" className={styles.log} data-testid="run-log" tabIndex={0}>
            {log.map((entry, i) => (
              <div key={i} className={`${styles.line} ${entry.level === 'warn' ? styles.warn : entry.level === 'error' ? styles.error : ''}`} data-level={entry.level}>
                {entry.level === 'info' ? '' : `${entry.level.toUpperCase()}: `}
                {entry.line}
              </div>
            ))}
          </div>
        </section>
      )}
    </section>
  );
}

/**
 * The question the run waits on: the downtime (a time of day), the intervention or the guard (accept or decline). The
 * panel shows it first, above the monitor, while it waits.
 */
export function RunQuestion() {
  const question = useWizardData((s) => selectRunShown(s)?.question);
  if (question === undefined) return null;
  return <RunQuestionForm question={question} />;
}

function RunQuestionForm({ question }: { question: NonNullable<RunView['question']> }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const downtime = useWizard((s) => s.incident.downtime);
  const note = useWizard((s) => s.incident.questionNote);
  const answering = useWizard((s) => s.incident.answering);
  const answerError = useWizard((s) => s.incident.answerError);
  const problem = useWizard((s) => s.incident.inputProblem);
  const connected = useWizard((s) => s.connection === 'open');
  const disabled = answering || !connected;
  return (
    <section aria-labelledby="question-heading" className={styles.question} data-testid="run-question" data-kind={question.kind}>
      <h3 id="question-heading" className={styles.questionText}>
        <QuestionCircleFilled aria-hidden="true" />
        The run waits for you
      </h3>
      <p className={page.p} role="status">
        {question.text}
      </p>
      {question.kind === 'downtime' ? (
        <>
          <Field
            className={styles.time}
            label="Downtime at (HH:MM)"
            hint="Local time, 24-hour; tomorrow when already past."
            validationMessage={problem}
            validationState={problem !== undefined ? 'error' : 'none'}
          >
            <Input
              type="time"
              value={downtime}
              onChange={(_e, data) => actions.editDowntime(data.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void actions.scheduleDowntime();
              }}
            />
          </Field>
          <div className={page.buttons}>
            <Button appearance="primary" disabledFocusable={disabled} onClick={() => void actions.scheduleDowntime()}>
              Schedule
            </Button>
            <Button disabledFocusable={disabled} onClick={() => void actions.answerQuestion('accepted')}>
              Start the downtime now
            </Button>
            <Button disabledFocusable={disabled} onClick={() => void actions.answerQuestion('declined')}>
              Not now (stop the failback)
            </Button>
          </div>
        </>
      ) : (
        <>
          <Field
            className={styles.note}
            label={question.kind === 'guard' ? 'Reason (needed to accept)' : 'Note (optional)'}
            required={question.kind === 'guard'}
            validationMessage={problem}
            validationState={problem !== undefined ? 'error' : 'none'}
          >
            <Input value={note} onChange={(_e, data) => actions.editQuestionNote(data.value)} />
          </Field>
          <div className={page.buttons}>
            <Button appearance="primary" disabledFocusable={disabled} onClick={() => void actions.answerQuestion('accepted')}>
              Accept
            </Button>
            <Button disabledFocusable={disabled} onClick={() => void actions.answerQuestion('declined')}>
              Decline
            </Button>
          </div>
        </>
      )}
      {answerError !== undefined && <ErrorBar error={answerError} title="The answer was not taken" />}
    </section>
  );
}
