import { describe, expect, it } from 'vitest';
import { conflictsOf } from '../../../src-main/failover/apply-change-set';
import { type ChangeSet, changeIsDone, changeIsExpected, modifyOf, reversed } from '../../../src-main/failover/change-set';

const USER = 'CN=Anna Smith,OU=Users,DC=lab,DC=local';
const OLD = 'CN=Sales,CN=Indy,CN=InformationStore,CN=EXCHVS,DC=lab,DC=local';
const NEW = 'CN=Sales,CN=Indy,CN=InformationStore,CN=EXCHVS-DR,DC=lab,DC=local';

const move: ChangeSet = {
  phase: 'mailboxes',
  dn: USER,
  changes: [
    { phase: 'mailboxes', dn: USER, attribute: 'homeMDB', before: [OLD], after: [NEW], why: 'moves' },
    { phase: 'mailboxes', dn: USER, attribute: 'msExchHomeServerName', before: ['/o=Org/cn=EXCHVS'], after: ['/o=Org/cn=EXCHVS-DR'], why: 'moves' },
  ],
};

const found = (entries: Record<string, string[]>): Map<string, string[]> => new Map(Object.entries(entries).map(([key, value]) => [key.toLowerCase(), value]));

describe('change sets', () => {
  it('write a compare-and-set: delete what was read, add what is wanted, in one modify', () => {
    expect(modifyOf(move)).toEqual([
      { operation: 'delete', attribute: 'homeMDB', values: [OLD] },
      { operation: 'add', attribute: 'homeMDB', values: [NEW] },
      { operation: 'delete', attribute: 'msExchHomeServerName', values: ['/o=Org/cn=EXCHVS'] },
      { operation: 'add', attribute: 'msExchHomeServerName', values: ['/o=Org/cn=EXCHVS-DR'] },
    ]);
  });

  it('add only when the attribute was absent, and move SPNs value by value', () => {
    const spn: ChangeSet = {
      phase: 'spn',
      dn: 'CN=EXCHVS-DR',
      changes: [{ phase: 'spn', dn: 'CN=EXCHVS-DR', attribute: 'servicePrincipalName', before: [], after: ['SMTP/EXCHVS'], why: '' }],
    };
    expect(modifyOf(spn)).toEqual([{ operation: 'add', attribute: 'servicePrincipalName', values: ['SMTP/EXCHVS'] }]);
    const [change] = spn.changes;
    if (change === undefined) throw new Error('no change');
    expect(changeIsDone(change, found({ servicePrincipalName: ['HOST/x', 'smtp/exchvs'] }))).toBe(true);
    expect(changeIsExpected(change, found({ servicePrincipalName: ['HOST/x'] }))).toBe(true);
    expect(changeIsDone(change, found({ servicePrincipalName: ['HOST/x'] }))).toBe(false);
  });

  it('compare DNs as DNs and strings case-insensitively when telling done from conflict', () => {
    const [homeMdb, server] = move.changes;
    if (homeMdb === undefined || server === undefined) throw new Error('no change');
    const slapdForm = found({ homeMDB: [NEW.replace(/CN=/g, 'cn=').replace(/,/g, ', ')], msExchHomeServerName: ['/O=ORG/CN=EXCHVS-DR'] });
    expect(changeIsDone(homeMdb, slapdForm)).toBe(true);
    expect(changeIsDone(server, slapdForm)).toBe(true);
    const elsewhere = found({ homeMDB: ['CN=Other Store,DC=lab,DC=local'], msExchHomeServerName: ['/o=Org/cn=EXCHVS'] });
    expect(conflictsOf(move, elsewhere)).toEqual([{ dn: USER, attribute: 'homeMDB', expected: [OLD], found: ['CN=Other Store,DC=lab,DC=local'] }]);
    expect(conflictsOf(move, undefined)).toHaveLength(2);
  });

  it('reverse for undo', () => {
    expect(reversed(move, 'undo').changes.map((change) => [change.before, change.after, change.why])).toEqual([
      [[NEW], [OLD], 'undo'],
      [['/o=Org/cn=EXCHVS-DR'], ['/o=Org/cn=EXCHVS'], 'undo'],
    ]);
  });
});
