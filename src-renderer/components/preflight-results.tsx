import { Badge, Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleFilled, CopyRegular, DismissCircleFilled, SubtractCircleRegular } from '@fluentui/react-icons';
import type { PreflightCheck, PreflightReport, PreflightSystem } from '../../src-main/contract';
import { useActions } from '../wizard-context';
import { usePageStyles } from './page-styles';

const useStyles = makeStyles({
  checks: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  check: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  failedCheck: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}` },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  title: { fontWeight: tokens.fontWeightSemibold },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  skipped: { color: tokens.colorNeutralForeground3 },
  commandRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  command: {
    margin: 0,
    flexGrow: 1,
    minWidth: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusSmall,
  },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: '2px' },
  term: { fontWeight: tokens.fontWeightSemibold },
  definition: { margin: 0, overflowWrap: 'anywhere' },
});

export const SYSTEM_LABEL: Record<PreflightSystem, string> = {
  directory: 'Directory',
  cluster: 'Cluster',
  doubletake: 'Double-Take',
  'node-files': 'Node files',
};

const RESULT_LABEL: Record<PreflightCheck['result'], string> = { ok: 'Passed', failed: 'Failed', skipped: 'Not run' };

/** The summary line at the top: every check passed, or how many failed (and were not run). */
export function preflightSummary(report: PreflightReport): { readonly title: string; readonly intent: 'success' | 'error' | 'warning' } {
  const failed = report.checks.filter((c) => c.result === 'failed').length;
  const skipped = report.checks.filter((c) => c.result === 'skipped').length;
  const total = report.checks.length;
  if (report.passed) return { title: `All ${total} checks passed.`, intent: 'success' };
  const notRun = skipped > 0 ? `, ${skipped} not run` : '';
  if (report.cancelled) return { title: `Cancelled: ${failed} of ${total} checks failed${notRun}.`, intent: 'warning' };
  return { title: `${failed} of ${total} ${total === 1 ? 'check' : 'checks'} failed${notRun}.`, intent: 'error' };
}

function ResultIcon({ result }: { result: PreflightCheck['result'] }) {
  const styles = useStyles();
  if (result === 'ok') return <CheckmarkCircleFilled className={styles.ok} aria-hidden="true" />;
  if (result === 'failed') return <DismissCircleFilled className={styles.bad} aria-hidden="true" />;
  return <SubtractCircleRegular className={styles.skipped} aria-hidden="true" />;
}

function CheckItem({ check, titleOf }: { check: PreflightCheck; titleOf: (id: string) => string }) {
  const styles = useStyles();
  const actions = useActions();
  return (
    <li className={`${styles.check} ${check.result === 'failed' ? styles.failedCheck : ''}`} data-check-id={check.id} data-result={check.result} data-system={check.system}>
      <div className={styles.head}>
        <ResultIcon result={check.result} />
        {/* The result in words as well as colour and icon. */}
        <Badge appearance="tint" color={check.result === 'ok' ? 'success' : check.result === 'failed' ? 'danger' : 'subtle'}>
          {RESULT_LABEL[check.result]}
        </Badge>
        <Badge appearance="outline">{SYSTEM_LABEL[check.system]}</Badge>
        <span className={styles.title}>{check.title}</span>
      </div>
      <dl className={styles.facts}>
        <dt className={styles.term}>Where</dt>
        <dd className={styles.definition}>{check.result === 'failed' ? check.failure.where : check.where}</dd>
        {check.result === 'ok' && (
          <>
            <dt className={styles.term}>Result</dt>
            <dd className={styles.definition}>{check.detail}</dd>
          </>
        )}
        {check.result === 'failed' && (
          <>
            <dt className={styles.term}>What failed</dt>
            <dd className={styles.definition} data-testid="check-what">
              {check.failure.what}
            </dd>
            <dt className={styles.term}>What to do</dt>
            <dd className={styles.definition} data-testid="check-next">
              {check.failure.next}
            </dd>
          </>
        )}
        {check.result === 'skipped' && (
          <>
            <dt className={styles.term}>Result</dt>
            <dd className={styles.definition}>
              {check.skippedBecause === 'cancelled' ? 'Not run: the check was cancelled.' : `Not run: it needs “${titleOf(check.skippedBecause)}”, which did not pass.`}
            </dd>
          </>
        )}
      </dl>
      <div className={styles.commandRow}>
        <pre className={styles.command} aria-label={`Command: ${check.title}`}>
          {check.command}
        </pre>
        <Button
          size="small"
          icon={<CopyRegular />}
          aria-label={`Copy the command of “${check.title}” (${check.where})`}
          onClick={() => void actions.copyCheckCommand(check.command, `the command of “${check.title}”`)}
        >
          Copy
        </Button>
      </div>
    </li>
  );
}

/** The preflight's report: a summary at the top, then every check with where, the exact command and its result. */
export function PreflightResults({ report }: { report: PreflightReport }) {
  const page = usePageStyles();
  const styles = useStyles();
  const summary = preflightSummary(report);
  const titleOf = (id: string): string => report.checks.find((c) => c.id === id)?.title ?? id;
  return (
    <div className={page.block} data-testid="preflight-report" data-passed={String(report.passed)}>
      <MessageBar intent={summary.intent} layout="multiline" data-testid="preflight-summary">
        <MessageBarBody>
          <MessageBarTitle>{report.passed ? 'Every connection works' : 'Some connections do not work'}</MessageBarTitle>
          {summary.title}
        </MessageBarBody>
      </MessageBar>
      <ul className={styles.checks} aria-label="Connection checks">
        {report.checks.map((check) => (
          <CheckItem key={check.id} check={check} titleOf={titleOf} />
        ))}
      </ul>
    </div>
  );
}
