import { makeStyles, tokens } from '@fluentui/react-components';
import type { IncidentView } from '../../src-main/contract';
import { formatBytes, formatDuration, timeOfDay } from '../state/incident-selectors';
import { useWizardData } from '../wizard-context';
import { usePageStyles } from './page-styles';

const useStyles = makeStyles({
  measures: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere' },
  big: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  table: { borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed', fontSize: tokens.fontSizeBase300 },
  timeColumn: { width: '6.5em' },
  kindColumn: { width: '11em' },
  cell: { textAlign: 'start', verticalAlign: 'top', padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowWrap: 'anywhere' },
  scroll: { maxHeight: '320px', overflowY: 'auto' },
});

/** The last incident: its measured recovery time (and the program's share) and recovery point, and its timeline. */
export function IncidentTimeline() {
  const page = usePageStyles();
  const styles = useStyles();
  const incident = useWizardData((s): IncidentView | undefined => (s.incident.state?.status === 'ready' ? s.incident.state.value.lastIncident : undefined));
  if (incident === undefined) return null;
  const { measures } = incident;
  const point = measures.recoveryPoint;
  return (
    <section aria-labelledby="incident-heading" className={page.block} data-testid="incident">
      <h3 id="incident-heading" className={page.blockTitle}>
        Last incident: {incident.id}
      </h3>
      <dl className={styles.measures} data-testid="incident-measures">
        <dt className={styles.term}>Recovery time (RTO)</dt>
        <dd className={styles.value}>
          {measures.recoveryTimeSeconds === undefined ? (
            'not yet: the mailboxes are not reachable again'
          ) : (
            <>
              <span className={styles.big}>{formatDuration(measures.recoveryTimeSeconds)}</span> from the first missed reply to every
              mailbox reachable
              {measures.programSeconds !== undefined ? `; the program’s own work: ${formatDuration(measures.programSeconds)}` : ''}
            </>
          )}
        </dd>
        <dt className={styles.term}>Recovery point (RPO)</dt>
        <dd className={styles.value}>
          {point.known ? (
            <>
              <span className={styles.big}>{formatBytes(point.queuedBytes ?? 0)}</span> queued and not sent
              {point.lastEmptyAt !== undefined ? `; the queue was last empty at ${timeOfDay(point.lastEmptyAt)}` : ''}. {point.detail}
            </>
          ) : (
            <>Unknown: {point.detail}</>
          )}
        </dd>
      </dl>
      <h4 className={page.subTitle} id="timeline-heading">
        Timeline
      </h4>
      <div className={styles.scroll} tabIndex={0} role="region" aria-labelledby="timeline-heading">
        <table className={styles.table} data-testid="incident-timeline">
          <thead>
            <tr>
              <th scope="col" className={`${styles.cell} ${styles.timeColumn}`}>Time</th>
              <th scope="col" className={`${styles.cell} ${styles.kindColumn}`}>What</th>
              <th scope="col" className={styles.cell}>Detail</th>
            </tr>
          </thead>
          <tbody>
            {incident.timeline.map((entry, i) => (
              <tr key={`${i} ${entry.at}`} data-kind={entry.kind}>
                <td className={styles.cell}>
                  <time dateTime={entry.at}>{timeOfDay(entry.at)}</time>
                </td>
                <td className={styles.cell}>{entry.kind}</td>
                <td className={styles.cell}>{entry.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
