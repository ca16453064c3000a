import type { ReactNode } from 'react';
import { Button, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { StepSummary } from '../../src-main/contract';
import { groupStepsBySection, stepDepth } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';
import { StateBadge } from './state-badge';
import { ErrorBar } from './error-bar';

const useStyles = makeStyles({
  nav: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingVerticalM },
  heading: {
    margin: `${tokens.spacingVerticalS} 0 0 0`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
  section: { margin: `${tokens.spacingVerticalXS} 0 0 0`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  // The number and title, then the state: on one line when the column is wide, the state under the title when not.
  item: {
    width: '100%',
    justifyContent: 'space-between',
    alignItems: 'flex-start',
    flexWrap: 'wrap',
    rowGap: tokens.spacingVerticalXXS,
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
    gap: tokens.spacingHorizontalS,
    minHeight: '40px',
  },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  label: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', minWidth: 0, flex: '1 1 11em', overflowWrap: 'anywhere' },
  // Under the number when it wraps, so "Recheck (was verified)" has the column's whole width.
  state: { maxWidth: '100%' },
  depth0: {},
  depth1: { paddingInlineStart: `calc(${tokens.spacingHorizontalM} + 12px)` },
  depth2: { paddingInlineStart: `calc(${tokens.spacingHorizontalM} + 24px)` },
  number: { fontVariantNumeric: 'tabular-nums', minWidth: '3.2em' },
});

/** The left navigation: the pair document, every setup step of guide sections 3-6 with its number and state, then Failover. */
export function StepNav() {
  const styles = useStyles();
  const steps = useWizard((s) => s.steps);
  const selected = useWizard((s) => s.selected);
  const jobRunning = useWizard((s) => s.current?.job.status === 'running');
  // What the monitor is doing, in words beside the Failover entry (never a colour alone).
  const monitorWord = useWizard((s) => {
    const state = s.incident.state;
    if (state?.status !== 'ready') return undefined;
    if (state.value.prompt !== undefined) return 'Prompt waiting';
    if (state.value.run?.running === true) return `${state.value.run.runbook === 'failover' ? 'Failover' : 'Failback'} running`;
    const status = state.value.monitor.status;
    return status === 'stopped' ? undefined : status === 'green' ? 'Watching' : status === 'yellow' ? 'No reply' : status === 'red' ? 'Time to Fail 0' : status === 'vetoed' ? 'Vetoed' : 'Raised';
  });
  const actions = useActions();

  const item = (key: string, isSelected: boolean, onClick: () => void, content: ReactNode, indent = 0) => (
    <li key={key}>
      <Button
        appearance="subtle"
        className={mergeClasses(styles.item, indent >= 2 ? styles.depth2 : indent === 1 ? styles.depth1 : styles.depth0, isSelected && styles.selected)}
        aria-current={isSelected ? 'step' : undefined}
        // Switching pages while a job runs would hide its progress: wait for it (or cancel it).
        disabledFocusable={jobRunning && !isSelected}
        onClick={onClick}
      >
        {content}
      </Button>
    </li>
  );

  const stepItem = (step: StepSummary) =>
    item(
      step.id,
      selected?.kind === 'step' && selected.stepId === step.id,
      () => void actions.selectStep(step.id),
      <>
        <span className={styles.label}>
          <span className={styles.number}>{step.id}</span>
          <span>{step.title}</span>
        </span>
        <span className={styles.state}>
          <StateBadge state={step.state} recheckOf={step.recheckOf} />
        </span>
      </>,
      stepDepth(step.id),
    );

  return (
    <nav aria-label="Wizard steps" className={styles.nav} data-testid="step-nav">
      <h2 id="nav-setup-heading" className={styles.heading}>
        Setup
      </h2>
      <ul className={styles.list}>
        {item('pair', selected?.kind === 'pair', () => actions.selectPair(), <span>Pair document</span>)}
      </ul>
      {steps.status === 'loading' && <Spinner size="tiny" label="Loading the steps…" />}
      {steps.status === 'error' && <ErrorBar error={steps.error} title="The steps could not be loaded" />}
      {steps.status === 'ready' &&
        groupStepsBySection(steps.value).map((group) => (
          <section key={group.section} aria-label={`Section ${group.section}`}>
            <h3 className={styles.section}>{group.section}</h3>
            <ul className={styles.list}>{group.steps.map(stepItem)}</ul>
          </section>
        ))}
      <h2 className={styles.heading}>Operations</h2>
      <ul className={styles.list}>
        {item(
          'failover',
          selected?.kind === 'failover',
          () => actions.selectFailover(),
          <>
            <span className={styles.label}>Failover</span>
            {monitorWord !== undefined && (
              <span className={styles.state} data-testid="nav-monitor">
                {monitorWord}
              </span>
            )}
          </>,
        )}
      </ul>
    </nav>
  );
}
