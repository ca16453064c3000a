import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { DocumentAddRegular, FolderOpenRegular, SaveCopyRegular } from '@fluentui/react-icons';
import { useActions, useWizard } from '../wizard-context';
import { usePageStyles } from './page-styles';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  path: { flexGrow: 1, minWidth: '24em' },
});

/**
 * Where the pair document lives, and "Open" / "Save as" / "New" of another file (the program remembers the choice for its
 * next start). The main process checks the path; a refusal shows under the field and changes nothing. Opening over
 * unsaved changes and saving over an existing file each ask first.
 */
export function PairFileLocation({ disabled }: { disabled: boolean }) {
  const page = usePageStyles();
  const styles = useStyles();
  const actions = useActions();
  const path = useWizard((s) => (s.pair.status === 'ready' ? s.pair.value.path : ''));
  const relocation = useWizard((s) => (s.pair.status === 'ready' ? s.pair.value.relocation : undefined));
  // The desktop program chooses files in the system's dialogs (the page sends no path); the preview takes a name in
  // the lab folder, typed here.
  const dialogs = useWizard((s) => s.environment.status === 'ready' && s.environment.value.fileChoice === 'dialog');
  const [typed, setTyped] = useState('');
  if (relocation === undefined) return null;
  const busy = relocation.status === 'busy';
  const refusal = relocation.status === 'refused' ? relocation.error.message : undefined;
  const asking = relocation.status === 'exists' || relocation.status === 'discard';
  const blocked = disabled || busy || asking || (!dialogs && typed.trim() === '');
  const chosen = dialogs ? '' : typed.trim();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault(); // Enter in the field opens nothing by surprise: the buttons say what happens
  };
  const edit = (value: string) => {
    setTyped(value);
    if (relocation.status === 'refused') actions.dismissRelocation();
  };

  return (
    <form className={page.block} onSubmit={onSubmit} noValidate aria-label="Pair document file" data-testid="pair-file">
      <p className={page.muted}>
        Pair document: <code className={page.code} data-testid="pair-path">{path}</code>
      </p>
      <div className={styles.row}>
        {!dialogs && (
          <Field
            className={styles.path}
            label="Another pair document file"
            hint="A file name in the lab folder, for example pair-copy.json (the preview works only on files there). Open an existing document, save this one as that file, or start a new one there to fill in; the program works from it from now on, also after a restart."
            validationState={refusal !== undefined ? 'error' : 'none'}
            validationMessage={refusal !== undefined ? `Another pair document file: ${refusal}` : undefined}
          >
            <Input value={typed} disabled={disabled || busy} spellCheck={false} onChange={(_e, data) => edit(data.value)} data-testid="pair-file-path" />
          </Field>
        )}
        <Button icon={<FolderOpenRegular />} disabledFocusable={blocked} onClick={() => void actions.openPairFile(chosen)}>
          {dialogs ? 'Open…' : 'Open'}
        </Button>
        <Button icon={<SaveCopyRegular />} disabledFocusable={blocked} onClick={() => void actions.savePairAs(chosen)}>
          {dialogs ? 'Save as…' : 'Save as'}
        </Button>
        <Button icon={<DocumentAddRegular />} disabledFocusable={blocked} onClick={() => void actions.newPairFile(chosen)}>
          {dialogs ? 'New…' : 'New'}
        </Button>
      </div>
      {dialogs && refusal !== undefined && (
        <MessageBar intent="error" layout="multiline" data-testid="pair-file-refused">
          <MessageBarBody>
            <MessageBarTitle>Nothing changed</MessageBarTitle>
            {refusal}
          </MessageBarBody>
        </MessageBar>
      )}
      {relocation.status === 'exists' && (
        <Question testId="pair-file-exists" title="Replace the file?" text={relocation.message}>
          <Button onClick={() => void actions.savePairAs(relocation.path, true)}>Replace</Button>
          <Button onClick={() => actions.dismissRelocation()}>Keep it</Button>
        </Question>
      )}
      {relocation.status === 'discard' && (
        <Question
          testId="pair-file-discard"
          title="Drop the unsaved changes?"
          text={`The form has changes that are not saved. ${relocation.action === 'open' ? `Opening ${relocation.path === '' ? 'another document' : relocation.path}` : `A new document${relocation.path === '' ? '' : ` in ${relocation.path}`}`} drops them; save them first to keep them.`}
        >
          {relocation.action === 'open' ? (
            <Button onClick={() => void actions.openPairFile(relocation.path, true)}>Open and drop the changes</Button>
          ) : (
            <Button onClick={() => void actions.newPairFile(relocation.path, true)}>Start the new document and drop the changes</Button>
          )}
          <Button onClick={() => actions.dismissRelocation()}>Cancel</Button>
        </Question>
      )}
    </form>
  );
}

/** A question the wizard asks before it does something it cannot undo, with its answers as buttons. */
function Question({ testId, title, text, children }: { testId: string; title: string; text: string; children: ReactNode }) {
  return (
    <div role="alert" data-testid={testId}>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {text}
        </MessageBarBody>
        <MessageBarActions>{children}</MessageBarActions>
      </MessageBar>
    </div>
  );
}
