import type { FormEvent } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { SaveRegular } from '@fluentui/react-icons';
import type { PairProblemView } from '../../src-main/contract';
import { otherPathLabel, type PairGroupId } from '../pair/pair-fields';
import { labelledMessage, selectFieldLabels, selectFieldlessProblems, selectPairDirty, selectPairProblems } from '../state/selectors';
import { useActions, useWizard, useWizardData } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';
import { PairFileLocation } from './pair-file-location';
import { PairGroups } from './pair-groups';
import { PairProblemSummary } from './pair-problem-summary';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  saveBar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  problems: { margin: 0, paddingInlineStart: '1.4em' },
});

/**
 * The pair document's parts a page works from, with Save. Problems come from the main process as the user types
 * (debounced) and show beside their fields once touched, with a summary above the fields (how many still need a
 * value; the problems shown, each a link to its field; how many fields of other pages have one); problems of no
 * field (the document's version, a file that is no document) are listed apart.
 */
export function PairSection({
  groups,
  title,
  headingLevel = 3,
  withFile = false,
}: {
  groups: readonly PairGroupId[];
  title: string;
  headingLevel?: 2 | 3;
  /** Offer "Open" / "Save as" of another file (the pair document's own page). */
  withFile?: boolean;
}) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const pair = useWizard((s) => s.pair);
  const dirty = useWizard(selectPairDirty);
  const running = useWizard((s) => s.current?.job.status === 'running');
  const connected = useWizard((s) => s.connection === 'open');
  // Problems of fields on other pages are counted by the summary; these belong to no field at all.
  const unplaced = useWizardData(selectFieldlessProblems);
  // Fields, not messages: a field with two problems is one field to fix.
  const problemCount = useWizard((s) => new Set(selectPairProblems(s).map((p) => p.path)).size);
  const fields = (n: number): string => `${n} field${n === 1 ? '' : 's'} to fill or fix`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  if (pair.status === 'loading') return <Spinner size="small" label="Reading the pair document…" />;
  if (pair.status === 'error') return <ErrorBar error={pair.error} title="The pair document could not be read" />;
  const form = pair.value;
  const disabled = running || !connected;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void actions.savePair();
  };

  const status = form.saving
    ? 'Saving…'
    : form.checking
      ? 'Checking…'
      : form.refused !== undefined
        ? `Not saved: ${fields(new Set(form.refused.map((p) => p.path)).size)}.`
        : dirty
          ? problemCount > 0
            ? `Unsaved changes, ${fields(problemCount)}.`
            : 'Unsaved changes.'
          : form.savedAt !== undefined
            ? `Saved at ${new Date(form.savedAt).toLocaleTimeString()}.`
            : problemCount > 0
              ? `${fields(problemCount)}.`
              : 'Saved; no problems.';

  return (
    <section aria-labelledby="pair-heading" className={page.block} data-testid="pair-section">
      <Heading id="pair-heading" className={headingLevel === 2 ? page.title : page.blockTitle}>
        {title}
      </Heading>
      {withFile ? (
        <PairFileLocation disabled={disabled} />
      ) : (
        <p className={page.muted}>
          Pair document: <code className={page.code} data-testid="pair-path">{form.path}</code>
        </p>
      )}
      <form className={styles.form} onSubmit={onSubmit} noValidate aria-labelledby="pair-heading">
        <PairProblemSummary groups={groups} />
        <PairGroups groups={groups} disabled={disabled} />
        {unplaced.length > 0 && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Other problems in the pair document</MessageBarTitle>
              <ProblemList problems={unplaced} label="Other problems" />
            </MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.saveBar}>
          <Button type="submit" appearance="primary" icon={<SaveRegular />} disabledFocusable={disabled || form.saving || !dirty}>
            Save
          </Button>
          <span aria-live="polite" data-testid="pair-status">
            {status}
          </span>
        </div>
        {form.saveError !== undefined && <ErrorBar error={form.saveError} title="The pair document could not be checked or saved" />}
      </form>
    </section>
  );
}

/** Problems of the pair document no field on this page shows, each by its field's label (the path when it has none). */
function ProblemList({ problems, label }: { problems: readonly PairProblemView[]; label: string }) {
  const styles = useStyles();
  // As entries: the stable-snapshot hook compares JSON, which a Map does not have.
  const labels = new Map(useWizardData((s) => [...selectFieldLabels(s)]));
  return (
    <ul className={styles.problems} aria-label={label}>
      {problems.map((p) => (
        <li key={`${p.path} ${p.message}`}>
          {labels.get(p.path) ?? otherPathLabel(p.path)}: {labelledMessage(p.message, labels)}
        </li>
      ))}
    </ul>
  );
}
