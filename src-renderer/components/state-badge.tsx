import type { ReactElement } from 'react';
import { Badge, makeStyles } from '@fluentui/react-components';
import { CheckmarkCircleFilled, CircleRegular, WarningFilled } from '@fluentui/react-icons';
import type { StepState } from '../../src-main/contract';

const LOOK: Record<StepState, { label: string; color: 'informative' | 'success' | 'warning'; icon: ReactElement }> = {
  'not-started': { label: 'Not started', color: 'informative', icon: <CircleRegular /> },
  done: { label: 'Done', color: 'success', icon: <CheckmarkCircleFilled /> },
  'needs-attention': { label: 'Needs attention', color: 'warning', icon: <WarningFilled /> },
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
