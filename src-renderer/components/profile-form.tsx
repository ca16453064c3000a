import { useEffect, type FormEvent } from 'react';
import { Button, Checkbox, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { fieldOf } from '../state/profile-actions';
import { useActions, useWizard } from '../wizard-context';
import { ErrorBar } from './error-bar';
import { usePageStyles } from './page-styles';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', gap: tokens.spacingVerticalM, columnGap: tokens.spacingHorizontalL },
  command: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  saveRow: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  fileName: { minWidth: '260px', flexGrow: 1, maxWidth: '420px' },
});

interface TextFieldSpec {
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
}

const TEXT_FIELDS: readonly TextFieldSpec[] = [
  { path: 'name', label: 'Name', hint: 'What the title and status bar call the environment, e.g. Production.' },
  { path: 'directory.url', label: 'Directory URL', hint: 'ldaps://HOST[:PORT], or ldap://HOST[:PORT] with StartTLS.' },
  { path: 'directory.caFile', label: 'CA file', hint: 'PEM certificate of the authority that signed the domain controller’s certificate; empty: the system’s.' },
  { path: 'directory.bindDn', label: 'Bind DN', hint: 'The account the program binds as; empty: anonymous (reads only).' },
  { path: 'tools.clusterExe', label: 'cluster.exe', hint: 'A name on PATH or a full path.' },
  { path: 'tools.dtclExe', label: 'dtcl.exe', hint: 'A name on PATH or a full path.' },
  { path: 'doubleTake.user', label: 'Double-Take user', hint: 'DOMAIN\\user; its password is never in the profile.' },
  { path: 'nodeFiles.root', label: 'Node files root', hint: 'Where a node’s drive is, with {node} and {drive}: \\\\{node}\\{drive}$ by default.' },
];

const CHECK_LABELS: Record<string, string> = {
  'directory.startTls': 'StartTLS',
  'directory.allowPlainLdapPassword': 'Allow a password over plain LDAP',
};

/** A field's label by its path, for problems; the path itself for one the form has no field for. */
export function profileFieldLabel(path: string): string {
  return TEXT_FIELDS.find((f) => f.path === path)?.label ?? CHECK_LABELS[path] ?? path;
}

function useFieldProblem(path: string): string | undefined {
  return useWizard((s) => {
    const messages = s.profileForm.problems.filter((p) => p.path === path).map((p) => p.message);
    return messages.length === 0 ? undefined : `${profileFieldLabel(path)}: ${messages.join(' ')}`;
  });
}

function ProfileTextField({ spec }: { spec: TextFieldSpec }) {
  const actions = useActions();
  const value = useWizard((s) => fieldOf(s.profileForm.draft, spec.path));
  const problem = useFieldProblem(spec.path);
  return (
    <Field label={spec.label} hint={spec.hint} validationState={problem === undefined ? 'none' : 'error'} validationMessage={problem} data-profile-field={spec.path}>
      <Input value={typeof value === 'string' ? value : ''} onChange={(_event, data) => void actions.editProfileField(spec.path, data.value)} />
    </Field>
  );
}

function ProfileCheckField({ path, hint }: { path: string; hint?: string }) {
  const actions = useActions();
  const value = useWizard((s) => fieldOf(s.profileForm.draft, path));
  const problem = useFieldProblem(path);
  return (
    <Field hint={hint} validationState={problem === undefined ? 'none' : 'error'} validationMessage={problem} data-profile-field={path}>
      <Checkbox label={CHECK_LABELS[path]} checked={value === true} onChange={(_event, data) => void actions.editProfileField(path, data.checked === true)} />
    </Field>
  );
}

/** The commands that use the saved profile, each with Copy. */
function SavedProfile() {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const saved = useWizard((s) => s.profileForm.saved);
  const copied = useWizard((s) => s.profileForm.copied);
  if (saved === undefined) return null;
  const commands = [
    { text: saved.commands.check, what: 'the check command', label: 'Check the connections from the command line' },
    { text: saved.commands.start, what: 'the start command', label: 'Start the program on this profile' },
  ];
  return (
    <div className={page.block} data-testid="profile-saved">
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Profile saved</MessageBarTitle>
          Written to <code className={page.code}>{saved.path}</code>. A real environment uses a changed profile at its next
          start: the program running now keeps the profile it started with.
        </MessageBarBody>
      </MessageBar>
      {commands.map((command) => (
        <div key={command.what} className={page.block}>
          <span className={page.subTitle}>{command.label}</span>
          <div className={styles.command}>
            <code className={page.code} data-testid="profile-command">
              {command.text}
            </code>
            <Button size="small" onClick={() => void actions.copyProfileCommand(command.text, command.what)} aria-label={`Copy ${command.what}`}>
              Copy
            </Button>
          </div>
        </div>
      ))}
      <div aria-live="polite" className={page.muted} data-testid="profile-copy-status">
        {copied ?? ''}
      </div>
    </div>
  );
}

