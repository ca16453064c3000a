/**
 * The second path of a real pair: whether the source cluster still answers cluster.exe. Time to Fail reaching zero
 * on the monitored address alone may be the admin workstation's own view failing (a split: the source runs, this
 * side cannot see its address); the source is taken as down only when its cluster does not answer either.
 *
 * - The cluster lists its groups: it is up. The path vetoes and names the Exchange group's state and owner.
 * - A ClusterError whose failure is `unreachable` (RPC server unavailable, no endpoint, cluster.exe could not reach
 *   it or did not finish): it is down, and the path agrees.
 * - The cluster answered with a refusal: it is up (it answered), the path vetoes.
 * - Anything else (an error this path cannot read, or no answer within the time given): the path cannot tell, and a
 *   path that cannot tell never agrees; it vetoes saying so.
 */
import { ClusterError, type ClusterPort, type GroupInfo } from '../../cluster/port';
import type { SecondPathReply } from '../incident-world';

export interface ClusterSecondPathOptions {
  /** The source's Exchange group (the pair document's source.group.name), named in the answer. */
  readonly exchangeGroup?: string;
  /** How long the cluster is given to answer (ms); the caller's signal may end it sooner. */
  readonly timeoutMs?: number;
}

/** 60 s: cluster.exe's own RPC attempts to a node that is off take tens of seconds before they give up. */
const DEFAULT_TIMEOUT_MS = 60_000;

function describeGroup(cluster: string, groups: readonly GroupInfo[], exchangeGroup: string | undefined): string {
  if (exchangeGroup === undefined) return `${cluster} answers cluster.exe (${groups.length} group${groups.length === 1 ? '' : 's'})`;
  const group = groups.find((g) => g.name.toUpperCase() === exchangeGroup.toUpperCase());
  if (group === undefined) return `${cluster} answers cluster.exe; it has no group "${exchangeGroup}"`;
  return `${cluster} answers cluster.exe: ${group.name} ${group.state}${group.owner === undefined ? ' (no owner)' : ` on ${group.owner}`}`;
}

/** Asks the source cluster, through `port`, whether it is down. Never throws but for the caller's own abort. */
export async function askSourceCluster(port: ClusterPort, signal: AbortSignal, options: ClusterSecondPathOptions = {}): Promise<SecondPathReply> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const limit = new Promise<'timeout'>((resolve, reject) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const answer = await Promise.race([port.groups(), limit]);
    if (answer === 'timeout') {
      return { down: false, detail: `${port.cluster} gave no answer to cluster.exe within ${Math.round(timeoutMs / 1000)} s: cannot tell, so the source is not taken as down` };
    }
    return { down: false, detail: describeGroup(port.cluster, answer, options.exchangeGroup) };
  } catch (e) {
    if (signal.aborted) throw signal.reason;
    if (e instanceof ClusterError) {
      return e.failure === 'unreachable'
        ? { down: true, detail: `${port.cluster} does not answer cluster.exe: ${e.message} (${e.code})` }
        : { down: false, detail: `${port.cluster} answers cluster.exe with a refusal: ${e.message} (${e.code})` };
    }
    return { down: false, detail: `${port.cluster} could not be asked: ${e instanceof Error ? e.message : String(e)}; cannot tell, so the source is not taken as down` };
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}
