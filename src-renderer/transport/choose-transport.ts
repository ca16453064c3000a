import type { ContractTransport } from '../../src-main/contract';
import { SOCKET_PATH, createPreviewSocketTransport, tokenFromHash, type PreviewSocketTransport } from './preview-socket';

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

/**
 * The desktop shell's `window.api` when present; otherwise the browser preview's socket, with the one-time token
 * read from `#token=…` and removed from the address bar at once (so it is not left in history or on screen).
 */
export function chooseTransport(win: Window): TransportChoice {
  if (win.api !== undefined) return { kind: 'desktop', transport: win.api };
  const token = tokenFromHash(win.location.hash);
  if (win.location.hash !== '') {
    win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}`);
  }
  if (token === undefined) {
    return {
      kind: 'none',
      reason:
        'This page needs the one-time address that `npm run preview` prints (it ends with #token=…). ' +
        'Each address works once: to open the wizard again, stop the preview and start it again.',
    };
  }
  const url = `${win.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${win.location.host}${SOCKET_PATH}`;
  return {
    kind: 'preview',
    transport: createPreviewSocketTransport({ url, token, connect: (socketUrl, protocols) => new WebSocket(socketUrl, protocols) }),
  };
}
