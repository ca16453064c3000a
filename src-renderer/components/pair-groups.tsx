import type { ReactNode } from 'react';
import { Button, Checkbox, Field, Select, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { formatPath, listLengthAt } from '../pair/json-path';
import {
  MONITOR_BASE,
  REPLICATION_IP,
  REPLICATION_SET_BASE,
  RULES_PATH,
  SHARED_GROUPS,
  SIDES,
  SIDE_LABEL,
  SOURCE_CONNECTION,
  fieldInputId,
  sharedFieldLabel,
  sharedFieldPath,
  singleFieldLabel,
  type PairGroupId,
  type SharedGroupSpec,
  type SingleGroupSpec,
  type Side,
} from '../pair/pair-fields';
import { draftValue, selectPairClusterNames, selectShownFieldProblem } from '../state/selectors';
import { useActions, useWizard, useWizardData } from '../wizard-context';
import { usePageStyles } from './page-styles';
import { PairCheckbox } from './pair-checkbox';
import { PairField } from './pair-field';
import { IncidentFields } from './pair-incident-fields';
import { MonitorTimingFields } from './pair-monitor-fields';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // Source and target side by side while each column has room for its fields (15em), else one above the other: the
  // grid wraps by the width it is given (the page's column), not the window's.
  columns: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 15em), 1fr))', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalL },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '520px' },
  item: {
    margin: 0,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  // Fixed layout: the path column takes what the others leave, so the table never grows wider than the page.
  table: { borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed' },
  modeColumn: { width: '8.5em' },
  recurseColumn: { width: '6.5em' },
  removeColumn: { width: '3em' },
  cell: { textAlign: 'start', verticalAlign: 'top', padding: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  error: { color: tokens.colorPaletteRedForeground1, margin: 0 },
});

/** The parts of the pair document given, each in its own block; shared parts side by side (source | target). */
export function PairGroups({ groups, disabled }: { groups: readonly PairGroupId[]; disabled: boolean }) {
  // The clusters the document being edited names (not the ones the program started with).
  const clusters = useWizardData((s) => selectPairClusterNames(s, 'draft'));
  const names: Record<Side, string | undefined> = {
    source: clusters?.source === '' ? undefined : clusters?.source,
    target: clusters?.target === '' ? undefined : clusters?.target,
  };
  return (
    <>
      {groups.map((id) => {
        const shared = SHARED_GROUPS.find((g) => g.id === id);
        if (shared !== undefined) return <SharedGroup key={id} group={shared} names={names} disabled={disabled} />;
        if (id === 'sourceConnection') return <SingleGroup key={id} group={SOURCE_CONNECTION} disabled={disabled} />;
        if (id === 'replicationIpAddress') return <SingleGroup key={id} group={REPLICATION_IP} disabled={disabled} />;
        if (id === 'replicationSet') return <ReplicationSet key={id} disabled={disabled} />;
        if (id === 'incident') return <Incident key={id} disabled={disabled} />;
        return <Monitor key={id} disabled={disabled} />;
      })}
    </>
  );
}

const headingId = (id: string): string => `pair-group-${id}`;

/** One part of the pair document: a section headed by its title (the heading names the section for screen readers). */
function PairGroupSection({ id, title, children }: { id: PairGroupId; title: string; children: ReactNode }) {
  const page = usePageStyles();
  const styles = useStyles();
  return (
    <section aria-labelledby={headingId(id)} className={styles.group} data-group={id}>
      <h4 id={headingId(id)} className={page.subTitle}>
        {title}
      </h4>
      {children}
    </section>
  );
}

function SharedGroup({ group, names, disabled }: { group: SharedGroupSpec; names: Record<Side, string | undefined>; disabled: boolean }) {
  const page = usePageStyles();
  const styles = useStyles();
  return (
    <PairGroupSection id={group.id} title={group.title}>
      <div className={styles.columns}>
        {SIDES.map((side) => (
          <div key={side} className={styles.column} role="group" aria-label={`${SIDE_LABEL[side]}: ${group.title}`} data-side={side}>
            <h5 className={page.subTitle}>
              {SIDE_LABEL[side]}
              {names[side] !== undefined ? ` (${names[side]})` : ''}
            </h5>
            <SideFields side={side} group={group} disabled={disabled} />
          </div>
        ))}
      </div>
    </PairGroupSection>
  );
}

function SideFields({ side, group, disabled }: { side: Side; group: SharedGroupSpec; disabled: boolean }) {
  const styles = useStyles();
  const page = usePageStyles();
  const listPath = [side, ...group.base];
  const count = useWizard((s) => (group.list !== undefined && s.pair.status === 'ready' ? listLengthAt(s.pair.value.draft, listPath) : 0));
  const listProblem = useWizard((s) => (group.list !== undefined ? selectShownFieldProblem(s, formatPath(listPath)) : undefined));
  const field = (index: number | undefined) =>
    group.fields.map((f) => (
      <PairField
        key={f.key.join('.')}
        path={sharedFieldPath(side, group, f, index)}
        label={f.label}
        fullLabel={sharedFieldLabel(side, group, f, index)}
        {...(f.hint !== undefined ? { hint: f.hint } : {})}
        kind={f.kind}
        disabled={disabled}
      />
    ));
  if (group.list === undefined) return <div className={styles.fields}>{field(undefined)}</div>;
  return (
    <div className={styles.fields}>
      {listProblem !== undefined && (
        <p id={fieldInputId(formatPath(listPath))} tabIndex={-1} className={styles.error}>{`${SIDE_LABEL[side]} ${group.title.toLowerCase()}: ${listProblem}`}</p>
      )}
      {count === 0 && <p className={page.muted}>None recorded.</p>}
      {Array.from({ length: count }, (_v, i) => (
        <fieldset key={i} className={styles.item}>
          <legend className={styles.legend}>
            {group.list!.itemLabel} {i + 1}
          </legend>
          {field(i)}
        </fieldset>
      ))}
    </div>
  );
}

function SingleGroup({ group, disabled }: { group: SingleGroupSpec; disabled: boolean }) {
  const styles = useStyles();
  return (
    <PairGroupSection id={group.id} title={group.title}>
      <div className={styles.fields}>
        {group.fields.map((f) => (
          <PairField key={f.key.join('.')} path={[...group.base, ...f.key]} label={f.label} fullLabel={singleFieldLabel(group, f)} {...(f.hint !== undefined ? { hint: f.hint } : {})} kind={f.kind} disabled={disabled} />
        ))}
      </div>
    </PairGroupSection>
  );
}

/** The replication set: its exact name and the rules table (path, include/exclude, recurse), rows added and removed. */
function ReplicationSet({ disabled }: { disabled: boolean }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const count = useWizard((s) => (s.pair.status === 'ready' ? listLengthAt(s.pair.value.draft, RULES_PATH) : 0));
  const rulesProblem = useWizard((s) => selectShownFieldProblem(s, formatPath(RULES_PATH)));
  return (
    <PairGroupSection id={'replicationSet'} title={'Replication set'}>
      <div className={styles.fields}>
        <PairField
          path={[...REPLICATION_SET_BASE, 'name']}
          label="Replication set name"
          hint="Exact and case-sensitive; the same on every source node"
          kind="text"
          disabled={disabled}
        />
      </div>
      <table className={styles.table} aria-label="Replication rules">
        <thead>
          <tr>
            <th scope="col" className={styles.cell}>Path</th>
            <th scope="col" className={mergeClasses(styles.cell, styles.modeColumn)}>Include or exclude</th>
            <th scope="col" className={mergeClasses(styles.cell, styles.recurseColumn)}>Recurse sub-directories</th>
            <th scope="col" className={mergeClasses(styles.cell, styles.removeColumn)}>
              <span className={page.visuallyHidden}>Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: count }, (_v, i) => (
            <RuleRow key={i} index={i} disabled={disabled} />
          ))}
        </tbody>
      </table>
      {rulesProblem !== undefined && (
        <p id={fieldInputId(formatPath(RULES_PATH))} tabIndex={-1} className={styles.error}>
          Replication rules: {rulesProblem}
        </p>
      )}
      <div className={page.buttons}>
        <Button icon={<AddRegular />} disabled={disabled} onClick={() => actions.addRule()}>
          Add rule
        </Button>
      </div>
    </PairGroupSection>
  );
}

