import { describe, expect, it } from 'vitest';
import { failbackRunbook } from '../../../../src-main/incident/failback-runbook/failback-runbook';

describe('the failback runbook', () => {
  it('lists the guide\'s section 8 steps in order', () => {
    expect(failbackRunbook().kind).toBe('failback');
    expect(failbackRunbook().steps.map((s) => [s.id, s.guide])).toEqual([
      ['source-node-up', '8 step 1'],
      ['reverse-replication-set', '8 step 2'],
      ['reverse-source-connection', '8 step 3'],
      ['mirror', '8 steps 4-5'],
      ['downtime', '8 step 6'],
      ['target-exchange-offline', '8 step 6'],
      ['queue-drained', '8 step 7'],
      ['source-connection-offline', '8 step 8'],
      ['exchfailover-setup-failback', '8 step 9b'],
      ['source-online', '8 step 9c'],
      ['exchfailover-failback', '8 step 9d'],
      ['mailboxes-open', '8 step 9'],
    ]);
  });
});
