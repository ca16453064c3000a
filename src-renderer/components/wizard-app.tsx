import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { PlugConnectedRegular, WarningFilled } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { selectEnvironmentTitle } from '../state/selectors';
import { useActions, useWizard } from '../wizard-context';
import { ConnectionsPage } from './connections-page';
import { ProductionConfirm } from './production-confirm';
import { LabPanel } from './lab-panel';
import { StatusBar } from './status-bar';
import { StepNav } from './step-nav';
import { PairPage, StepPage } from './step-page';
import { FailoverPanel } from './failover-panel';
import { InterventionBanner, RunQuestionBar } from './intervention-banner';

const useStyles = makeStyles({
  root: {
    height: '100vh',
    // The window itself never scrolls: the navigation, the page and the lab panel each scroll in their own region.
    overflow: 'hidden',
    display: 'grid',
    // The middle row takes what is left and no more (minmax(0, 1fr)): its columns scroll, the status bar stays.
    gridTemplateRows: 'auto auto minmax(0, 1fr) auto',
    // The page's column may shrink below its content's width (minmax(0, 1fr)): it scrolls and wraps instead of
    // pushing the form under the lab panel. Narrow windows (1024 wide and up) get narrower side columns.
    gridTemplateColumns: 'minmax(280px, 360px) minmax(0, 1fr) auto',
    '@media (max-width: 1279px)': { gridTemplateColumns: '232px minmax(0, 1fr) auto' },
    gridTemplateAreas: '"header header header" "attention attention attention" "nav main lab" "status status status"',
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
  /** A real pair: a red band with the environment's name in words and an icon, never colour alone. */
  headerReal: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    borderBottom: `4px solid ${tokens.colorPaletteDarkOrangeBorder2}`,
  },
  productName: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  environment: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold },
  environmentWord: { textTransform: 'uppercase', letterSpacing: '0.08em', padding: `0 ${tokens.spacingHorizontalXS}`, border: '2px solid currentColor', borderRadius: tokens.borderRadiusSmall },
  spacer: { flexGrow: 1 },
  /** On the coloured band: the band's own text colour when hovered or pressed too (never the brand blue on red). */
  headerButton: {
    color: 'inherit',
    ':hover': { color: 'inherit', backgroundColor: 'rgba(0, 0, 0, 0.22)' },
    ':hover:active': { color: 'inherit', backgroundColor: 'rgba(0, 0, 0, 0.32)' },
  },
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': { left: tokens.spacingHorizontalS, top: tokens.spacingVerticalS, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1, padding: tokens.spacingVerticalS },
  },
  nav: { gridArea: 'nav', overflowY: 'auto', position: 'relative', minWidth: 0, borderRight: `1px solid ${tokens.colorNeutralStroke2}` },
  main: {
    gridArea: 'main',
    overflowY: 'auto',
    minWidth: 0,
    // Holds what is placed absolutely inside the page (texts only screen readers get), so it scrolls with the page
    // instead of stretching the window.
    position: 'relative',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    '@media (max-width: 1279px)': { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}` },
  },
  lab: { gridArea: 'lab', overflowY: 'auto', position: 'relative', width: '260px', '@media (max-width: 1279px)': { width: '208px' } },
  status: { gridArea: 'status' },
  attention: { gridArea: 'attention', minWidth: 0 },
});

/** The window: header, step navigation, the selected page, the lab panel (lab only) and the status bar. */
export function WizardApp() {
  const styles = useStyles();
  const selected = useWizard((s) => s.selected);
  const isLab = useWizard((s) => s.environment.status === 'ready' && s.environment.value.kind === 'lab');
  const isReal = useWizard((s) => s.environment.status === 'ready' && s.environment.value.kind === 'real');
  const environment = useWizard((s) => (s.environment.status === 'ready' ? s.environment.value : undefined));
  const title = useWizard(selectEnvironmentTitle);
  const jobRunning = useWizard((s) => s.current?.job.status === 'running');
  const actions = useActions();
  // The monitor runs in the main process whatever page is open: its state is read about once a second, so the manual
  // intervention prompt shows on every page.
  useEffect(() => actions.startIncidentPolling(), [actions]);
  return (
    <div className={styles.root}>
      <a href="#main" className={styles.skip}>
        Skip to the step
      </a>
      <header className={mergeClasses(styles.header, isReal && styles.headerReal)} data-testid="environment-band" data-environment={environment?.kind ?? 'unknown'}>
        <h1 className={styles.productName}>Exchange HA Wizard</h1>
        {environment !== undefined && (
          <span className={styles.environment} data-testid="environment-title">
            {isReal && <WarningFilled aria-hidden="true" />}
            <span className={styles.environmentWord}>{isReal ? `${environment.name} — real pair` : 'Lab'}</span>
            <span>{title}</span>
          </span>
        )}
        <span className={styles.spacer} />
        <Button
          appearance="transparent"
          className={styles.headerButton}
          icon={<PlugConnectedRegular />}
          aria-current={selected?.kind === 'connections' ? 'page' : undefined}
          disabledFocusable={jobRunning}
          onClick={() => actions.selectConnections()}
        >
          Connections
        </Button>
      </header>
      <div className={styles.attention}>
        <InterventionBanner />
        <RunQuestionBar />
      </div>
      <div className={styles.nav}>
        <StepNav />
      </div>
      <main id="main" className={styles.main} tabIndex={-1}>
        {selected?.kind === 'failover' ? (
          <FailoverPanel />
        ) : selected?.kind === 'pair' ? (
          <PairPage />
        ) : selected?.kind === 'connections' ? (
          <ConnectionsPage />
        ) : (
          <StepPage />
        )}
      </main>
      {isLab && (
        <div className={styles.lab}>
          <LabPanel />
        </div>
      )}
      <div className={styles.status}>
        <StatusBar />
      </div>
      <ProductionConfirm />
    </div>
  );
}
