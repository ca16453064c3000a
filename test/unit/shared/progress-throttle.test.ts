import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../src-main/contract/channels';
import { createProgressThrottle } from '../../../src-main/shared/progress-throttle';
import { manualTimers } from '../electron/fakes';

const p = (jobId: string, value: number): JobEvent => ({ jobId, kind: 'progress', value, title: `at ${value}` }) as JobEvent;
const log = (jobId: string, line: string): JobEvent => ({ jobId, kind: 'log', level: 'info', line });
const values = (events: JobEvent[]) => events.map((e) => (e.kind === 'progress' ? e.value : e.line));

function setup() {
  const sent: JobEvent[] = [];
  const clock = manualTimers();
  const throttle = createProgressThrottle((e) => sent.push(e), 100, clock.timers);
  return { sent, clock, throttle };
}

describe('createProgressThrottle', () => {
  it('sends the first progress at once', () => {
    const { sent, throttle } = setup();
    throttle.push(p('job-aaaaaaaa', 0.1));
    expect(values(sent)).toEqual([0.1]);
  });

  it('sends at most one progress per 100 ms, the latest one when the interval ends', () => {
    const { sent, clock, throttle } = setup();
    throttle.push(p('job-aaaaaaaa', 0.1));
    for (let i = 2; i <= 9; i += 1) {
      clock.advance(10);
      throttle.push(p('job-aaaaaaaa', i / 10));
    }
    expect(values(sent)).toEqual([0.1]);
    clock.advance(20); // t = 100
    expect(values(sent)).toEqual([0.1, 0.9]);
    clock.advance(1000);
    expect(values(sent)).toEqual([0.1, 0.9]);
  });

  it('over a long run sends no two progress events of one job closer than 100 ms', () => {
    const sent: Array<{ at: number; event: JobEvent }> = [];
    const clock = manualTimers();
    const throttle = createProgressThrottle((event) => sent.push({ at: clock.timers.now(), event }), 100, clock.timers);
    for (let i = 0; i < 1000; i += 1) {
      throttle.push(p('job-aaaaaaaa', i / 1000));
      clock.advance(7);
    }
    clock.advance(200);
    for (let i = 1; i < sent.length; i += 1) expect((sent[i]?.at ?? 0) - (sent[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(100);
    expect(sent.length).toBeGreaterThan(60);
    expect(sent.at(-1)?.event).toMatchObject({ value: 0.999 });
  });

  it('always delivers the last progress at flush (the job ended)', () => {
    const { sent, clock, throttle } = setup();
    throttle.push(p('job-aaaaaaaa', 0.1));
    throttle.push(p('job-aaaaaaaa', 0.5));
    throttle.push(p('job-aaaaaaaa', 1));
    throttle.flush();
    expect(values(sent)).toEqual([0.1, 1]);
    expect(clock.pendingCount()).toBe(0);
    clock.advance(1000);
    expect(values(sent)).toEqual([0.1, 1]);
  });

  it('throttles each job on its own', () => {
    const { sent, throttle } = setup();
    throttle.push(p('job-aaaaaaaa', 0.1));
    throttle.push(p('job-bbbbbbbb', 0.2));
    throttle.push(p('job-aaaaaaaa', 0.3));
    expect(values(sent)).toEqual([0.1, 0.2]);
  });

  it('never drops a log line and keeps it after the progress held back before it', () => {
    const { sent, throttle } = setup();
    throttle.push(p('job-aaaaaaaa', 0.1));
    throttle.push(p('job-aaaaaaaa', 0.2));
    throttle.push(log('job-aaaaaaaa', 'cluster group "Exchange" created'));
    throttle.push(log('job-aaaaaaaa', 'resource online'));
    expect(values(sent)).toEqual([0.1, 0.2, 'cluster group "Exchange" created', 'resource online']);
  });

  it('sends a progress at once when the interval has already passed', () => {
    const { sent, clock, throttle } = setup();
    throttle.push(p('job-aaaaaaaa', 0.1));
    clock.advance(150);
    throttle.push(p('job-aaaaaaaa', 0.2));
    expect(values(sent)).toEqual([0.1, 0.2]);
  });
});
