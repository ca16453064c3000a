import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterExeArgv, clusterExeCommandLine, type ClusterExeArgvOptions } from '../../../src-main/cluster/cluster-exe-argv';
import { parseClusterExeArgs } from '../../../src-main/cluster/cluster-exe-invocation';
import type { ClusterCommand } from '../../../src-main/cluster/port';
import { quoteWindowsArg } from '../../../src-main/cluster/windows-command-line';
import { conhostPasteFilter, runPastedLine, TYPICAL_VARIABLES, type CmdVariables } from '../../helpers/cmd-exe-model';

/**
 * Every cluster.exe line a plan offers to copy, pasted at an interactive cmd.exe (the model in
 * test/helpers/cmd-exe-model.ts), runs exactly one program — cluster — with exactly the argv the cluster.exe adapter
 * would pass, and cluster.exe reads that argv as the same command. What cannot be written so is refused with an
 * error that names the value.
 */

type ClusterForm = NonNullable<ClusterExeArgvOptions['clusterForm']>;

/** What the renderer must refuse: characters a pasted line cannot carry, and names cluster.exe would read as a switch. */
const UNPASTABLE = /[\u0000-\u001f\u007f\u201c\u201d]/;
const SWITCH_START = /^[/\-\u2013\u2014]/;

/** The values a command puts on the line; `positional` are the names cluster.exe finds by position. */
function valuesOf(command: ClusterCommand, cluster: string): { positional: string[]; other: string[] } {
  // The cluster name is checked in both forms: `/cluster:/x` is no cluster name to cluster.exe either.
  const positional: string[] = [cluster];
  const other: string[] = [];
  if ('group' in command && command.kind.startsWith('group-')) positional.push(command.group);
  if ('resource' in command) positional.push(command.resource);
  switch (command.kind) {
    case 'resource-create':
      other.push(command.group, command.type);
      break;
    case 'group-set-description':
    case 'resource-set-description':
      other.push(command.description);
      break;
    case 'resource-set-private':
      other.push(...Object.values(command.properties).map(String));
      break;
    case 'resource-add-dependency':
    case 'resource-remove-dependency':
      other.push(command.dependsOn);
      break;
    default:
      break;
  }
  return { positional, other };
}

/** The values the renderer must refuse the command for (its message names one of them). */
function mustRefuse(command: ClusterCommand, cluster: string): string[] {
  const { positional, other } = valuesOf(command, cluster);
  return [...positional.filter((v) => UNPASTABLE.test(v) || SWITCH_START.test(v)), ...other.filter((v) => UNPASTABLE.test(v))];
}

function refusalOf(render: () => unknown): Error {
  try {
    render();
  } catch (e) {
    if (e instanceof Error) return e;
  }
  throw new Error('the line was rendered, not refused');
}

/** Shows control characters the way the renderer's messages do (`\x0A`). */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}

/** Pastes the command's line (plainly and through the console's paste filter) and checks what runs. */
function checkPasted(command: ClusterCommand, cluster: string, form: ClusterForm, variables: CmdVariables = TYPICAL_VARIABLES): void {
  const refused = mustRefuse(command, cluster);
  if (refused.length > 0) {
    const error = refusalOf(() => clusterExeCommandLine(cluster, command, { clusterForm: form }));
    expect(error.name).toBe('CommandLineRefusedError');
    expect(refused.some((value) => error.message.includes(`'${printable(value)}'`))).toBe(true);
    return;
  }
  const line = clusterExeCommandLine(cluster, command, { clusterForm: form });
  const argv = clusterExeArgv(cluster, command, { clusterForm: form });
  expect(runPastedLine(line, { variables })).toEqual({ kind: 'one-command', program: 'cluster', argv: ['cluster', ...argv] });
  expect(runPastedLine(line, { variables, pasteFilter: true })).toEqual({
    kind: 'one-command',
    program: 'cluster',
    argv: ['cluster', ...argv.map(conhostPasteFilter)],
  });
  const back = parseClusterExeArgs(argv);
  const expected =
    command.kind === 'resource-set-private'
      ? { ...command, properties: Object.fromEntries(Object.entries(command.properties).map(([k, v]) => [k, String(v)])) }
      : command;
  expect(back).toMatchObject({ kind: 'command', cluster, command: expected });
}

