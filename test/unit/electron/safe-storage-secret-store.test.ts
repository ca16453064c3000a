import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret, SecretStoreUnavailableError } from '../../../src-main/credentials/secret-store';
import { createSafeStorageSecretStore, type SafeStorageLike } from '../../../src-main/electron/safe-storage-secret-store';

/**
 * A reversible encryptor that is not the identity: a prefix naming the "machine" and the UTF-8 bytes XORed with a
 * key. A blob made by another machine (another key) does not decrypt, as with DPAPI under another user.
 */
function fakeSafeStorage(options: { readonly machine?: number; readonly available?: boolean; readonly backend?: string } = {}): SafeStorageLike & { encrypted: number } {
  const machine = options.machine ?? 0x5a;
  const prefix = Buffer.from(`v10:${machine}:`);
  const fake = {
    encrypted: 0,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString(plainText: string): Buffer {
      fake.encrypted += 1;
      return Buffer.concat([prefix, Buffer.from(plainText, 'utf8').map((byte) => byte ^ machine)]);
    },
    decryptString(encrypted: Buffer): string {
      if (!encrypted.subarray(0, prefix.length).equals(prefix)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.subarray(prefix.length).map((byte) => byte ^ machine)).toString('utf8');
    },
  };
  return options.backend === undefined ? fake : { ...fake, getSelectedStorageBackend: () => options.backend ?? '' };
}

const PASSWORD = 'Hunter2-Bind-Pa55!';

let folder: string;
let file: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'secret-store-'));
  file = join(folder, 'secrets.json');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

