import { describe, expect, it } from 'vitest';
import type { ReplicationRule } from '../../../../src-main/lab/doubletake/doubletake-state';
import { replicationSetNameProblem, withoutRule, withRule } from '../../../../src-main/lab/doubletake/replication-set-rules';

const rule = (path: string, mode: 'include' | 'exclude' = 'include', recursive = true): ReplicationRule => ({ path, mode, recursive });

describe('replication set rules', () => {
  it('adds a rule with its path normalised, and replaces the rule for the same path', () => {
    const one = withRule([], rule('e:/exchsrvr/'));
    expect(one).toEqual([rule('E:\\exchsrvr')]);
    const replaced = withRule(one, rule('E:\\EXCHSRVR', 'exclude', false));
    expect(replaced).toEqual([rule('E:\\EXCHSRVR', 'exclude', false)]);
    expect(withRule(replaced, rule('E:\\Other'))).toHaveLength(2);
  });

  it('removes a rule by path, case-insensitively, and says when there is none', () => {
    expect(withoutRule([rule('E:\\Exchsrvr'), rule('F:\\Logs')], 'e:\\exchsrvr')).toEqual([rule('F:\\Logs')]);
    expect(withoutRule([rule('E:\\Exchsrvr')], 'E:\\Other')).toBeUndefined();
  });

  it('accepts names that DTCL can write, and says why others are refused', () => {
    expect(replicationSetNameProblem('Exchange Data')).toBeUndefined();
    expect(replicationSetNameProblem('')).toMatch(/empty/);
    expect(replicationSetNameProblem('a"b')).toMatch(/double quote/);
    expect(replicationSetNameProblem('a\nb')).toMatch(/control/);
    expect(replicationSetNameProblem(' Exchange')).toMatch(/space/);
  });
});
