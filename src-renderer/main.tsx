import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, webLightTheme } from '@fluentui/react-components';
import { createClient } from '../src-main/contract';
import { PreviewConnection } from './components/preview-connection';
import { WizardApp } from './components/wizard-app';
import { createWizardActions } from './state/actions';
import { titleWithAttention } from './state/incident-selectors';
import { selectEnvironmentTitle } from './state/selectors';
import { createWizardStore } from './state/store';
import { chooseTransport } from './transport/choose-transport';
import { WizardProvider } from './wizard-context';

/** Entry point: pick the transport (desktop IPC or the preview's socket), build the store, render, start. */
const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);
const choice = chooseTransport(window);

if (choice.kind === 'none') {
  root.render(
    <StrictMode>
      <FluentProvider theme={webLightTheme}>
        <main style={{ padding: 24 }}>
          <h1>Exchange HA Wizard</h1>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Not connected</MessageBarTitle>
              {choice.reason}
            </MessageBarBody>
          </MessageBar>
        </main>
      </FluentProvider>
    </StrictMode>,
  );
} else {
  const store = createWizardStore();
  const actions = createWizardActions(store, createClient(choice.transport));
  if (choice.kind === 'preview') choice.transport.onClose(() => actions.connectionLost());
  root.render(
    <StrictMode>
      <FluentProvider theme={webLightTheme}>
        <WizardProvider value={{ store, actions }}>
          {choice.kind === 'preview' ? (
            <PreviewConnection transport={choice.transport}>
              <WizardApp />
            </PreviewConnection>
          ) : (
            <WizardApp />
          )}
        </WizardProvider>
      </FluentProvider>
    </StrictMode>,
  );
  // The window's title names the environment and the clusters of the pair document open now ("Production —
  // SRCCLUS → TGTCLUS"), as the taskbar shows it; it follows Open, New and Save.
  store.subscribe((state) => {
    const title = selectEnvironmentTitle(state);
    if (title === undefined || state.environment.status !== 'ready') return;
    // "⚠ " first while the manual intervention prompt waits for an answer (the taskbar shows it).
    const text = titleWithAttention(state, state.environment.value.kind === 'real' ? `${title} (real pair) — Exchange HA Wizard` : `${title} — Exchange HA Wizard`);
    if (document.title !== text) document.title = text;
  });
  void actions.start();
}
