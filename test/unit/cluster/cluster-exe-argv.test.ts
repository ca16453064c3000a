import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterExeArgv, clusterExeCommandLine, formatCommandLine, parseCommandLine } from '../../../src-main/cluster/cluster-exe-argv';
import { parseClusterExeArgs } from '../../../src-main/cluster/cluster-exe-invocation';
import type { ClusterCommand } from '../../../src-main/cluster/port';
import { runPastedLine } from '../../helpers/cmd-exe-model';

const line = (command: ClusterCommand): string => clusterExeCommandLine('SRCCLUS', command);

describe('cluster.exe command lines', () => {
  it.each<[ClusterCommand, string]>([
    [{ kind: 'group-create', group: 'Exchange Group' }, 'cluster SRCCLUS group "Exchange Group" /create'],
    [
      { kind: 'group-set-description', group: 'Exchange Group', description: 'Exchange virtual server' },
      'cluster SRCCLUS group "Exchange Group" /prop Description="Exchange virtual server"',
    ],
    [{ kind: 'group-online', group: 'Exchange Group' }, 'cluster SRCCLUS group "Exchange Group" /online'],
    [{ kind: 'group-online', group: 'Exchange Group', node: 'SRC2' }, 'cluster SRCCLUS group "Exchange Group" /online:SRC2'],
    [{ kind: 'group-offline', group: 'Exchange Group' }, 'cluster SRCCLUS group "Exchange Group" /offline'],
    [{ kind: 'group-move', group: 'Exchange Group', node: 'SRC2' }, 'cluster SRCCLUS group "Exchange Group" /moveto:SRC2'],
    [
      { kind: 'group-set-owners', group: 'Exchange Group', nodes: ['SRC1', 'SRC2'] },
      'cluster SRCCLUS group "Exchange Group" /setowners:SRC1,SRC2',
    ],
    [{ kind: 'group-delete', group: 'Exchange Group' }, 'cluster SRCCLUS group "Exchange Group" /delete'],
    [
      { kind: 'resource-create', resource: 'Exchange IP', group: 'Exchange Group', type: 'IP Address' },
      'cluster SRCCLUS res "Exchange IP" /create /group:"Exchange Group" /type:"IP Address"',
    ],
    [
      { kind: 'resource-set-description', resource: 'Exchange IP', description: '' },
      'cluster SRCCLUS res "Exchange IP" /prop Description=""',
    ],
    [
      {
        kind: 'resource-set-private',
        resource: 'Exchange IP',
        properties: { Address: '10.0.0.5', SubnetMask: '255.255.255.0', Network: 'Public', EnableNetBIOS: 0 },
      },
      'cluster SRCCLUS res "Exchange IP" /priv Address=10.0.0.5 SubnetMask=255.255.255.0 Network="Public" EnableNetBIOS=0',
    ],
    [
      { kind: 'resource-set-private', resource: 'Disk E:', properties: { Signature: 305441741 } },
      'cluster SRCCLUS res "Disk E:" /priv Signature=305441741',
    ],
    [
      { kind: 'resource-add-dependency', resource: 'Exchange Name', dependsOn: 'Exchange IP' },
      'cluster SRCCLUS res "Exchange Name" /adddep:"Exchange IP"',
    ],
    [
      { kind: 'resource-remove-dependency', resource: 'Exchange Name', dependsOn: 'Exchange IP' },
      'cluster SRCCLUS res "Exchange Name" /removedep:"Exchange IP"',
    ],
    [{ kind: 'resource-add-owner', resource: 'Exchange IP', node: 'SRC1' }, 'cluster SRCCLUS res "Exchange IP" /addowner:SRC1'],
    [{ kind: 'resource-remove-owner', resource: 'Exchange IP', node: 'SRC2' }, 'cluster SRCCLUS res "Exchange IP" /removeowner:SRC2'],
    [{ kind: 'resource-online', resource: 'Exchange IP' }, 'cluster SRCCLUS res "Exchange IP" /online'],
    [{ kind: 'resource-offline', resource: 'Exchange IP' }, 'cluster SRCCLUS res "Exchange IP" /offline'],
    [{ kind: 'resource-delete', resource: 'Exchange IP' }, 'cluster SRCCLUS res "Exchange IP" /delete'],
  ])('%j', (command, expected) => {
    expect(line(command)).toBe(expected);
    expect(parseCommandLine(expected)).toEqual(['cluster', ...clusterExeArgv('SRCCLUS', command)]);
  });

  it('escapes quotes and trailing backslashes inside quoted values, and carets what cmd.exe would read', () => {
    const command: ClusterCommand = {
      kind: 'resource-set-private',
      resource: 'SA "main"',
      properties: { DataPath: 'E:\\Exchsrvr\\', Note: 'say "hi"' },
    };
    const text = line(command);
    expect(text).toBe('cluster SRCCLUS res ^"SA \\^"main\\^"^" /priv DataPath="E:\\Exchsrvr\\\\" Note=^"say \\^"hi\\^"^"');
    expect(runPastedLine(text)).toEqual({ kind: 'one-command', program: 'cluster', argv: ['cluster', ...clusterExeArgv('SRCCLUS', command)] });
  });

  it('renders any argv so that cmd.exe and CommandLineToArgvW give it back', () => {
    const tricky = fc.constantFrom('\\', '"', ' ', '%', '^', '&', 'a', 'Z', '=', ':', '/', ',', 'é', '0', '.');
    const piece = fc.oneof(
      fc.string({ unit: tricky, maxLength: 10 }),
      // Control characters and curly double quotes cannot be pasted: the renderer refuses them (pasted-cluster-lines.test.ts).
      fc.string({ unit: 'binary', maxLength: 10 }).filter((s) => !/[\u0000-\u001f\u007f\u201c\u201d]/.test(s)),
    );
    const arg = fc.oneof(
      piece,
      piece.map((s) => `/group:${s}`),
      piece.map((s) => `/moveto:${s}`),
      piece.map((s) => `Name_1=${s}`),
      fc.constantFrom('res', 'group', 'resource'),
    );
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 10 }), (argv) => {
        expect(runPastedLine(formatCommandLine(argv))).toEqual({ kind: 'one-command', program: 'cluster', argv: ['cluster', ...argv] });
      }),
      { numRuns: 3000 },
    );
   }, 30_000);

  it('writes an empty private property set as a /priv listing, which changes nothing either', () => {
    const argv = clusterExeArgv('SRCCLUS', { kind: 'resource-set-private', resource: 'Exchange IP', properties: {} });
    expect(parseClusterExeArgs(argv)).toEqual({ kind: 'query', cluster: 'SRCCLUS', query: { kind: 'resource-private', resource: 'Exchange IP' } });
  });

  it('means the same command when cluster.exe reads it back', () => {
    const name = fc
      .string({ unit: fc.constantFrom('a', 'B', ' ', '"', '\\', ':', '=', 'é', '-', '/'), minLength: 1, maxLength: 12 })
      .filter((s) => !/^[/-]/.test(s) && s.trim() === s);
    const node = fc.constantFrom('SRC1', 'SRC2', 'TGT1');
    const command: fc.Arbitrary<ClusterCommand> = fc.oneof(
      name.map((group) => ({ kind: 'group-create' as const, group })),
      fc.record({ group: name, description: fc.string({ maxLength: 20 }) }).map((r) => ({ kind: 'group-set-description' as const, ...r })),
      fc.record({ group: name, node: fc.option(node, { nil: undefined }) }).map(({ group, node: n }) =>
        n === undefined ? { kind: 'group-online' as const, group } : { kind: 'group-online' as const, group, node: n },
      ),
      name.map((group) => ({ kind: 'group-offline' as const, group })),
      fc.record({ group: name, node }).map((r) => ({ kind: 'group-move' as const, ...r })),
      fc.record({ group: name, nodes: fc.array(node, { maxLength: 3 }) }).map((r) => ({ kind: 'group-set-owners' as const, ...r })),
      name.map((group) => ({ kind: 'group-delete' as const, group })),
      fc.record({ resource: name, group: name, type: name }).map((r) => ({ kind: 'resource-create' as const, ...r })),
      fc.record({ resource: name, description: fc.string({ maxLength: 20 }) }).map((r) => ({ kind: 'resource-set-description' as const, ...r })),
      fc
        .record({
          resource: name,
          properties: fc.dictionary(fc.constantFrom('Address', 'Name', 'Signature', 'Drive', 'Target'), fc.oneof(fc.string({ maxLength: 10 }), fc.nat()), {
            minKeys: 1,
          }),
        })
        .map((r) => ({ kind: 'resource-set-private' as const, ...r })),
      fc.record({ resource: name, dependsOn: name }).map((r) => ({ kind: 'resource-add-dependency' as const, ...r })),
      fc.record({ resource: name, dependsOn: name }).map((r) => ({ kind: 'resource-remove-dependency' as const, ...r })),
      fc.record({ resource: name, node }).map((r) => ({ kind: 'resource-add-owner' as const, ...r })),
      fc.record({ resource: name, node }).map((r) => ({ kind: 'resource-remove-owner' as const, ...r })),
      name.map((resource) => ({ kind: 'resource-online' as const, resource })),
      name.map((resource) => ({ kind: 'resource-offline' as const, resource })),
      name.map((resource) => ({ kind: 'resource-delete' as const, resource })),
    );
    const clusterName = fc.constantFrom('SRCCLUS', 'srcclus', 'TGT-CLUS', 'Lab Cluster');
    const form = fc.constantFrom('plain' as const, 'switch' as const);
    fc.assert(
      fc.property(command, clusterName, form, (c, cluster, clusterForm) => {
        const pasted = runPastedLine(clusterExeCommandLine(cluster, c, { clusterForm }));
        expect(pasted.kind).toBe('one-command');
        const argv = pasted.kind === 'one-command' ? pasted.argv.slice(1) : [];
        expect(argv[0]).toBe(clusterForm === 'switch' ? `/cluster:${cluster}` : cluster);
        const back = parseClusterExeArgs(argv);
        expect(back.kind).toBe('command');
        if (back.kind !== 'command') return;
        const expected =
          c.kind === 'resource-set-private'
            ? { ...c, properties: Object.fromEntries(Object.entries(c.properties).map(([k, v]) => [k, String(v)])) }
            : c;
        expect(back).toMatchObject({ cluster, command: expected });
      }),
      { numRuns: 2000 },
    );
  });

  describe('the /cluster: form', () => {
    it('names the cluster with /cluster: when asked, in the argv and the line a plan shows', () => {
      const c: ClusterCommand = { kind: 'resource-online', resource: 'Exchange IP' };
      expect(clusterExeArgv('SRCCLUS', c, { clusterForm: 'switch' })).toEqual(['/cluster:SRCCLUS', 'res', 'Exchange IP', '/online']);
      expect(clusterExeCommandLine('SRCCLUS', c, { clusterForm: 'switch' })).toBe('cluster /cluster:SRCCLUS res "Exchange IP" /online');
      expect(clusterExeCommandLine('SRCCLUS', c, { clusterForm: 'plain' })).toBe(clusterExeCommandLine('SRCCLUS', c));
      expect(clusterExeCommandLine('Lab Cluster', { kind: 'group-create', group: 'G' }, { clusterForm: 'switch' })).toBe(
        'cluster /cluster:"Lab Cluster" group "G" /create',
      );
    });

    it('reads both documented forms, the switch in any letter case, and nothing else', () => {
      const plain = parseClusterExeArgs(['SRCCLUS', 'res', 'X', '/on']);
      expect(parseClusterExeArgs(['/cluster:SRCCLUS', 'res', 'X', '/on'])).toEqual(plain);
      expect(parseClusterExeArgs(['/CLUSTER:SRCCLUS', 'res', 'X', '/on'])).toEqual(plain);
      expect(parseClusterExeArgs(['/cluster:SRCCLUS', 'node', '/stat'])).toEqual({ kind: 'query', cluster: 'SRCCLUS', query: { kind: 'node-status' } });
      expect(() => parseClusterExeArgs(['/c:SRCCLUS', 'res', 'X', '/on'])).toThrow(/cluster name missing/);
      expect(() => parseClusterExeArgs(['/cluster:', 'res', 'X', '/on'])).toThrow(/cluster name missing/);
      expect(() => parseClusterExeArgs(['/clus:SRCCLUS', 'res', 'X', '/on'])).toThrow(/cluster name missing/);
    });
  });

  describe('/wait on /online', () => {
    it('appends /wait:<s> to a resource online when given, and reads it back as a wait', () => {
      const c: ClusterCommand = { kind: 'resource-online', resource: 'Exchange IP' };
      expect(clusterExeArgv('SRCCLUS', c, { onlineWaitSeconds: 30 })).toEqual(['SRCCLUS', 'res', 'Exchange IP', '/online', '/wait:30']);
      expect(clusterExeCommandLine('SRCCLUS', c, { onlineWaitSeconds: 0 })).toBe('cluster SRCCLUS res "Exchange IP" /online /wait:0');
      expect(clusterExeArgv('SRCCLUS', { kind: 'resource-offline', resource: 'X' }, { onlineWaitSeconds: 30 })).toEqual([
        'SRCCLUS',
        'res',
        'X',
        '/offline',
      ]);
      expect(parseClusterExeArgs(['SRCCLUS', 'res', 'Exchange IP', '/online', '/wait:30'])).toEqual({
        kind: 'command',
        cluster: 'SRCCLUS',
        command: c,
        formats: {},
        wait: true,
      });
      expect(parseClusterExeArgs(['SRCCLUS', 'res', 'Exchange IP', '/on', '/wait'])).toMatchObject({ wait: true });
      expect(parseClusterExeArgs(['SRCCLUS', 'res', 'Exchange IP', '/on'])).not.toHaveProperty('wait');
    });
  });
});