/** Names that have broken, or would break, a pasted line. */
const HOSTILE = [
  'X\\" & calc.exe & rem \\"',
  'X" & calc.exe & rem "',
  'a"b',
  '"',
  '""',
  '\\"',
  '\\\\"',
  'a\\"b',
  'trailing\\',
  'trailing\\\\',
  '50%',
  '%',
  '%%',
  '%PATH%',
  '%path%',
  '%X%',
  '%PATH:~0%',
  '%X:x=y%',
  '%CD%\\x',
  'a % b % c',
  '%^PATH%',
  '^',
  'a^',
  '^^',
  '^"',
  '!x!',
  '!PATH!',
  '(x)',
  ')',
  'a & b',
  'a&&b',
  'a|b',
  'a || b',
  'a<b',
  'a>b',
  '2>nul',
  'x >> y',
  '@echo',
  'Exchange ünicode 日本語 😀',
  'Exchange\u00a0IP',
  'en\u2013dash',
  'tab\there',
  'line\nbreak',
  'cr\rhere',
  'nul\u0000here',
  'bell\u0007',
  'del\u007f',
  'ctrl-z\u001a',
  'smart \u201cquotes\u201d',
  'x\u201d & calc & rem \u201c',
  '/delete',
  '-delete',
  '/',
  '-',
  '\u2013delete',
  '\u2014x',
  ' leading space',
  'trailing space ',
];

const PLACES: readonly { readonly place: string; readonly line: (name: string) => { command: ClusterCommand; cluster: string; form: ClusterForm } }[] = [
  { place: 'group name', line: (name) => ({ command: { kind: 'group-create', group: name }, cluster: 'SRCCLUS', form: 'plain' }) },
  { place: 'resource name', line: (name) => ({ command: { kind: 'resource-online', resource: name }, cluster: 'SRCCLUS', form: 'plain' }) },
  {
    place: '/group: and /type: values',
    line: (name) => ({ command: { kind: 'resource-create', resource: 'Exchange IP', group: name, type: name }, cluster: 'SRCCLUS', form: 'plain' }),
  },
  { place: '/adddep: value', line: (name) => ({ command: { kind: 'resource-add-dependency', resource: 'Exchange Name', dependsOn: name }, cluster: 'SRCCLUS', form: 'plain' }) },
  { place: 'description', line: (name) => ({ command: { kind: 'group-set-description', group: 'Exchange Group', description: name }, cluster: 'SRCCLUS', form: 'plain' }) },
  {
    place: 'private value',
    line: (name) => ({ command: { kind: 'resource-set-private', resource: 'DT Source', properties: { ReplicationSet: name, Target: '10.1.0.21' } }, cluster: 'SRCCLUS', form: 'plain' }),
  },
  { place: 'cluster name', line: (name) => ({ command: { kind: 'group-offline', group: 'Exchange Group' }, cluster: name, form: 'plain' }) },
  { place: '/cluster: value', line: (name) => ({ command: { kind: 'group-offline', group: 'Exchange Group' }, cluster: name, form: 'switch' }) },
];

