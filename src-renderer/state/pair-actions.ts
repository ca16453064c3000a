import type { AppError, ContractClient, PairStatus } from '../../src-main/contract';
import { formatPath, setAt, updateListAt, type FieldPath } from '../pair/json-path';
import { newRule, PAIR_DOCUMENT_VERSION, RULES_PATH } from '../pair/pair-fields';
import { parseSignature } from '../pair/signature';
import { selectPairDirty } from './selectors';
import type { PairForm, PairRelocationState, WizardStore } from './store';

/** Editing the pair document: every edit is checked by the main process (debounced); Save writes only a clean document. */
export interface PairActions {
  /** pair.get: the file's path, content and problems; the draft starts as the file's content. */
  loadPair(): Promise<void>;
  /** Sets a field's value (text, a mode, a checkbox) by its path in the document. */
  editPairField(path: FieldPath, value: unknown): void;
  /** A disk signature typed as hex or decimal: the document gets the number when the text is one. */
  editSignature(path: FieldPath, text: string): void;
  addRule(): void;
  removeRule(index: number): void;
  /** Asks the main process now for the draft's problems (instead of waiting for the debounce). */
  checkPairNow(): Promise<void>;
  savePair(): Promise<void>;
  /**
   * pair.open: works from another existing file. With unsaved changes it first asks (`relocation` "discard") unless
   * `discard` is true; the form then shows the opened file.
   */
  openPairFile(path: string, discard?: boolean): Promise<void>;
  /** pair.new: a new document to fill in, in a file that does not exist yet; asks first like openPairFile. */
  newPairFile(path: string, discard?: boolean): Promise<void>;
  /** pair.saveAs: saves the draft to another file and works from it; asks before replacing a file unless `replace`. */
  savePairAs(path: string, replace?: boolean): Promise<void>;
  /** Forgets a refusal or a question about another file. */
  dismissRelocation(): void;
  /** Drops a scheduled check (the connection is gone). */
  dispose(): void;
}

