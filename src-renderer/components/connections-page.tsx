import { useId, useState, type FormEvent } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CredentialsStatus, Environment } from '../../src-main/contract';
import { useActions, useWizard } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';
import { PreflightResults } from './preflight-results';
import { ProfileForm } from './profile-form';

const useStyles = makeStyles({
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  definition: { margin: 0, overflowWrap: 'anywhere', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase300 },
  credentials: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  credential: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  credentialHead: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  password: { minWidth: '260px', flexGrow: 1, maxWidth: '420px' },
});

type CredentialView = CredentialsStatus['items'][number];
type ProfileView = NonNullable<Environment['profile']>;

/** Where a password stands, in words: never the password. */
function credentialState(credential: CredentialView): { readonly words: string; readonly state: 'missing' | 'entered' | 'remembered' | 'not-needed' } {
  if (credential.remembered) return { words: 'remembered on this computer', state: 'remembered' };
  if (credential.held) return { words: 'entered (this session)', state: 'entered' };
  if (!credential.needed) return { words: 'not needed', state: 'not-needed' };
  return { words: 'not entered', state: 'missing' };
}

const SECURITY_WORDS: Record<ProfileView['directory']['security'], string> = {
  ldaps: 'LDAPS (TLS from the start)',
  starttls: 'StartTLS',
  plain: 'none: plain LDAP, the password crosses the network in clear',
};

/** The connection profile, read-only: where each outside system is and how it is reached. No secret is in it. */
function ProfileFacts({ profile, file }: { profile: ProfileView; file: string | undefined }) {
  const page = usePageStyles();
  const styles = useStyles();
  return (
    <section aria-labelledby="profile-heading" className={page.block} data-testid="profile">
      <h3 id="profile-heading" className={page.blockTitle}>
        Connection profile in use
      </h3>
      {file !== undefined && (
        <p className={page.muted}>
          Read from <code className={page.code}>{file}</code>; change it there and start the program again.
        </p>
      )}
      <dl className={styles.facts}>
        <dt className={styles.term}>Directory</dt>
        <dd className={styles.definition}>{profile.directory.url}</dd>
        <dt className={styles.term}>Security</dt>
        <dd className={styles.definition}>{SECURITY_WORDS[profile.directory.security]}</dd>
        {profile.directory.caFile !== undefined && (
          <>
            <dt className={styles.term}>Trusted CA</dt>
            <dd className={styles.definition}>{profile.directory.caFile}</dd>
          </>
        )}
        <dt className={styles.term}>Bind DN</dt>
        <dd className={styles.definition}>{profile.directory.bindDn ?? '(anonymous: reads only)'}</dd>
        <dt className={styles.term}>cluster.exe</dt>
        <dd className={styles.definition}>{profile.clusterExe}</dd>
        <dt className={styles.term}>dtcl.exe</dt>
        <dd className={styles.definition}>{profile.dtclExe}</dd>
        <dt className={styles.term}>Double-Take user</dt>
        <dd className={styles.definition}>{profile.doubleTakeUser}</dd>
        <dt className={styles.term}>Node files</dt>
        <dd className={styles.definition}>{profile.nodeFilesRoot}</dd>
      </dl>
    </section>
  );
}

/**
 * One password: what it is for, whether the program holds it, and a field that sends it once and is emptied. The
 * typed text lives only in this field until it is sent; it is never shown back.
 */
function CredentialForm({ credential, canRemember }: { credential: CredentialView; canRemember: boolean }) {
  const styles = useStyles();
  const page = usePageStyles();
  const actions = useActions();
  const sending = useWizard((s) => s.connections.sending);
  const refused = useWizard((s) => {
    const error = s.connections.credentialError;
    return error?.id === credential.id ? error.error : undefined;
  });
  const state = credentialState(credential);
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const fieldId = useId();
  const busy = sending !== undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password === '' || busy) return;
    const typed = password;
    // The field is emptied at once: the password is sent once and never kept in the page.
    setPassword('');
    void actions.enterCredential(credential.id, typed, canRemember && remember);
  };

  return (
    <section className={styles.credential} aria-labelledby={`${fieldId}-heading`} data-credential={credential.id} data-state={state.state}>
      <div className={styles.credentialHead}>
        <h4 id={`${fieldId}-heading`} className={page.subTitle}>
          {credential.label}
        </h4>
        <Badge appearance="tint" color={state.state === 'missing' ? 'warning' : state.state === 'not-needed' ? 'subtle' : 'success'} data-testid="credential-state">
          {state.words}
        </Badge>
      </div>
      <p className={page.muted}>Account: {credential.account === '' ? '(none configured)' : credential.account}</p>
      <form className={styles.form} onSubmit={submit}>
        <Field label={`${credential.label} password`} className={styles.password}>
          <Input
            type="password"
            autoComplete="off"
            value={password}
            onChange={(_event, data) => setPassword(data.value)}
            disabled={busy}
          />
        </Field>
        {canRemember && (
          <Checkbox label="Remember on this computer" checked={remember} onChange={(_event, data) => setRemember(data.checked === true)} />
        )}
        <Button type="submit" appearance="primary" disabledFocusable={password === '' || busy}>
          {credential.held ? 'Replace the password' : 'Use this password'}
        </Button>
        {(credential.held || credential.remembered) && (
          <Button disabledFocusable={busy} onClick={() => void actions.forgetCredential(credential.id)}>
            Forget
          </Button>
        )}
      </form>
      {sending === credential.id && <Spinner size="tiny" label="Sending to the program…" />}
      {refused !== undefined && <ErrorBar error={refused} title="The password was not taken" />}
    </section>
  );
}

