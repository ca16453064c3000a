import type { ReactElement } from 'react';
import { Badge, Button, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import {
  AlertUrgentFilled,
  CheckmarkCircleFilled,
  DismissCircleFilled,
  PauseCircleRegular,
  PlayRegular,
  ShieldCheckmarkRegular,
  StopRegular,
  WarningFilled,
} from '@fluentui/react-icons';
import type { MonitorStatus, MonitorView } from '../../src-main/contract';
import { MONITOR_STATUS_TEXT, MONITOR_STATUS_WORD, formatDuration, timeOfDay } from '../state/incident-selectors';
import { useActions, useWizard } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';

type BadgeColor = 'informative' | 'success' | 'warning' | 'danger' | 'important' | 'subtle';

const LOOK: Record<MonitorStatus, { color: BadgeColor; icon: ReactElement; bar: 'success' | 'warning' | 'error' | undefined }> = {
  stopped: { color: 'informative', icon: <PauseCircleRegular />, bar: undefined },
  green: { color: 'success', icon: <CheckmarkCircleFilled />, bar: 'success' },
  yellow: { color: 'warning', icon: <WarningFilled />, bar: 'warning' },
  red: { color: 'danger', icon: <DismissCircleFilled />, bar: 'error' },
  vetoed: { color: 'important', icon: <ShieldCheckmarkRegular />, bar: 'warning' },
  raised: { color: 'danger', icon: <AlertUrgentFilled />, bar: 'error' },
};

const useStyles = makeStyles({
  statusRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  badge: { fontSize: tokens.fontSizeBase400, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, height: 'auto' },
  statusText: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  countdown: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightBold, fontVariantNumeric: 'tabular-nums' },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: '2px' },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0, overflowWrap: 'anywhere' },
});

/**
 * The monitor (guide section 6): its status in a badge with words, Time to Fail counting down with a bar, how it
 * probes, the last reply, a second path's veto, a flapping source with the timing suggested, Start and Stop.
 */
export function MonitorSection() {
  const page = usePageStyles();
  const actions = useActions();
  const state = useWizard((s) => s.incident.state);
  const busy = useWizard((s) => s.incident.monitorBusy);
  const error = useWizard((s) => s.incident.monitorError);
  const connected = useWizard((s) => s.connection === 'open');
  const monitor: MonitorView | undefined = state?.status === 'ready' ? state.value.monitor : undefined;
  return (
    <section aria-labelledby="monitor-heading" className={page.block} data-testid="monitor">
      <h3 id="monitor-heading" className={page.blockTitle}>
        Monitor
      </h3>
      {state === undefined && <p className={page.muted}>Reading the monitor…</p>}
      {state?.status === 'error' && <ErrorBar error={state.error} title="The monitor could not be read" />}
      {monitor !== undefined && <MonitorBody monitor={monitor} />}
      <div className={page.buttons}>
        <Button
          appearance="primary"
          icon={<PlayRegular />}
          disabledFocusable={busy || !connected || monitor === undefined || monitor.status !== 'stopped'}
          onClick={() => void actions.setMonitor(true)}
        >
          Start monitor
        </Button>
        <Button icon={<StopRegular />} disabledFocusable={busy || !connected || monitor === undefined || monitor.status === 'stopped'} onClick={() => void actions.setMonitor(false)}>
          Stop monitor
        </Button>
      </div>
      {error !== undefined && <ErrorBar error={error} title="The monitor did not change" />}
    </section>
  );
}

function MonitorBody({ monitor }: { monitor: MonitorView }) {
  const styles = useStyles();
  const page = usePageStyles();
  const look = LOOK[monitor.status];
  const running = monitor.status !== 'stopped';
  return (
    <>
      <div className={styles.statusRow}>
        <Badge appearance="filled" color={look.color} icon={look.icon} className={styles.badge} data-status={monitor.status} data-testid="monitor-status">
          {MONITOR_STATUS_WORD[monitor.status]}
        </Badge>
        <p className={styles.statusText}>{MONITOR_STATUS_TEXT[monitor.status]}</p>
      </div>
      {running && (
        <div className={page.block}>
          <p className={page.p}>
            Time to Fail: {monitor.intervalSeconds} s between probes × {monitor.missedReplies} missed replies = {formatDuration(monitor.ttfSeconds)}
          </p>
          <span className={styles.countdown} data-testid="ttf-left">
            {formatDuration(monitor.secondsLeft)} left
          </span>
          <ProgressBar
            value={monitor.ttfSeconds === 0 ? 0 : monitor.secondsLeft / monitor.ttfSeconds}
            max={1}
            thickness="large"
            color={look.bar}
            aria-label={`Time to Fail left: ${formatDuration(monitor.secondsLeft)} of ${formatDuration(monitor.ttfSeconds)}`}
          />
        </div>
      )}
      <dl className={styles.facts}>
        <dt className={styles.term}>Watching</dt>
        <dd className={styles.detail}>
          {monitor.name} ({monitor.address})
        </dd>
        <dt className={styles.term}>Probe</dt>
        <dd className={styles.detail}>{monitor.probe}</dd>
        <dt className={styles.term}>Last reply</dt>
        <dd className={styles.detail} data-testid="last-reply">
          {monitor.lastReply === undefined
            ? 'none yet'
            : `${timeOfDay(monitor.lastReply.at)}: ${monitor.lastReply.ok ? 'answered' : 'no answer'} — ${monitor.lastReply.detail}`}
        </dd>
      </dl>
      {monitor.veto !== undefined && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The second path vetoed the failure</MessageBarTitle>
            {monitor.veto}
          </MessageBarBody>
        </MessageBar>
      )}
      {monitor.flapping !== undefined && monitor.flapping.count > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="flapping">
          <MessageBarBody>
            <MessageBarTitle>The source is flapping: it failed and came back {monitor.flapping.count} times</MessageBarTitle>
            {monitor.flapping.suggestion}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
