import type { ClusterData } from '../mscs/cluster-data';
import type { MscsCluster } from '../mscs/mscs-cluster';
import type { ClusterCommand, ClusterPort, GroupInfo, NodeInfo, ResourceInfo } from '../../cluster/port';

/**
 * Told after every change, with the state before it, so the lab can run what the change sets off (a resource's
 * DLL) and save the model; a rejection fails the command that caused it.
 */
export type ClusterModelChanged = (model: MscsCluster, before: ClusterData) => void | Promise<void>;

/**
 * The cluster port over the lab's in-process MSCS model. Refusals come from the model as ClusterError with the
 * Win32 number cluster.exe would print; this adapter holds no rule of its own.
 */
export class LabClusterAdapter implements ClusterPort {
  constructor(
    private readonly model: MscsCluster,
    private readonly onChange: ClusterModelChanged = () => undefined,
  ) {}

  /** The model's cluster name. */
  get cluster(): string {
    return this.model.name;
  }

  /** Applies the command to the model (all-or-nothing), then reports the change. Checks `signal` first. */
  async run(command: ClusterCommand, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const before = this.model.toJSON();
    this.model.apply(command);
    await this.onChange(this.model, before);
  }

  /** Every node and its state. */
  async nodes(): Promise<readonly NodeInfo[]> {
    return this.model.nodes();
  }

  /** Every group. */
  async groups(): Promise<readonly GroupInfo[]> {
    return this.model.groups();
  }

  /** Every resource. */
  async resources(): Promise<readonly ResourceInfo[]> {
    return this.model.resources();
  }
}