/**
 * "Connection profile": make the file `npm start -- --profile FILE` and `exchange-ha --profile FILE` read. Each
 * field is checked by the main process as it is typed, its problems shown next to it; the profile never holds a
 * secret (the passwords are entered below, or read from a file by the command line).
 */
export function ProfileForm({ dialog }: { dialog: boolean }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const form = useWizard((s) => s.profileForm);
  useEffect(() => {
    void actions.loadProfileTemplate();
  }, [actions]);
  const fieldPaths = new Set([...TEXT_FIELDS.map((f) => f.path), ...Object.keys(CHECK_LABELS)]);
  const otherProblems = form.problems.filter((p) => !fieldPaths.has(p.path));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void actions.saveProfile(false);
  };
  return (
    <section aria-labelledby="profile-form-heading" className={page.block} data-testid="profile-form">
      <h3 id="profile-form-heading" className={page.blockTitle}>
        Make a connection profile
      </h3>
      <p className={page.muted}>
        The file that says how this machine reaches a real pair, beside the pair document. The program and the command
        line read it with --profile. It never holds a password.
      </p>
      {form.loadError !== undefined && <ErrorBar error={form.loadError} title="The profile to start from could not be read" />}
      {form.draft === undefined && form.loadError === undefined && <Spinner size="tiny" label="Reading the profile to start from…" />}
      {form.draft !== undefined && (
        <form className={styles.form} onSubmit={submit} aria-label="Connection profile">
          <div className={styles.grid}>
            {TEXT_FIELDS.slice(0, 2).map((spec) => (
              <ProfileTextField key={spec.path} spec={spec} />
            ))}
            <ProfileCheckField path="directory.startTls" hint="Upgrade an ldap:// connection with StartTLS before the bind." />
            {TEXT_FIELDS.slice(2, 4).map((spec) => (
              <ProfileTextField key={spec.path} spec={spec} />
            ))}
            <ProfileCheckField
              path="directory.allowPlainLdapPassword"
              hint="Warning: with plain ldap:// and no StartTLS the bind password crosses the network in clear. Only on a network you trust."
            />
            {TEXT_FIELDS.slice(4).map((spec) => (
              <ProfileTextField key={spec.path} spec={spec} />
            ))}
          </div>
          {otherProblems.length > 0 && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Problems</MessageBarTitle>
                <ul className={page.plainList}>
                  {otherProblems.map((p) => (
                    <li key={`${p.path}:${p.message}`}>
                      {profileFieldLabel(p.path)}: {p.message}
                    </li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.saveRow}>
            {!dialog && (
              <Field label="Profile file name (in the lab folder)" className={styles.fileName}>
                <Input value={form.fileName} onChange={(_event, data) => actions.setProfileFileName(data.value)} />
              </Field>
            )}
            <Button type="submit" appearance="primary" disabledFocusable={form.saving}>
              {dialog ? 'Save as…' : 'Save the profile'}
            </Button>
            {form.saving && <Spinner size="tiny" label="Saving…" />}
          </div>
          <div aria-live="polite" className={page.muted} data-testid="profile-problem-count">
            {form.problems.length === 0 ? '' : `${form.problems.length} problem${form.problems.length === 1 ? '' : 's'} to correct before saving.`}
          </div>
        </form>
      )}
      {form.exists !== undefined && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Replace the file?</MessageBarTitle>
            {form.exists}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void actions.saveProfile(true)}>Replace</Button>
            <Button onClick={() => actions.keepExistingProfile()}>Keep it</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {form.saveError !== undefined && <ErrorBar error={form.saveError} title="The profile was not saved" />}
      <SavedProfile />
    </section>
  );
}