function RuleRow({ index, disabled }: { index: number; disabled: boolean }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const base = [...RULES_PATH, index];
  const mode = useWizard((s) => draftValue(s, [...base, 'mode']));
  const recursive = useWizard((s) => draftValue(s, [...base, 'recursive']) === true);
  const modeProblem = useWizard((s) => selectShownFieldProblem(s, formatPath([...base, 'mode'])));
  const recurseProblem = useWizard((s) => selectShownFieldProblem(s, formatPath([...base, 'recursive'])));
  const n = index + 1;
  return (
    <tr data-rule={index}>
      <td className={styles.cell}>
        <PairField path={[...base, 'path']} label={`Rule ${n} path`} hideLabel kind="text" disabled={disabled} />
      </td>
      <td className={styles.cell}>
        <Field
          label={{ children: <span className={page.visuallyHidden}>Rule {n} include or exclude</span> }}
          validationState={modeProblem !== undefined ? 'error' : 'none'}
          validationMessage={modeProblem !== undefined ? `Rule ${n} include or exclude: ${modeProblem}` : undefined}
        >
          <Select
            id={fieldInputId(formatPath([...base, 'mode']))}
            value={typeof mode === 'string' ? mode : ''}
            disabled={disabled}
            onChange={(_e, data) => {
              actions.editPairField([...base, 'mode'], data.value);
              actions.touchPairField(formatPath([...base, 'mode']));
            }}
          >
            <option value="include">Include</option>
            <option value="exclude">Exclude</option>
          </Select>
        </Field>
      </td>
      <td className={styles.cell}>
        <Checkbox
          checked={recursive}
          disabled={disabled}
          aria-invalid={recurseProblem !== undefined}
          aria-describedby={recurseProblem !== undefined ? `problem-rule-${index}-recursive` : undefined}
          label={{ children: <span className={page.visuallyHidden}>Rule {n} recurse sub-directories</span> }}
          id={fieldInputId(formatPath([...base, 'recursive']))}
          onChange={(_e, data) => {
            actions.editPairField([...base, 'recursive'], data.checked === true);
            actions.touchPairField(formatPath([...base, 'recursive']));
          }}
        />
        {recurseProblem !== undefined && (
          <p id={`problem-rule-${index}-recursive`} className={styles.error}>
            Rule {n} recurse: {recurseProblem}
          </p>
        )}
      </td>
      <td className={styles.cell}>
        <Button icon={<DeleteRegular />} disabled={disabled} aria-label={`Remove rule ${n}`} onClick={() => {
            actions.removeRule(index);
            actions.touchPairField(formatPath(RULES_PATH));
          }} />
      </td>
    </tr>
  );
}

