import type { ContractTransport } from '../../src-main/contract';
import {
  SOCKET_PATH,
  createPreviewSocketTransport,
  isPreviewToken,
  isTabId,
  tokenFromHash,
  type PreviewSocketTransport,
} from './preview-socket';

declare global {
  interface Window {
    /** Exposed by the Electron shell's preload; absent in the browser preview. */
    readonly api?: ContractTransport;
  }
}

export type TransportChoice =
  | { readonly kind: 'desktop'; readonly transport: ContractTransport }
  | { readonly kind: 'preview'; readonly transport: PreviewSocketTransport }
  | { readonly kind: 'none'; readonly reason: string };

/** The tab's sessionStorage keys: it survives a reload of the tab, and no other tab reads it. */
export const TOKEN_KEY = 'exchange-ha-preview.token';
export const TAB_KEY = 'exchange-ha-preview.tab';

/** The part of sessionStorage used here. */
type TabStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The tab's sessionStorage, or undefined where the browser refuses it (storage disabled): then a reload needs the address. */
function tabStorage(win: Window): TabStorage | undefined {
  try {
    return win.sessionStorage;
  } catch {
    return undefined;
  }
}

const read = (storage: TabStorage | undefined, key: string): string | undefined => {
  try {
    return storage?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
};

const write = (storage: TabStorage | undefined, key: string, value: string): void => {
  try {
    storage?.setItem(key, value);
  } catch {
    // Not kept: this page still works, a reload will need the address again.
  }
};

function newTabId(win: Window): string {
  const bytes = new Uint8Array(16);
  win.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The desktop shell's `window.api` when present; otherwise the browser preview's socket. The session token is read
 * from `#token=…` and removed from the address bar at once (so it is not left in history or on screen); the tab
 * keeps it in its sessionStorage, with an id for the tab, so a reload of the tab connects again as the same tab.
 */
export function chooseTransport(win: Window): TransportChoice {
  if (win.api !== undefined) return { kind: 'desktop', transport: win.api };
  const fromHash = tokenFromHash(win.location.hash);
  if (win.location.hash !== '') {
    win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}`);
  }
  const storage = tabStorage(win);
  if (fromHash !== undefined) write(storage, TOKEN_KEY, fromHash);
  const kept = read(storage, TOKEN_KEY);
  const token = fromHash ?? (kept !== undefined && isPreviewToken(kept) ? kept : undefined);
  if (token === undefined) {
    return {
      kind: 'none',
      reason:
        'This page needs the address that `npm run preview` prints (it ends with #token=…). A tab opened with it ' +
        'keeps it when reloaded; a new tab needs the address again.',
    };
  }
  const keptTab = read(storage, TAB_KEY);
  const tabId = keptTab !== undefined && isTabId(keptTab) ? keptTab : newTabId(win);
  if (tabId !== keptTab) write(storage, TAB_KEY, tabId);
  const url = `${win.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${win.location.host}${SOCKET_PATH}`;
  return {
    kind: 'preview',
    transport: createPreviewSocketTransport({ url, token, tabId, connect: (socketUrl, protocols) => new WebSocket(socketUrl, protocols) }),
  };
}
