import { Field, Input } from '@fluentui/react-components';
import { formatPath, type FieldPath } from '../pair/json-path';
import { fieldInputId } from '../pair/pair-fields';
import { signatureHint } from '../pair/signature';
import { draftValue, labelledMessage, selectFieldLabels, selectFieldText, selectShownFieldProblem } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';
import { usePageStyles } from './page-styles';

export interface PairFieldProps {
  readonly path: FieldPath;
  /** What the field shows as its label. */
  readonly label: string;
  /** The label screen readers hear and messages use when it differs (`Source subnet mask`). */
  readonly fullLabel?: string;
  /** Show only to screen readers (in a table, the column header names the field). */
  readonly hideLabel?: boolean;
  readonly hint?: string;
  readonly kind: 'text' | 'signature';
  /** An optional field: emptied, it leaves the value out of the document (instead of an empty text). */
  readonly emptyMeansUnset?: boolean;
  readonly disabled: boolean;
}

/**
 * One text field of the pair document. Its problems come from the main process (pair.check) by the field's path
 * and show next to it, starting with the field's name, once the user has left the field after editing it or tried
 * to save (a new document does not open full of errors); the message is the input's description for screen
 * readers. What the user types is kept as typed (spaces too); the saved document holds it trimmed.
 */
export function PairField({ path, label, fullLabel, hideLabel = false, hint, kind, emptyMeansUnset = false, disabled }: PairFieldProps) {
  const page = usePageStyles();
  const actions = useActions();
  const key = formatPath(path);
  const text = useWizard((s) => selectFieldText(s, path, kind));
  const problem = useWizard((s) => {
    const message = selectShownFieldProblem(s, key);
    return message === undefined ? undefined : labelledMessage(message, selectFieldLabels(s));
  });
  const value = useWizard((s) => (kind === 'signature' ? draftValue(s, path) : undefined));
  const name = fullLabel ?? label;
  const shownHint = kind === 'signature' ? (signatureHint(value) ?? hint) : hint;
  return (
    <Field
      label={{
        // Screen readers hear the full name (`Source subnet mask`); the column heading says the side visually.
        children:
          hideLabel || name === label ? (
            <span className={hideLabel ? page.visuallyHidden : undefined}>{name}</span>
          ) : (
            <>
              <span className={page.visuallyHidden}>{name}</span>
              <span aria-hidden="true">{label}</span>
            </>
          ),
      }}
      validationState={problem !== undefined ? 'error' : 'none'}
      validationMessage={problem !== undefined ? `${name}: ${problem}` : undefined}
      hint={shownHint}
      data-path={key}
    >
      <Input
        id={fieldInputId(key)}
        // The full name (`Source subnet mask`) is the input's own name too: the label may show less (the column says
        // the side) or nothing (a table's cell), and the name must not hang on text that may be scrolled or clipped.
        aria-label={name}
        value={text}
        onBlur={() => actions.touchPairField(key)}
        disabled={disabled}
        spellCheck={false}
        onChange={(_e, data) =>
          kind === 'signature'
            ? actions.editSignature(path, data.value)
            : actions.editPairField(path, emptyMeansUnset && data.value.trim() === '' ? undefined : data.value)
        }
      />
    </Field>
  );
}
