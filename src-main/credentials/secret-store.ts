import { Secret } from './secret';

/**
 * Where a secret is remembered between sessions, when the user asks for it. The desktop adapter encrypts with the
 * operating system's store (Electron's safeStorage, src-main/electron/safe-storage-secret-store.ts); hosts that
 * cannot keep a secret safely (the browser preview, the command lines) use `noSecretStore`, which holds nothing.
 */
export interface SecretStore {
  /** Whether this store can keep a secret at all; `save` is refused when false. */
  readonly available: boolean;
  /** The secret saved under `key`, or undefined (never saved, forgotten, or no longer readable). */
  load(key: string): Promise<Secret | undefined>;
  /** Keeps `secret` under `key`, replacing any before. Throws SecretStoreUnavailableError when not available. */
  save(key: string, secret: Secret): Promise<void>;
  /** Removes what is kept under `key` (nothing when there is none). */
  forget(key: string): Promise<void>;
}

/** Asked to keep a secret where none can be kept. */
export class SecretStoreUnavailableError extends Error {
  override readonly name = 'SecretStoreUnavailableError';
  constructor() {
    super('This program cannot remember a password here (no protected store for secrets); it is kept for this session only.');
  }
}

/** The store of hosts that cannot keep secrets: it remembers nothing and refuses to save. */
export const noSecretStore: SecretStore = {
  available: false,
  load: async () => undefined,
  save: async () => {
    throw new SecretStoreUnavailableError();
  },
  forget: async () => undefined,
};

export { Secret };
