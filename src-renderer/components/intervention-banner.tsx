import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { AlertUrgentFilled, ArrowSwapRegular } from '@fluentui/react-icons';
import { useShallow } from 'zustand/react/shallow';
import { formatDuration, selectPrompt, timeOfDay } from '../state/incident-selectors';
import { useActions, useWizard } from '../wizard-context';
import { ErrorBar } from './error-bar';

const useStyles = makeStyles({
  banner: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorNeutralForeground1,
    borderTop: `6px solid ${tokens.colorPaletteRedBorder2}`,
    borderBottom: `6px solid ${tokens.colorPaletteRedBorder2}`,
    maxHeight: '45vh',
    overflowY: 'auto',
  },
  headline: {
    margin: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightBold,
  },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: '2px' },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0, overflowWrap: 'anywhere' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  note: { minWidth: '16em', flexGrow: 1, maxWidth: '32em' },
});

/** Where focus goes once the banner (and the button pressed) is gone: the failover panel's heading, or the page. */
function focusById(id: string): void {
  document.getElementById(id)?.focus();
}

/**
 * The manual intervention prompt, on every page while it waits: the monitored address and name, when Time to Fail
 * began and when the prompt was raised, how long it has waited, what the probe and the second path found, and the
 * two answers. Its headline is an alert (announced at once by screen readers); focus is not moved into it, so that a
 * key pressed in another field can never answer it by accident.
 */
export function InterventionBanner() {
  const styles = useStyles();
  const actions = useActions();
  const prompt = useWizard(useShallow(selectPrompt));
  const note = useWizard((s) => s.incident.promptNote);
  const answering = useWizard((s) => s.incident.answering);
  const answerError = useWizard((s) => s.incident.answerError);
  const connected = useWizard((s) => s.connection === 'open');
  if (prompt === undefined) return null;
  return (
    <section className={styles.banner} aria-labelledby="intervention-heading" data-testid="intervention-banner" data-incident={prompt.incident}>
      <div role="alert">
        <h2 id="intervention-heading" className={styles.headline}>
          <AlertUrgentFilled aria-hidden="true" />
          Manual intervention needed: {prompt.name} ({prompt.address}) does not answer
        </h2>
      </div>
      <dl className={styles.facts}>
        <dt className={styles.term}>First reply missed</dt>
        <dd className={styles.detail}>{timeOfDay(prompt.firstMissedAt)}</dd>
        <dt className={styles.term}>Raised</dt>
        <dd className={styles.detail}>
          {timeOfDay(prompt.raisedAt)}, waiting for an answer for <span data-testid="prompt-waited">{formatDuration(prompt.waitedSeconds)}</span>
        </dd>
        <dt className={styles.term}>The probe found</dt>
        <dd className={styles.detail}>{prompt.probeDetail}</dd>
        <dt className={styles.term}>The second path found</dt>
        <dd className={styles.detail}>{prompt.secondPathDetail}</dd>
      </dl>
      <div className={styles.row}>
        <Button
          appearance="primary"
          size="large"
          icon={<ArrowSwapRegular />}
          disabledFocusable={answering || !connected}
          onClick={() => void actions.acceptPrompt().then(() => focusById('failover-heading'))}
        >
          Start failover
        </Button>
        <Field className={styles.note} label="Note (optional)" hint="Kept in the incident’s timeline with your answer.">
          <Input value={note} onChange={(_e, data) => actions.editPromptNote(data.value)} />
        </Field>
        <Button size="large" disabledFocusable={answering || !connected} onClick={() => void actions.declinePrompt().then(() => focusById('main'))}>
          Not now
        </Button>
      </div>
      <div aria-live="polite">{answering ? 'Sending the answer…' : ''}</div>
      {answerError !== undefined && <ErrorBar error={answerError} title="The answer was not taken" />}
    </section>
  );
}

/**
 * A guided run waiting for an answer while another page is open: a bar on every page that says so and opens the
 * failover panel, where the question is answered.
 */
export function RunQuestionBar() {
  const actions = useActions();
  const question = useWizard((s) => (s.incident.state?.status === 'ready' ? s.incident.state.value.run?.question : undefined));
  const runbook = useWizard((s) => (s.incident.state?.status === 'ready' ? s.incident.state.value.run?.runbook : undefined));
  const onPanel = useWizard((s) => s.selected?.kind === 'failover');
  const stepJobRunning = useWizard((s) => s.current?.job.status === 'running');
  if (question === undefined || onPanel) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="run-question-bar">
      <MessageBarBody>
        <MessageBarTitle>The {runbook ?? 'run'} waits for your answer</MessageBarTitle>
        {question.text}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" disabledFocusable={stepJobRunning} onClick={() => actions.selectFailover()}>
          Open the failover panel
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