describe('the safeStorage secret store', () => {
  it('saves, loads and forgets across two stores on the same file', async () => {
    const first = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    expect(first.available).toBe(true);
    await first.save('directory:CN=HA,DC=example,DC=com', new Secret(PASSWORD));
    await first.save('doubleTake:EXAMPLE\\dtadmin', new Secret('dt-Pässwörd ✓'));

    const second = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    expect((await second.load('directory:CN=HA,DC=example,DC=com'))?.reveal()).toBe(PASSWORD);
    expect((await second.load('doubleTake:EXAMPLE\\dtadmin'))?.reveal()).toBe('dt-Pässwörd ✓');
    expect(await second.load('directory:CN=Other,DC=example,DC=com')).toBeUndefined();

    await second.forget('directory:CN=HA,DC=example,DC=com');
    expect(await first.load('directory:CN=HA,DC=example,DC=com')).toBeUndefined();
    expect((await first.load('doubleTake:EXAMPLE\\dtadmin'))?.reveal()).toBe('dt-Pässwörd ✓');
  });

  it('a save replaces what was kept under the key', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    await store.save('k', new Secret('first'));
    await store.save('k', new Secret('second'));
    expect((await store.load('k'))?.reveal()).toBe('second');
  });

  it('the file never holds the secret in clear, nor its plain base64', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    await store.save('directory:CN=HA', new Secret(PASSWORD));
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(JSON.parse(text)).toEqual({ format: 'exchange-ha-secrets', version: 1, secrets: { 'directory:CN=HA': expect.any(String) } });
  });

  it('property: no secret is ever in the file in clear', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 4, maxLength: 30 }).filter((s) => s.trim().length >= 4 && !/[":\\{}\s]/.test(s)), async (password) => {
        await store.save('k', new Secret(password));
        const text = await readFile(file, 'utf8');
        expect(text).not.toContain(password);
        expect((await store.load('k'))?.reveal()).toBe(password);
      }),
      { numRuns: 100 },
    );
  });

  it.runIf(process.platform !== 'win32')('the file is readable by its owner only (mode 0600)', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    await store.save('k', new Secret(PASSWORD));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // An existing file with a wider mode is replaced by one with 0600.
    await writeFile(file, '{}', { mode: 0o644 });
    await store.save('k', new Secret(PASSWORD));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('a backend other than basic_text is used (the secret service on Linux)', () => {
    expect(createSafeStorageSecretStore({ safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }), file }).available).toBe(true);
  });

  it.each([
    ['the basic_text backend (a hard-coded password)', { backend: 'basic_text' }],
    ['encryption not available', { available: false }],
  ])('with %s it is not available: save is refused, nothing is written or read', async (_what, options) => {
    const safeStorage = fakeSafeStorage(options);
    const store = createSafeStorageSecretStore({ safeStorage, file });
    expect(store.available).toBe(false);
    await expect(store.save('k', new Secret(PASSWORD))).rejects.toThrow(SecretStoreUnavailableError);
    expect(safeStorage.encrypted).toBe(0);
    expect(await exists(file)).toBe(false);
    expect(await store.load('k')).toBeUndefined();
  });

  it('does not read what a usable store wrote once it is no longer usable', async () => {
    await createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file }).save('k', new Secret(PASSWORD));
    expect(await createSafeStorageSecretStore({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), file }).load('k')).toBeUndefined();
  });

  it('a blob that no longer decrypts (another user or machine) is treated as absent; the others still load', async () => {
    await createSafeStorageSecretStore({ safeStorage: fakeSafeStorage({ machine: 0x11 }), file }).save('old', new Secret('from elsewhere'));
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage({ machine: 0x22 }), file });
    await store.save('new', new Secret(PASSWORD));
    expect(await store.load('old')).toBeUndefined();
    expect((await store.load('new'))?.reveal()).toBe(PASSWORD);
  });

  it('a blob that is not base64 at all is treated as absent', async () => {
    await writeFile(file, JSON.stringify({ format: 'exchange-ha-secrets', version: 1, secrets: { k: '!!!', n: 42 } }));
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    expect(await store.load('k')).toBeUndefined();
    expect(await store.load('n')).toBeUndefined();
  });

  it.each([
    ['not JSON', 'this is not JSON {'],
    ['empty', ''],
    ['another format', JSON.stringify({ format: 'exchange-ha-pair', version: 1, secrets: {} })],
    ['a later version', JSON.stringify({ format: 'exchange-ha-secrets', version: 2, secrets: { k: 'AAAA' } })],
    ['secrets not an object', JSON.stringify({ format: 'exchange-ha-secrets', version: 1, secrets: 'AAAA' })],
    ['secrets null', JSON.stringify({ format: 'exchange-ha-secrets', version: 1, secrets: null })],
    ['a JSON list', '[1,2,3]'],
    ['JSON null', 'null'],
  ])('a corrupt or foreign file (%s) is treated as empty, and a save rewrites it validly', async (_what, content) => {
    await writeFile(file, content);
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    expect(await store.load('k')).toBeUndefined();
    await expect(store.forget('k')).resolves.toBeUndefined();
    await store.save('k', new Secret(PASSWORD));
    expect((await store.load('k'))?.reveal()).toBe(PASSWORD);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 'exchange-ha-secrets', version: 1 });
  });

  it('a folder where the file should be: load is empty, save fails without crashing the store', async () => {
    await mkdir(file);
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    expect(await store.load('k')).toBeUndefined();
    await expect(store.save('k', new Secret(PASSWORD))).rejects.toThrow();
    expect(await store.load('k')).toBeUndefined();
  });

  it('forgetting a key that is not there writes nothing', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    await store.forget('absent');
    expect(await exists(file)).toBe(false);
  });

  it('keys that are names of Object.prototype are ordinary keys', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await store.load(key)).toBeUndefined();
      await store.save(key, new Secret(`${key}-secret`));
    }
    const again = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect((await again.load(key))?.reveal()).toBe(`${key}-secret`);
    await again.forget('constructor');
    expect(await again.load('constructor')).toBeUndefined();
    expect((await again.load('toString'))?.reveal()).toBe('toString-secret');
  });

  it('concurrent saves of two keys both survive', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    await Promise.all([store.save('directory:a', new Secret('one')), store.save('doubleTake:b', new Secret('two'))]);
    expect((await store.load('directory:a'))?.reveal()).toBe('one');
    expect((await store.load('doubleTake:b'))?.reveal()).toBe('two');
  });

  it('concurrent saves and forgets of many keys, through two stores on the same file, all take effect', async () => {
    const one = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    const two = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file });
    await one.save('gone', new Secret('x'));
    const keys = Array.from({ length: 12 }, (_, index) => `key-${index}`);
    await Promise.all([...keys.map((key, index) => (index % 2 === 0 ? one : two).save(key, new Secret(`secret-${key}`))), two.forget('gone')]);
    for (const key of keys) expect((await one.load(key))?.reveal()).toBe(`secret-${key}`);
    expect(await one.load('gone')).toBeUndefined();
  });

  it('a failed save does not stop the next one', async () => {
    const failing = fakeSafeStorage();
    let fail = true;
    const store = createSafeStorageSecretStore({
      safeStorage: { ...failing, encryptString: (text) => { if (fail) throw new Error('keychain locked'); return failing.encryptString(text); } },
      file,
    });
    await expect(store.save('a', new Secret('one'))).rejects.toThrow('keychain locked');
    fail = false;
    await store.save('b', new Secret('two'));
    expect((await store.load('b'))?.reveal()).toBe('two');
    expect(await store.load('a')).toBeUndefined();
  });
});
