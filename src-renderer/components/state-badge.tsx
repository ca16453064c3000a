import type { ReactElement } from 'react';
import { Badge, makeStyles } from '@fluentui/react-components';
import {
  ArrowSyncRegular,
  CheckmarkCircleFilled,
  CircleRegular,
  DismissCircleFilled,
  EditRegular,
  HandRightRegular,
  PlayCircleRegular,
} from '@fluentui/react-icons';
import type { StepState, StepSummary } from '../../src-main/contract';
import { stepStateText } from '../state/selectors';

type BadgeColor = 'informative' | 'success' | 'warning' | 'danger' | 'brand';

const LOOK: Record<StepState, { color: BadgeColor; icon: ReactElement }> = {
  'not-started': { color: 'informative', icon: <CircleRegular /> },
  planned: { color: 'brand', icon: <EditRegular /> },
  applied: { color: 'warning', icon: <PlayCircleRegular /> },
  verified: { color: 'success', icon: <CheckmarkCircleFilled /> },
  failed: { color: 'danger', icon: <DismissCircleFilled /> },
  'done-by-hand': { color: 'success', icon: <HandRightRegular /> },
  'needs-recheck': { color: 'warning', icon: <ArrowSyncRegular /> },
};

const useStyles = makeStyles({ badge: { whiteSpace: 'nowrap', flexShrink: 0 } });

/**
 * A step's state in words (never colour alone). A step that needs rechecking (its outcome was reached under another
 * pair document than the one open now) says what it was: "Recheck (was verified)", in the warning colour, until it is
 * verified again against this document.
 */
export function StateBadge({ state, recheckOf }: { state: StepState; recheckOf?: StepSummary['recheckOf'] }) {
  const look = LOOK[state];
  const styles = useStyles();
  const recheck = state === 'needs-recheck';
  return (
    <Badge
      appearance="tint"
      color={look.color}
      icon={look.icon}
      data-state={state}
      {...(recheck ? { 'data-stale': 'true' } : {})}
      className={styles.badge}
    >
      {stepStateText(state, recheckOf)}
    </Badge>
  );
}
