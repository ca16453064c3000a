import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { App } from '../app/app';
import { channels, isChannelName, type JobEvent } from '../contract/channels';
import { ContractErrorCode, err } from '../contract/result';
import { createProgressThrottle } from '../shared/progress-throttle';
import { securityHeaders } from './security-headers';
import { lookupStaticFile } from './static-files';
import {
  CLOSE_REASONS,
  CloseCode,
  MAX_MESSAGE_BYTES,
  PREVIEW_PROTOCOL,
  SOCKET_PATH,
  TAB_PROTOCOL_PREFIX,
  TOKEN_PROTOCOL_PREFIX,
  frameIdSchema,
  isTabId,
  requestFrameSchema,
  type ServerFrame,
} from './wire';

/** The only address the preview listens on: it is a lab tool for this machine's own browser. */
export const PREVIEW_HOST = '127.0.0.1';

export interface PreviewServerOptions {
  readonly app: App;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** Must be 127.0.0.1; anything else is refused. */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Where refusals are reported (never with the token). Default: nowhere. */
  readonly log?: (line: string) => void;
}

export interface PreviewServer {
  /** The address to open, with the session token in the fragment (`#token=…`), which browsers never send. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`, without the token. */
  readonly origin: string;
  /** Closes the sockets (cancelling their jobs) and the HTTP server. Does not close the app. */
  close(): Promise<void>;
}

const refuseUpgrade = (socket: Duplex, status: number, text: string): void => {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
};

