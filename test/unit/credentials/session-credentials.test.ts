import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CredentialId } from '../../../src-main/contract/channels';
import { noSecretStore, Secret, SecretStoreUnavailableError, type SecretStore } from '../../../src-main/credentials/secret-store';
import {
  CredentialsMissingError,
  openSessionCredentials,
  type CredentialSpec,
  type SessionCredentials,
} from '../../../src-main/credentials/session-credentials';

const BIND_DN = 'CN=Exchange HA,OU=Service Accounts,DC=example,DC=com';
const DT_USER = 'EXAMPLE\\dtadmin';

function specs(bindDn = BIND_DN, extra: Partial<Record<CredentialId, Partial<CredentialSpec>>> = {}): CredentialSpec[] {
  return [
    { id: 'directory', label: 'Directory bind password', account: bindDn, needed: bindDn !== '', ...extra.directory },
    { id: 'doubleTake', label: 'Double-Take password', account: DT_USER, needed: true, ...extra.doubleTake },
  ];
}

/** A SecretStore in memory that records what it was asked. */
function memoryStore(initial: Record<string, string> = {}) {
  const kept = new Map<string, string>(Object.entries(initial));
  const calls: string[] = [];
  const store: SecretStore = {
    available: true,
    load: async (key) => {
      calls.push(`load ${key}`);
      const value = kept.get(key);
      return value === undefined ? undefined : new Secret(value);
    },
    save: async (key, secret) => {
      calls.push(`save ${key}`);
      kept.set(key, secret.reveal());
    },
    forget: async (key) => {
      calls.push(`forget ${key}`);
      kept.delete(key);
    },
  };
  return { store, kept, calls };
}

const open = (store: SecretStore, items = specs()): Promise<SessionCredentials> => openSessionCredentials({ items, store });

function itemOf(credentials: SessionCredentials, id: CredentialId) {
  const item = credentials.status().items.find((candidate) => candidate.id === id);
  if (item === undefined) throw new Error(`no status for ${id}`);
  return item;
}

describe('session credentials in memory', () => {
  it('start with nothing held and describe each credential without a password', async () => {
    const credentials = await open(noSecretStore);
    expect(credentials.status()).toEqual({
      items: [
        { id: 'directory', label: 'Directory bind password', account: BIND_DN, needed: true, held: false, remembered: false },
        { id: 'doubleTake', label: 'Double-Take password', account: DT_USER, needed: true, held: false, remembered: false },
      ],
      canRemember: false,
    });
    expect(credentials.get('directory')).toBeUndefined();
  });

  it('set holds the password for get and require; forget drops it', async () => {
    const credentials = await open(noSecretStore);
    const status = await credentials.set('doubleTake', 'dt-Pa55!', false);
    expect(status.items.find((item) => item.id === 'doubleTake')).toMatchObject({ held: true, remembered: false });
    expect(credentials.get('doubleTake')?.reveal()).toBe('dt-Pa55!');
    expect(credentials.require('doubleTake').reveal()).toBe('dt-Pa55!');
    expect(credentials.get('directory')).toBeUndefined();

    await credentials.set('doubleTake', 'second', false);
    expect(credentials.require('doubleTake').reveal()).toBe('second');

    const after = await credentials.forget('doubleTake');
    expect(after.items.find((item) => item.id === 'doubleTake')).toMatchObject({ held: false, remembered: false });
    expect(credentials.get('doubleTake')).toBeUndefined();
    expect(() => credentials.require('doubleTake')).toThrow(CredentialsMissingError);
  });

  it('the status never contains a password', async () => {
    const { store } = memoryStore();
    const credentials = await open(store);
    const statuses = [
      await credentials.set('directory', 'bind-Hunter2!', true),
      await credentials.set('doubleTake', 'dt-Hunter3!', false),
      credentials.status(),
    ];
    for (const status of statuses) {
      const text = JSON.stringify(status);
      expect(text).not.toContain('Hunter2');
      expect(text).not.toContain('Hunter3');
    }
    // What get hands out prints as the mask too.
    expect(JSON.stringify({ password: credentials.get('directory') })).not.toContain('Hunter2');
  });

  it('require of a missing password names the credential, the account and how to give it, and says nothing was sent', async () => {
    const credentials = await open(noSecretStore, specs(BIND_DN, { doubleTake: { howToGive: 'set EXCHANGE_HA_DT_PASSWORD or give --dt-password-file FILE' } }));
    let error: unknown;
    try {
      credentials.require('doubleTake');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CredentialsMissingError);
    expect(error).toMatchObject({ name: 'CredentialsMissingError', code: 'credentials/missing', credential: 'doubleTake' });
    expect((error as Error).message).toBe(
      'The double-take password of EXAMPLE\\dtadmin is needed and not entered yet; set EXCHANGE_HA_DT_PASSWORD or give --dt-password-file FILE. Nothing was sent.',
    );
  });

  it('without a howToGive the message points to the Connections page, where the program asks for passwords', async () => {
    const credentials = await open(noSecretStore);
    expect(() => credentials.require('directory')).toThrow(
      `The directory bind password of ${BIND_DN} is needed and not entered yet; enter it on the Connections page. Nothing was sent.`,
    );
  });

  it('a credential without an account is named without "of"', async () => {
    const credentials = await open(noSecretStore, specs(''));
    expect(() => credentials.require('directory')).toThrow(/^The directory bind password is needed and not entered yet;/);
  });

  it('an empty password is refused and changes nothing', async () => {
    const { store, calls } = memoryStore();
    const credentials = await open(store);
    await credentials.set('directory', 'kept', false);
    calls.length = 0;
    await expect(credentials.set('directory', '', true)).rejects.toThrow('The directory bind password is empty.');
    expect(credentials.require('directory').reveal()).toBe('kept');
    expect(calls).toEqual([]);
    await expect(credentials.set('doubleTake', '', false)).rejects.toThrow(/empty/);
    expect(itemOf(credentials, 'doubleTake').held).toBe(false);
  });

  it('a credential the environment does not have is refused by name', async () => {
    const credentials = await open(noSecretStore, specs().slice(1));
    await expect(credentials.set('directory', 'x', false)).rejects.toThrow('No credential directory in this environment.');
    expect(() => credentials.require('directory')).toThrow('No credential directory in this environment.');
  });
});

