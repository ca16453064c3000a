import type { FormEvent } from 'react';
import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircleFilled, DismissCircleFilled } from '@fluentui/react-icons';
import { useShallow } from 'zustand/react/shallow';
import type { StepPlan, StepVerification } from '../../src-main/contract';
import { selectStepCapabilities, visibleFieldError } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './step-page';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '560px' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  actions: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  action: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  actionHead: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  command: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusSmall,
  },
  notNeeded: { color: tokens.colorNeutralForeground2 },
  checks: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  check: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  ok: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0, fontSize: '20px' },
  failed: { color: tokens.colorPaletteRedForeground1, flexShrink: 0, fontSize: '20px' },
  detail: { color: tokens.colorNeutralForeground2 },
});

/** Step 4.2.1: the group form, the previewed cluster.exe commands, the apply job and the verification. */
export function CreateGroupStep() {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const stepId = useWizard((s) => s.current!.stepId);
  const draft = useWizard((s) => s.current!.draft!);
  const nameError = useWizard((s) => visibleFieldError(s, 'name'));
  const descriptionError = useWizard((s) => visibleFieldError(s, 'description'));
  const can = useWizard(useShallow(selectStepCapabilities));
  const plan = useWizard((s) => s.current!.plan);
  const detail = useWizard((s) => s.current!.detail);
  const sourceCluster = useWizard((s) => (s.environment.status === 'ready' ? s.environment.value.sourceCluster : 'the source cluster'));
  const saved = detail.status === 'ready' ? detail.value : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void actions.preview();
  };

  return (
    <>
      {saved?.summary.state === 'done' && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>This step is done</MessageBarTitle>
            {saved.summary.doneAt !== undefined && `Applied and verified ${new Date(saved.summary.doneAt).toLocaleString()}. `}
            The form shows what was applied. Applying again changes only what differs.
          </MessageBarBody>
        </MessageBar>
      )}
      {saved?.summary.state === 'needs-attention' && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>This step needs attention</MessageBarTitle>
            The last verification found a difference. Preview and apply again, or verify once more.
          </MessageBarBody>
        </MessageBar>
      )}

      <section aria-labelledby="form-heading" className={page.block}>
        <h3 id="form-heading" className={page.blockTitle}>
          The Exchange group on {sourceCluster}
        </h3>
        <form className={styles.form} onSubmit={onSubmit} noValidate aria-labelledby="form-heading">
          <Field
            label="Group name"
            required
            validationState={nameError !== undefined ? 'error' : 'none'}
            validationMessage={nameError}
            hint="For example: Exchange Group"
          >
            <Input
              name="name"
              value={draft.name}
              disabled={!can.canEdit}
              onChange={(_e, data) => actions.editDraft('name', data.value)}
              onBlur={() => actions.touchField('name')}
            />
          </Field>
          <Field
            label="Description"
            validationState={descriptionError !== undefined ? 'error' : 'none'}
            validationMessage={descriptionError}
          >
            <Textarea
              name="description"
              value={draft.description}
              disabled={!can.canEdit}
              resize="vertical"
              onChange={(_e, data) => actions.editDraft('description', data.value)}
              onBlur={() => actions.touchField('description')}
            />
          </Field>
          <div className={styles.buttons}>
            <Button type="submit" appearance={can.canApply ? 'secondary' : 'primary'} disabledFocusable={!can.canPreview}>
              Preview
            </Button>
            <Button
              appearance="primary"
              disabledFocusable={!can.canApply}
              onClick={() => void actions.apply()}
              aria-describedby={can.canApply ? undefined : 'apply-hint'}
            >
              Apply
            </Button>
            {saved?.savedInput === true && (
              <Button appearance="secondary" disabledFocusable={!can.canVerify} onClick={() => void actions.verify()}>
                Verify again
              </Button>
            )}
          </div>
          {!can.canApply && (
            <p id="apply-hint" className={page.p}>
              Apply becomes available after a preview of exactly what the form holds.
            </p>
          )}
        </form>
      </section>

      {plan.status !== 'idle' && (
        <section aria-labelledby="plan-heading" className={page.block} data-testid="plan">
          <h3 id="plan-heading" className={page.blockTitle}>
            Preview: the commands Apply will run
          </h3>
          {plan.status === 'loading' && <Spinner size="small" label="Reading the cluster…" />}
          {plan.status === 'error' && <ErrorBar error={plan.error} title="The preview failed" />}
          {plan.status === 'ready' && <PlanList plan={plan.plan} />}
        </section>
      )}

      <JobSection />
      <VerificationSection stepId={stepId} />
    </>
  );
}

