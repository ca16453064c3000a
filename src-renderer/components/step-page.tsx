import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { StepSummary } from '../../src-main/contract';
import { guideTextOf } from '../guide/guide-text';
import { selectStepSummary } from '../state/selectors';
import { useWizard } from '../wizard-context';
import { CreateGroupStep } from './create-group-step';
import { ErrorBar } from './error-bar';
import { StateBadge } from './state-badge';

export const usePageStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '880px' },
  titleRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  subtitle: { margin: 0, color: tokens.colorNeutralForeground2 },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  blockTitle: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  guide: {
    margin: 0,
    padding: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  guideList: { margin: 0, paddingInlineStart: '1.4em', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  p: { margin: 0 },
});

const CLUSTER_WORDS: Record<StepSummary['cluster'], (source: string, target: string) => string> = {
  source: (source) => `On the source cluster ${source}`,
  target: (_source, target) => `On the target cluster ${target}`,
  both: (source, target) => `On both clusters, ${source} and ${target}`,
  none: () => 'Before you start',
};

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

/** The page of the selected setup step: its title and state, the guide's text, and what the program can do for it. */
export function StepPage() {
  const styles = usePageStyles();
  const current = useWizard((s) => s.current);
  const listed = useWizard((s) => (s.current ? selectStepSummary(s, s.current.stepId) : undefined));
  const environment = useWizard((s) => (s.environment.status === 'ready' ? s.environment.value : undefined));
  if (current === undefined) return null;
  const summary = current.detail.status === 'ready' ? current.detail.value.summary : listed;

  return (
    <article className={styles.page} aria-labelledby="step-heading" data-step-id={current.stepId}>
      <div className={styles.titleRow}>
        <h2 id="step-heading" className={styles.title} tabIndex={-1}>
          {current.stepId} {summary?.title ?? ''}
        </h2>
        {summary !== undefined && <StateBadge state={summary.state} />}
      </div>
      {summary !== undefined && environment !== undefined && (
        <p className={styles.subtitle}>
          {CLUSTER_WORDS[summary.cluster](environment.sourceCluster, environment.targetCluster)} · guide section{' '}
          {summary.section}
        </p>
      )}
      <GuideSection stepId={current.stepId} />
      {current.detail.status === 'loading' && <Spinner size="small" label="Reading the step’s state…" />}
      {current.detail.status === 'error' && <ErrorBar error={current.detail.error} title="The step could not be read" />}
      {current.detail.status === 'ready' &&
        (current.detail.value.summary.automated && current.draft !== undefined ? (
          <CreateGroupStep />
        ) : (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Not automated yet — coming in a later version</MessageBarTitle>
              Work through this step by hand, following section {current.stepId} of the application note.
              {current.detail.value.summary.note !== undefined && ` ${current.detail.value.summary.note}`}
            </MessageBarBody>
          </MessageBar>
        ))}
    </article>
  );
}

/** The Failover entry: honest about what is not there yet. */
export function FailoverPlaceholder() {
  const styles = usePageStyles();
  return (
    <article className={styles.page} aria-labelledby="failover-heading">
      <h2 id="failover-heading" className={styles.title} tabIndex={-1}>
        Failover
      </h2>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>The failover panel comes in a later version</MessageBarTitle>
          It will monitor the source cluster, count down the time to fail, and guide the failover of section 7 and the
          failback of section 8. Until then, follow sections 7 and 8 of the application note by hand.
        </MessageBarBody>
      </MessageBar>
    </article>
  );
}