function CredentialsSection() {
  const page = usePageStyles();
  const styles = useStyles();
  const credentials = useWizard((s) => s.connections.credentials);
  return (
    <section aria-labelledby="credentials-heading" className={page.block}>
      <h3 id="credentials-heading" className={page.blockTitle}>
        Passwords
      </h3>
      <p className={page.muted}>
        Each password goes to the program once and stays in its memory for this session (or, when you tick “Remember”,
        in this computer’s protected store). It is never shown again, written in a log, a journal or a file.
      </p>
      {(credentials === undefined || credentials.status === 'loading') && <Spinner size="tiny" label="Reading which passwords the program holds…" />}
      {credentials?.status === 'error' && <ErrorBar error={credentials.error} title="The passwords’ state could not be read" />}
      {credentials?.status === 'ready' && (
        <div className={styles.credentials}>
          {credentials.value.items.map((credential) => (
            <CredentialForm key={credential.id} credential={credential} canRemember={credentials.value.canRemember} />
          ))}
        </div>
      )}
    </section>
  );
}

function PreflightSection() {
  const page = usePageStyles();
  const actions = useActions();
  const preflight = useWizard((s) => s.connections.preflight);
  const copied = useWizard((s) => s.connections.copied);
  const open = useWizard((s) => s.connection === 'open');
  const running = preflight.status === 'running';
  return (
    <section aria-labelledby="preflight-heading" className={page.block}>
      <h3 id="preflight-heading" className={page.blockTitle}>
        Check connections
      </h3>
      <p className={page.muted}>
        Reads each outside system and changes nothing: the domain controller and its certificate, the bind and the Exchange
        organisation, both clusters through cluster.exe, Double-Take on every node through dtcl.exe, and every node’s
        Double-Take folder.
      </p>
      <div className={page.buttons}>
        <Button appearance="primary" disabledFocusable={running || !open} onClick={() => void actions.checkConnections()}>
          Check connections
        </Button>
        {running && <Button onClick={() => void actions.cancelCheck()}>Cancel</Button>}
      </div>
      <div aria-live="polite" aria-atomic="true" className={page.p} data-testid="preflight-status">
        {running ? preflight.title : ''}
      </div>
      {running && (
        <Field label="Checking the connections" hint={preflight.description}>
          <ProgressBar value={preflight.value} max={1} thickness="large" />
        </Field>
      )}
      {preflight.status === 'failed' && <ErrorBar error={preflight.error} title="The check could not run" />}
      {preflight.status === 'done' && <PreflightResults report={preflight.report} />}
      <div aria-live="polite" className={page.muted} data-testid="preflight-copy-status">
        {copied ?? ''}
      </div>
    </section>
  );
}

/** Where the program connects on a real pair, the passwords it needs, and "Check connections". */
export function ConnectionsPage() {
  const page = usePageStyles();
  const environment = useWizard((s) => (s.environment.status === 'ready' ? s.environment.value : undefined));
  if (environment === undefined) return null;
  return (
    <article className={page.page} aria-labelledby="connections-heading" data-page="connections">
      <div className={page.titleRow}>
        <h2 id="connections-heading" className={page.title} tabIndex={-1}>
          Connections — {environment.title}
        </h2>
      </div>
      {environment.warnings.map((warning) => (
        <MessageBar key={warning} intent="warning" layout="multiline" data-testid="environment-warning">
          <MessageBarBody>
            <MessageBarTitle>Warning</MessageBarTitle>
            {warning}
          </MessageBarBody>
        </MessageBar>
      ))}
      {environment.kind === 'lab' ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The lab needs no passwords</MessageBarTitle>
            The lab’s clusters, Double-Take and directory run inside the program. To work on a real pair, start the program
            with a pair document and a connection profile (see “Using a real pair” in the README).
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          {environment.profile !== undefined && <ProfileFacts profile={environment.profile} file={environment.profileFile} />}
          <CredentialsSection />
        </>
      )}
      <ProfileForm dialog={environment.fileChoice === 'dialog'} />
      <PreflightSection />
    </article>
  );
}
