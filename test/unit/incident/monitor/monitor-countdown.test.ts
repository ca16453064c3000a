import { describe, expect, it } from 'vitest';
import { evaluate, msLeft, nextDeadline, onProbe, onSecondPath, startCountdown, ttfMs, flapping, type CountdownState } from '../../../../src-main/incident/monitor/monitor-countdown';

const config = { intervalMs: 2000, missedReplies: 3 };

function probe(state: CountdownState, at: number, ok: boolean, sentAt = at) {
  return onProbe(state, at, sentAt, ok);
}

describe('the Time to Fail countdown', () => {
  it('is interval × missed replies and restarts on every reply', () => {
    let s = startCountdown(config, 0);
    expect(ttfMs(s.config)).toBe(6000);
    expect(msLeft(s, 1000)).toBe(5000);
    s = probe(s, 2000, true).state;
    expect(msLeft(s, 2000)).toBe(6000);
    expect(s.status).toBe('green');
    expect(s.counts).toEqual({ probes: 1, replies: 1, misses: 0, vetoes: 0 });
  });

  it('stays green between the replies of a healthy source even when an interval is more than a quarter of Time to Fail', () => {
    let s = startCountdown(config, 0);
    for (let t = 0; t <= 20_000; t += 2000) {
      expect(evaluate(s, t + 1999).state.status).toBe('green');
      s = probe(s, t + 10, true).state;
    }
    expect(nextDeadline(s, 20_010)).toBe(26_010);
  });

  it('turns yellow once a reply is missed and a quarter is used, red at zero asking the second path', () => {
    let s = startCountdown(config, 0);
    s = probe(s, 0, true).state;
    const miss = probe(s, 2100, false, 2000);
    expect(miss.events).toEqual([{ kind: 'first-miss', at: 2000 }]);
    s = miss.state;
    expect(s.status).toBe('yellow');
    expect(s.firstMissedAt).toBe(2000);
    expect(nextDeadline(s, 2100)).toBe(6000);
    s = probe(s, 4100, false, 4000).state;
    expect(s.status).toBe('yellow');
    expect(s.firstMissedAt).toBe(2000);
    const zero = evaluate(s, 6000);
    expect(zero.state.status).toBe('red');
    expect(zero.events).toEqual([{ kind: 'ask-second-path' }]);
    expect(msLeft(zero.state, 6000)).toBe(0);
  });

  it('turns yellow at the quarter when the miss came before it', () => {
    let s = startCountdown({ intervalMs: 1000, missedReplies: 8 }, 0);
    s = probe(s, 0, true).state;
    s = probe(s, 1050, false, 1000).state;
    expect(s.status).toBe('green');
    expect(nextDeadline(s, 1050)).toBe(2000);
    expect(evaluate(s, 2000).state.status).toBe('yellow');
  });

  it('is vetoed when the second path finds the source up, says which path and why, and a reply resets it', () => {
    let s = evaluate(probe(startCountdown(config, 0), 2000, false).state, 6000).state;
    s = onSecondPath(s, 6100, 'the source cluster SRCCLUS', { down: false, detail: 'SRCCLUS answers cluster.exe: Exchange Group Online on SRC1' });
    expect(s.status).toBe('vetoed');
    expect(s.veto).toBe('the source cluster SRCCLUS vetoed: SRCCLUS answers cluster.exe: Exchange Group Online on SRC1');
    expect(s.counts.vetoes).toBe(1);
    // A later miss asks the second path again; the time alone changes nothing.
    expect(probe(s, 8000, false).events).toEqual([{ kind: 'ask-second-path' }]);
    expect(evaluate(s, 60_000).state).toBe(s);
    const back = probe(s, 9000, true);
    expect(back.state.status).toBe('green');
    expect(back.state.veto).toBeUndefined();
    expect(back.events).toEqual([{ kind: 'recovered', outage: { from: 0, to: 9000, worst: 'vetoed' } }]);
  });

  it('is raised when the second path agrees, and then nothing changes it', () => {
    let s = evaluate(probe(startCountdown(config, 0), 2000, false).state, 6000).state;
    s = onSecondPath(s, 6200, 'the source cluster SRCCLUS', { down: true, detail: 'SRCCLUS does not answer' });
    expect(s.status).toBe('raised');
    expect(s.agreed).toEqual({ at: 6200, detail: 'SRCCLUS does not answer' });
    expect(probe(s, 7000, true).state).toBe(s);
    expect(msLeft(s, 6200)).toBe(0);
  });

  it('ignores a second path answer that comes after a reply reset the countdown', () => {
    let s = evaluate(probe(startCountdown(config, 0), 2000, false).state, 6000).state;
    s = probe(s, 6050, true).state;
    expect(onSecondPath(s, 6100, 'p', { down: true, detail: 'late' })).toBe(s);
  });

  it('reaching zero with no probe answered yet counts the source silent from one interval after the last reply', () => {
    const s = evaluate(startCountdown(config, 0), 6000);
    expect(s.events).toEqual([{ kind: 'first-miss', at: 2000 }, { kind: 'ask-second-path' }]);
  });

  it('counts an outage only when it reached yellow, and reports flapping after 3 within 30 minutes', () => {
    let s = startCountdown(config, 0);
    let t = 0;
    // A single miss that never reached a quarter... cannot happen at 2 s × 3 (a miss is already a third), so use 1 s × 8.
    let f = startCountdown({ intervalMs: 1000, missedReplies: 8 }, 0);
    f = onProbe(f, 1010, 1000, false).state;
    f = onProbe(f, 1500, 1500, true).state;
    expect(f.outages).toEqual([]);
    for (let i = 0; i < 3; i += 1) {
      s = probe(s, t, true).state;
      s = probe(s, t + 2000, false).state;
      expect(s.status).toBe('yellow');
      s = probe(s, t + 4000, true).state;
      t += 60_000;
    }
    expect(s.outages).toHaveLength(3);
    const report = flapping(s, t);
    expect(report).toMatchObject({ count: 3, windowMinutes: 30, longestSilenceSeconds: 4, suggestedIntervalSeconds: 2, suggestedMissedReplies: 6 });
    expect(report?.suggestion).toContain('recovered 3 times in the last 30 min');
    // Out of the window: no longer flapping.
    expect(flapping(s, t + 31 * 60_000)).toBeUndefined();
  });

  it('refuses a bad configuration', () => {
    expect(() => startCountdown({ intervalMs: 0, missedReplies: 3 }, 0)).toThrow(/more than 0 ms/);
    expect(() => startCountdown({ intervalMs: 1000, missedReplies: 0.5 }, 0)).toThrow(/whole number/);
  });
});
