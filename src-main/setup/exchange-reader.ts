import type { DirectoryPort } from '../directory/port';
import { discover, discoverServer } from '../failover/discovery';
import { DirectorySession } from '../failover/directory-session';
import type { ServerInfo, Topology } from '../failover/topology';

/**
 * Reads the Exchange organisation for two servers with the failover engine's discovery, over a directory
 * connection opened for the read and closed after it (a short outage is retried for `retryForMs`).
 */
export function exchangeReader(connect: () => Promise<DirectoryPort>, retryForMs = 10_000) {
  return async (sourceServer: string, targetServer: string, signal?: AbortSignal): Promise<Topology> => {
    const session = await DirectorySession.open({ connect, retryForMs, ...(signal === undefined ? {} : { signal }) });
    try {
      return await discover(session, sourceServer, targetServer);
    } finally {
      await session.close();
    }
  };
}

/** Reads one Exchange server (its storage groups and stores), as step 4.1 needs before the target exists. */
export function exchangeServerReader(connect: () => Promise<DirectoryPort>, retryForMs = 10_000) {
  return async (server: string, signal?: AbortSignal): Promise<ServerInfo> => {
    const session = await DirectorySession.open({ connect, retryForMs, ...(signal === undefined ? {} : { signal }) });
    try {
      return await discoverServer(session, server);
    } finally {
      await session.close();
    }
  };
}
