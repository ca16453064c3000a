import { describe, expect, it } from 'vitest';
import { dnsDomainOf, domainContexts, fileNameOf, sameName } from '../../../src-main/failover/discovery';
import { exchangeSpnsOf } from '../../../src-main/failover/plan-spn';
import { exchangeSpns } from '../../../src-main/lab/directory/exchange-seed';

describe('discovery helpers', () => {
  it('takes the database file name without its path', () => {
    expect(fileNameOf('E:\\Exchsrvr\\Indy\\Sales.edb')).toBe('Sales.edb');
    expect(fileNameOf('/data/priv1.edb')).toBe('priv1.edb');
    expect(fileNameOf('priv1.edb')).toBe('priv1.edb');
  });

  it('searches the domain naming contexts, not the configuration, schema or DNS partitions, each once', () => {
    expect(
      domainContexts({
        defaultNamingContext: 'DC=lab,DC=local',
        configurationNamingContext: 'CN=Configuration,DC=lab,DC=local',
        namingContexts: [
          'dc=lab,dc=local',
          'CN=Configuration,DC=lab,DC=local',
          'CN=Schema,CN=Configuration,DC=lab,DC=local',
          'DC=DomainDnsZones,DC=lab,DC=local',
          'DC=ForestDnsZones,DC=lab,DC=local',
          'DC=other,DC=example',
        ],
      }),
    ).toEqual(['DC=lab,DC=local', 'DC=other,DC=example']);
  });

  it('derives the DNS domain and compares names as Active Directory does', () => {
    expect(dnsDomainOf('DC=Lab,DC=Local')).toBe('lab.local');
    expect(sameName('exchvs-dr', ' EXCHVS-DR ')).toBe(true);
  });

  it("derives the same Exchange SPNs the lab's seed gives a virtual server", () => {
    expect(exchangeSpnsOf('EXCHVS', 'exchvs.lab.local')).toEqual(exchangeSpns('EXCHVS'));
  });
});
