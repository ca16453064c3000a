import { Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { ALL_GROUPS, fieldInputId, type PairGroupId } from '../pair/pair-fields';
import { selectPairProblemSummary, selectProblemFieldsElsewhere, type LabelledProblem, type PairProblemSummary as Summary } from '../state/selectors';
import { useActions, useWizard, useWizardData } from '../wizard-context';
import { usePageStyles } from './page-styles';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: '1.4em', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Moves the focus to a field (its input, or the problem of a list) and brings it into view. */
export function focusField(path: string): void {
  const element = document.getElementById(fieldInputId(path));
  if (element === null) return;
  element.scrollIntoView({ block: 'center' });
  element.focus();
}

/** The fields not marked yet, in a few calm words: "30 fields to fill." (no field is named before it is touched). */
export function waitingText(summary: Summary): string | undefined {
  const parts = [
    summary.emptyWaiting > 0 ? `${plural(summary.emptyWaiting, 'field', 'fields')} to fill` : '',
    summary.otherWaiting > 0 ? `${plural(summary.otherWaiting, 'field', 'fields')} to check` : '',
  ].filter((t) => t !== '');
  return parts.length === 0 ? undefined : `${parts.join(', ')}. Each is marked when you leave it or press Save.`;
}

/**
 * The summary above the pair document's fields. Before the user has touched a field it only counts, calmly, what is
 * still to fill (a new document is not thirty alerts); the problems shown (fields touched, or every one once Save
 * was pressed) are listed by their fields' labels, each a link that takes the focus to its field. A step page also
 * counts the fields of other pages with a problem and offers the pair document page. After a refused save it is an
 * alert: nothing was written, and why.
 */
export function PairProblemSummary({ groups }: { groups: readonly PairGroupId[] }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const summary = useWizardData((s) => selectPairProblemSummary(s, groups));
  const elsewhere = useWizard((s) => selectProblemFieldsElsewhere(s, groups));
  const refused = useWizard((s) => s.pair.status === 'ready' && s.pair.value.refused !== undefined);
  const waiting = summary.emptyWaiting + summary.otherWaiting;
  const calm = waitingText(summary);
  const onPairPage = groups.length === ALL_GROUPS.length;
  const elsewhereNote =
    elsewhere > 0 && !onPairPage ? (
      <span data-testid="pair-elsewhere">
        {' '}
        {plural(elsewhere, 'field', 'fields')} on other parts of the document {elsewhere === 1 ? 'needs' : 'need'} a value or a fix:{' '}
        <Link as="button" inline onClick={() => actions.selectPair()}>
          open the pair document
        </Link>
        .
      </span>
    ) : null;
  const alert = refused || summary.shown.length > 0;
  return (
    <div data-testid="pair-summary" data-shown={summary.shown.length} data-waiting={waiting} data-elsewhere={elsewhere}>
      {!alert && (calm !== undefined || elsewhereNote !== null) && (
        <p className={page.muted} data-testid="pair-waiting">
          {calm}
          {elsewhereNote}
        </p>
      )}
      {alert && (
        <div role={refused ? 'alert' : undefined} data-testid={refused ? 'pair-refused' : 'pair-problems'}>
          <MessageBar intent={refused ? 'error' : 'warning'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {refused
                  ? `Not saved: ${plural(summary.shown.length + (onPairPage ? 0 : elsewhere), 'field', 'fields')} to fix first (nothing was written)`
                  : `${plural(summary.shown.length, 'field', 'fields')} to fix`}
              </MessageBarTitle>
              {calm !== undefined && <span> {calm}</span>}
              {elsewhereNote}
              {summary.shown.length > 0 && (
                <ul className={styles.list} aria-label="Fields to fix">
                  {summary.shown.map((p) => (
                    <ProblemItem key={p.path} problem={p} />
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
    </div>
  );
}

function ProblemItem({ problem }: { problem: LabelledProblem }) {
  return (
    <li data-problem-path={problem.path}>
      <Link
        href={`#${fieldInputId(problem.path)}`}
        onClick={(event) => {
          event.preventDefault();
          focusField(problem.path);
        }}
      >
        {problem.label}
      </Link>
      : {problem.message}
    </li>
  );
}
