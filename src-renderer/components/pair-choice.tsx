import { Field, Select } from '@fluentui/react-components';
import { formatPath, type FieldPath } from '../pair/json-path';
import { fieldInputId } from '../pair/pair-fields';
import { draftValue, labelledMessage, selectFieldLabels, selectShownFieldProblem } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';

export interface PairChoiceProps {
  readonly path: FieldPath;
  readonly label: string;
  readonly hint: string;
  /** The document's values and their words. */
  readonly options: readonly (readonly [string, string])[];
  /** What a value left out of the document means (the main process's default). */
  readonly fallback: string;
  /** Other paths whose problems show under this choice too (the object holding it). */
  readonly alsoProblemsOf?: readonly FieldPath[];
  readonly disabled: boolean;
  /** Puts the chosen value in the document (default: at `path`). */
  readonly onChoose?: (value: string) => void;
}

/**
 * One choice of the pair document as a drop-down list. A value the document holds that is none of the choices (a
 * hand-edited file) shows as "Choose…" with the main process's problem under it, until the user picks one.
 */
export function PairChoice({ path, label, hint, options, fallback, alsoProblemsOf = [], disabled, onChoose }: PairChoiceProps) {
  const actions = useActions();
  const key = formatPath(path);
  const value = useWizard((s) => draftValue(s, path));
  const problem = useWizard((s) => {
    const messages = [key, ...alsoProblemsOf.map(formatPath)].map((p) => selectShownFieldProblem(s, p)).filter((m): m is string => m !== undefined);
    return messages.length === 0 ? undefined : labelledMessage(messages.join('; '), selectFieldLabels(s));
  });
  const shown = value === undefined ? fallback : typeof value === 'string' && options.some(([v]) => v === value) ? value : '';
  return (
    <Field
      label={label}
      hint={hint}
      validationState={problem !== undefined ? 'error' : 'none'}
      validationMessage={problem !== undefined ? `${label}: ${problem}` : undefined}
      data-path={key}
    >
      <Select
        id={fieldInputId(key)}
        // Named by itself too (like every field of the form), not only through the Field's label.
        aria-label={label}
        value={shown}
        disabled={disabled}
        onChange={(_e, data) => {
          if (onChoose !== undefined) onChoose(data.value);
          else actions.editPairField(path, data.value);
          actions.touchPairField(key);
        }}
      >
        {shown === '' && (
          <option value="" disabled>
            Choose…
          </option>
        )}
        {options.map(([v, words]) => (
          <option key={v} value={v}>
            {words}
          </option>
        ))}
      </Select>
    </Field>
  );
}
