import { sameName } from '../../cluster/object-names';
import { dnEquals, isValidDn } from '../../directory/dn';
import type { MailboxCheck } from '../../incident/incident-world';
import type { DirectoryMailbox, DirectoryStore, ExchangeDirectoryView } from './exchange-directory';
import type { ExchangeVirtualServer } from './exchange-virtual-servers';
import type { LabExchangeState } from './lab-exchange-state';

/** How many failures a mailbox check lists (the count of the others is in `total - opened`). */
export const MAILBOX_FAILURES_SHOWN = 20;

/** Where a client reached a mailbox, or why it could not. */
export type MailboxOpening =
  | { readonly ok: true; readonly server: string; readonly store: string; readonly cluster: string; readonly node: string }
  | { readonly ok: false; readonly reason: string };

/** What the simulated client knows: the directory, the clusters' Exchange virtual servers and the stores' mount state. */
export interface ClientView {
  readonly directory: ExchangeDirectoryView;
  readonly virtualServers: readonly ExchangeVirtualServer[];
  readonly state: LabExchangeState;
}

function findStore(view: ClientView, homeMdb: string): DirectoryStore | undefined {
  if (!isValidDn(homeMdb)) return undefined;
  return view.directory.stores.find((s) => dnEquals(s.dn, homeMdb));
}

/**
 * Opens a mailbox as Outlook would: the user's homeMDB → the store's entry → its server (the entry the store lies
 * under) → the cluster group whose Network Name is that server, online on a running node → the store mounted there.
 * With `expectedServer`, a mailbox homed on another server is refused (it is not one that server serves).
 */
export function openMailbox(mailbox: DirectoryMailbox, view: ClientView, expectedServer?: string): MailboxOpening {
  const store = findStore(view, mailbox.homeMdb);
  if (store === undefined) return { ok: false, reason: `homeMDB names no store (${mailbox.homeMdb})` };
  const server = store.server?.name;
  if (server === undefined) return { ok: false, reason: `its store ${store.name} (${store.dn}) lies under no Exchange server` };
  const label = `${server}'s ${store.name}`;
  if (expectedServer !== undefined && !sameName(server, expectedServer)) {
    return { ok: false, reason: `its homeMDB is ${label}, not a store of ${expectedServer}` };
  }
  const candidates = view.virtualServers.filter((v) => sameName(v.server, server));
  if (candidates.length === 0) {
    return { ok: false, reason: `no cluster group runs ${server} (no group with a System Attendant has a Network Name named ${server})` };
  }
  const running = candidates.find((v) => v.runningOn !== undefined);
  if (running?.runningOn === undefined) return { ok: false, reason: candidates.map((v) => v.notRunning ?? `the group ${v.group} on ${v.cluster} is not running`).join('; ') };
  const mount = view.state.stores.find((s) => dnEquals(s.dn, store.dn));
  const place = mount?.mountedOn ?? null;
  if (place === null || !sameName(place.cluster, running.cluster) || !sameName(place.node, running.runningOn)) {
    const event = mount?.event?.id === 1087 ? `: event 1087 at ${mount.event.at}: ${mount.event.text}` : '';
    return { ok: false, reason: `${label} is not mounted on ${running.runningOn} (${running.cluster})${event}` };
  }
  return { ok: true, server, store: store.name, cluster: running.cluster, node: running.runningOn };
}

/** Tries every mailbox; counts those that open on a store of `server`, and lists (at most 20) the others with why. */
export function openMailboxes(mailboxes: readonly DirectoryMailbox[], view: ClientView, server: string): MailboxCheck {
  let opened = 0;
  const failures: { mailbox: string; reason: string }[] = [];
  for (const mailbox of mailboxes) {
    const result = openMailbox(mailbox, view, server);
    if (result.ok) opened += 1;
    else if (failures.length < MAILBOX_FAILURES_SHOWN) failures.push({ mailbox: mailbox.label, reason: result.reason });
  }
  return { total: mailboxes.length, opened, failures, method: 'opened' };
}
