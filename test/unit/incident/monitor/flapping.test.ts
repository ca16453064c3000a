import { describe, expect, it } from 'vitest';
import { flappingReport, recordOutage, suggestTiming } from '../../../../src-main/incident/monitor/flapping';

describe('flapping', () => {
  it('suggests at least twice Time to Fail, or one and a half times the longest silence plus an interval', () => {
    expect(suggestTiming(5000, 5, 10_000)).toEqual({ intervalSeconds: 5, missedReplies: 10 });
    // 1.5 × 40 s + 5 s = 65 s > 50 s: 13 missed replies.
    expect(suggestTiming(5000, 5, 40_000)).toEqual({ intervalSeconds: 5, missedReplies: 13 });
  });

  it('raises the interval instead when the missed replies would pass 1000', () => {
    expect(suggestTiming(1000, 900, 1000)).toEqual({ intervalSeconds: 2, missedReplies: 1000 });
  });

  it('keeps only the outages inside the window', () => {
    const rule = { count: 2, windowMs: 10_000 };
    let outages = recordOutage([], { from: 0, to: 1000, worst: 'yellow' }, rule);
    outages = recordOutage(outages, { from: 5000, to: 8000, worst: 'red' }, rule);
    outages = recordOutage(outages, { from: 19_000, to: 20_000, worst: 'vetoed' }, rule);
    expect(outages.map((o) => o.to)).toEqual([20_000]);
  });

  it('reports nothing below the count', () => {
    const timing = { intervalMs: 2000, missedReplies: 3 };
    const two = [
      { from: 0, to: 4000, worst: 'yellow' as const },
      { from: 10_000, to: 14_000, worst: 'yellow' as const },
    ];
    expect(flappingReport(two, 20_000, timing)).toBeUndefined();
    const report = flappingReport([...two, { from: 20_000, to: 29_000, worst: 'vetoed' }], 30_000, timing);
    expect(report?.count).toBe(3);
    expect(report?.longestSilenceSeconds).toBe(9);
    // max(12 s, 1.5 × 9 + 2 = 15.5 s) / 2 s → 8 missed replies.
    expect(report?.suggestedMissedReplies).toBe(8);
    expect(report?.suggestion).toContain('set the interval to 2 s and the missed replies to 8 (Time to Fail 16 s)');
  });
});
