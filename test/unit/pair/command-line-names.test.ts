import { describe, expect, it } from 'vitest';
import { clusterExeCommandLine } from '../../../src-main/cluster/cluster-exe-argv';
import { clusterObjectNameProblem, descriptionProblem, replicationSetNameProblem } from '../../../src-main/pair';
import { problemsAfter } from './pair-test-helpers';

/**
 * The pair document refuses names a cluster.exe line pasted into cmd.exe could not carry plainly: a name cluster.exe
 * would read as a switch, a double quote, a percent sign (cmd.exe expands %NAME%), a curly double quote (the console
 * turns it into a double quote on paste) or a control character. Each problem is reported at its field.
 */
describe('pair document: names that go on cluster.exe command lines', () => {
  it.each<[string, (name: string) => (d: Parameters<Parameters<typeof problemsAfter>[0]>[0]) => void]>([
    ['source.group.name', (name) => (d) => {
      d.source.group.name = name;
    }],
    ['target.ipAddress.resourceName', (name) => (d) => {
      d.target.ipAddress.resourceName = name;
    }],
    ['source.physicalDisks[0].resourceName', (name) => (d) => {
      d.source.physicalDisks[0]!.resourceName = name;
    }],
    ['source.sourceConnection.resourceName', (name) => (d) => {
      d.source.sourceConnection.resourceName = name;
    }],
    ['target.replicationIpAddress.network', (name) => (d) => {
      d.target.replicationIpAddress.network = name;
    }],
  ])('refuses at %s a name beginning with / or -, naming the switch', (field, set) => {
    expect(problemsAfter(set('/delete'))).toEqual({ [field]: expect.stringMatching(/^'\/delete' begins with '\/', which cluster\.exe reads as a switch/) });
    expect(problemsAfter(set('-Exchange'))).toEqual({ [field]: expect.stringMatching(/^'-Exchange' begins with '-', which cluster\.exe reads as a switch/) });
    expect(problemsAfter(set('\u2013Exchange'))).toEqual({ [field]: expect.stringMatching(/console turns into '-'/) });
  });

  it.each([
    ['X" & calc.exe & rem "', /contains '"', which cluster\.exe uses to quote names/],
    ['50% Group', /contains '%', which cmd\.exe expands/],
    ['%PATH%', /contains '%'/],
    ['Exchange \u201cmain\u201d', /curly quote \u201c, which the console turns into '"'/],
    ['Exchange\nGroup', /control character/],
    ['Exchange\u007fGroup', /control character/],
  ])('refuses the group name %j', (name, message) => {
    expect(problemsAfter((d) => {
      d.source.group.name = name;
    })).toEqual({ 'source.group.name': expect.stringMatching(message) });
  });

  it('refuses a node name beginning with -, which the computer name rule lets through', () => {
    expect(problemsAfter((d) => {
      d.target.cluster.nodes[1]!.name = '-TGT2';
    })).toEqual({ 'target.cluster.nodes[1].name': expect.stringMatching(/^'-TGT2' begins with '-', which cluster\.exe reads as a switch/) });
  });

  it('refuses a cluster or virtual server name beginning with - (a NetBIOS name cannot) or holding /', () => {
    expect(problemsAfter((d) => {
      d.source.cluster.name = '-SRCCLUS';
    })).toEqual({ 'source.cluster.name': expect.stringMatching(/starts or ends with '-'/) });
    expect(problemsAfter((d) => {
      d.target.networkName.name = '/EXCHVS';
    })).toEqual({ 'target.networkName.name': expect.stringMatching(/contains '\/'/) });
  });

  it('refuses % and curly quotes in the replication set name, which the Source Connection resource carries', () => {
    expect(replicationSetNameProblem('Exchange 100%')).toMatch(/contains '%'/);
    expect(replicationSetNameProblem('Exchange \u201d')).toMatch(/curly quote/);
    expect(problemsAfter((d) => {
      d.replicationSet.name = '%Exchange%';
    })).toEqual({ 'replicationSet.name': expect.stringMatching(/contains '%'/) });
  });

  it('keeps % in a description (free text the line escapes) but refuses a curly quote', () => {
    expect(descriptionProblem('Exchange at 100%')).toBeUndefined();
    expect(descriptionProblem('the \u201cmain\u201d server')).toMatch(/curly quote/);
    expect(clusterExeCommandLine('SRCCLUS', { kind: 'group-set-description', group: 'Exchange Group', description: 'Exchange at 100%' })).toBe(
      'cluster SRCCLUS group "Exchange Group" /prop Description=^"Exchange at 100%^"',
    );
  });

  it('keeps the names the guide and the lab use', () => {
    for (const name of ['Exchange Group', 'Exchange IP Address', 'Disk E:', 'Double-Take Source Connection', 'Public', 'Net 1 (backup)', "Bob's group"]) {
      expect(clusterObjectNameProblem(name)).toBeUndefined();
    }
    expect(problemsAfter(() => undefined)).toEqual({});
  });
});
