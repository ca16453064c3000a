import { Button, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { PlugConnectedRegular, PlugDisconnectedRegular } from '@fluentui/react-icons';
import { useShallow } from 'zustand/react/shallow';
import { selectClusterHealth } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { LabFailures } from './lab-failures';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  p: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  // One table per cluster, fixed columns: the panel is narrow (208 px in a 1024 px window), so long replication
  // states wrap inside their cell instead of running out of the panel.
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, width: '100%', tableLayout: 'fixed' },
  caption: { textAlign: 'start', fontWeight: tokens.fontWeightSemibold, padding: `${tokens.spacingVerticalXS} 0` },
  nodeColumn: { width: '3.2em' },
  stateColumn: { width: '3.4em' },
  cell: {
    textAlign: 'start',
    verticalAlign: 'top',
    overflowWrap: 'break-word',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  buttons: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/**
 * The lab's controls: pull the plug on the source cluster or restore its power, pull and restore the lab's failures
 * (a cluster, the link, a split, a node); every node's state and replication.
 */
export function LabPanel() {
  const styles = useStyles();
  const actions = useActions();
  const environment = useWizard((s) => (s.environment.status === 'ready' ? s.environment.value : undefined));
  const clusters = useWizard((s) => s.lab.clusters);
  const power = useWizard((s) => s.lab.power);
  const powerError = useWizard((s) => s.lab.powerError);
  const connected = useWizard((s) => s.connection === 'open');
  const source = useWizard(useShallow((s) => (s.environment.status === 'ready' ? selectClusterHealth(s, s.environment.value.sourceCluster) : undefined)));
  if (environment?.kind !== 'lab') return null;
  const cluster = environment.sourceCluster;
  const sourceUp = source?.known === true ? source.up : undefined;

  return (
    <aside className={styles.panel} aria-labelledby="lab-heading" data-testid="lab-panel">
      <h2 id="lab-heading" className={styles.heading}>
        Lab
      </h2>
      <p className={styles.p}>A simulated pair of clusters on this machine. Nothing here touches a real network.</p>
      <div className={styles.buttons}>
        <Button
          icon={<PlugDisconnectedRegular />}
          disabledFocusable={!connected || power !== undefined || sourceUp === false}
          onClick={() => void actions.setPower(cluster, false)}
        >
          Pull the plug on {cluster}
        </Button>
        <Button
          icon={<PlugConnectedRegular />}
          disabledFocusable={!connected || power !== undefined || sourceUp === true}
          onClick={() => void actions.setPower(cluster, true)}
        >
          Restore power to {cluster}
        </Button>
      </div>
      <div aria-live="polite">{power !== undefined && <Spinner size="tiny" label={power.on ? `Powering ${power.target} on…` : `Powering ${power.target} off…`} />}</div>
      {powerError !== undefined && <ErrorBar error={powerError} title="The lab refused" />}
      <LabFailures />
      {clusters?.status === 'error' && <ErrorBar error={clusters.error} title="The lab’s clusters could not be read" />}
      {clusters?.status === 'ready' &&
        clusters.value.map((c) => (
          <table key={c.name} className={styles.table} aria-label={`${c.name} nodes`} data-cluster={c.name}>
            <caption className={styles.caption}>{c.name}</caption>
            <thead>
              <tr>
                <th scope="col" className={mergeClasses(styles.cell, styles.nodeColumn)}>Node</th>
                <th scope="col" className={mergeClasses(styles.cell, styles.stateColumn)}>State</th>
                <th scope="col" className={styles.cell}>Replicating</th>
              </tr>
            </thead>
            <tbody>
              {c.nodes.map((node) => (
                <tr key={`${c.name}/${node.name}`} data-node={node.name} data-up={node.up}>
                  <th scope="row" className={styles.cell}>{node.name}</th>
                  <td className={styles.cell}>{node.up ? 'Up' : 'Down'}</td>
                  <td className={styles.cell} data-testid="node-replication">
                    {(node.replication ?? []).length === 0
                      ? '—'
                      : (node.replication ?? []).map((r) => (
                          <div key={`${r.replicationSet}/${r.target}`}>
                            {r.replicationSet} → {r.target} ({r.state}, mirror {r.mirror}
                            {r.queuedBytes > 0 ? `, ${r.queuedBytes} bytes queued` : ''})
                          </div>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </aside>
  );
}
