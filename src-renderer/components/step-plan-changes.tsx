import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { PlanChanges } from '../../src-main/contract';
import { usePageStyles } from './page-styles';
import { planChangeLines } from './plan-change-lines';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: '1.4em', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  command: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/** Apply found that the plan changed since it was shown: nothing ran; what changed, above the new plan. */
export function PlanChangesBar({ changes }: { changes: PlanChanges }) {
  const page = usePageStyles();
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="plan-changed">
      <MessageBarBody>
        <MessageBarTitle>The plan changed since you saw it: nothing was applied</MessageBarTitle>
        <p className={page.p}>The clusters, the nodes or the pair document changed. Read the new plan below; Apply applies it.</p>
        <ul className={styles.list} aria-label="What changed in the plan">
          {planChangeLines(changes).map((line, i) => (
            <li key={`${i} ${line.kind} ${line.text}`}>
              <strong>{line.kind}:</strong> {line.text}
              {line.command !== undefined && (
                <>
                  {' '}
                  <code className={styles.command}>{line.command}</code>
                </>
              )}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
