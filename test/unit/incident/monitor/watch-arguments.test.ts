import { describe, expect, it } from 'vitest';
import { parseIncidentWatch, parseWatchProbe } from '../../../../src-main/cli/exchange-ha/incident-watch-arguments';
import { watchLine, watchProbeSpec } from '../../../../src-main/cli/exchange-ha/incident-watch-command';
import type { MonitorSnapshot } from '../../../../src-main/incident/monitor/monitor-snapshot';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';

const parse = (...words: string[]) => parseIncidentWatch(words, {}, '/work');

describe('incident watch arguments', () => {
  it('reads the pair, the world, the probe, the timing and --json', () => {
    expect(parse('--pair', 'p.json', '--lab', 'lab', '--probe', 'tcp:127.0.0.1:8025', '--interval', '0.2', '--missed', '3', '--json')).toEqual({
      pair: '/work/p.json',
      world: { kind: 'lab', folder: '/work/lab' },
      probe: { kind: 'tcp', host: '127.0.0.1', port: 8025 },
      intervalMs: 200,
      missedReplies: 3,
      json: true,
    });
    expect(parse('--pair=p.json', '--profile', 'prod.json')).toMatchObject({ world: { kind: 'profile', file: '/work/prod.json', passwords: {} }, json: false });
  });

  it('takes every form of --probe, the host defaulting to the monitored address', () => {
    expect(parseWatchProbe('icmp')).toEqual({ kind: 'icmp' });
    expect(parseWatchProbe('icmp:exchvs1.example.com')).toEqual({ kind: 'icmp', host: 'exchvs1.example.com' });
    expect(parseWatchProbe('tcp:25')).toEqual({ kind: 'tcp', port: 25 });
    expect(parseWatchProbe('tcp:10.0.0.20:443')).toEqual({ kind: 'tcp', host: '10.0.0.20', port: 443 });
    const pair = labPairDocument();
    expect(watchProbeSpec({ kind: 'tcp', port: 25 }, pair)).toEqual({ kind: 'tcp', host: '10.0.0.20', port: 25 });
    expect(watchProbeSpec({ kind: 'icmp' }, pair)).toEqual({ kind: 'icmp', host: '10.0.0.20' });
  });

  it('refuses bad probes, each saying why', () => {
    expect(parseWatchProbe('tcp')).toMatch(/is tcp:PORT or tcp:HOST:PORT/);
    expect(parseWatchProbe('tcp:0')).toMatch(/not a TCP port/);
    expect(parseWatchProbe('tcp:65536')).toMatch(/not a TCP port/);
    expect(parseWatchProbe('tcp:-p:80')).toMatch(/begins with "-"/);
    expect(parseWatchProbe('icmp:a:b')).toMatch(/icmp or icmp:HOST/);
    expect(parseWatchProbe('ICMP')).toMatch(/not a probe/);
  });

  it('names every bad word in one refusal, by its argument', () => {
    expect(() => parse('--lab', 'l', '--profile', 'p', '--interval', '3601', '--missed', '1001')).toThrow(
      'incident watch needs --pair FILE (the pair document); --lab (argument 3) and --profile (argument 5) name two worlds; watch one; ' +
        '--interval (argument 7) "3601" is not a number of seconds more than 0 and at most 3600 (e.g. --interval 5, --interval 0.5); ' +
        '--missed (argument 9) "1001" is not a whole number of missed replies from 1 to 1000',
    );
    expect(() => parse('--pair', 'p', '--lab', 'l', '--dt-password-file', 'f')).toThrow(/--dt-password-file \(argument 7\) is for a profile's accounts/);
    expect(() => parse('--pair', 'p', '--lab', 'l', '--interval', '0.0001')).toThrow(/less than a millisecond/);
    expect(() => parse('--pair', 'p', '--lab', 'l', '--interval', '-1')).toThrow(/needs a value|not a number/);
    expect(() => parse('--pair', 'p', '--lab', 'l', '--bogus')).toThrow('unknown option --bogus (argument 7) for incident watch');
    expect(() => parse('--pair', 'p', '--lab', 'l', '--dt-password', 'x')).toThrow(/a password is never taken from the command line/);
  });
});

describe('the lines of incident watch', () => {
  const base: MonitorSnapshot = {
    status: 'green',
    address: '10.0.0.20',
    name: 'EXCHVS',
    probe: 'p',
    secondPath: 'the source cluster SRCCLUS',
    intervalSeconds: 2,
    missedReplies: 3,
    ttfSeconds: 6,
    secondsLeft: 6,
    lastReply: { at: '', ok: true, detail: 'reply from 10.0.0.20 in 0 ms' },
    counts: { probes: 1, replies: 1, misses: 0, vetoes: 0, outages: 0 },
    at: '',
  };

  it('prints a line when the status changes, not on every probe', () => {
    expect(watchLine(base, undefined)).toBe('green TTF 6 s — reply from 10.0.0.20 in 0 ms');
    expect(watchLine({ ...base, secondsLeft: 5.9 }, base)).toBeUndefined();
    const yellow = { ...base, status: 'yellow' as const, secondsLeft: 3.9, lastReply: { at: '', ok: false, detail: 'no reply' } };
    expect(watchLine(yellow, base)).toBe('yellow TTF 3.9 s — no reply');
    expect(watchLine({ ...yellow, status: 'red', secondsLeft: 0 }, yellow)).toBe('red TTF 0 s — no reply for 6 s; asking the second path (the source cluster SRCCLUS)');
    const vetoed = { ...yellow, status: 'vetoed' as const, veto: 'the source cluster SRCCLUS vetoed: SRCCLUS answers' };
    expect(watchLine(vetoed, yellow)).toBe('vetoed — nothing raised: the source cluster SRCCLUS vetoed: SRCCLUS answers; still probing (a reply resets)');
    expect(watchLine(vetoed, vetoed)).toBeUndefined();
    expect(watchLine({ ...vetoed, veto: 'other' }, vetoed)).toMatch(/other/);
  });
});