/**
 * The Failover Control Center monitor on each target node (guide section 6), and how the program's own monitor
 * (the failover panel) watches the source: its timing, its probe and the second path.
 */
function Monitor({ disabled }: { disabled: boolean }) {
  const styles = useStyles();
  return (
    <PairGroupSection id={'monitor'} title={'Monitor (Failover Control Center on each target node)'}>
      <div className={styles.fields}>
        <PairField path={[...MONITOR_BASE, 'monitoredAddress']} label="Monitored IP address" hint="The source virtual server’s client address" kind="text" disabled={disabled} />
        <PairField path={[...MONITOR_BASE, 'monitoredName']} label="Monitored name" hint="The source virtual server’s network name" kind="text" disabled={disabled} />
        <PairCheckbox path={[...MONITOR_BASE, 'clearItemsToFailover']} label="Clear every item to failover" disabled={disabled} />
        <PairCheckbox path={[...MONITOR_BASE, 'useShrShareMapping']} label="Use .SHR share mapping file" disabled={disabled} />
        <MonitorTimingFields disabled={disabled} />
      </div>
    </PairGroupSection>
  );
}

/** The guided failover's and failback's options (guide sections 7 and 8); no setup step uses them. */
function Incident({ disabled }: { disabled: boolean }) {
  return (
    <PairGroupSection id={'incident'} title={'Failover and failback options'}>
      <IncidentFields disabled={disabled} />
    </PairGroupSection>
  );
}
