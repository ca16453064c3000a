import { describe, expect, it } from 'vitest';
import { failbackGuard, FailbackGuardInputError } from '../../../../src-main/incident/failback-runbook/failback-guard';

const END = '2026-11-25T04:00:00.000Z';
const at = (minutes: number): Date => new Date(Date.parse(END) + minutes * 60_000);

describe('failbackGuard: a failover soon after a failback asks for a reason', () => {
  it('is clear with no failback before, after the guard period, and with a guard of 0', () => {
    expect(failbackGuard(undefined, at(1), 60)).toEqual({ kind: 'clear' });
    expect(failbackGuard(END, at(60), 60)).toEqual({ kind: 'clear' });
    expect(failbackGuard(END, at(61), 60)).toEqual({ kind: 'clear' });
    expect(failbackGuard(END, at(1), 0)).toEqual({ kind: 'clear' });
  });

  it('asks inside the period, saying when the failback ended, the period and the field', () => {
    const guard = failbackGuard(new Date(END), new Date(Date.parse(END) + 10 * 60_000 + 30_000), 60);
    expect(guard).toEqual({
      kind: 'reason-needed',
      minutesLeft: 50,
      question: {
        kind: 'guard',
        text:
          'A failback ended 10 min ago (at 2026-11-25T04:00:00.000Z), within the guard period of 60 min (incident.guardMinutes). ' +
          'Failing over again so soon is often a flapping source or a mistake: give the reason for this failover to go on.',
      },
    });
    expect(failbackGuard(END, at(59.99), 60)).toMatchObject({ kind: 'reason-needed', minutesLeft: 1 });
  });

  it('takes a failback that ended after now (a clock set back) as just now', () => {
    expect(failbackGuard(END, at(-5), 60)).toMatchObject({ kind: 'reason-needed', minutesLeft: 65, question: { text: expect.stringContaining('ended 0 min ago') as string } });
  });

  it('refuses a time that is not one and a negative period, naming the argument', () => {
    expect(() => failbackGuard('yesterday', at(0), 60)).toThrow(new FailbackGuardInputError('failbackGuard: lastFailbackEnd is not a date and time (yesterday).'));
    expect(() => failbackGuard(END, new Date(Number.NaN), 60)).toThrow(/now is not a date and time/);
    expect(() => failbackGuard(END, at(0), -1)).toThrow(new FailbackGuardInputError('failbackGuard: guardMinutes must be 0 or more, not -1.'));
  });
});
