import { makeStyles, tokens } from '@fluentui/react-components';
import { CircleFilled, WarningFilled } from '@fluentui/react-icons';
import { useShallow } from 'zustand/react/shallow';
import { selectClusterHealth, type ClusterHealth } from '../state/selectors';
import { useWizard } from '../wizard-context';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    gap: tokens.spacingHorizontalXL,
    flexWrap: 'wrap',
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
    fontSize: tokens.fontSizeBase200,
  },
  item: { display: 'inline-flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  up: { color: tokens.colorPaletteGreenForeground1 },
  down: { color: tokens.colorPaletteRedForeground1 },
  unknown: { color: tokens.colorNeutralForeground3 },
  lost: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  warning: { color: tokens.colorPaletteDarkOrangeForeground2, fontWeight: tokens.fontWeightSemibold },
  /** A real pair: the environment in words on a red ground, with an icon (never colour alone). */
  real: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    fontWeight: tokens.fontWeightSemibold,
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusSmall,
  },
});

function ClusterState({ role, name, health }: { role: string; name: string; health: ClusterHealth }) {
  const styles = useStyles();
  const word = !health.known ? 'state unknown' : health.up ? 'up' : 'down';
  const className = !health.known ? styles.unknown : health.up ? styles.up : styles.down;
  return (
    <span className={styles.item} data-testid={`status-${role.toLowerCase()}`} data-up={health.known ? String(health.up) : 'unknown'}>
      <CircleFilled className={className} aria-hidden="true" />
      {role}: {name} — {word}
    </span>
  );
}

/** The bottom bar: which environment this is, and the source and target clusters with their up/down state. */
export function StatusBar() {
  const styles = useStyles();
  const environment = useWizard((s) => s.environment);
  const connection = useWizard((s) => s.connection);
  const source = useWizard(useShallow((s) => (s.environment.status === 'ready' ? selectClusterHealth(s, s.environment.value.sourceCluster) : undefined)));
  const target = useWizard(useShallow((s) => (s.environment.status === 'ready' ? selectClusterHealth(s, s.environment.value.targetCluster) : undefined)));
  return (
    <footer className={styles.bar} aria-label="Status">
      {environment.status === 'ready' ? (
        <>
          {environment.value.kind === 'lab' ? (
            <span className={styles.item} data-testid="status-environment" data-environment="lab">
              {`Lab — ${environment.value.labFolder ?? '(in memory)'}`}
            </span>
          ) : (
            <span className={`${styles.item} ${styles.real}`} data-testid="status-environment" data-environment="real">
              <WarningFilled aria-hidden="true" />
              {`Real pair: ${environment.value.title}`}
            </span>
          )}
          {environment.value.warnings.map((warning) => (
            // The profile's warnings (a password sent in clear over plain LDAP) stay in sight on every page.
            <span key={warning} className={`${styles.item} ${styles.warning}`} data-testid="status-warning">
              <WarningFilled aria-hidden="true" />
              {warning}
            </span>
          ))}
          {source !== undefined && <ClusterState role="Source" name={environment.value.sourceCluster} health={source} />}
          {target !== undefined && <ClusterState role="Target" name={environment.value.targetCluster} health={target} />}
          <span className={styles.item}>Version {environment.value.appVersion}</span>
        </>
      ) : (
        <span className={styles.item}>{environment.status === 'loading' ? 'Connecting…' : 'The environment could not be read.'}</span>
      )}
      {connection === 'lost' && (
        <span className={`${styles.item} ${styles.lost}`} role="alert">
          Disconnected from the program. Restart it (for the preview: stop it and run npm run preview again).
        </span>
      )}
    </footer>
  );
}
