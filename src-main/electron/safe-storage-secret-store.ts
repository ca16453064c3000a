import { readFile } from 'node:fs/promises';
import { Secret } from '../credentials/secret';
import { SecretStoreUnavailableError, type SecretStore } from '../credentials/secret-store';
import { writeFileAtomic } from '../shared/write-file-atomic';

/**
 * The part of Electron's `safeStorage` this store uses (https://www.electronjs.org/docs/latest/api/safe-storage),
 * passed in so the store is tested with any encryptor and this module never imports Electron.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /**
   * Linux only: `basic_text` means no secret service was found and the "encryption" uses a hard-coded password
   * (the same documentation page), which protects nothing; the store is then not offered.
   */
  getSelectedStorageBackend?(): string;
}

const FORMAT = 'exchange-ha-secrets';
const VERSION = 1;

interface StoreFile {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  /** Key → the encrypted secret, base64. */
  readonly secrets: Record<string, string>;
}

/**
 * A SecretStore that keeps each secret encrypted by the operating system (DPAPI on Windows, the Keychain on macOS,
 * the secret service on Linux) in one file of the user's data folder, written atomically with mode 0600. The file
 * never holds a secret in clear; a blob that no longer decrypts (another user, another machine) is treated as absent.
 */
export function createSafeStorageSecretStore(options: { readonly safeStorage: SafeStorageLike; readonly file: string }): SecretStore {
  const { safeStorage, file } = options;
  const available = safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';

  async function read(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed = JSON.parse(text) as Partial<StoreFile>;
      if (parsed.format !== FORMAT || parsed.version !== VERSION || typeof parsed.secrets !== 'object' || parsed.secrets === null) return {};
      const out: Record<string, string> = {};
      for (const [key, value] of Object.entries(parsed.secrets)) if (typeof value === 'string') out[key] = value;
      return out;
    } catch {
      return {};
    }
  }

  async function write(secrets: Record<string, string>): Promise<void> {
    const content: StoreFile = { format: FORMAT, version: VERSION, secrets };
    await writeFileAtomic(file, Buffer.from(`${JSON.stringify(content, null, 2)}\n`, 'utf8'));
  }

  return {
    available,
    async load(key) {
      if (!available) return undefined;
      const blob = (await read())[key];
      if (blob === undefined) return undefined;
      try {
        return new Secret(safeStorage.decryptString(Buffer.from(blob, 'base64')));
      } catch {
        return undefined;
      }
    },
    async save(key, secret) {
      if (!available) throw new SecretStoreUnavailableError();
      const secrets = await read();
      secrets[key] = safeStorage.encryptString(secret.reveal()).toString('base64');
      await write(secrets);
    },
    async forget(key) {
      const secrets = await read();
      if (!(key in secrets)) return;
      delete secrets[key];
      await write(secrets);
    },
  };
}
