import { usePageStyles } from './page-styles';
import { IncidentTimeline } from './incident-timeline';
import { MonitorSection } from './monitor-countdown';
import { RunPlanSection } from './run-plan';
import { RunQuestion, RunSection } from './run-steps';

/**
 * The failover panel (guide sections 6-8): the monitor with its Time to Fail, the guided failover and failback (plan,
 * run, questions, progress), and the last incident's measured recovery time and point with its timeline. The manual
 * intervention prompt is not here only: it is a banner on every page (intervention-banner.tsx).
 */
export function FailoverPanel() {
  const page = usePageStyles();
  return (
    <article className={page.page} aria-labelledby="failover-heading" data-testid="failover-panel">
      <h2 id="failover-heading" className={page.title} tabIndex={-1}>
        Failover
      </h2>
      <p className={page.subtitle}>
        Monitoring (guide section 6), the guided failover (section 7) and failback (section 8), and what the last incident
        measured.
      </p>
      <RunQuestion />
      <MonitorSection />
      <RunSection />
      <RunPlanSection />
      <IncidentTimeline />
    </article>
  );
}
