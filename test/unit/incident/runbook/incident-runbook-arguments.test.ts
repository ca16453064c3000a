/**
 * The words of `exchange-ha incident failover|failback|resume|status` and the answers the command line gives the
 * runbook's questions (--yes, --at HH:MM, --reason).
 */
import { describe, expect, it } from 'vitest';
import { nextTimeOfDay, parseIncidentRunbook } from '../../../../src-main/cli/exchange-ha/incident-runbook-arguments';
import { commandLineAnswers } from '../../../../src-main/cli/exchange-ha/incident-runbook-command';
import { UsageError } from '../../../../src-main/cli/usage-error';

const operator = { user: 'alice', host: 'ADMINWS', pid: 1 };

describe('parseIncidentRunbook', () => {
  it('reads each verb with its options, paths made absolute', () => {
    expect(parseIncidentRunbook('failover', ['--pair', 'p.json', '--lab', 'lab', '--yes', '--reason', ' source burnt '], {}, '/w')).toEqual({
      verb: 'failover',
      pair: '/w/p.json',
      world: { kind: 'lab', folder: '/w/lab' },
      dryRun: false,
      yes: true,
      reason: 'source burnt',
      json: false,
    });
    expect(parseIncidentRunbook('failback', ['--pair', 'p.json', '--lab', 'lab', '--yes', '--at', '22:30', '--json'], {}, '/w')).toMatchObject({ downtimeAt: { hours: 22, minutes: 30 }, json: true });
    expect(parseIncidentRunbook('status', ['--pair', 'p.json'], {}, '/w')).toEqual({ verb: 'status', pair: '/w/p.json', dryRun: false, yes: false, json: false });
  });

  it('names every bad word in one message', () => {
    const bad = (): unknown => parseIncidentRunbook('failback', ['--at', '7:61'], {}, '/w');
    expect(bad).toThrow(UsageError);
    expect(bad).toThrow(/needs --pair FILE[\s\S]*needs --lab DIR[\s\S]*"7:61" is not a time of day HH:MM[\s\S]*add --yes/);
    expect(() => parseIncidentRunbook('status', ['--pair', 'p', '--yes'], {}, '/w')).toThrow('--yes (argument 5) is not an option of incident status');
    expect(() => parseIncidentRunbook('failover', ['--pair', 'p', '--lab', 'l', '--profile', 'f'], {}, '/w')).toThrow(/name two worlds/);
  });
});

describe('commandLineAnswers', () => {
  const now = new Date(2026, 11, 8, 21, 0, 0);

  it('declines everything without --yes', async () => {
    const answer = commandLineAnswers(parseIncidentRunbook('failover', ['--pair', 'p', '--lab', 'l'], {}, '/w'), operator, () => now);
    expect(await answer({ kind: 'intervention', text: '?' })).toMatchObject({ kind: 'declined', note: expect.stringContaining('--yes') });
  });

  it('accepts with --yes; the downtime first at --at, then accepted when asked again; the guard only with --reason', async () => {
    const answer = commandLineAnswers(parseIncidentRunbook('failback', ['--pair', 'p', '--lab', 'l', '--yes', '--at', '22:30'], {}, '/w'), operator, () => now);
    expect(await answer({ kind: 'downtime', text: '?' })).toEqual({ kind: 'scheduled', by: 'alice@ADMINWS (command line)', at: new Date(2026, 11, 8, 22, 30).toISOString() });
    expect(await answer({ kind: 'downtime', text: '?' })).toMatchObject({ kind: 'accepted' });
    expect(await answer({ kind: 'guard', text: '?' })).toMatchObject({ kind: 'declined', note: expect.stringContaining('--reason') });
    const reasoned = commandLineAnswers(parseIncidentRunbook('failover', ['--pair', 'p', '--lab', 'l', '--yes', '--reason', 'again'], {}, '/w'), operator, () => now);
    expect(await reasoned({ kind: 'guard', text: '?' })).toMatchObject({ kind: 'accepted', note: 'again' });
  });

  it('takes a time of day that has passed as tomorrow', () => {
    expect(nextTimeOfDay(now, { hours: 20, minutes: 0 })).toEqual(new Date(2026, 11, 9, 20, 0));
    expect(nextTimeOfDay(now, { hours: 21, minutes: 0 })).toEqual(now);
  });
});
