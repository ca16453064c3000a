/**
 * ICMP echo through the system's own ping, spawned without a shell (each argument is one argv entry), one echo
 * request per probe:
 *
 *   Windows  ping -n 1 -w <milliseconds> HOST
 *            (https://learn.microsoft.com/windows-server/administration/windows-commands/ping)
 *   Linux    ping -c 1 -W <seconds> HOST      (iputils ping(8): -W is the time to wait for a reply, in seconds)
 *   macOS    ping -c 1 -W <milliseconds> HOST (ping(8): -W waittime, in milliseconds)
 *
 * The answer is read from the exit code, never from ping's text, which is translated with the system's language:
 * iputils exits 0 when a reply came, 1 when none did, 2 (and more) on an error (no such name, no permission for the
 * socket). Windows' ping exits 0 also when a router answered "Destination host unreachable" for the host, so there
 * a reply also needs "TTL=" in the output: a field name, not a translated word, printed only on an echo reply.
 * The round trip is measured here, from spawn to exit, not read from the text. An error that is not a missed reply
 * (ping missing, not allowed to run) is a ProbeError: the monitor stops and says so instead of counting misses.
 */
import type { Probe, ProbeReply } from '../incident-world';
import { runProcess, type ProcessOutput, type RunProcessOptions } from '../../shared/run-process';
import type { Logger } from '../../shared/log-port';
import { checkedProbeHost } from './probe-host';
import { ProbeError } from './probe-error';

/** The platforms whose ping syntax is known; any other is taken as Linux's. */
export type PingPlatform = 'win32' | 'linux' | 'darwin';

/** The program and its arguments for one echo request to `host` waiting at most `timeoutMs`. */
export function pingArgv(platform: PingPlatform, host: string, timeoutMs: number): { readonly program: string; readonly args: readonly string[] } {
  const safe = checkedProbeHost(host);
  const ms = Math.max(1, Math.round(timeoutMs));
  if (platform === 'win32') return { program: 'ping.exe', args: ['-n', '1', '-w', String(ms), safe] };
  if (platform === 'darwin') return { program: 'ping', args: ['-c', '1', '-W', String(ms), safe] };
  // iputils takes whole seconds here (older versions refuse a fraction); at least 1.
  return { program: 'ping', args: ['-c', '1', '-W', String(Math.max(1, Math.ceil(ms / 1000))), safe] };
}

/** The platform's ping syntax for `process.platform`. */
export function pingPlatform(platform: NodeJS.Platform = process.platform): PingPlatform {
  return platform === 'win32' || platform === 'darwin' ? platform : 'linux';
}

/** Whether ping's exit (and, on Windows, its TTL= field) says an echo reply came. */
export function pingAnswered(platform: PingPlatform, output: ProcessOutput): boolean {
  if (output.exitCode !== 0) return false;
  return platform !== 'win32' || /TTL=/i.test(output.stdout);
}

export interface IcmpProbeDeps {
  readonly platform?: PingPlatform;
  /** Runs ping (tests pass a fake); runProcess by default. */
  readonly run?: (options: RunProcessOptions) => Promise<ProcessOutput>;
  readonly logger?: Logger;
  /** The high-resolution clock the round trip is measured with (ms). */
  readonly clock?: () => number;
}

/** The first non-empty line of a text, at most 200 characters. */
function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

export function createIcmpProbe(host: string, deps: IcmpProbeDeps = {}): Probe {
  const platform = deps.platform ?? pingPlatform();
  const run = deps.run ?? runProcess;
  const clock = deps.clock ?? (() => performance.now());
  // The wait is the monitor's interval, known at each probe: the description names it rather than a number.
  const sample = pingArgv(platform, host, 1000);
  const wait = platform === 'linux' ? '<interval, s>' : '<interval, ms>';
  const shown = sample.args.map((arg, i) => (sample.args[i - 1]?.toLowerCase() === '-w' ? wait : arg));
  return {
    description: `ICMP echo to ${host}: ${sample.program} ${shown.join(' ')}`,
    async probe(timeoutMs: number, signal: AbortSignal): Promise<ProbeReply> {
      const { program, args } = pingArgv(platform, host, timeoutMs);
      const start = clock();
      let output: ProcessOutput;
      try {
        output = await run({
          command: [program],
          args,
          name: 'ping',
          describe: `ICMP echo to ${host}`,
          // ping waits `timeoutMs` itself; the extra second only catches a ping that does not end.
          timeoutMs: Math.max(1, Math.round(timeoutMs)) + 1000,
          signal,
          ...(deps.logger === undefined ? {} : { logger: deps.logger }),
        });
      } catch (e) {
        if (signal.aborted) throw signal.reason;
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== undefined) throw new ProbeError(`${program} could not run (${code}): ${(e as Error).message}. The ICMP probe needs the system's ping on PATH.`);
        return { ok: false, detail: `no reply from ${host}: ping did not end within ${Math.round(timeoutMs)} ms` };
      }
      const rttMs = Math.max(0, Math.round(clock() - start));
      if (pingAnswered(platform, output)) return { ok: true, detail: `reply from ${host} in ${rttMs} ms`, rttMs };
      if (output.exitCode === 0 || output.exitCode === 1) {
        return { ok: false, detail: `no reply from ${host} within ${Math.round(timeoutMs)} ms (ping exit ${output.exitCode})` };
      }
      throw new ProbeError(`ping could not probe ${host} (exit ${output.exitCode}): ${firstLine(output.stderr) || firstLine(output.stdout) || 'no message'}`);
    },
  };
}
