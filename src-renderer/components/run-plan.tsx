import { Badge, Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { CopyRegular, DismissCircleFilled, PlayRegular, SearchRegular, TaskListLtrRegular } from '@fluentui/react-icons';
import type { RunPlanView, RunStepPlanView } from '../../src-main/contract';
import { selectRunCapabilities } from '../state/incident-selectors';
import { useActions, useWizard, useWizardData } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';

const TOOL_LABEL: Record<RunStepPlanView['actions'][number]['tool'], string> = {
  cluster: 'cluster.exe',
  dtcl: 'DTCL',
  exchfailover: 'ExchFailover',
  directory: 'Directory',
  probe: 'Probe',
  wait: 'Wait',
  operator: 'You',
};

const useStyles = makeStyles({
  steps: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  step: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  refusedStep: { border: `3px solid ${tokens.colorPaletteRedBorder2}` },
  stepTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  actions: { margin: 0, paddingInlineStart: '1.2em', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  commandRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  command: {
    margin: 0,
    flexGrow: 1,
    minWidth: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusSmall,
  },
  list: { margin: 0, paddingInlineStart: '1.4em' },
  reason: { maxWidth: '40em' },
});

/**
 * "Plan failover" / "Plan failback": the whole runbook before anything changes (guide sections 7 and 8): each step
 * with its guide reference, its actions with the exact commands (Copy), warnings, findings and a refusal in red that
 * disables Start; the postover.bat script; then Start and Dry run.
 */
export function RunPlanSection() {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const planState = useWizard((s) => s.incident.plan);
  const capabilities = useWizardData(selectRunCapabilities);
  const reason = useWizard((s) => s.incident.reason);
  const copied = useWizard((s) => s.incident.copied);
  const connected = useWizard((s) => s.connection === 'open');
  const jobRunning = useWizard((s) => s.incident.job.status === 'running');
  const plan = planState.status === 'ready' ? planState.plan : undefined;
  return (
    <section aria-labelledby="run-plan-heading" className={page.block} data-testid="run-plan">
      <h3 id="run-plan-heading" className={page.blockTitle}>
        Guided failover and failback
      </h3>
      <p className={page.muted}>
        Plan first: the plan reads the clusters, Double-Take and the directory now and changes nothing. Then Start runs it
        step by step, or Dry run walks through it without changing anything.
      </p>
      <div className={page.buttons}>
        <Button icon={<TaskListLtrRegular />} disabledFocusable={!connected || jobRunning} onClick={() => void actions.planRunbook('failover')}>
          Plan failover
        </Button>
        <Button icon={<TaskListLtrRegular />} disabledFocusable={!connected || jobRunning} onClick={() => void actions.planRunbook('failback')}>
          Plan failback
        </Button>
      </div>
      {planState.status === 'loading' && <Spinner size="small" label={`Planning the ${planState.runbook}…`} />}
      {planState.status === 'error' && <ErrorBar error={planState.error} title={`The ${planState.runbook} could not be planned`} />}
      {plan !== undefined && <PlanBody plan={plan} />}
      {plan !== undefined && (
        <>
          {plan.runbook === 'failover' && (
            <Field
              className={styles.reason}
              label="Reason (needed for a failover within the guard period after a failback)"
              hint="Kept in the incident’s timeline. Leave it empty otherwise."
            >
              <Input value={reason} onChange={(_e, data) => actions.editReason(data.value)} />
            </Field>
          )}
          <div className={page.buttons}>
            <Button appearance="primary" size="large" icon={<PlayRegular />} disabledFocusable={!capabilities.canStart} onClick={() => void actions.startRun(false)}>
              Start {plan.runbook}
            </Button>
            <Button size="large" icon={<SearchRegular />} disabledFocusable={!capabilities.canDryRun} onClick={() => void actions.startRun(true)}>
              Dry run
            </Button>
            {capabilities.whyNot !== undefined && (
              <span className={page.muted} data-testid="start-why-not">
                {capabilities.whyNot}
              </span>
            )}
          </div>
        </>
      )}
      <div aria-live="polite" className={page.muted} data-testid="incident-copy-status">
        {copied ?? ''}
      </div>
    </section>
  );
}

function PlanBody({ plan }: { plan: RunPlanView }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  return (
    <>
      <h4 className={page.subTitle} data-testid="run-plan-title">
        The {plan.runbook} plan ({plan.steps.length} steps, guide section {plan.runbook === 'failover' ? '7' : '8'})
      </h4>
      {plan.refused && (
        <MessageBar intent="error" layout="multiline" data-testid="plan-refused">
          <MessageBarBody>
            <MessageBarTitle>The {plan.runbook} would stop: a step refuses</MessageBarTitle>
            {plan.steps
              .map((s, i) => (s.refusal === undefined ? undefined : `Step ${i + 1} (${s.title}): ${s.refusal}`))
              .filter((text) => text !== undefined)
              .join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}
      <ol className={styles.steps} aria-label={`The ${plan.runbook}'s steps`}>
        {plan.steps.map((step, n) => (
          <li key={step.id} className={step.refusal !== undefined ? `${styles.step} ${styles.refusedStep}` : styles.step} data-step={step.id}>
            <div className={styles.head}>
              <h5 className={styles.stepTitle}>
                Step {n + 1}. {step.title}
              </h5>
              <Badge appearance="outline" color="informative">
                Guide: {step.guide}
              </Badge>
            </div>
            {step.refusal !== undefined && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>
                    <DismissCircleFilled aria-hidden="true" /> Refused
                  </MessageBarTitle>
                  {step.refusal}
                </MessageBarBody>
              </MessageBar>
            )}
            {step.warnings.map((warning) => (
              <MessageBar key={warning} intent="warning" layout="multiline">
                <MessageBarBody>{warning}</MessageBarBody>
              </MessageBar>
            ))}
            {step.findings.length > 0 && (
              <ul className={styles.list} aria-label={`Findings of step ${n + 1}`}>
                {step.findings.map((finding) => (
                  <li key={finding}>{finding}</li>
                ))}
              </ul>
            )}
            {step.actions.length > 0 && (
              <ul className={styles.actions} aria-label={`Actions of step ${n + 1}`}>
                {step.actions.map((action, i) => (
                  <li key={`${i} ${action.command}`} data-tool={action.tool} data-needed={action.needed}>
                    <div className={styles.head}>
                      <Badge appearance="outline" color="informative">
                        {TOOL_LABEL[action.tool]}
                      </Badge>
                      <span>
                        on <strong>{action.target}</strong>: {action.description}
                      </span>
                      {!action.needed && (
                        <Badge appearance="tint" color="success">
                          Already done
                        </Badge>
                      )}
                    </div>
                    <div className={styles.commandRow}>
                      <pre className={styles.command}>
                        <code>{action.command}</code>
                      </pre>
                      <Button
                        size="small"
                        icon={<CopyRegular />}
                        aria-label={`Copy the command of step ${n + 1}${step.actions.length > 1 ? `, action ${i + 1}` : ''}`}
                        onClick={() => void actions.copyIncidentText(action.command, `the command of step ${n + 1}`)}
                      >
                        Copy
                      </Button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {plan.script !== undefined && (
        <section aria-labelledby="script-heading" className={page.block}>
          <h4 id="script-heading" className={page.subTitle}>
            The same as a script (postover.bat)
          </h4>
          <div className={styles.commandRow}>
            <pre className={styles.command} data-testid="postover-script">
              <code>{plan.script}</code>
            </pre>
            <Button size="small" icon={<CopyRegular />} aria-label="Copy the postover.bat script" onClick={() => void actions.copyIncidentText(plan.script!, 'the postover.bat script')}>
              Copy
            </Button>
          </div>
        </section>
      )}
    </>
  );
}