describe('cluster.exe lines pasted into cmd.exe', () => {
  describe.each(PLACES)('a hostile $place', ({ line }) => {
    it.each(HOSTILE.map((name) => [JSON.stringify(name), name]))('%s runs one cluster.exe with the intended argv, or is refused', (_shown, name) => {
      const { command, cluster, form } = line(name);
      checkPasted(command, cluster, form);
    });
  });

  it('keeps ordinary names as an administrator types them', () => {
    expect(clusterExeCommandLine('SRCCLUS', { kind: 'resource-create', resource: 'Exchange IP Address', group: 'Exchange Group', type: 'IP Address' })).toBe(
      'cluster SRCCLUS res "Exchange IP Address" /create /group:"Exchange Group" /type:"IP Address"',
    );
  });

  it('escapes a name with cmd.exe characters whole, so cmd.exe never starts quoting', () => {
    expect(clusterExeCommandLine('SRCCLUS', { kind: 'resource-online', resource: 'X\\" & calc.exe & rem \\"' })).toBe(
      'cluster SRCCLUS res ^"X\\\\\\^" ^& calc.exe ^& rem \\\\\\^"^" /online',
    );
    expect(clusterExeCommandLine('SRCCLUS', { kind: 'group-create', group: '%PATH%' })).toBe('cluster SRCCLUS group ^"%^PATH%^" /create');
    expect(clusterExeCommandLine('SRCCLUS', { kind: 'group-create', group: '50% (main)' })).toBe('cluster SRCCLUS group ^"50%^ ^(main^)^" /create');
  });

  it('refuses a positional name cluster.exe would read as a switch, naming it', () => {
    expect(() => clusterExeCommandLine('SRCCLUS', { kind: 'resource-delete', resource: '/delete' })).toThrow(/resource name '\/delete' begins with '\/'.*switch/);
    expect(() => clusterExeArgv('SRCCLUS', { kind: 'group-online', group: '-x' })).toThrow(/group name '-x'/);
    expect(() => clusterExeArgv('-C', { kind: 'group-online', group: 'G' })).toThrow(/cluster name '-C'/);
    expect(clusterExeArgv('SRCCLUS', { kind: 'resource-add-dependency', resource: 'R', dependsOn: '-x' })).toEqual(['SRCCLUS', 'res', 'R', '/adddep:-x']);
  });

  it('refuses a line break, a NUL or another control character, naming the value', () => {
    expect(() => clusterExeCommandLine('SRCCLUS', { kind: 'group-set-description', group: 'G', description: 'a\r\nb' })).toThrow(
      /'a\\x0D\\x0Ab'.*line break/,
    );
    expect(() => clusterExeCommandLine('SRCCLUS', { kind: 'group-create', group: 'a\u0000b' })).toThrow(/'a\\x00b'/);
    expect(() => clusterExeCommandLine('SRCCLUS', { kind: 'group-create', group: 'a\tb' })).toThrow(/'a\\x09b'.*tab/);
  });

  it('names a refused positional name whole, even when it looks like an assignment (fast-check seed 124750258)', () => {
    // A cluster named `a=“` was read as the assignment `a=` and the message named only `“`.
    expect(() => clusterExeCommandLine('a=\u201c', { kind: 'resource-remove-owner', resource: '"', node: 'A' })).toThrow(/cluster name 'a=\u201c' holds the curly quote/);
    expect(() => clusterExeCommandLine('SRCCLUS', { kind: 'group-create', group: 'Name=\u201dx' })).toThrow(/group name 'Name=\u201dx'/);
  });

  it('finds that quoting for CommandLineToArgvW alone is not safe in cmd.exe (the rendering before this check)', () => {
    const quotedOnly = (name: string): string => `cluster SRCCLUS res ${quoteWindowsArg(name, true)} /online`;
    expect(runPastedLine(quotedOnly('X\\" & calc.exe & rem \\"'))).toMatchObject({ kind: 'not-one-command', reason: expect.stringMatching(/3 commands/) });
    expect(runPastedLine(quotedOnly('%PATH%'))).toEqual({
      kind: 'one-command',
      program: 'cluster',
      argv: ['cluster', 'SRCCLUS', 'res', TYPICAL_VARIABLES.PATH, '/online'],
    });
    expect(runPastedLine(quotedOnly('x\u201d & calc & rem \u201c'), { pasteFilter: true })).toMatchObject({ kind: 'not-one-command' });
    // A name such as /delete is no longer a name once the quotes are gone: cluster.exe reads it as the command.
    expect(runPastedLine(`cluster SRCCLUS res ${quoteWindowsArg('/delete', true)} /online`)).toMatchObject({ argv: ['cluster', 'SRCCLUS', 'res', '/delete', '/online'] });
    expect(() => parseClusterExeArgs(['SRCCLUS', 'res', '/delete', '/online'])).toThrow();
  });

  it('holds for any command with names made of cmd.exe, CommandLineToArgvW and console characters', () => {
    const unit = fc.constantFrom(
      ...'"%!^&|<>()\\ /-:=,;@*~aZ0'.split(''),
      '\t',
      '\n',
      '\r',
      '\u0000',
      '\u001a',
      '\u00a0',
      '\u201c',
      '\u201d',
      '\u2013',
      'é',
      '日',
      '😀',
    );
    const text = fc.oneof(fc.string({ unit, maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));
    // Names are never empty: cluster.exe needs a value after /group:, /adddep: and the like.
    const name = fc.oneof(text, fc.constantFrom(...HOSTILE)).filter((n) => n !== '');
    const node = fc.string({ unit: fc.constantFrom('A', 'b', '1', '-', '_', '%', '^', '&', '"', ' ', '!', '\u00a0'), minLength: 1, maxLength: 8 });
    const command: fc.Arbitrary<ClusterCommand> = fc.oneof(
      name.map((group) => ({ kind: 'group-create' as const, group })),
      fc.record({ group: name, description: text }).map((r) => ({ kind: 'group-set-description' as const, ...r })),
      fc.record({ group: name, node: fc.option(node, { nil: undefined }) }).map(({ group, node: n }) =>
        n === undefined ? { kind: 'group-online' as const, group } : { kind: 'group-online' as const, group, node: n },
      ),
      fc.record({ group: name, node }).map((r) => ({ kind: 'group-move' as const, ...r })),
      fc.record({ group: name, nodes: fc.array(node, { maxLength: 3 }) }).map((r) => ({ kind: 'group-set-owners' as const, ...r })),
      name.map((group) => ({ kind: 'group-delete' as const, group })),
      fc.record({ resource: name, group: name, type: name }).map((r) => ({ kind: 'resource-create' as const, ...r })),
      fc.record({ resource: name, description: text }).map((r) => ({ kind: 'resource-set-description' as const, ...r })),
      fc
        .record({
          resource: name,
          properties: fc.dictionary(fc.constantFrom('Address', 'Name', 'Signature', 'ReplicationSet', 'Target'), fc.oneof(text, fc.nat()), { minKeys: 1 }),
        })
        .map((r) => ({ kind: 'resource-set-private' as const, ...r })),
      fc.record({ resource: name, dependsOn: name }).map((r) => ({ kind: 'resource-add-dependency' as const, ...r })),
      fc.record({ resource: name, node }).map((r) => ({ kind: 'resource-remove-owner' as const, ...r })),
      name.map((resource) => ({ kind: 'resource-online' as const, resource })),
      name.map((resource) => ({ kind: 'resource-delete' as const, resource })),
    );
    const cluster = fc.oneof(fc.constantFrom('SRCCLUS', 'Lab Cluster', 'TGT-CLUS'), name);
    const form = fc.constantFrom<ClusterForm>('plain', 'switch');
    // Variables named like the fragments the names carry, so that an expansion would show.
    const variables: CmdVariables = { ...TYPICAL_VARIABLES, a: 'expanded-a', Z: 'expanded-z', '0': 'expanded-0', ' ': 'expanded-space' };
    fc.assert(
      fc.property(command, cluster, form, (c, clusterName, clusterForm) => {
        checkPasted(c, clusterName, clusterForm, variables);
      }),
      { numRuns: 2000 },
    );
   }, 60_000);
});
