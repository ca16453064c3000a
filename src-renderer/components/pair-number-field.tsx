import { useState } from 'react';
import { Field, Input } from '@fluentui/react-components';
import { formatPath } from '../pair/json-path';
import { numberFieldText, numberFieldValue } from '../pair/number-text';
import { fieldInputId, type NumberFieldSpec } from '../pair/pair-fields';
import { draftValue, labelledMessage, selectFieldLabels, selectShownFieldProblem } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';

/** The hint a number field gets from its range and default: `Whole seconds, 1 to 3600; 5 when left empty.` */
export function numberRangeHint(spec: NumberFieldSpec): string {
  const unit = spec.unit !== undefined ? `Whole ${spec.unit}` : 'A whole number';
  const empty = spec.defaultValue !== undefined ? `; ${spec.defaultValue} when left empty` : '';
  return `${unit}, ${spec.min} to ${spec.max}${empty}.`;
}

/**
 * One whole-number field of the pair document, as a number input. What the user types goes to the document as a
 * number when it is one, else as the text (the main process's check then names this field); emptied, a field with
 * a default leaves the value out. Its problem (from the main process) shows under it once touched, like every field.
 */
export function PairNumberField({ spec, hint, disabled }: { spec: NumberFieldSpec; hint?: string; disabled: boolean }) {
  const actions = useActions();
  const key = formatPath(spec.path);
  const value = useWizard((s) => draftValue(s, spec.path));
  const problem = useWizard((s) => {
    const message = selectShownFieldProblem(s, key);
    return message === undefined ? undefined : labelledMessage(message, selectFieldLabels(s));
  });
  const hasDefault = spec.defaultValue !== undefined;
  // The text as typed (`05`, `1.`) while it still stands for the document's value; otherwise the value's own text.
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const text = typed !== undefined && numberFieldValue(typed, hasDefault) === value ? typed : numberFieldText(value);
  const label = spec.unit !== undefined ? `${spec.label} (${spec.unit})` : spec.label;
  return (
    <Field
      label={label}
      validationState={problem !== undefined ? 'error' : 'none'}
      validationMessage={problem !== undefined ? `${spec.label}: ${problem}` : undefined}
      hint={hint ?? numberRangeHint(spec)}
      data-path={key}
    >
      <Input
        id={fieldInputId(key)}
        // Named by itself too (like every field of the form), not only through the Field's label.
        aria-label={label}
        type="number"
        inputMode="numeric"
        min={spec.min}
        max={spec.max}
        step={1}
        value={text}
        {...(hasDefault ? { placeholder: String(spec.defaultValue) } : {})}
        disabled={disabled}
        onBlur={() => actions.touchPairField(key)}
        onChange={(event, data) => {
          // A text the browser cannot read as a number (`1e`) reaches us empty: it is sent as text, never dropped.
          const unreadable = event.target.validity.badInput;
          setTyped(data.value);
          actions.editPairField(spec.path, unreadable ? data.value : numberFieldValue(data.value, hasDefault));
        }}
      />
    </Field>
  );
}
