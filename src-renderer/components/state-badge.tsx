import type { ReactElement } from 'react';
import { Badge, makeStyles } from '@fluentui/react-components';
import {
  CheckmarkCircleFilled,
  CircleRegular,
  DismissCircleFilled,
  EditRegular,
  HandRightRegular,
  PlayCircleRegular,
} from '@fluentui/react-icons';
import type { StepState } from '../../src-main/contract';

type BadgeColor = 'informative' | 'success' | 'warning' | 'danger' | 'brand';

const LOOK: Record<StepState, { label: string; color: BadgeColor; icon: ReactElement }> = {
  'not-started': { label: 'Not started', color: 'informative', icon: <CircleRegular /> },
  planned: { label: 'Planned', color: 'brand', icon: <EditRegular /> },
  applied: { label: 'Applied', color: 'warning', icon: <PlayCircleRegular /> },
  verified: { label: 'Verified', color: 'success', icon: <CheckmarkCircleFilled /> },
  failed: { label: 'Failed', color: 'danger', icon: <DismissCircleFilled /> },
  'done-by-hand': { label: 'Done by hand', color: 'success', icon: <HandRightRegular /> },
};

const useStyles = makeStyles({ badge: { whiteSpace: 'nowrap', flexShrink: 0 } });

export const stepStateLabel = (state: StepState): string => LOOK[state].label;

/**
 * A step's state in words (never colour alone). `stale`: reached with an earlier pair document, so it says
 * "recheck" and turns to the warning colour until the step is verified again.
 */
export function StateBadge({ state, stale = false }: { state: StepState; stale?: boolean }) {
  const look = LOOK[state];
  const styles = useStyles();
  return (
    <Badge
      appearance="tint"
      color={stale ? 'warning' : look.color}
      icon={look.icon}
      data-state={state}
      {...(stale ? { 'data-stale': 'true' } : {})}
      className={styles.badge}
    >
      {stale ? `${look.label}, recheck` : look.label}
    </Badge>
  );
}
