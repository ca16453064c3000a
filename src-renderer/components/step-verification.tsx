import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleFilled, DismissCircleFilled } from '@fluentui/react-icons';
import type { StepVerification } from '../../src-main/contract';
import { useWizard } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';

const useStyles = makeStyles({
  check: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  ok: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0, fontSize: '20px' },
  failed: { color: tokens.colorPaletteRedForeground1, flexShrink: 0, fontSize: '20px' },
  detail: { color: tokens.colorNeutralForeground2 },
});

/** The last verification: each check with OK / not OK and what was found. */
export function VerificationSection() {
  const page = usePageStyles();
  const stepId = useWizard((s) => s.current!.stepId);
  const verification = useWizard((s) => s.current!.verification);
  return (
    // The region is always there, so a result that arrives is announced.
    <div aria-live="polite">
      {verification !== undefined && (
        <section aria-labelledby="verify-heading" className={page.block} data-testid="verification">
          <h3 id="verify-heading" className={page.blockTitle}>
            Verification
          </h3>
          {verification.status === 'loading' && <Spinner size="small" label="Verifying…" />}
          {verification.status === 'error' && <ErrorBar error={verification.error} title="The verification could not run" />}
          {verification.status === 'ready' && <Checks stepId={stepId} verification={verification.value} />}
        </section>
      )}
    </div>
  );
}

function Checks({ stepId, verification }: { stepId: string; verification: StepVerification }) {
  const page = usePageStyles();
  const styles = useStyles();
  const failed = verification.checks.filter((c) => !c.ok).length;
  return (
    <>
      <p className={page.p} data-verification-ok={verification.ok} data-verified-at={verification.at}>
        {verification.ok
          ? `All ${verification.checks.length} checks passed: step ${stepId} is verified.`
          : `${failed} of ${verification.checks.length} checks failed: step ${stepId} is not verified.`}{' '}
        <span className={page.muted}>({new Date(verification.at).toLocaleString()})</span>
      </p>
      <ul className={page.plainList} aria-label="Checks">
        {verification.checks.map((check, i) => (
          <li key={`${i} ${check.what}`} className={styles.check} data-ok={check.ok}>
            {check.ok ? <CheckmarkCircleFilled className={styles.ok} aria-hidden="true" /> : <DismissCircleFilled className={styles.failed} aria-hidden="true" />}
            <span>
              <strong>{check.ok ? 'OK' : 'Not OK'}:</strong> {check.what}
              {check.detail !== undefined && <span className={styles.detail}> — {check.detail}</span>}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