function PlanList({ plan }: { plan: StepPlan }) {
  const page = usePageStyles();
  const styles = useStyles();
  const needed = plan.actions.filter((a) => a.needed).length;
  return (
    <>
      {plan.warnings.map((warning) => (
        <MessageBar key={warning} intent="warning">
          <MessageBarBody>{warning}</MessageBarBody>
        </MessageBar>
      ))}
      <p className={page.p}>
        {needed === 0
          ? 'Everything is already in place: Apply will only verify and record the step.'
          : `${needed} of ${plan.actions.length} ${plan.actions.length === 1 ? 'change' : 'changes'} to make. The same commands can be typed at a command prompt on a cluster node.`}
      </p>
      <ol className={styles.actions} aria-label="Planned commands">
        {plan.actions.map((action) => (
          <li key={action.command} className={styles.action} data-needed={action.needed}>
            <div className={styles.actionHead}>
              <code className={`${styles.command} ${action.needed ? '' : styles.notNeeded}`}>{action.command}</code>
              {!action.needed && (
                <Badge appearance="tint" color="success" icon={<CheckmarkCircleFilled />}>
                  Already done
                </Badge>
              )}
            </div>
            <span className={styles.detail}>{action.description}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The running job: a progress bar, the current action announced politely, and Cancel. */
function JobSection() {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const job = useWizard((s) => s.current!.job);
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
            Progress
          </h3>
          <Field
            label="Applying step"
            hint={job.description !== undefined ? <code className={styles.command}>{job.description}</code> : undefined}
          >
            <ProgressBar value={job.value} max={1} thickness="large" />
          </Field>
          <div className={styles.buttons}>
            <Button disabledFocusable={!canCancel} onClick={() => void actions.cancel()}>
              Cancel
            </Button>
          </div>
        </section>
      )}
      {job.status === 'failed' && <ErrorBar error={job.error} title="Apply failed" />}
    </>
  );
}

function VerificationSection({ stepId }: { stepId: string }) {
  const page = usePageStyles();
  const verification = useWizard((s) => s.current!.verification);
  if (verification === undefined) return null;
  return (
    <section aria-labelledby="verify-heading" className={page.block} data-testid="verification">
      <h3 id="verify-heading" className={page.blockTitle}>
        Verification
      </h3>
      {verification.status === 'loading' && <Spinner size="small" label="Verifying…" />}
      {verification.status === 'error' && <ErrorBar error={verification.error} title="The verification failed" />}
      {verification.status === 'ready' && <VerificationChecks stepId={stepId} verification={verification.value} />}
    </section>
  );
}

function VerificationChecks({ stepId, verification }: { stepId: string; verification: StepVerification }) {
  const page = usePageStyles();
  const styles = useStyles();
  return (
    <>
      <p className={page.p} role="status" data-verification-ok={verification.ok}>
        {verification.ok
          ? `All checks passed: step ${stepId} is done.`
          : `${verification.checks.filter((c) => !c.ok).length} of ${verification.checks.length} checks failed: step ${stepId} needs attention.`}
      </p>
      <ul className={styles.checks} aria-label="Checks">
        {verification.checks.map((check) => (
          <li key={check.what} className={styles.check} data-ok={check.ok}>
            {check.ok ? (
              <CheckmarkCircleFilled className={styles.ok} aria-hidden="true" />
            ) : (
              <DismissCircleFilled className={styles.failed} aria-hidden="true" />
            )}
            <span>
              <strong>{check.ok ? 'Passed' : 'Failed'}:</strong> {check.what}
              {check.detail !== undefined && <span className={styles.detail}> — {check.detail}</span>}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