const sameSecret = (offered: string, expected: string): boolean => {
  const a = Buffer.from(offered, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
};

/** The offered sub-protocols, as the Sec-WebSocket-Protocol header lists them. */
const offeredProtocols = (request: IncomingMessage): string[] =>
  (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

/** The tab id a connection offers (`tab.<hex>`), when it offers a well-formed one. */
const offeredTabId = (protocols: readonly string[]): string | undefined => {
  const id = protocols.find((p) => p.startsWith(TAB_PROTOCOL_PREFIX))?.slice(TAB_PROTOCOL_PREFIX.length);
  return id !== undefined && isTabId(id) ? id : undefined;
};

/** The socket that holds the preview: one browser tab at a time. */
interface Holder {
  readonly ws: WebSocket;
  /** The tab it came from; undefined when the page named none (it is then never taken for a reload). */
  readonly tabId: string | undefined;
  /** Cancels the jobs this socket started and that still run. */
  cancelJobs(): void;
}

/**
 * Starts the browser preview: the built renderer over HTTP and the contract over one WebSocket, both on 127.0.0.1.
 * The socket is guarded by a session token (32 random bytes) that the page offers as the `token.<hex>` sub-protocol,
 * from the server's own origin; a wrong or missing token, Host or Origin is refused before any WebSocket opens.
 * The token stays valid while the server runs, for one tab at a time:
 *  - no socket open (the first page, or the previous one has closed): the connection is accepted;
 *  - a socket open from the same tab (`tab.<hex>`: a reload whose old socket has not closed yet, or the page
 *    reconnecting after a drop): the new connection is accepted and the old one closed with `CloseCode.Replaced`;
 *  - a socket open from another tab: the connection is opened only to be closed at once with
 *    `CloseCode.InOtherTab`, so the page can say why; nothing it sends is dispatched.
 * A socket that goes away (closed, or replaced) has its running jobs cancelled, as when the desktop window closes:
 * the page that comes next reads what was done from the steps' state.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { app, rendererDir, port } = options;
  const log = options.log ?? (() => undefined);
  if (options.host !== PREVIEW_HOST) {
    throw new Error(`The preview listens only on ${PREVIEW_HOST}, not ${JSON.stringify(options.host)}.`);
  }
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`There is no built renderer in ${rendererDir}: run \`npx electron-vite build\` first.`);
  }

  const token = randomBytes(32).toString('hex');
  let holder: Holder | undefined;
  let origin = '';
  let host = '';
  let headers: Record<string, string> = {};
  const sockets = new Set<WebSocket>();

  const server = createServer((request, response) => {
    void serveHttp(request, response);
  });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (status: number, body: string | Buffer, contentType = 'text/plain; charset=utf-8'): void => {
      response.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)) });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    try {
      // A page on another name that resolves to 127.0.0.1 (DNS rebinding) sends another Host.
      if (request.headers.host !== host) return reply(421, 'Misdirected request.\n');
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('Allow', 'GET, HEAD');
        return reply(405, 'Method not allowed.\n');
      }
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      const found = await lookupStaticFile(rendererDir, path);
      if (found.kind === 'refused') {
        log(`preview: refused ${request.method} ${path.slice(0, 200)} (${found.reason})`);
        return reply(403, 'Forbidden.\n');
      }
      if (found.kind === 'not-found') return reply(404, 'Not found.\n');
      return reply(200, found.body, found.contentType);
    } catch (e) {
      log(`preview: ${e instanceof Error ? e.message : String(e)}`);
      if (!response.headersSent) reply(500, 'Internal error.\n');
      else response.destroy();
    }
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // Select our protocol name, never the token: the token is not echoed back.
    handleProtocols: (protocols) => (protocols.has(PREVIEW_PROTOCOL) ? PREVIEW_PROTOCOL : false),
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== SOCKET_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (request.headers.host !== host) {
      log('preview: refused a socket with a foreign Host header');
      return refuseUpgrade(socket, 421, 'Misdirected Request');
    }
    if (request.headers.origin !== origin) {
      log(`preview: refused a socket from origin ${JSON.stringify(String(request.headers.origin ?? '(none)').slice(0, 200))}`);
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    const protocols = offeredProtocols(request);
    const offered = protocols.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
    if (!protocols.includes(PREVIEW_PROTOCOL) || offered === undefined) {
      log('preview: refused a socket without a token');
      return refuseUpgrade(socket, 401, 'Unauthorized');
    }
    if (!sameSecret(offered.slice(TOKEN_PROTOCOL_PREFIX.length), token)) {
      log('preview: refused a socket with a wrong token');
      return refuseUpgrade(socket, 401, 'Unauthorized');
    }
    const tabId = offeredTabId(protocols);
    wss.handleUpgrade(request, socket, head, (ws) => admit(ws, tabId));
  });

  /** The token was right: serve the socket, or close it if another tab holds the preview (see above). */
  function admit(ws: WebSocket, tabId: string | undefined): void {
    // A socket whose close has begun (the page unloading) no longer holds the preview.
    const held = holder !== undefined && holder.ws.readyState === holder.ws.OPEN ? holder : undefined;
    if (held !== undefined && (tabId === undefined || held.tabId !== tabId)) {
      log('preview: refused a socket from a second tab: another tab holds the connection');
      return refuseSocket(ws, CloseCode.InOtherTab);
    }
    if (held !== undefined) {
      log('preview: the same tab connected again: its older socket is closed');
      held.cancelJobs();
      held.ws.close(CloseCode.Replaced, CLOSE_REASONS[CloseCode.Replaced]);
    }
    serveSocket(ws, tabId);
  }

  /** Opens a socket only to close it with a reason the page can show; nothing it sends is read. */
  function refuseSocket(ws: WebSocket, code: CloseCode): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', (e) => log(`preview: socket error: ${e.message}`));
    ws.close(code, CLOSE_REASONS[code]);
  }

  function serveSocket(ws: WebSocket, tabId: string | undefined): void {
    sockets.add(ws);
    /** Jobs this socket started and that still run: cancelled when it goes away. */
    const jobs = new Set<string>();
    const cancelJobs = (): void => {
      for (const jobId of jobs) void app.dispatcher.dispatch({ channel: 'job.cancel', payload: { jobId } }, () => undefined);
    };
    holder = { ws, tabId, cancelJobs };
    const send = (frame: ServerFrame): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const sink = (event: JobEvent): void => send({ event });

    ws.on('message', (data: RawData, isBinary: boolean) => {
      void handleMessage(data, isBinary);
    });

    async function handleMessage(data: RawData, isBinary: boolean): Promise<void> {
      // A socket being closed (replaced by its tab's new one) starts nothing more.
      if (ws.readyState !== ws.OPEN) return;
      if (isBinary) {
        return send({ id: null, result: err(ContractErrorCode.InvalidRequest, 'The preview takes text frames only.') });
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        return send({ id: null, result: err(ContractErrorCode.InvalidRequest, 'The message is not JSON.') });
      }
      const idOnly = frameIdSchema.safeParse((parsed as { id?: unknown } | null)?.id);
      const id = idOnly.success ? idOnly.data : null;
      const frame = requestFrameSchema.safeParse(parsed);
      if (!frame.success) {
        return send({ id, result: err(ContractErrorCode.InvalidRequest, 'The message is not a preview request {id, channel, payload}.') });
      }
      const { channel, payload } = frame.data;
      const jobId =
        isChannelName(channel) && channels[channel].job && typeof (payload as { jobId?: unknown } | null)?.jobId === 'string'
          ? (payload as { jobId: string }).jobId
          : undefined;
      const owned = jobId !== undefined && !jobs.has(jobId);
      if (owned) jobs.add(jobId);
      // The same throttle as Electron's IPC: at most one progress event per job per interval, logs never dropped.
      const throttle = createProgressThrottle(sink);
      try {
        const result = await app.dispatcher.dispatch({ channel, payload }, (event) => throttle.push(event));
        throttle.flush(); // the job's last progress arrives before its result
        send({ id: frame.data.id, result });
      } finally {
        if (owned) jobs.delete(jobId);
      }
    }

    ws.on('close', () => {
      sockets.delete(ws);
      if (holder?.ws === ws) holder = undefined;
      cancelJobs();
    });
    ws.on('error', (e) => log(`preview: socket error: ${e.message}`));
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, PREVIEW_HOST, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  host = `${PREVIEW_HOST}:${address.port}`;
  origin = `http://${host}`;
  headers = securityHeaders(`ws://${host}`);

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        // Terminate rather than close: a closing handshake could wait on a stalled browser, and `close` cancels jobs.
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
