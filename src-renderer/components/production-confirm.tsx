import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { WarningFilled } from '@fluentui/react-icons';
import type { ActionTool, StepPlan } from '../../src-main/contract';
import { useRef } from 'react';
import { outsideChanges, selectPlanToConfirm } from '../state/connection-actions';
import { useActions, useWizard, useWizardData } from '../wizard-context';
import { usePageStyles } from './page-styles';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(760px, calc(100vw - 32px))' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxHeight: '60vh', overflowY: 'auto' },
  warning: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  targets: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  lines: {
    margin: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusSmall,
  },
});

const TOOL_WORDS: Record<ActionTool, (count: number, target: string) => string> = {
  cluster: (n, target) => `${n} cluster.exe ${n === 1 ? 'change' : 'changes'} on the cluster ${target}`,
  dtcl: (n, target) => `${n} Double-Take ${n === 1 ? 'change' : 'changes'} (DTCL) on ${target}`,
  file: (n, target) => `${n} file ${n === 1 ? 'edit' : 'edits'} on the node ${target}`,
  directory: (n, target) => `${n} directory ${n === 1 ? 'change' : 'changes'} on ${target}`,
  record: (n, target) => `${n} ${n === 1 ? 'record' : 'records'} for ${target}`,
};

/**
 * Asks once before an Apply changes a real pair: names the environment, counts the changes per target, shows the
 * first lines of each, and sends Apply with `confirmed` only on "Apply these changes". Escape or Cancel sends nothing.
 * Fluent UI's Dialog is modal and traps focus (https://react.fluentui.dev/?path=/docs/components-dialog--docs).
 */
export function ProductionConfirm() {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const asked = useWizardData(selectPlanToConfirm);
  const title = useWizard((s) => (s.environment.status === 'ready' ? s.environment.value.title : ''));
  // The Dialog stays mounted and is closed by `open`, so that closing it gives the page back to assistive
  // technologies and focus (unmounting an open modal leaves the rest of the page hidden from them).
  const lastAsked = useRef<StepPlan | undefined>(undefined);
  if (asked !== undefined) lastAsked.current = asked;
  const plan = asked ?? lastAsked.current;
  if (plan === undefined) return null;
  const changes = outsideChanges(plan);
  return (
    <Dialog
      open={asked !== undefined}
      modalType="alert"
      onOpenChange={(_event, data) => {
        if (!data.open) actions.dismissApplyConfirmation();
      }}
    >
      <DialogSurface className={styles.surface} aria-describedby="confirm-apply-summary" data-testid="confirm-apply">
        <DialogBody>
          <DialogTitle>Apply step {plan.stepId} to {title}?</DialogTitle>
          <DialogContent className={styles.content}>
            <p id="confirm-apply-summary" className={styles.warning}>
              <WarningFilled aria-hidden="true" />
              <span>
                This changes a real pair: {changes.total} {changes.total === 1 ? 'change' : 'changes'} on {changes.targets.length}{' '}
                {changes.targets.length === 1 ? 'target' : 'targets'}, exactly as the plan shows them.
              </span>
            </p>
            <ul className={styles.targets} aria-label="What Apply will change">
              {changes.targets.map((t) => (
                <li key={`${t.tool}:${t.target}`} data-target={t.target} data-tool={t.tool}>
                  <p className={page.p}>{TOOL_WORDS[t.tool](t.count, t.target)}</p>
                  <pre className={styles.lines}>{t.firstLines.join('\n')}</pre>
                  {t.moreLines > 0 && <p className={page.muted}>… and {t.moreLines} more {t.moreLines === 1 ? 'line' : 'lines'} (in the plan).</p>}
                </li>
              ))}
            </ul>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={() => actions.dismissApplyConfirmation()}>
              Cancel
            </Button>
            <Button appearance="primary" onClick={() => void actions.apply(true)}>
              Apply these changes
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
