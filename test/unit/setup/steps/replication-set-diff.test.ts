import { describe, expect, it } from 'vitest';
import type { DoubleTakeRule, ReplicationSetInfo } from '../../../../src-main/doubletake/port';
import {
  caseVariants,
  compareReplicationRules,
  describeDifference,
  manualAction,
} from '../../../../src-main/setup/steps/doubletake/replication-set-diff';

const rule = (path: string, mode: DoubleTakeRule['mode'] = 'include', recursive = true): DoubleTakeRule => ({ path, mode, recursive });

describe('replication set rules against the pair document, rule by rule', () => {
  it('compares regardless of order and path case; each difference is missing, extra or conflicting', () => {
    // (Was the lab's compareRules test; one comparison now serves the setup step and nothing else needs another.)
    expect(compareReplicationRules([rule('E:\\A'), rule('E:\\B', 'exclude')], [rule('e:\\b', 'exclude'), rule('E:\\a')])).toEqual([]);
    expect(compareReplicationRules([rule('E:\\A'), rule('E:\\B')], [rule('E:\\A', 'include', false), rule('E:\\C')])).toEqual([
      { kind: 'conflicting', wanted: rule('E:\\A'), found: rule('E:\\A', 'include', false) },
      { kind: 'missing', rule: rule('E:\\B') },
      { kind: 'extra', rule: rule('E:\\C') },
    ]);
  });

  it('finds nothing when the rules match, whatever the order and the spelling of the paths', () => {
    expect(compareReplicationRules([rule('E:\\Exchsrvr'), rule('F:\\Logs', 'exclude')], [rule('f:\\logs\\', 'exclude'), rule('e:/EXCHSRVR')])).toEqual([]);
  });

  it('tells missing, extra and conflicting rules apart', () => {
    const differences = compareReplicationRules(
      [rule('E:\\Exchsrvr'), rule('E:\\Exchsrvr\\Temp', 'exclude'), rule('F:\\Logs')],
      [rule('E:\\Exchsrvr', 'include', false), rule('F:\\Logs'), rule('G:\\Other', 'exclude', false)],
    );
    expect(differences).toEqual([
      { kind: 'conflicting', wanted: rule('E:\\Exchsrvr'), found: rule('E:\\Exchsrvr', 'include', false) },
      { kind: 'missing', rule: rule('E:\\Exchsrvr\\Temp', 'exclude') },
      { kind: 'extra', rule: rule('G:\\Other', 'exclude', false) },
    ]);
    expect(differences.map((d) => describeDifference('SRC2', d))).toEqual([
      'SRC2: rule E:\\Exchsrvr include non-recursive conflicts with the pair document\'s E:\\Exchsrvr include recursive',
      'SRC2: rule E:\\Exchsrvr\\Temp exclude recursive is missing',
      'SRC2: extra rule G:\\Other exclude non-recursive is not in the pair document',
    ]);
  });

  it('gives a manual action only for what the step cannot fix', () => {
    const [conflict, missing, extra] = compareReplicationRules(
      [rule('E:\\Exchsrvr'), rule('E:\\Temp')],
      [rule('E:\\Exchsrvr', 'exclude'), rule('G:\\Other')],
    );
    expect(missing && manualAction('SRC1', 'Exchange', missing)).toBeUndefined();
    expect(extra && manualAction('SRC1', 'Exchange', extra)).toContain('REPSET RULE REMOVE "G:\\Other" FROM Exchange;');
    expect(conflict && manualAction('SRC1', 'Exchange', conflict)).toContain('REPSET RULE REMOVE "E:\\Exchsrvr" FROM Exchange;');
  });

  it('names the sets whose names differ only by case', () => {
    const set = (name: string): ReplicationSetInfo => ({ name, rules: [], unsavedChanges: false });
    expect(caseVariants([set('Exchange'), set('exchange'), set('EXCHANGE'), set('Other')], 'Exchange')).toEqual(['exchange', 'EXCHANGE']);
  });
});
