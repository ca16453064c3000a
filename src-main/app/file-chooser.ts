/**
 * The file-chooser port: how the program learns which file the administrator wants for "Open", "New" or "Save as"
 * of the pair document. The renderer never names a file the main process trusts: in the desktop program the shell's
 * native dialog decides (src-main/electron/file-dialogs.ts), and in the browser preview only a name inside the lab
 * folder is taken (lab-folder-chooser.ts).
 */

/**
 * What the file is chosen for: an existing document to work from, a new one to fill in, a copy of this one, or
 * (`saveProfile`) a file for the connection profile made in the wizard.
 */
export type FileChoiceKind = 'open' | 'new' | 'saveAs' | 'saveProfile';

/** How files are chosen, as the environment tells the renderer (it shows dialog buttons or a name field). */
export type FileChoiceMode = 'dialog' | 'lab-folder';

export type FileChoice =
  /**
   * A full path. `replaceAsked`: the chooser itself asked the administrator before a "Save as" over an existing file
   * (the native save dialogs do), so the wizard does not ask again.
   */
  | { readonly kind: 'chosen'; readonly path: string; readonly replaceAsked: boolean }
  /** The administrator closed the dialog without choosing: nothing changes. */
  | { readonly kind: 'cancelled' }
  /** The suggestion cannot be used (a name outside the lab folder, ...): nothing changes; the message says why. */
  | { readonly kind: 'refused'; readonly message: string };

export interface FileChoiceRequest {
  /** What the renderer typed (the preview's name field); a dialog chooser ignores it. */
  readonly suggestion: string | undefined;
  /** The pair document's file now (a dialog starts in its folder). */
  readonly current: string;
}

export interface FileChooser {
  readonly mode: FileChoiceMode;
  choose(kind: FileChoiceKind, request: FileChoiceRequest): Promise<FileChoice>;
}

/** What a chosen file became: the store's answer, or why no file was chosen (nothing changed then). */
export type ChosenOutcome<T> =
  | { readonly kind: 'done'; readonly value: T }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'refused'; readonly message: string };

/**
 * Asks `chooser` for a file and, when one is chosen, does `then` with it (and whether the chooser already asked
 * before replacing a file); a cancelled or refused choice does nothing.
 */
export async function withChosenFile<T>(
  chooser: FileChooser,
  kind: FileChoiceKind,
  request: FileChoiceRequest,
  then: (path: string, replaceAsked: boolean) => Promise<T>,
): Promise<ChosenOutcome<T>> {
  const choice = await chooser.choose(kind, request);
  if (choice.kind !== 'chosen') return choice;
  return { kind: 'done', value: await then(choice.path, choice.replaceAsked) };
}
