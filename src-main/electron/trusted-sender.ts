import { isAppUrl, type AppLocation } from './app-location';

/** The part of Electron's `WebFrameMain` the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
}

/** The part of Electron's `WebContents` the check reads. */
export interface SenderContentsLike {
  readonly mainFrame: FrameLike;
}

/** The part of Electron's `IpcMainInvokeEvent` the check reads. */
export interface SenderEventLike {
  readonly sender: SenderContentsLike;
  readonly senderFrame: FrameLike | null;
}

export type SenderVerdict = { readonly trusted: true } | { readonly trusted: false; readonly reason: string };

/**
 * Electron may hand out distinct `WebFrameMain` objects for one frame; its documentation says they share
 * `processId` and `routingId`, so identity or that pair decides.
 */
export function isSameFrame(a: FrameLike, b: FrameLike): boolean {
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

/**
 * Accepts an IPC message only from the main frame of the program's own window while it shows the program's own page.
 * A subframe, another WebContents (a devtools extension, a window someone managed to open) or a page that navigated
 * elsewhere is refused: the contract is the door to a cluster administrator's credentials and clusters.
 */
export function checkSender(
  event: SenderEventLike,
  trusted: SenderContentsLike | undefined,
  location: AppLocation,
): SenderVerdict {
  if (trusted === undefined) return { trusted: false, reason: 'the program has no window' };
  if (event.sender !== trusted) return { trusted: false, reason: 'the message came from another web contents' };
  const frame = event.senderFrame;
  if (frame === null) return { trusted: false, reason: 'the sending frame is gone' };
  if (!isSameFrame(frame, trusted.mainFrame)) return { trusted: false, reason: 'the message came from a subframe' };
  if (!isAppUrl(frame.url, location)) return { trusted: false, reason: 'the sending page is not the program’s own' };
  return { trusted: true };
}
