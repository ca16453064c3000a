import type { ClusterPort } from '../cluster/port';
import type { DoubleTakePort } from '../doubletake/port';
import type { ServerInfo, Topology } from '../failover/topology';
import type { NodeFiles } from '../nodes/port';

/**
 * The outside world the setup steps may read and change, passed in: the lab hands its models (or the emulators
 * through the real adapters), a real run hands cluster.exe, dtcl.exe, `\\NODE\C$` and a directory connection.
 */
export interface SetupWorld {
  /** `lab`: nothing here can be lost (the backups step is confirmed already). */
  readonly kind: 'lab' | 'real';
  readonly source: ClusterPort;
  readonly target: ClusterPort;
  /** Double-Take on one node (any cluster), by node name. */
  doubleTake(node: string): DoubleTakePort;
  /** The account the DTCL scripts log in with, shown in previews (the password is always masked). */
  readonly doubleTakeUser: string;
  /** Files on the nodes (online.dtcl), by Windows path. */
  readonly nodeFiles: NodeFiles;
  /**
   * Reads the Exchange organisation from the directory for two servers (the source's and the target's virtual
   * server names), as the failover engine's discovery sees it.
   */
  readExchange(sourceServer: string, targetServer: string, signal?: AbortSignal): Promise<Topology>;
  /** Reads one Exchange server alone (step 4.1 records the source before Exchange is on the target). */
  readExchangeServer(server: string, signal?: AbortSignal): Promise<ServerInfo>;
  /** Where the directory is (shown as the target of directory reads). */
  readonly directoryName: string;
  readonly now: () => Date;
}
