import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowRightRegular } from '@fluentui/react-icons';
import type { StepSummary } from '../../src-main/contract';
import { guideTextOf } from '../guide/guide-text';
import { ALL_GROUPS, groupsOfStep } from '../pair/pair-fields';
import { selectPairClusterNames, selectPairDirty, selectPrerequisites, selectStepCapabilities, selectStepSummary, stateLabel } from '../state/selectors';
import { useActions, useWizard, useWizardData } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';
import { PairSection } from './pair-section';
import { StateBadge } from './state-badge';
import { JobSection } from './step-job';
import { HandworkSection } from './step-handwork';
import { MarkDoneSection } from './step-mark-done';
import { PlanSection } from './step-plan';
import { VerificationSection } from './step-verification';

export { usePageStyles } from './page-styles';

const useStyles = makeStyles({
  prerequisites: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  prerequisite: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  blockers: { margin: 0, paddingInlineStart: '1.4em', color: tokens.colorNeutralForeground2 },
});

/** A cluster as the pair document names it; a new document names none yet. */
const clusterName = (name: string): string => (name === '' ? '(not named yet)' : name);

const CLUSTER_WORDS: Record<StepSummary['cluster'], (source: string, target: string) => string> = {
  source: (source) => `On the source cluster ${clusterName(source)}`,
  target: (_source, target) => `On the target cluster ${clusterName(target)}`,
  both: (source, target) => `On both clusters, ${clusterName(source)} and ${clusterName(target)}`,
  none: () => 'Before you start',
};

/** Why a step needs rechecking, in words: what it was, and that the document open now is another one. */
function recheckText(summary: StepSummary): string {
  const was = summary.recheckOf === undefined ? 'done' : stateLabel(summary.recheckOf);
  return `This step was ${was} under another pair document (another file, or this one before it changed). What it checked may not be what the document open now asks: plan and verify it again.`;
}

