/**
 * `exchange-ha incident watch`: the monitor (src-main/incident/monitor/) from the command line. It prints the
 * countdown, one line per change (not per probe): the status with Time to Fail left and what the last probe found,
 * a veto with the path and its reason, flapping with the suggested timing. Exit codes:
 *
 *   3    Time to Fail reached zero and the second path agreed: the manual intervention prompt is raised and kept on
 *        disk (or one was already pending when the watch started: it is shown first, nothing is probed)
 *   0    stopped with Ctrl+C while the source answered (green)
 *   130  stopped with Ctrl+C while it did not (yellow, red or vetoed): nothing was raised
 *   1    the monitor stopped on its own (a probe that cannot probe, a prompt that could not be written)
 *   2    bad usage, an invalid pair document or connection profile (each bad word named)
 *
 * The world is the one composition's (app/compose-world.ts `incident`) through command-world.ts, as `exchange-ha
 * check` opens it; `runIncidentWatch` takes an IncidentWorld, whoever built it.
 */
import type { IncidentWorld, ProbeSpec } from '../../incident/incident-world';
import { createMonitor } from '../../incident/monitor/monitor-service';
import type { MonitorSnapshot } from '../../incident/monitor/monitor-snapshot';
import type { PairDocument } from '../../pair';
import { PairDocumentError } from '../../pair/pair-problems';
import { openPairStore } from '../../setup/pair-store';
import type { Timers } from '../../shared/timers';
import { openCommandWorld } from './command-world';
import { parseIncidentWatch, type IncidentWatchCommand, type WatchProbeArgument } from './incident-watch-arguments';
import type { SubcommandIo } from './subcommand';

export const IncidentWatchExit = { healthy: 0, stopped: 1, usage: 2, raised: 3, interrupted: 130 } as const;

/** The world a watch runs on, opened. */
export interface WatchWorld {
  readonly world: IncidentWorld;
  /** The world's incidents folder (the prompt and each incident's timeline). */
  readonly incidentsRoot: string;
  /** `the lab in DIR`, `the profile "Production" (FILE)`. */
  readonly where: string;
  readonly warnings: readonly string[];
  close(): Promise<void>;
}

export type OpenWatchWorld = (command: IncidentWatchCommand, document: PairDocument, io: SubcommandIo) => Promise<WatchWorld>;

export interface IncidentWatchDeps {
  /** Opens the world (tests pass their own); the composition's by default. */
  readonly openWorld?: OpenWatchWorld;
  readonly timers?: Timers;
}

/** The composition's world (the lab's, or the pair's through its profile) and its incident world. */
export const openWatchWorld: OpenWatchWorld = async (command, document, io) => {
  const { world: composed, where } = await openCommandWorld(command.pair, document, command.world, {
    env: io.env,
    mask: io.mask,
    now: io.now,
    cwd: io.cwd,
    ...(io.logger === undefined ? {} : { logger: io.logger }),
  });
  return { world: composed.incident, incidentsRoot: composed.files.incidents, where, warnings: composed.warnings, close: () => composed.close() };
};

async function readPair(file: string): Promise<PairDocument> {
  const loaded = await openPairStore(file).load();
  if (!loaded.ok) throw new PairDocumentError(file, loaded.problems);
  return loaded.document;
}

/** The probe spec of the command line's --probe, its host defaulting to the pair document's monitored address. */
export function watchProbeSpec(probe: WatchProbeArgument, document: PairDocument): ProbeSpec {
  const host = probe.host ?? document.monitor.monitoredAddress;
  return probe.kind === 'tcp' ? { kind: 'tcp', host, port: probe.port } : { kind: 'icmp', host };
}

const secondsText = (s: number): string => `${Math.round(s * 10) / 10}`;

/** The line a change prints, or undefined when nothing worth a line changed. */
export function watchLine(snapshot: MonitorSnapshot, previous: MonitorSnapshot | undefined): string | undefined {
  const detail = snapshot.lastReply?.detail;
  switch (snapshot.status) {
    case 'green':
    case 'yellow':
      if (previous?.status === snapshot.status) return undefined;
      return `${snapshot.status} TTF ${secondsText(snapshot.secondsLeft)} s${detail === undefined ? '' : ` — ${detail}`}`;
    case 'red':
      if (previous?.status === 'red') return undefined;
      return `red TTF 0 s — no reply for ${secondsText(snapshot.ttfSeconds)} s; asking the second path (${snapshot.secondPath})`;
    case 'vetoed':
      if (previous?.status === 'vetoed' && previous.veto === snapshot.veto) return undefined;
      return `vetoed — nothing raised: ${snapshot.veto ?? 'the second path found the source up'}; still probing (a reply resets)`;
    case 'raised':
    case 'stopped':
      return undefined;
  }
}

