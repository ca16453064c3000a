/**
 * The probe a real pair uses for a probe spec: ICMP through the system's ping, or a TCP connect. The lab's spec
 * (`lab`) has no real probe: the lab's own world answers it.
 */
import type { Probe, ProbeSpec } from '../incident-world';
import { createIcmpProbe, type IcmpProbeDeps } from './icmp-probe';
import { createTcpProbe } from './tcp-probe';

export function realProbe(spec: ProbeSpec, deps: IcmpProbeDeps = {}): Probe {
  switch (spec.kind) {
    case 'icmp':
      return createIcmpProbe(spec.host, deps);
    case 'tcp':
      return createTcpProbe(spec.host, spec.port);
    case 'lab':
      throw new Error(`The lab's probe of ${spec.address} is answered by the lab, not by a real probe.`);
  }
}
