import { Button, Field, Textarea } from '@fluentui/react-components';
import type { StepHandwork } from '../../src-main/contract';
import { NOTE_MIN, selectStepCapabilities } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';

/**
 * The part of an automated step only the administrator can do (step 6: the Failover Control Center monitor on each
 * target node), confirmed with a note. It is not "Mark done by hand": the step keeps its state and the program still
 * applies and verifies the rest; its verification fails until this part is confirmed.
 */
export function HandworkSection({ handwork }: { handwork: StepHandwork }) {
  const page = usePageStyles();
  const actions = useActions();
  const note = useWizard((s) => s.current!.handworkNote);
  const saving = useWizard((s) => s.current!.handwork);
  const can = useWizard((s) => selectStepCapabilities(s).canConfirmHandwork);
  const confirmed = handwork.confirmation;
  return (
    <section aria-labelledby="handwork-heading" className={page.block} data-testid="handwork">
      <h3 id="handwork-heading" className={page.blockTitle}>
        Confirm what only you can do
      </h3>
      <p className={page.p}>{handwork.what}.</p>
      <p className={page.muted}>
        The program can neither do this nor read it: do it as the plan’s findings say, then confirm it with a note. This
        does not mark the whole step done by hand; the step is still applied and verified, and its verification checks
        this confirmation against the settings the pair document asks for.
      </p>
      {confirmed !== undefined && (
        <p className={page.p} data-testid="handwork-confirmation">
          Confirmed {new Date(confirmed.at).toLocaleString()} with the note: {confirmed.note}
        </p>
      )}
      <Field label="What you did, and where" hint={`For example: entered on TGT1 and TGT2 by J. Admin (at least ${NOTE_MIN} characters).`}>
        <Textarea value={note} resize="vertical" onChange={(_e, data) => actions.editHandworkNote(data.value)} />
      </Field>
      <div className={page.buttons}>
        <Button disabledFocusable={!can} onClick={() => void actions.confirmHandwork()}>
          {confirmed === undefined ? 'Confirm' : 'Confirm again'}
        </Button>
      </div>
      <div aria-live="polite">{saving.status === 'saving' ? 'Saving the confirmation…' : ''}</div>
      {saving.status === 'error' && <ErrorBar error={saving.error} title="The confirmation could not be saved" />}
    </section>
  );
}
