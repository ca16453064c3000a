import { delimiter, join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createIcmpProbe, pingArgv, pingPlatform } from '../../../../src-main/incident/probes/icmp-probe';
import { ProbeError } from '../../../../src-main/incident/probes/probe-error';
import type { ProcessOutput, RunProcessOptions } from '../../../../src-main/shared/run-process';

const signal = new AbortController().signal;

function fakeRun(output: ProcessOutput | Error) {
  const calls: RunProcessOptions[] = [];
  let clock = 0;
  return {
    calls,
    clock: () => clock,
    run: async (options: RunProcessOptions): Promise<ProcessOutput> => {
      calls.push(options);
      clock += 3;
      if (output instanceof Error) throw output;
      return output;
    },
  };
}

describe('the ICMP probe through the system\'s ping', () => {
  it('builds Windows\', Linux\'s and macOS\'s arguments', () => {
    expect(pingArgv('win32', '10.0.0.20', 1500)).toEqual({ program: 'ping.exe', args: ['-n', '1', '-w', '1500', '10.0.0.20'] });
    expect(pingArgv('linux', '10.0.0.20', 1500)).toEqual({ program: 'ping', args: ['-c', '1', '-W', '2', '10.0.0.20'] });
    expect(pingArgv('linux', '10.0.0.20', 200)).toEqual({ program: 'ping', args: ['-c', '1', '-W', '1', '10.0.0.20'] });
    expect(pingArgv('darwin', 'exchvs1.example.com', 800)).toEqual({ program: 'ping', args: ['-c', '1', '-W', '800', 'exchvs1.example.com'] });
    expect(() => pingArgv('linux', '-f', 1000)).toThrow(/would read as an option/);
    expect(pingPlatform('win32')).toBe('win32');
    expect(pingPlatform('freebsd')).toBe('linux');
  });

  it('spawns ping with its argv (no shell) and reads a reply from the exit code, timing the round trip itself', async () => {
    const fake = fakeRun({ exitCode: 0, stdout: 'texte traduit', stderr: '' });
    const probe = createIcmpProbe('10.0.0.20', { platform: 'linux', run: fake.run, clock: fake.clock });
    expect(probe.description).toBe('ICMP echo to 10.0.0.20: ping -c 1 -W <interval, s> 10.0.0.20');
    expect(createIcmpProbe('10.0.0.20', { platform: 'win32', run: fake.run }).description).toBe('ICMP echo to 10.0.0.20: ping.exe -n 1 -w <interval, ms> 10.0.0.20');
    expect(await probe.probe(2000, signal)).toEqual({ ok: true, detail: 'reply from 10.0.0.20 in 3 ms', rttMs: 3 });
    expect(fake.calls[0]).toMatchObject({ command: ['ping'], args: ['-c', '1', '-W', '2', '10.0.0.20'], timeoutMs: 3000, signal });
  });

  it('counts exit 1 as a missed reply', async () => {
    const fake = fakeRun({ exitCode: 1, stdout: '', stderr: '' });
    const reply = await createIcmpProbe('10.0.0.20', { platform: 'linux', run: fake.run }).probe(2000, signal);
    expect(reply).toEqual({ ok: false, detail: 'no reply from 10.0.0.20 within 2000 ms (ping exit 1)' });
  });

  it('on Windows needs TTL= as well: exit 0 with "Destination host unreachable" from a router is a miss', async () => {
    const unreachable = fakeRun({ exitCode: 0, stdout: 'Reply from 10.0.0.1: Destination host unreachable.', stderr: '' });
    expect((await createIcmpProbe('10.0.0.20', { platform: 'win32', run: unreachable.run }).probe(1000, signal)).ok).toBe(false);
    expect(unreachable.calls[0]?.command).toEqual(['ping.exe']);
    const reply = fakeRun({ exitCode: 0, stdout: 'Antwort von 10.0.0.20: Bytes=32 Zeit<1ms TTL=128', stderr: '' });
    expect((await createIcmpProbe('10.0.0.20', { platform: 'win32', run: reply.run }).probe(1000, signal)).ok).toBe(true);
  });

  it('a ping that cannot probe (exit 2, not found) is a ProbeError, not a miss; a ping past its time is a miss', async () => {
    const denied = fakeRun({ exitCode: 2, stdout: '', stderr: 'ping: socket: Operation not permitted\n' });
    await expect(createIcmpProbe('10.0.0.20', { platform: 'linux', run: denied.run }).probe(1000, signal)).rejects.toThrow(
      new ProbeError('ping could not probe 10.0.0.20 (exit 2): ping: socket: Operation not permitted'),
    );
    const missing = fakeRun(Object.assign(new Error('spawn ping ENOENT'), { code: 'ENOENT' }));
    await expect(createIcmpProbe('10.0.0.20', { platform: 'linux', run: missing.run }).probe(1000, signal)).rejects.toBeInstanceOf(ProbeError);
    const slow = fakeRun(new Error('ping did not finish within 2000 ms'));
    expect(await createIcmpProbe('10.0.0.20', { platform: 'linux', run: slow.run }).probe(1000, signal)).toEqual({ ok: false, detail: 'no reply from 10.0.0.20: ping did not end within 1000 ms' });
  });

  it('probes 127.0.0.1 with the real ping when the system has one (else says why, and checks that a missing ping is a ProbeError)', async () => {
    const program = pingArgv(pingPlatform(), '127.0.0.1', 1000).program;
    const found = (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, program)));
    const probe = createIcmpProbe('127.0.0.1');
    if (found) {
      const reply = await probe.probe(2000, signal);
      expect(reply.ok).toBe(true);
    } else {
      console.log(`The real ping was not run: "${program}" is not on PATH (${process.env.PATH ?? ''}). Checked instead that a missing ping is a ProbeError.`);
      await expect(probe.probe(1000, signal)).rejects.toThrow(/could not run \(ENOENT\)/);
    }
  });
});
