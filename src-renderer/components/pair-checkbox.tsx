import { Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import { formatPath, type FieldPath } from '../pair/json-path';
import { fieldInputId } from '../pair/pair-fields';
import { draftValue, selectShownFieldProblem } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';
import { usePageStyles } from './page-styles';

const useStyles = makeStyles({
  error: { color: tokens.colorPaletteRedForeground1, margin: 0 },
  hint: { paddingInlineStart: tokens.spacingHorizontalXXL },
});

/**
 * One true/false field of the pair document as a check box, its hint and its problem (from the main process)
 * under it, the problem named by the box's label. A value left out of the document shows as `fallback`.
 */
export function PairCheckbox({ path, label, hint, fallback = false, disabled }: { path: FieldPath; label: string; hint?: string; fallback?: boolean; disabled: boolean }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const key = formatPath(path);
  const id = fieldInputId(key);
  const checked = useWizard((s) => {
    const value = draftValue(s, path);
    return value === undefined ? fallback : value === true;
  });
  const problem = useWizard((s) => selectShownFieldProblem(s, key));
  const described = [problem !== undefined ? `${id}-problem` : '', hint !== undefined ? `${id}-hint` : ''].filter((t) => t !== '').join(' ');
  return (
    <div data-path={key}>
      <Checkbox
        checked={checked}
        disabled={disabled}
        aria-invalid={problem !== undefined}
        aria-describedby={described === '' ? undefined : described}
        label={label}
        id={id}
        onChange={(_e, data) => {
          actions.editPairField(path, data.checked === true);
          actions.touchPairField(key);
        }}
      />
      {hint !== undefined && (
        <p id={`${id}-hint`} className={`${page.muted} ${styles.hint}`}>
          {hint}
        </p>
      )}
      {problem !== undefined && (
        <p id={`${id}-problem`} className={styles.error}>
          {label}: {problem}
        </p>
      )}
    </div>
  );
}
