import type { CredentialId, CredentialsStatus } from '../contract/channels';
import { Secret } from './secret';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store';

/** One secret the environment may need: whose it is and whether it is needed at all. */
export interface CredentialSpec {
  readonly id: CredentialId;
  /** "Directory bind password". */
  readonly label: string;
  /** Whose password it is (the bind DN, the Double-Take user); empty when none. */
  readonly account: string;
  readonly needed: boolean;
  /** Where the user gives it, for the message when it is missing; the program's Connections page when absent. */
  readonly howToGive?: string;
}

/** A tool needed a password the session does not hold; nothing was sent. The message says what to enter. */
export class CredentialsMissingError extends Error {
  override readonly name = 'CredentialsMissingError';
  readonly code = 'credentials/missing';
  constructor(
    readonly credential: CredentialId,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The passwords of one session, in memory: typed in once (the renderer never gets them back), read by the adapters
 * only when a tool runs, and — when the user asks — remembered through a SecretStore under the credential and its
 * account, so a remembered password is never offered for another account.
 */
export interface SessionCredentials {
  status(): CredentialsStatus;
  /** Holds `password` for this session; `remember` also keeps it in the store (or forgets it there when false). */
  set(id: CredentialId, password: string, remember: boolean): Promise<CredentialsStatus>;
  /** Forgets the password, in memory and in the store. */
  forget(id: CredentialId): Promise<CredentialsStatus>;
  /** The password when held. */
  get(id: CredentialId): Secret | undefined;
  /** The password; throws CredentialsMissingError naming what to enter when it is not held. */
  require(id: CredentialId): Secret;
}

const storeKey = (spec: CredentialSpec): string => `${spec.id}:${spec.account}`;

/** Opens the session's credentials, loading what the store remembers for these accounts. */
export async function openSessionCredentials(options: {
  readonly items: readonly CredentialSpec[];
  readonly store: SecretStore;
}): Promise<SessionCredentials> {
  const { items, store } = options;
  const held = new Map<CredentialId, Secret>();
  const remembered = new Set<CredentialId>();
  for (const spec of items) {
    if (!spec.needed || !store.available) continue;
    const secret = await store.load(storeKey(spec));
    if (secret !== undefined && secret.reveal() !== '') {
      held.set(spec.id, secret);
      remembered.add(spec.id);
    }
  }
  const specOf = (id: CredentialId): CredentialSpec => {
    const spec = items.find((item) => item.id === id);
    if (spec === undefined) throw new Error(`No credential ${id} in this environment.`);
    return spec;
  };
  const status = (): CredentialsStatus => ({
    items: items.map((spec) => ({
      id: spec.id,
      label: spec.label,
      account: spec.account,
      needed: spec.needed,
      held: held.has(spec.id),
      remembered: remembered.has(spec.id),
    })),
    canRemember: store.available,
  });
  return {
    status,
    async set(id, password, remember) {
      const spec = specOf(id);
      if (password === '') throw new Error(`The ${spec.label.toLowerCase()} is empty.`);
      const secret = new Secret(password);
      if (remember) {
        if (!store.available) throw new SecretStoreUnavailableError();
        await store.save(storeKey(spec), secret);
        remembered.add(id);
      } else if (remembered.has(id)) {
        await store.forget(storeKey(spec));
        remembered.delete(id);
      }
      held.set(id, secret);
      return status();
    },
    async forget(id) {
      const spec = specOf(id);
      held.delete(id);
      if (store.available) await store.forget(storeKey(spec));
      remembered.delete(id);
      return status();
    },
    get: (id) => held.get(id),
    require(id) {
      const secret = held.get(id);
      if (secret !== undefined) return secret;
      const spec = specOf(id);
      const whose = spec.account === '' ? '' : ` of ${spec.account}`;
      throw new CredentialsMissingError(id, `The ${spec.label.toLowerCase()}${whose} is needed and not entered yet; ${spec.howToGive ?? 'enter it on the Connections page'}. Nothing was sent.`);
    },
  };
}