function promptLines(snapshot: MonitorSnapshot, incidentsRoot: string, already: boolean): string[] {
  const prompt = snapshot.prompt;
  if (prompt === undefined) return [`raised — Time to Fail reached zero and the second path agreed, but the prompt could not be kept on disk: ${snapshot.error ?? 'unknown error'}`];
  return [
    already
      ? `raised — a manual intervention prompt is pending since ${prompt.raisedAt} (waited ${prompt.waitedSeconds} s): incident ${prompt.incident}`
      : `raised — Time to Fail reached zero and the second path agreed: incident ${prompt.incident}`,
    `  ${prompt.name} (${prompt.address}) first missed reply ${prompt.firstMissedAt}; raised ${prompt.raisedAt}`,
    `  probe: ${prompt.probeDetail}`,
    `  second path: ${prompt.secondPathDetail}`,
    `  The prompt is kept in ${incidentsRoot} until it is answered (exchange-ha incident failover, or the failover panel).`,
  ];
}

/** Watches on `opened.world` until raised, stopped on its own, or Ctrl+C (`io.signal`). Returns the exit code. */
export async function runIncidentWatch(command: IncidentWatchCommand, document: PairDocument, opened: WatchWorld, io: SubcommandIo, timers?: Timers): Promise<number> {
  let previous: MonitorSnapshot | undefined;
  let flappingShown = false;
  const onChange = (snapshot: MonitorSnapshot): void => {
    // The countdown's first line waits for the first probe's result (the header is printed once started).
    if (!command.json && snapshot.status === 'green' && snapshot.lastReply === undefined) return;
    if (command.json) io.json(snapshot);
    else {
      const line = watchLine(snapshot, previous);
      if (line !== undefined) io.line(line);
      if (snapshot.flapping !== undefined && !flappingShown) io.line(`flapping — ${snapshot.flapping.suggestion}`);
    }
    flappingShown = snapshot.flapping !== undefined;
    previous = snapshot;
  };
  const monitor = createMonitor({
    world: opened.world,
    pair: () => document,
    incidentsRoot: opened.incidentsRoot,
    promptShownWhere: 'the command line (exchange-ha incident watch)',
    onChange,
    overrides: {
      ...(command.probe === undefined ? {} : { probe: watchProbeSpec(command.probe, document) }),
      ...(command.intervalMs === undefined ? {} : { intervalMs: command.intervalMs }),
      ...(command.missedReplies === undefined ? {} : { missedReplies: command.missedReplies }),
    },
    ...(timers === undefined ? {} : { timers }),
  });
  opened.warnings.forEach((warning) => io.problem(`warning: ${warning}`));
  const first = await monitor.start();
  if (!command.json) {
    io.line(`exchange-ha incident watch: ${document.monitor.monitoredName} (${first.address}) through ${opened.where}`);
    io.line(`probe: ${first.probe}; Time to Fail ${secondsText(first.ttfSeconds)} s (${secondsText(first.intervalSeconds)} s × ${first.missedReplies}); second path: ${first.secondPath}. Ctrl+C stops.`);
  }
  if (first.status === 'raised') {
    if (!command.json) promptLines(first, opened.incidentsRoot, true).forEach((l) => io.line(l));
    return IncidentWatchExit.raised;
  }
  const interrupted = new Promise<'interrupted'>((resolve) => {
    if (io.signal.aborted) resolve('interrupted');
    else io.signal.addEventListener('abort', () => resolve('interrupted'), { once: true });
  });
  const outcome = await Promise.race([monitor.settled, interrupted]);
  if (outcome === 'interrupted') {
    const before = monitor.snapshot();
    await monitor.stop('stopped with Ctrl+C');
    if (before.status === 'raised') {
      // Raised in the same moment: the prompt stands.
      const raised = await monitor.settled;
      if (!command.json) promptLines(raised, opened.incidentsRoot, false).forEach((l) => io.line(l));
      return IncidentWatchExit.raised;
    }
    if (command.json) io.json(monitor.snapshot());
    else io.line(`stopped with Ctrl+C while ${before.status}: nothing raised`);
    return before.status === 'green' ? IncidentWatchExit.healthy : IncidentWatchExit.interrupted;
  }
  if (outcome.status === 'raised') {
    if (!command.json) promptLines(outcome, opened.incidentsRoot, false).forEach((l) => io.line(l));
    if (outcome.error !== undefined) io.problem(`exchange-ha: ${outcome.error}`);
    return IncidentWatchExit.raised;
  }
  io.problem(`exchange-ha: the monitor stopped: ${outcome.error ?? outcome.stopReason ?? 'stopped'}`);
  return IncidentWatchExit.stopped;
}

/** `exchange-ha incident watch` (the words after `watch`). */
export async function incidentWatchCommand(io: SubcommandIo, deps: IncidentWatchDeps = {}): Promise<number> {
  const command = parseIncidentWatch(io.args, io.env, io.cwd);
  const document = await readPair(command.pair);
  const opened = await (deps.openWorld ?? openWatchWorld)(command, document, io);
  try {
    return await runIncidentWatch(command, document, opened, io, deps.timers);
  } finally {
    await opened.close();
  }
}
