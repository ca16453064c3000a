import { Badge, Button, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleFilled, CopyRegular } from '@fluentui/react-icons';
import type { ActionTool, StepPlan } from '../../src-main/contract';
import { useActions, useWizard } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { PlanChangesBar } from './step-plan-changes';
import { usePageStyles } from './page-styles';

const useStyles = makeStyles({
  actions: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  action: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
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
  notNeeded: { color: tokens.colorNeutralForeground2 },
  findings: { margin: 0, paddingInlineStart: '1.4em' },
});

const TOOL_LABEL: Record<ActionTool, string> = {
  cluster: 'cluster.exe',
  dtcl: 'DTCL',
  file: 'File edit',
  directory: 'Directory',
  record: 'Record',
};

/** The plan shown: warnings, findings, and every action with its exact command, Copy each and Copy all. */
export function PlanSection() {
  const page = usePageStyles();
  const plan = useWizard((s) => s.current!.plan);
  const planChange = useWizard((s) => s.current!.planChange);
  const copied = useWizard((s) => s.current!.copied);
  if (plan.status === 'idle') return null;
  return (
    <section aria-labelledby="plan-heading" className={page.block} data-testid="plan">
      <h3 id="plan-heading" className={page.blockTitle}>
        {plan.status === 'ready' && !plan.fresh ? 'Last plan (as the program remembers it)' : 'Plan: what Apply will change'}
      </h3>
      {plan.status === 'loading' && <Spinner size="small" label="Reading the clusters and the pair document…" />}
      {plan.status === 'error' && <ErrorBar error={plan.error} title="The plan could not be made" />}
      {plan.status === 'ready' && planChange !== undefined && <PlanChangesBar changes={planChange} />}
      {plan.status === 'ready' && <PlanBody plan={plan.plan} />}
      <div aria-live="polite" className={page.muted} data-testid="copy-status">
        {copied ?? ''}
      </div>
    </section>
  );
}

function PlanBody({ plan }: { plan: StepPlan }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const needed = plan.actions.filter((a) => a.needed).length;
  const all = plan.actions.map((a) => a.command).join('\n');
  return (
    <>
      {plan.warnings.map((warning) => (
        <MessageBar key={warning} intent="warning" layout="multiline">
          <MessageBarBody>{warning}</MessageBarBody>
        </MessageBar>
      ))}
      {plan.findings.length > 0 && (
        <>
          <h4 className={page.subTitle}>Findings</h4>
          <ul className={styles.findings} aria-label="Findings">
            {plan.findings.map((finding) => (
              <li key={finding}>{finding}</li>
            ))}
          </ul>
        </>
      )}
      <p className={page.p} data-testid="plan-summary">
        {plan.actions.length === 0
          ? 'This step changes nothing in the clusters: Apply only verifies and records it.'
          : needed === 0
            ? `All ${plan.actions.length} ${plan.actions.length === 1 ? 'change is' : 'changes are'} in place: nothing is left to change.`
            : `${needed} of ${plan.actions.length} ${plan.actions.length === 1 ? 'change' : 'changes'} to make. Each is the exact command an administrator could type.`}
      </p>
      {plan.actions.length > 0 && (
        <>
          <div className={page.buttons}>
            <Button icon={<CopyRegular />} onClick={() => void actions.copy(all, 'every command')}>
              Copy all
            </Button>
          </div>
          <ol className={styles.actions} aria-label="Planned actions">
            {plan.actions.map((action, i) => (
              <li key={`${i} ${action.command}`} className={styles.action} data-needed={action.needed} data-tool={action.tool}>
                <div className={styles.head}>
                  <Badge appearance="outline" color="informative">
                    {TOOL_LABEL[action.tool]}
                  </Badge>
                  <span>
                    on <strong>{action.target}</strong>
                  </span>
                  {action.needed ? (
                    <Badge appearance="tint" color="brand">
                      Needed
                    </Badge>
                  ) : (
                    <Badge appearance="tint" color="success" icon={<CheckmarkCircleFilled />}>
                      In place
                    </Badge>
                  )}
                </div>
                <span className={action.needed ? undefined : styles.notNeeded}>{action.description}</span>
                <div className={styles.commandRow}>
                  <pre className={styles.command}>
                    <code>{action.command}</code>
                  </pre>
                  <Button
                    size="small"
                    icon={<CopyRegular />}
                    aria-label={`Copy command ${i + 1}`}
                    onClick={() => void actions.copy(action.command, `command ${i + 1}`)}
                  >
                    Copy
                  </Button>
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