describe('remembering', () => {
  it('with no secret store, remember=true is refused and nothing is held', async () => {
    const credentials = await open(noSecretStore);
    await expect(credentials.set('directory', 'bind-Pa55', true)).rejects.toThrow(SecretStoreUnavailableError);
    expect(credentials.get('directory')).toBeUndefined();
    expect(itemOf(credentials, 'directory')).toMatchObject({ held: false, remembered: false });
    expect(credentials.status().canRemember).toBe(false);
    // Forgetting with no store is fine.
    await expect(credentials.forget('directory')).resolves.toMatchObject({ canRemember: false });
  });

  it('a remembered password is saved under the credential and its account, and held by the next session', async () => {
    const memory = memoryStore();
    const first = await open(memory.store);
    expect(first.status().canRemember).toBe(true);
    const status = await first.set('directory', 'bind-Pa55', true);
    expect(status.items[0]).toMatchObject({ held: true, remembered: true });
    expect([...memory.kept]).toEqual([[`directory:${BIND_DN}`, 'bind-Pa55']]);

    const second = await open(memory.store);
    expect(second.require('directory').reveal()).toBe('bind-Pa55');
    expect(itemOf(second, 'directory')).toMatchObject({ held: true, remembered: true });
    expect(itemOf(second, 'doubleTake')).toMatchObject({ held: false, remembered: false });
  });

  it('a remembered password is never offered for another account', async () => {
    const memory = memoryStore();
    const first = await open(memory.store);
    await first.set('directory', 'bind-Pa55', true);
    await first.set('doubleTake', 'dt-Pa55', true);

    const other = await open(memory.store, [
      { id: 'directory', label: 'Directory bind password', account: 'CN=Someone Else,DC=example,DC=com', needed: true },
      { id: 'doubleTake', label: 'Double-Take password', account: 'EXAMPLE\\other', needed: true },
    ]);
    expect(other.get('directory')).toBeUndefined();
    expect(other.get('doubleTake')).toBeUndefined();
    expect(other.status().items.every((item) => !item.held && !item.remembered)).toBe(true);
    // Nor for the other credential of the same account name.
    const swapped = await open(memory.store, [{ id: 'doubleTake', label: 'Double-Take password', account: BIND_DN, needed: true }]);
    expect(swapped.get('doubleTake')).toBeUndefined();
  });

  it('a credential the environment does not need is not loaded', async () => {
    const memory = memoryStore({ [`directory:${BIND_DN}`]: 'bind-Pa55' });
    const credentials = await open(memory.store, specs(BIND_DN, { directory: { needed: false } }));
    expect(credentials.get('directory')).toBeUndefined();
    expect(memory.calls).toEqual([`load doubleTake:${DT_USER}`]);
  });

  it('an empty remembered password is not held', async () => {
    const memory = memoryStore({ [`doubleTake:${DT_USER}`]: '' });
    const credentials = await open(memory.store);
    expect(itemOf(credentials, 'doubleTake')).toMatchObject({ held: false, remembered: false });
  });

  it('forget removes the password from the store too', async () => {
    const memory = memoryStore();
    const first = await open(memory.store);
    await first.set('doubleTake', 'dt-Pa55', true);
    await first.forget('doubleTake');
    expect(memory.kept.size).toBe(0);
    expect((await open(memory.store)).get('doubleTake')).toBeUndefined();
  });

  it('forget in a later session removes what an earlier one remembered', async () => {
    const memory = memoryStore();
    await (await open(memory.store)).set('doubleTake', 'dt-Pa55', true);
    await (await open(memory.store)).forget('doubleTake');
    expect(memory.kept.size).toBe(0);
  });

  it('remember=false after remembering forgets it in the store and keeps it for this session', async () => {
    const memory = memoryStore();
    const credentials = await open(memory.store);
    await credentials.set('directory', 'old-Pa55', true);
    const status = await credentials.set('directory', 'new-Pa55', false);
    expect(status.items[0]).toMatchObject({ held: true, remembered: false });
    expect(credentials.require('directory').reveal()).toBe('new-Pa55');
    expect(memory.kept.size).toBe(0);
    expect((await open(memory.store)).get('directory')).toBeUndefined();
  });

  it('remember=false in a later session forgets what an earlier one remembered', async () => {
    const memory = memoryStore();
    await (await open(memory.store)).set('directory', 'old-Pa55', true);
    const later = await open(memory.store);
    await later.set('directory', 'new-Pa55', false);
    expect(memory.kept.size).toBe(0);
  });

  it('a store that fails to save leaves nothing held and says why', async () => {
    const memory = memoryStore();
    const failing: SecretStore = { ...memory.store, save: async () => Promise.reject(new Error('disk full')) };
    const credentials = await open(failing);
    await expect(credentials.set('directory', 'bind-Pa55', true)).rejects.toThrow('disk full');
    expect(itemOf(credentials, 'directory')).toMatchObject({ held: false, remembered: false });
  });

  it('property: held, remembered and the store follow every sequence of set and forget', async () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), id: fc.constantFrom<CredentialId>('directory', 'doubleTake'), password: fc.string({ maxLength: 6 }), remember: fc.boolean() }),
      fc.record({ kind: fc.constant('forget' as const), id: fc.constantFrom<CredentialId>('directory', 'doubleTake') }),
      fc.record({ kind: fc.constant('reopen' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 20 }), async (operations) => {
        const memory = memoryStore();
        let credentials = await open(memory.store);
        const held = new Map<CredentialId, string>();
        const stored = new Map<CredentialId, string>();
        for (const op of operations) {
          if (op.kind === 'reopen') {
            credentials = await open(memory.store);
            held.clear();
            for (const [id, password] of stored) held.set(id, password);
          } else if (op.kind === 'forget') {
            await credentials.forget(op.id);
            held.delete(op.id);
            stored.delete(op.id);
          } else if (op.password === '') {
            await expect(credentials.set(op.id, op.password, op.remember)).rejects.toThrow(/empty/);
          } else {
            const status = await credentials.set(op.id, `pw-${op.password}`, op.remember);
            expect(JSON.stringify(status)).not.toContain(`pw-${op.password}`);
            held.set(op.id, `pw-${op.password}`);
            if (op.remember) stored.set(op.id, `pw-${op.password}`);
            else stored.delete(op.id);
          }
          for (const id of ['directory', 'doubleTake'] as const) {
            expect(credentials.get(id)?.reveal()).toBe(held.get(id));
            expect(itemOf(credentials, id)).toMatchObject({ held: held.has(id), remembered: stored.has(id) });
          }
          const accountOf = { directory: BIND_DN, doubleTake: DT_USER };
          expect(new Map(memory.kept)).toEqual(new Map([...stored].map(([id, password]) => [`${id}:${accountOf[id]}`, password])));
        }
      }),
      { numRuns: 200 },
    );
  });
});
