import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { formatPath, listLengthAt } from '../pair/json-path';
import { FAILBACK_ADDRESS_PATH, GUARD_MINUTES, INCIDENT_BASE, INCIDENT_RULES_PATH, fieldInputId, incidentRuleLabel } from '../pair/pair-fields';
import { draftValue, selectShownFieldProblem } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';
import { usePageStyles } from './page-styles';
import { PairCheckbox } from './pair-checkbox';
import { PairField } from './pair-field';
import { PairNumberField, numberRangeHint } from './pair-number-field';

const useStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '520px' },
  rules: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  rule: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  ruleField: { flexGrow: 1, minWidth: 0 },
  // Level with the input, under the label.
  remove: { marginTop: '26px' },
  error: { color: tokens.colorPaletteRedForeground1, margin: 0 },
});

/**
 * What the guided failover and failback (guide sections 7 and 8) run with: the ExchFailover `-r` rules (an editable
 * list, each rule in the utility's own syntax), `-norus` and `-nospn`, the failback address, and the guard period.
 */
export function IncidentFields({ disabled }: { disabled: boolean }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const rules = useWizard((s) => draftValue(s, INCIDENT_RULES_PATH));
  const count = useWizard((s) => (s.pair.status === 'ready' ? listLengthAt(s.pair.value.draft, INCIDENT_RULES_PATH) : 0));
  const listKey = formatPath(INCIDENT_RULES_PATH);
  const listProblem = useWizard((s) => selectShownFieldProblem(s, listKey));
  const list = Array.isArray(rules) ? (rules as readonly unknown[]) : [];

  const add = (): void => {
    actions.editPairField(INCIDENT_RULES_PATH, [...list, '']);
    // The new row's input takes the focus once it is drawn.
    const id = fieldInputId(formatPath([...INCIDENT_RULES_PATH, list.length]));
    setTimeout(() => document.getElementById(id)?.focus(), 0);
  };
  const remove = (index: number): void => {
    actions.editPairField(INCIDENT_RULES_PATH, list.filter((_r, i) => i !== index));
    actions.touchPairField(listKey);
  };

  return (
    <div className={styles.fields}>
      <div role="group" aria-labelledby="incident-rules-heading" aria-describedby="incident-rules-hint">
        <p id="incident-rules-heading" className={page.subTitle}>
          ExchFailover rules (-r)
        </p>
        <p id="incident-rules-hint" className={page.muted}>
          Each rule pairs source and target groups or mail stores, as written after one -r: SourceGroup:TargetGroup, or
          SourceGroup, SourceStore:TargetGroup, TargetStore (such as Indy, Sales:Indy_Bkup, Sales). No rules: -r alone,
          groups and stores paired one-to-one by name.
        </p>
        {listProblem !== undefined && (
          <p id={fieldInputId(listKey)} tabIndex={-1} className={styles.error}>
            ExchFailover rules: {listProblem}
          </p>
        )}
        {count === 0 ? (
          <p className={page.muted} data-testid="incident-rules-none">
            No rules: one-to-one by names.
          </p>
        ) : (
          <ul className={styles.rules} aria-label="ExchFailover rules">
            {Array.from({ length: count }, (_v, i) => (
              <li key={i} className={styles.rule} data-incident-rule={i}>
                <div className={styles.ruleField}>
                  <PairField path={[...INCIDENT_RULES_PATH, i]} label={incidentRuleLabel(i)} kind="text" disabled={disabled} />
                </div>
                <Button className={styles.remove} icon={<DeleteRegular />} disabled={disabled} aria-label={`Remove ExchFailover rule ${i + 1}`} onClick={() => remove(i)} />
              </li>
            ))}
          </ul>
        )}
        <div className={page.buttons}>
          <Button icon={<AddRegular />} disabled={disabled} onClick={add}>
            Add ExchFailover rule
          </Button>
        </div>
      </div>
      <PairCheckbox
        path={[...INCIDENT_BASE, 'noRus']}
        label="Leave the Recipient Update Service alone (-norus)"
        hint="ExchFailover does not change the Recipient Update Service."
        disabled={disabled}
      />
      <PairCheckbox
        path={[...INCIDENT_BASE, 'noSpn']}
        label="Leave the Service Principal Names alone (-nospn)"
        hint="ExchFailover does not change the Service Principal Name."
        disabled={disabled}
      />
      <PairField
        path={FAILBACK_ADDRESS_PATH}
        label="Failback address"
        hint="Needed for a failback: an address on the source cluster that stays online while its Exchange group is offline (the cluster’s own address or a node’s), such as 10.0.0.10. The target mirrors back to it."
        kind="text"
        emptyMeansUnset
        disabled={disabled}
      />
      <PairNumberField
        spec={GUARD_MINUTES}
        hint={`After a failback, a new failover within this many minutes asks for a reason. ${numberRangeHint(GUARD_MINUTES)}`}
        disabled={disabled}
      />
    </div>
  );
}