/** The guide's text for a step, in short. */
export function GuideSection({ stepId }: { stepId: string }) {
  const styles = usePageStyles();
  const text = guideTextOf(stepId);
  return (
    <section aria-labelledby="guide-heading" className={styles.block}>
      <h3 id="guide-heading" className={styles.blockTitle}>
        What the guide says (section {stepId})
      </h3>
      <div className={styles.guide}>
        <p className={styles.p}>{text.summary}</p>
        {text.points.length > 0 && (
          <ol className={styles.guideList}>
            {text.points.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ol>
        )}
        {text.note !== undefined && <p className={styles.p}>Note: {text.note}</p>}
      </div>
    </section>
  );
}

/** The steps this one requires, each with its state. */
function PrerequisitesSection({ stepId }: { stepId: string }) {
  const page = usePageStyles();
  const styles = useStyles();
  const prerequisites = useWizardData((s) => selectPrerequisites(s, stepId));
  if (prerequisites.length === 0) return null;
  const missing = prerequisites.filter((p) => !p.met).length;
  return (
    <section aria-labelledby="requires-heading" className={page.block}>
      <h3 id="requires-heading" className={page.blockTitle}>
        Before this step
      </h3>
      <p className={page.muted}>
        {missing === 0 ? 'Every step this one needs is verified or done by hand.' : `${missing} of ${prerequisites.length} steps this one needs are not verified or done by hand yet.`}
      </p>
      <ul className={styles.prerequisites} aria-label="Steps this one needs">
        {prerequisites.map((p) => (
          <li key={p.id} className={styles.prerequisite} data-requires={p.id} data-met={p.met}>
            <StateBadge state={p.state} recheckOf={p.recheckOf} />
            <span>
              {p.id} {p.title}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** After Next step, the keyboard and the screen reader start on the new step's heading (at the top of the page). */
function focusStepHeading(): void {
  document.getElementById('step-heading')?.focus();
}

/**
 * Plan, Apply (with why it is not available), Verify, and Next step. One button is primary: the one that moves the
 * user on — Plan before a plan is shown, Apply once it is, Next step once the step is verified or done by hand.
 */
function StepButtons({ summary }: { summary: StepSummary }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const can = useWizardData(selectStepCapabilities);
  const nextTitle = useWizard((s) => (can.nextStepId !== undefined ? selectStepSummary(s, can.nextStepId)?.title : undefined));
  const automated = summary.kind === 'automated';
  const primary = can.primary === 'apply' && !automated ? 'plan' : can.primary;
  return (
    <section aria-labelledby="do-heading" className={page.block}>
      <h3 id="do-heading" className={page.blockTitle}>
        Plan, apply, verify
      </h3>
      <div className={page.buttons}>
        <Button appearance={primary === 'plan' ? 'primary' : 'secondary'} data-primary={primary === 'plan'} disabledFocusable={!can.canPlan} onClick={() => void actions.plan()}>
          Plan
        </Button>
        {automated && (
          <Button
            appearance={primary === 'apply' ? 'primary' : 'secondary'}
            data-primary={primary === 'apply'}
            disabledFocusable={!can.canApply}
            aria-describedby={can.applyBlockers.length > 0 ? 'apply-blockers' : undefined}
            onClick={() => void actions.apply()}
          >
            Apply
          </Button>
        )}
        <Button disabledFocusable={!can.canVerify} onClick={() => void actions.verify()}>
          Verify
        </Button>
        {can.nextStepId !== undefined && (
          <Button
            appearance={primary === 'next' ? 'primary' : 'secondary'}
            data-primary={primary === 'next'}
            icon={<ArrowRightRegular />}
            iconPosition="after"
            disabledFocusable={can.busy}
            aria-describedby="next-step-name"
            onClick={() => void actions.nextStep().then(focusStepHeading)}
            data-testid="next-step"
          >
            Next step
          </Button>
        )}
        {can.nextStepId !== undefined && (
          <span id="next-step-name" className={page.muted}>
            {can.nextStepId} {nextTitle ?? ''}
          </span>
        )}
      </div>
      {automated && can.applyBlockers.length > 0 && (
        <div id="apply-blockers">
          <p className={page.muted}>Apply is not available yet:</p>
          <ul className={styles.blockers}>
            {can.applyBlockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The page of the selected setup step: state, guide, prerequisites, its pair document fields, plan, apply, verify. */
export function StepPage() {
  const page = usePageStyles();
  const current = useWizard((s) => s.current);
  const listed = useWizard((s) => (s.current ? selectStepSummary(s, s.current.stepId) : undefined));
  const clusters = useWizardData((s) => selectPairClusterNames(s));
  const dirty = useWizard(selectPairDirty);
  if (current === undefined) return null;
  const summary = listed ?? (current.detail.status === 'ready' ? current.detail.value.summary : undefined);
  const groups = groupsOfStep(current.stepId);

  return (
    <article className={page.page} aria-labelledby="step-heading" data-step-id={current.stepId}>
      <div className={page.titleRow}>
        <h2 id="step-heading" className={page.title} tabIndex={-1}>
          {current.stepId} {summary?.title ?? ''}
        </h2>
        {summary !== undefined && <StateBadge state={summary.state} recheckOf={summary.recheckOf} />}
      </div>
      {summary?.state === 'needs-recheck' && (
        <p className={page.subtitle} data-testid="step-stale">
          {recheckText(summary)}
        </p>
      )}
      {summary !== undefined && clusters !== undefined && (
        <p className={page.subtitle} data-testid="step-clusters">
          {CLUSTER_WORDS[summary.cluster](clusters.source, clusters.target)} · guide section {summary.section}
          {summary.at !== undefined && ` · last change ${new Date(summary.at).toLocaleString()}`}
        </p>
      )}
      <GuideSection stepId={current.stepId} />
      {current.detail.status === 'loading' && <Spinner size="small" label="Reading the step’s state…" />}
      {current.detail.status === 'error' && <ErrorBar error={current.detail.error} title="The step could not be read" />}
      {current.detail.status === 'ready' && summary !== undefined && (
        <>
          <PrerequisitesSection stepId={current.stepId} />
          {groups.length > 0 && <PairSection groups={groups} title="The pair document: the fields this step uses" />}
          {dirty && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Unsaved changes to the pair document</MessageBarTitle>
                Plan and Apply work from the saved file: save first to plan with your changes.
              </MessageBarBody>
            </MessageBar>
          )}
          <StepButtons summary={summary} />
          <PlanSection />
          <JobSection />
          <VerificationSection />
          {current.detail.value.handwork !== undefined && <HandworkSection handwork={current.detail.value.handwork} />}
          <MarkDoneSection summary={summary} />
        </>
      )}
    </article>
  );
}

/** The whole pair document: every part, shared parts side by side. */
export function PairPage() {
  const page = usePageStyles();
  return (
    <article className={page.page} aria-labelledby="pair-heading" data-page="pair">
      <PairSection groups={ALL_GROUPS} title="Pair document" headingLevel={2} withFile />
    </article>
  );
}
