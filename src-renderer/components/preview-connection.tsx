import { useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { describeConnection, type PreviewSocketTransport } from '../transport/preview-socket';
import { useActions } from '../wizard-context';

const useStyles = makeStyles({
  /** Over the top of the wizard while it reconnects: the layout below keeps its place. */
  banner: {
    position: 'fixed',
    top: tokens.spacingVerticalS,
    left: '50%',
    transform: 'translateX(-50%)',
    zIndex: 1000,
    maxWidth: '640px',
    boxShadow: tokens.shadow16,
  },
  page: { padding: tokens.spacingHorizontalXXL },
});

/**
 * The browser preview's connection around the wizard: while the socket reconnects, a notice over the wizard; when
 * another tab holds the preview (or a copy of this tab took it over), the reason and a Reload button instead of the
 * wizard; after a reconnection the step list is read again (what was running was cancelled with the old socket);
 * when it is lost for good, what to do (the status bar says it too, and the wizard's actions are blocked).
 */
export function PreviewConnection({ transport, children }: { transport: PreviewSocketTransport; children: ReactNode }) {
  const styles = useStyles();
  const actions = useActions();
  const status = useSyncExternalStore(transport.onStatus, transport.status);
  const wasReconnecting = useRef(false);

  useEffect(() => {
    if (status.kind === 'reconnecting') wasReconnecting.current = true;
    if (status.kind === 'open' && wasReconnecting.current) {
      wasReconnecting.current = false;
      void actions.refreshSteps();
    }
  }, [status, actions]);

  const said = describeConnection(status);
  if (said !== undefined && (status.kind === 'in-other-tab' || status.kind === 'replaced')) {
    return (
      <main className={styles.page} data-connection={status.kind}>
        <h1>Exchange HA Wizard</h1>
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{said.title}</MessageBarTitle>
            {said.text}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => window.location.reload()}>Reload this page</Button>
          </MessageBarActions>
        </MessageBar>
      </main>
    );
  }
  return (
    <>
      {children}
      {said !== undefined && (
        <div className={styles.banner} role="status" data-connection={status.kind}>
          <MessageBar intent={status.kind === 'lost' ? 'error' : 'info'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{said.title}</MessageBarTitle>
              {said.text}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
    </>
  );
}
