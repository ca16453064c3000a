import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
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
 * One read-modify-write at a time per file: two saves (or a save and a forget) started together, by one store or two
 * on the same file, would otherwise both read the old content and the last write would drop the other's key.
 */
const pending = new Map<string, Promise<void>>();

function oneAtATime<T>(file: string, work: () => Promise<T>): Promise<T> {
  const key = resolve(file);
  const result = (pending.get(key) ?? Promise.resolve()).then(work);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  pending.set(key, settled);
  void settled.then(() => {
    if (pending.get(key) === settled) pending.delete(key);
  });
  return result;
}

/**
 * A SecretStore that keeps each secret encrypted by the operating system (DPAPI on Windows, the Keychain on macOS,
 * the secret service on Linux) in one file of the user's data folder, written atomically with mode 0600. The file
 * never holds a secret in clear; a blob that no longer decrypts (another user, another machine) is treated as absent.
 */
export function createSafeStorageSecretStore(options: { readonly safeStorage: SafeStorageLike; readonly file: string }): SecretStore {
  const { safeStorage, file } = options;
  const available = safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';

  /** Key → blob. A Map, so a key such as `__proto__` or `constructor` is a key like any other. */
  async function read(): Promise<Map<string, string>> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return new Map();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return new Map();
    }
    if (typeof parsed !== 'object' || parsed === null) return new Map();
    const { format, version, secrets } = parsed as Partial<StoreFile>;
    if (format !== FORMAT || version !== VERSION || typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return new Map();
    return new Map(Object.entries(secrets).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }

  async function write(secrets: Map<string, string>): Promise<void> {
    const content: StoreFile = { format: FORMAT, version: VERSION, secrets: Object.fromEntries(secrets) };
    await writeFileAtomic(file, Buffer.from(`${JSON.stringify(content, null, 2)}\n`, 'utf8'));
  }

  return {
    available,
    async load(key) {
      if (!available) return undefined;
      const blob = (await read()).get(key);
      if (blob === undefined) return undefined;
      try {
        return new Secret(safeStorage.decryptString(Buffer.from(blob, 'base64')));
      } catch {
        return undefined;
      }
    },
    async save(key, secret) {
      if (!available) throw new SecretStoreUnavailableError();
      const blob = safeStorage.encryptString(secret.reveal()).toString('base64');
      await oneAtATime(file, async () => {
        const secrets = await read();
        secrets.set(key, blob);
        await write(secrets);
      });
    },
    async forget(key) {
      await oneAtATime(file, async () => {
        const secrets = await read();
        if (!secrets.delete(key)) return;
        await write(secrets);
      });
    },
  };
}
