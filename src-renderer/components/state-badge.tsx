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

/** A step's state in words (never colour alone). */
export function StateBadge({ state }: { state: StepState }) {
  const look = LOOK[state];
  const styles = useStyles();
  return (
    <Badge appearance="tint" color={look.color} icon={look.icon} data-state={state} className={styles.badge}>
      {look.label}
    </Badge>
  );
}
