import { Button, Field, Textarea } from '@fluentui/react-components';
import type { StepSummary } from '../../src-main/contract';
import { NOTE_MIN, selectStepCapabilities } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';

/** "Mark done by hand" with a note (for a manual step such as the backups: Confirm). */
export function MarkDoneSection({ summary }: { summary: StepSummary }) {
  const page = usePageStyles();
  const actions = useActions();
  const note = useWizard((s) => s.current!.note);
  const mark = useWizard((s) => s.current!.mark);
  const can = useWizard((s) => selectStepCapabilities(s).canMarkDone);
  const manual = summary.kind === 'manual';
  return (
    <section aria-labelledby="mark-heading" className={page.block}>
      <h3 id="mark-heading" className={page.blockTitle}>
        {manual ? 'Confirm this step' : 'Done outside the program'}
      </h3>
      <p className={page.muted}>
        {manual
          ? 'The program cannot do this step. Do it, then confirm it with a note: what was done and where the evidence is.'
          : 'If you did this step yourself, mark it done by hand with a note; verification still checks it.'}
      </p>
      {summary.note !== undefined && (
        <p className={page.p} data-testid="step-note">
          {summary.state === 'done-by-hand' ? 'Confirmed with the note: ' : 'Last note: '}
          {summary.note}
        </p>
      )}
      <Field label="Note" hint={`What was done, by whom, where the evidence is (at least ${NOTE_MIN} characters).`}>
        <Textarea value={note} resize="vertical" onChange={(_e, data) => actions.editNote(data.value)} />
      </Field>
      <div className={page.buttons}>
        <Button disabledFocusable={!can} onClick={() => void actions.markDone()}>
          {manual ? 'Confirm' : 'Mark done by hand'}
        </Button>
      </div>
      <div aria-live="polite">{mark.status === 'saving' ? 'Saving the note…' : ''}</div>
      {mark.status === 'error' && <ErrorBar error={mark.error} title="The step could not be marked done" />}
    </section>
  );
}
