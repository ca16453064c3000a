import type { FormEvent } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { SaveRegular } from '@fluentui/react-icons';
import type { PairProblemView } from '../../src-main/contract';
import type { PairGroupId } from '../pair/pair-fields';
import { selectPairDirty, selectPairProblems, selectUnplacedProblems } from '../state/selectors';
import { useActions, useWizard, useWizardData } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';
import { PairFileLocation } from './pair-file-location';
import { PairGroups } from './pair-groups';

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
 * (debounced) and show beside their fields; problems no field here shows are listed; a refused save lists them all.
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
  const unplaced = useWizardData((s) => selectUnplacedProblems(s, groups));
  const problemCount = useWizard((s) => selectPairProblems(s).length);
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
        ? `Not saved: ${form.refused.length} problem${form.refused.length === 1 ? '' : 's'}.`
        : dirty
          ? problemCount > 0
            ? `Unsaved changes, ${problemCount} problem${problemCount === 1 ? '' : 's'}.`
            : 'Unsaved changes.'
          : form.savedAt !== undefined
            ? `Saved at ${new Date(form.savedAt).toLocaleTimeString()}.`
            : problemCount > 0
              ? `${problemCount} problem${problemCount === 1 ? '' : 's'} in the saved document.`
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
        <PairGroups groups={groups} disabled={disabled} />
        {unplaced.length > 0 && form.refused === undefined && (
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
        {form.refused !== undefined && (
          <div role="alert" data-testid="pair-refused">
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Not saved: fix these problems first (nothing was written)</MessageBarTitle>
                <ProblemList problems={form.refused} label="Problems" />
              </MessageBarBody>
            </MessageBar>
          </div>
        )}
      </form>
    </section>
  );
}

/** Problems of the pair document, each by its field's path. */
function ProblemList({ problems, label }: { problems: readonly PairProblemView[]; label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.problems} aria-label={label}>
      {problems.map((p) => (
        <li key={`${p.path} ${p.message}`}>
          <code>{p.path}</code>: {p.message}
        </li>
      ))}
    </ul>
  );
}
