import { describe, expect, it } from 'vitest';
import type { ServerInfo, StoreInfo } from '../../../../src-main/failover/topology';
import { isOnGroupStorage, misplacedDatabases } from '../../../../src-main/setup/steps/exchange/database-placement';
import { configLines, exchangeConfigOf, readRecordedConfig } from '../../../../src-main/setup/steps/exchange/exchange-config';

const SERVER_DN = 'CN=EXCHVS,CN=Servers,CN=First Administrative Group,CN=Administrative Groups,CN=Org,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=lab,DC=local';
const groupDn = (name: string): string => `CN=${name},CN=InformationStore,${SERVER_DN}`;

function storeInfo(group: string, name: string, edbFile: string | undefined, kind: StoreInfo['kind'] = 'mailbox'): StoreInfo {
  const dn = `CN=${name},${groupDn(group)}`;
  return {
    dn,
    key: dn.toLowerCase(),
    name,
    group,
    groupDn: groupDn(group),
    kind,
    edbFile,
    databaseFile: edbFile?.split('\\').at(-1),
    patchFlag: [],
    homePublicMdb: [],
    serverKey: SERVER_DN.toLowerCase(),
  };
}

function server(groups: readonly string[], stores: readonly StoreInfo[]): ServerInfo {
  return {
    dn: SERVER_DN,
    key: SERVER_DN.toLowerCase(),
    name: 'EXCHVS',
    legacyExchangeDn: undefined,
    mtaDn: undefined,
    groups: groups.map((name) => ({ dn: groupDn(name).replace('CN=InformationStore', 'cn=informationstore'), name })),
    stores,
    computer: undefined,
    hostName: 'exchvs.lab.local',
  };
}

describe('exchangeConfigOf', () => {
  it('groups the stores under their storage groups (DNs compared normalised), sorted by name, groups without stores kept', () => {
    const config = exchangeConfigOf(
      server(
        ['Indy', 'Empty', 'Boston'],
        [storeInfo('Indy', 'Sales', 'E:\\Exchsrvr\\Indy\\Sales.edb'), storeInfo('Boston', 'Sales', ''), storeInfo('Indy', 'Archive', 'E:\\Exchsrvr\\Indy\\Arch.edb', 'public')],
      ),
    );
    expect(config).toEqual({
      server: 'EXCHVS',
      storageGroups: [
        { name: 'Boston', stores: [{ name: 'Sales', kind: 'mailbox', edbFile: null, databaseFile: null }] },
        { name: 'Empty', stores: [] },
        {
          name: 'Indy',
          stores: [
            { name: 'Archive', kind: 'public', edbFile: 'E:\\Exchsrvr\\Indy\\Arch.edb', databaseFile: 'Arch.edb' },
            { name: 'Sales', kind: 'mailbox', edbFile: 'E:\\Exchsrvr\\Indy\\Sales.edb', databaseFile: 'Sales.edb' },
          ],
        },
      ],
    });
    expect(configLines(config)).toEqual([
      'Boston / Sales: mailbox, (no database file path)',
      'Empty: (no stores)',
      'Indy / Archive: public, E:\\Exchsrvr\\Indy\\Arch.edb',
      'Indy / Sales: mailbox, E:\\Exchsrvr\\Indy\\Sales.edb',
    ]);
  });

  it('lists a store whose parent is not a known storage group under its parent name', () => {
    const config = exchangeConfigOf(server([], [storeInfo('Orphans', 'Lost', 'E:\\lost.edb')]));
    expect(config.storageGroups.map((g) => [g.name, g.stores.map((s) => s.name)])).toEqual([['Orphans', ['Lost']]]);
  });
});

describe('readRecordedConfig', () => {
  it('reads back what was recorded, and says where a hand-edited recording is wrong', () => {
    const recorded = { server: 'EXCHVS', recordedAt: '2026-11-25T03:00:00.000Z', storageGroups: [{ name: 'Indy', stores: [] }] };
    expect(readRecordedConfig(recorded)).toEqual({ config: recorded });
    expect(readRecordedConfig(undefined)).toBeUndefined();
    const broken = readRecordedConfig({ ...recorded, storageGroups: [{ name: 'Indy', stores: [{ name: 'Sales', kind: 'other', edbFile: null, databaseFile: null }] }] });
    expect(broken).toEqual({ problem: expect.stringMatching(/at storageGroups\.0\.stores\.0\.kind/) });
  });
});

describe('database placement', () => {
  const storage = { dataPath: 'E:\\Exchsrvr\\', drives: ['F'] };

  it('accepts a path under the data path or on a group drive, case-insensitively, and nothing else', () => {
    expect(isOnGroupStorage('e:\\EXCHSRVR\\mdbdata\\priv1.edb', storage)).toBe(true);
    expect(isOnGroupStorage('F:\\Data\\x.edb', storage)).toBe(true);
    expect(isOnGroupStorage('E:\\Exchsrvr2\\x.edb', storage)).toBe(false);
    expect(isOnGroupStorage('E:\\Other\\x.edb', storage)).toBe(false);
    expect(isOnGroupStorage('G:\\x.edb', { dataPath: 'E:\\Exchsrvr', drives: ['G:'] })).toBe(true);
  });

  it('reports stores without a path or off the group storage', () => {
    const config = {
      server: 'EXCHVS',
      storageGroups: [
        {
          name: 'G',
          stores: [
            { name: 'A', kind: 'mailbox' as const, edbFile: 'E:\\Exchsrvr\\a.edb', databaseFile: 'a.edb' },
            { name: 'B', kind: 'mailbox' as const, edbFile: 'C:\\b.edb', databaseFile: 'b.edb' },
            { name: 'C', kind: 'public' as const, edbFile: null, databaseFile: null },
          ],
        },
      ],
    };
    expect(misplacedDatabases(config, storage)).toEqual([
      { group: 'G', store: 'B', edbFile: 'C:\\b.edb' },
      { group: 'G', store: 'C', edbFile: null },
    ]);
  });
});
