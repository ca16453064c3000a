/**
 * A TCP connect to a port of the monitored address, with a time limit, closed as soon as it is made (nothing is sent).
 * A made connection is a reply; a refusal, a reset, an unreachable network or no answer within the time limit is a
 * missed reply, said in the detail.
 */
import { Socket } from 'node:net';
import type { Probe, ProbeReply } from '../incident-world';
import { checkedProbeHost } from './probe-host';

export interface TcpProbeDeps {
  /** The high-resolution clock the round trip is measured with (ms). */
  readonly clock?: () => number;
}

const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'the name does not resolve',
  EAI_AGAIN: 'the name could not be resolved now',
};

export function createTcpProbe(host: string, port: number, deps: TcpProbeDeps = {}): Probe {
  checkedProbeHost(host);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`TCP port ${port} is not 1 to 65535.`);
  const clock = deps.clock ?? (() => performance.now());
  const where = `${host}:${port}`;
  return {
    description: `TCP connect to ${where}`,
    probe(timeoutMs: number, signal: AbortSignal): Promise<ProbeReply> {
      return new Promise<ProbeReply>((resolve, reject) => {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        const start = clock();
        const socket = new Socket();
        let settled = false;
        const settle = (fn: () => void): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          socket.destroy();
          fn();
        };
        const onAbort = (): void => settle(() => reject(signal.reason));
        const limit = Math.max(1, Math.round(timeoutMs));
        const timer = setTimeout(() => settle(() => resolve({ ok: false, detail: `no answer from ${where} within ${limit} ms` })), limit);
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('connect', () => {
          const rttMs = Math.max(0, Math.round(clock() - start));
          settle(() => resolve({ ok: true, detail: `${where} accepted a connection in ${rttMs} ms`, rttMs }));
        });
        socket.once('error', (e: NodeJS.ErrnoException) => {
          const reason = REASONS[e.code ?? ''] ?? `${e.code ?? 'error'}: ${e.message}`;
          settle(() => resolve({ ok: false, detail: `${where}: ${reason}` }));
        });
        socket.connect({ host, port });
      });
    },
  };
}