export function createPairActions(
  store: WizardStore,
  client: ContractClient,
  checkDelayMs: number,
  onSaved: () => Promise<void> = async () => undefined,
): PairActions {
  let timer: ReturnType<typeof setTimeout> | undefined;

  const patchPair = (patch: (pair: PairForm) => Partial<PairForm>): void => {
    store.setState((state) => (state.pair.status === 'ready' ? { pair: { status: 'ready', value: { ...state.pair.value, ...patch(state.pair.value) } } } : {}));
  };
  const form = (): PairForm | undefined => {
    const pair = store.getState().pair;
    return pair.status === 'ready' ? pair.value : undefined;
  };

  async function check(): Promise<void> {
    timer = undefined;
    const sent = form()?.draft;
    if (sent === undefined || store.getState().connection !== 'open') return;
    const reply = await client.invoke('pair.check', { document: sent });
    // An answer for a draft the user has changed since is dropped: its own check is on its way.
    patchPair((pair) => (pair.draft !== sent ? {} : reply.ok ? { problems: reply.value.problems, checking: false } : { checking: false, saveError: reply.error }));
  }

  function edited(change: (pair: PairForm) => Partial<PairForm>): void {
    if (form() === undefined) return;
    patchPair((pair) => ({ ...change(pair), checking: true, refused: undefined }));
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void check(), checkDelayMs);
  }

  /** The form over a file as read: nothing typed, nothing pending. */
  const formOf = (status: PairStatus): PairForm => ({
    path: status.path,
    problems: status.problems,
    texts: {},
    saved: status.document,
    // No file yet: the form starts a new document of the version it describes.
    draft: status.document ?? { version: PAIR_DOCUMENT_VERSION },
    checking: false,
    saving: false,
    refused: undefined,
    savedAt: undefined,
    saveError: undefined,
    relocation: { status: 'idle' },
  });
  const refusedRelocation = (error: AppError): PairRelocationState => ({ status: 'refused', error });
  const busy = (): boolean => {
    const pair = form();
    return pair === undefined || pair.saving || pair.relocation.status === 'busy' || store.getState().connection !== 'open';
  };
  /** A different file is now the pair document: the form shows it, and the steps are listed again (stale flags). */
  async function relocated(status: PairStatus, savedAt?: string): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    store.setState({ pair: { status: 'ready', value: { ...formOf(status), savedAt } } });
    await onSaved();
  }

  /** Open or New: asks before dropping unsaved edits; a refusal changes nothing and shows under the field. */
  async function switchFile(action: 'open' | 'new', path: string, discard: boolean): Promise<void> {
    if (busy()) return;
    if (!discard && selectPairDirty(store.getState())) {
      patchPair(() => ({ relocation: { status: 'discard', path, action } }));
      return;
    }
    patchPair(() => ({ relocation: { status: 'busy' } }));
    const reply = await client.invoke(action === 'open' ? 'pair.open' : 'pair.new', { path });
    if (!reply.ok) {
      patchPair(() => ({ relocation: refusedRelocation(reply.error) }));
      return;
    }
    await relocated(reply.value);
  }

  return {
    async loadPair() {
      const reply = await client.invoke('pair.get', {});
      if (!reply.ok) {
        store.setState({ pair: { status: 'error', error: reply.error } });
        return;
      }
      store.setState({ pair: { status: 'ready', value: formOf(reply.value) } });
    },

    openPairFile: (path, discard = false) => switchFile('open', path, discard),
    newPairFile: (path, discard = false) => switchFile('new', path, discard),

    async savePairAs(path, replace = false) {
      if (busy()) return;
      const sent = form()?.draft;
      patchPair(() => ({ relocation: { status: 'busy' } }));
      const reply = await client.invoke('pair.saveAs', { path, document: sent, replace });
      if (!reply.ok) {
        patchPair(() => ({
          relocation: reply.error.code === 'pair/exists' ? { status: 'exists', path, message: reply.error.message } : refusedRelocation(reply.error),
        }));
        return;
      }
      const status = reply.value;
      if (!status.saved) {
        // The document has problems: nothing was written, and the form stays on its file with them listed.
        patchPair((pair) => ({ relocation: { status: 'idle' }, refused: status.problems, ...(pair.draft === sent ? { problems: status.problems } : {}) }));
        return;
      }
      await relocated(status, new Date().toISOString());
    },

    dismissRelocation() {
      patchPair(() => ({ relocation: { status: 'idle' } }));
    },

    editPairField(path, value) {
      edited((pair) => ({ draft: setAt(pair.draft, path, value) }));
    },

    editSignature(path, text) {
      const key = formatPath(path);
      const number = parseSignature(text);
      edited((pair) => ({
        // A text that is no number goes to the main process as it is: its check names the field too.
        draft: setAt(pair.draft, path, number ?? text),
        texts: { ...pair.texts, [key]: text },
      }));
    },

    addRule() {
      edited((pair) => ({ draft: updateListAt(pair.draft, RULES_PATH, (rules) => [...rules, newRule()]) }));
    },

    removeRule(index) {
      const rulesKey = formatPath(RULES_PATH);
      edited((pair) => ({
        draft: updateListAt(pair.draft, RULES_PATH, (rules) => rules.filter((_r, i) => i !== index)),
        // Typed texts are kept by path; rules have none, but drop any under the rules so rows do not inherit them.
        texts: Object.fromEntries(Object.entries(pair.texts).filter(([k]) => !k.startsWith(rulesKey))),
      }));
    },

    async checkPairNow() {
      if (timer !== undefined) clearTimeout(timer);
      await check();
    },

    async savePair() {
      const before = form();
      if (before === undefined || before.saving || store.getState().connection !== 'open') return;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const sent = before.draft;
      patchPair(() => ({ saving: true, saveError: undefined }));
      const reply = await client.invoke('pair.save', { document: sent });
      if (!reply.ok) {
        patchPair(() => ({ saving: false, checking: false, saveError: reply.error }));
        return;
      }
      const status = reply.value;
      patchPair((pair) => {
        const unchanged = pair.draft === sent;
        if (!status.saved) return { saving: false, checking: false, path: status.path, ...(unchanged ? { problems: status.problems } : {}), refused: status.problems };
        const document = status.document ?? sent;
        return {
          saving: false,
          checking: false,
          path: status.path,
          saved: document,
          // The texts the user typed stay on screen only while the draft differs from what was saved.
          ...(unchanged ? { draft: document, texts: {}, problems: status.problems } : {}),
          refused: undefined,
          savedAt: new Date().toISOString(),
        };
      });
      if (status.saved) await onSaved();
    },

    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
