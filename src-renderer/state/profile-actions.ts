import type { ContractClient } from '../../src-main/contract';
import type { ProfileFormState, WizardStore } from './store';
import { copyText } from './copy-text';

/**
 * The Connections page's "Connection profile" form as plain functions over the store and the contract client: the
 * draft starts from `profile.template`, every edit is checked by `profile.check` (the main process's schema, the
 * one `exchange-ha --profile` uses) and "Save" writes it with `profile.saveAs`. A profile never holds a secret.
 */
export interface ProfileActions {
  /** Starts the form from the profile in use (a real environment) or the template. */
  loadProfileTemplate(): Promise<void>;
  /**
   * Sets one field (`directory.url`, `tools.clusterExe`...) and checks the draft; an empty text of an optional
   * field (`directory.caFile`, `directory.bindDn`) removes it.
   */
  editProfileField(path: string, value: string | boolean): Promise<void>;
  setProfileFileName(name: string): void;
  /** Saves the draft; `replace` after the form asked about an existing file. */
  saveProfile(replace: boolean): Promise<void>;
  /** The "Replace?" question's "No". */
  keepExistingProfile(): void;
  copyProfileCommand(text: string, what: string): Promise<void>;
}

/** The profile's fields that may be absent: an empty text removes them. */
const OPTIONAL_FIELDS = new Set(['directory.caFile', 'directory.bindDn']);

/** A copy of `json` with the value at the dotted `path` set (or removed when `value` is undefined). */
export function withField(json: unknown, path: string, value: unknown): unknown {
  const [head, ...rest] = path.split('.');
  if (head === undefined || head === '') return value;
  const object = typeof json === 'object' && json !== null && !Array.isArray(json) ? { ...(json as Record<string, unknown>) } : {};
  const next = rest.length === 0 ? value : withField(object[head], rest.join('.'), value);
  if (next === undefined) delete object[head];
  else object[head] = next;
  return object;
}

/** The value at the dotted `path`, or undefined. */
export function fieldOf(json: unknown, path: string): unknown {
  let at: unknown = json;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export function createProfileActions(store: WizardStore, client: ContractClient, options: { readonly writeClipboard: (text: string) => Promise<void> }): ProfileActions {
  const get = () => store.getState().profileForm;
  const patch = (update: Partial<ProfileFormState>): void => {
    store.setState((state) => ({ profileForm: { ...state.profileForm, ...update } }));
  };
  // Only the answer to the latest check is shown (an older one may arrive later).
  let checks = 0;
  const check = async (): Promise<void> => {
    const sequence = ++checks;
    const reply = await client.invoke('profile.check', { profile: get().draft });
    if (sequence !== checks) return;
    if (reply.ok) patch({ problems: reply.value.problems });
  };
  return {
    async loadProfileTemplate() {
      if (get().draft !== undefined) return;
      const reply = await client.invoke('profile.template', {});
      if (!reply.ok) return patch({ loadError: reply.error });
      patch({ draft: reply.value.profile, loadError: undefined, problems: [] });
    },

    async editProfileField(path, value) {
      const removed = typeof value === 'string' && value.trim() === '' && OPTIONAL_FIELDS.has(path);
      patch({ draft: withField(get().draft, path, removed ? undefined : value), saveError: undefined, exists: undefined });
      await check();
    },

    setProfileFileName(name) {
      patch({ fileName: name, saveError: undefined, exists: undefined });
    },

    async saveProfile(replace) {
      if (get().saving || get().draft === undefined) return;
      patch({ saving: true, saveError: undefined, exists: undefined, copied: undefined });
      const reply = await client.invoke('profile.saveAs', { path: get().fileName, profile: get().draft, replace });
      if (!reply.ok) {
        patch({ saving: false, ...(reply.error.code === 'profile/exists' ? { exists: reply.error.message } : { saveError: reply.error }) });
      } else if (!reply.value.saved) {
        patch({ saving: false, problems: reply.value.problems });
      } else {
        patch({ saving: false, problems: [], saved: { path: reply.value.path, commands: reply.value.commands } });
      }
    },

    keepExistingProfile() {
      patch({ exists: undefined });
    },

    async copyProfileCommand(text, what) {
      const message = await copyText(options.writeClipboard, text, what);
      patch({ copied: message });
    },
  };
}
