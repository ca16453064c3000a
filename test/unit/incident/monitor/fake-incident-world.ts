/** An IncidentWorld for the monitor's unit tests: a scripted probe, second path and Double-Take queue. */
import type { ConnectionInfo, DoubleTakePort } from '../../../../src-main/doubletake/port';
import type { IncidentWorld, Probe, ProbeReply, ProbeSpec, SecondPathReply } from '../../../../src-main/incident/incident-world';
import type { SetupWorld } from '../../../../src-main/setup/setup-world';

export interface FakeWorldScript {
  /** The probe's answer at the moment it is asked (ok by default). */
  reply?: () => ProbeReply | Promise<ProbeReply>;
  secondPath?: () => SecondPathReply | Promise<SecondPathReply>;
  /** A node's connections, or an error thrown for a node that does not answer. */
  connections?: (node: string) => readonly ConnectionInfo[];
}

export interface FakeWorld {
  readonly world: IncidentWorld;
  readonly script: FakeWorldScript;
  readonly specs: ProbeSpec[];
  secondPathCalls: number;
  probes: number;
}

export function connection(queued: number, replicationSet = 'Exchange'): ConnectionInfo {
  return { id: 1, replicationSet, target: '10.1.0.21', state: 'connected', mirrorState: 'complete', bytesToMirror: 0, mirroredBytes: 0, queuedReplicationBytes: queued };
}

export function fakeIncidentWorld(script: FakeWorldScript = {}): FakeWorld {
  const fake: FakeWorld = {
    script,
    specs: [],
    secondPathCalls: 0,
    probes: 0,
    world: undefined as unknown as IncidentWorld,
  };
  const doubleTake = (node: string): DoubleTakePort =>
    ({
      node,
      connections: async () => {
        if (script.connections === undefined) throw new Error(`${node} does not answer`);
        return script.connections(node);
      },
    }) as unknown as DoubleTakePort;
  const unused = (what: string) => () => {
    throw new Error(`the monitor does not use ${what}`);
  };
  const world = {
    kind: 'lab',
    setup: { doubleTake } as unknown as SetupWorld,
    connectDirectory: unused('connectDirectory'),
    probe(spec: ProbeSpec): Probe {
      fake.specs.push(spec);
      return {
        description: `fake probe of ${spec.kind === 'lab' ? spec.address : spec.host}`,
        async probe() {
          fake.probes += 1;
          return (script.reply ?? (() => ({ ok: true, detail: 'reply in 0 ms', rttMs: 0 })))();
        },
      };
    },
    async secondPath() {
      fake.secondPathCalls += 1;
      return (script.secondPath ?? (() => ({ down: true, detail: 'SRCCLUS does not answer cluster.exe: The RPC server is unavailable (1722)' })))();
    },
    exchange: { stores: unused('stores'), openMailboxes: unused('openMailboxes') },
    doubleTakeLog: unused('doubleTakeLog'),
    now: () => new Date(),
    sleep: unused('sleep'),
  } as unknown as IncidentWorld;
  (fake as { world: IncidentWorld }).world = world;
  return fake;
}
