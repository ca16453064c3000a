import { makeStyles, tokens } from '@fluentui/react-components';
import { useWizard } from '../wizard-context';
import { LabPanel } from './lab-panel';
import { StatusBar } from './status-bar';
import { StepNav } from './step-nav';
import { FailoverPlaceholder, PairPage, StepPage } from './step-page';

const useStyles = makeStyles({
  root: {
    height: '100vh',
    display: 'grid',
    gridTemplateRows: 'auto 1fr auto',
    gridTemplateColumns: 'minmax(280px, 360px) 1fr auto',
    gridTemplateAreas: '"header header header" "nav main lab" "status status status"',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    gridArea: 'header',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  productName: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': { left: tokens.spacingHorizontalS, top: tokens.spacingVerticalS, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1, padding: tokens.spacingVerticalS },
  },
  nav: { gridArea: 'nav', overflowY: 'auto', borderRight: `1px solid ${tokens.colorNeutralStroke2}` },
  main: { gridArea: 'main', overflowY: 'auto', padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}` },
  lab: { gridArea: 'lab', overflowY: 'auto', width: '260px' },
  status: { gridArea: 'status' },
});

/** The window: header, step navigation, the selected page, the lab panel (lab only) and the status bar. */
export function WizardApp() {
  const styles = useStyles();
  const selected = useWizard((s) => s.selected);
  const isLab = useWizard((s) => s.environment.status === 'ready' && s.environment.value.kind === 'lab');
  return (
    <div className={styles.root}>
      <a href="#main" className={styles.skip}>
        Skip to the step
      </a>
      <header className={styles.header}>
        <h1 className={styles.productName}>Exchange HA Wizard</h1>
      </header>
      <div className={styles.nav}>
        <StepNav />
      </div>
      <main id="main" className={styles.main} tabIndex={-1}>
        {selected?.kind === 'failover' ? <FailoverPlaceholder /> : selected?.kind === 'pair' ? <PairPage /> : <StepPage />}
      </main>
      {isLab && (
        <div className={styles.lab}>
          <LabPanel />
        </div>
      )}
      <div className={styles.status}>
        <StatusBar />
      </div>
    </div>
  );
}
