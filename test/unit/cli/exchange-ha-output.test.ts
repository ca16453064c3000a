import { describe, expect, it } from 'vitest';
import {
  failedChecks,
  formatAction,
  formatCheck,
  formatLogLine,
  formatPlan,
  formatProgress,
  formatVerification,
  planTotals,
  stepHeading,
} from '../../../src-main/cli/exchange-ha/setup-output';
import type { StepPlan } from '../../../src-main/contract/steps';
import { findCatalogueEntry, type CatalogueEntry } from '../../../src-main/setup/step-catalogue';

function entry(id: string): CatalogueEntry {
  const found = findCatalogueEntry(id);
  if (found === undefined) throw new Error(`no step ${id}`);
  return found;
}

const IP_LINE = 'cluster SRCCLUS resource "Exchange IP Address" /create /group:"Exchange Group" /type:"IP Address"';
const DTCL = 'LOGIN SRC1 Administrator ********\nSET AutoReconnect 0';

const DIGESTS = { pairDigest: 'b'.repeat(64), digest: 'a'.repeat(64) };

const PLAN: StepPlan = {
  ...DIGESTS,
  stepId: '4.2.2',
  actions: [
    { tool: 'cluster', target: 'SRCCLUS', command: IP_LINE, description: 'Create the IP Address resource', needed: true },
    { tool: 'dtcl', target: 'SRC1', command: DTCL, description: 'Turn off auto-reconnect', needed: false },
  ],
  warnings: ['The network "Public" is also used by the cluster itself.'],
  findings: ['SRCCLUS has the network Public (10.0.0.0/24).'],
};

describe('plan text', () => {
  it('a heading with the guide number and title', () => {
    expect(stepHeading(entry('4.2.2'))).toBe('4.2.2  Create the Exchange IP Address resource');
  });

  it('each change: marker, target, description, then every command line indented', () => {
    expect(formatAction(PLAN.actions[0]!)).toEqual([`  [needed]   SRCCLUS: Create the IP Address resource`, `      ${IP_LINE}`]);
    expect(formatAction(PLAN.actions[1]!)).toEqual([
      '  [in place] SRC1: Turn off auto-reconnect',
      '      LOGIN SRC1 Administrator ********',
      '      SET AutoReconnect 0',
    ]);
  });

  it('the whole step in order: heading, changes, warnings, findings', () => {
    expect(formatPlan(entry('4.2.2'), PLAN)).toEqual([
      '4.2.2  Create the Exchange IP Address resource',
      '  [needed]   SRCCLUS: Create the IP Address resource',
      `      ${IP_LINE}`,
      '  [in place] SRC1: Turn off auto-reconnect',
      '      LOGIN SRC1 Administrator ********',
      '      SET AutoReconnect 0',
      '  Warning: The network "Public" is also used by the cluster itself.',
      '  Finding: SRCCLUS has the network Public (10.0.0.0/24).',
    ]);
  });

  it('a step without changes says why: done by hand, or nothing to make', () => {
    const empty: StepPlan = { stepId: '3', actions: [], warnings: [], findings: [], ...DIGESTS };
    expect(formatPlan(entry('3'), empty)[1]).toBe('  Done by hand: the program runs nothing for this step.');
    expect(formatPlan(entry('4.1'), { ...empty, stepId: '4.1' })[1]).toBe('  No change to make.');
  });

  it('totals count only the needed changes and the steps holding them', () => {
    expect(planTotals([PLAN, PLAN, { ...PLAN, actions: [] }])).toBe('2 changes needed in 2 steps.');
    expect(planTotals([{ ...PLAN, actions: [PLAN.actions[0]!] }])).toBe('1 change needed in 1 step.');
    expect(planTotals([{ ...PLAN, actions: [PLAN.actions[1]!] }])).toBe('Nothing needed: every planned change is in place.');
  });
});

describe('checks and apply progress', () => {
  const verification = {
    stepId: '4.2.2',
    ok: false,
    at: '2026-01-01T00:00:00.000Z',
    checks: [
      { what: 'Exchange IP Address is on SRCCLUS', ok: true, detail: 'Address 10.0.0.20' },
      { what: 'Exchange IP Address is online', ok: false, detail: 'found Offline' },
      { what: 'Depends on nothing', ok: false },
    ],
  };

  it('each check with ok or FAIL, what, and what was found', () => {
    expect(formatVerification(entry('4.2.2'), verification)).toEqual([
      '4.2.2  Create the Exchange IP Address resource',
      '  ok    Exchange IP Address is on SRCCLUS (Address 10.0.0.20)',
      '  FAIL  Exchange IP Address is online: found Offline',
      '  FAIL  Depends on nothing',
    ]);
    expect(formatCheck({ what: 'x', ok: true })).toBe('  ok    x');
  });

  it('a verification without checks fails visibly', () => {
    expect(formatVerification(entry('4.1'), { ...verification, checks: [] })).toContain('  FAIL  the step has no check to make');
    expect(failedChecks({ ...verification, checks: [] })).toBe('no check was made');
  });

  it('the failed checks in one line for the stop message', () => {
    expect(failedChecks(verification)).toBe('Exchange IP Address is online (found Offline); Depends on nothing');
  });

  it('log lines are indented, warnings and errors labelled, a script keeps its lines together', () => {
    expect(formatLogLine('info', `SRCCLUS: ${IP_LINE}`)).toEqual([`    SRCCLUS: ${IP_LINE}`]);
    expect(formatLogLine('warn', 'odd')).toEqual(['    Warning: odd']);
    expect(formatLogLine('error', 'refused')).toEqual(['    Error: refused']);
    expect(formatLogLine('info', `SRC1: ${DTCL}`)).toEqual(['    SRC1: LOGIN SRC1 Administrator ********', '      SET AutoReconnect 0']);
    expect(formatProgress(0.5, 'Create the IP Address resource')).toBe('  > Create the IP Address resource [50%]');
  });
});
