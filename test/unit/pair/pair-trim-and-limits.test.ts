import { describe, expect, it } from 'vitest';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { checkPairDocument, type PairDocument } from '../../../src-main/pair';
import {
  MAX_CLUSTER_OBJECT_NAME_LENGTH,
  MAX_NETBIOS_NAME_LENGTH,
  MAX_REPLICATION_SET_NAME_LENGTH,
  clusterObjectNameProblem,
  replicationSetNameProblem,
} from '../../../src-main/pair/field-rules';
import { problemsAfter } from './pair-test-helpers';

/** Every string of a JSON value, by its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => strings(v, path === '' ? k : `${path}.${k}`));
  return [];
}

/** The lab document with every string wrapped in spaces and tabs. */
function padded(): unknown {
  const pad = (value: unknown): unknown => {
    if (typeof value === 'string') return ` \t${value}  `;
    if (Array.isArray(value)) return value.map(pad);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pad(v)]));
    return value;
  };
  return pad(labPairDocument());
}

describe('pair document texts: edge spaces trimmed, not refused', () => {
  it('accepts every field with spaces around it, and the document it gives holds the trimmed values', () => {
    const check = checkPairDocument(padded());
    expect(check.ok ? [] : check.problems).toEqual([]);
    if (!check.ok) return;
    expect(check.document).toEqual(labPairDocument());
    for (const [path, text] of strings(check.document)) expect(text, path).toBe(text.trim());
  });

  it('applies the rules to the trimmed text: spaces alone are an empty value, named by its field', () => {
    expect(problemsAfter((d) => {
      d.replicationSet.name = '   ';
    })).toEqual({ 'replicationSet.name': expect.stringMatching(/replication set name is empty/) });
    expect(problemsAfter((d) => {
      d.source.group.name = ' \t ';
    })).toEqual({ 'source.group.name': 'The name is empty.' });
  });

  it('does not trim inside a value: an inner space in a NetBIOS name is still refused', () => {
    expect(problemsAfter((d) => {
      d.target.networkName.name = ' EXCH VS ';
    })).toEqual({ 'target.networkName.name': expect.stringMatching(/contains ' '/) });
  });

  it('leaves the caller’s value as it was (trimming is in the document returned, not in the input)', () => {
    const input = padded() as PairDocument;
    checkPairDocument(input);
    expect(input.source.cluster.name).toBe(' \tSRCCLUS  ');
  });
});

describe('pair document texts: length limits', () => {
  const name = (n: number): string => 'R'.repeat(n);

  it('takes a group or resource name up to 128 characters and refuses a longer one, saying how long', () => {
    expect(MAX_CLUSTER_OBJECT_NAME_LENGTH).toBe(128);
    expect(problemsAfter((d) => {
      d.source.group.name = name(128);
    })).toEqual({});
    expect(problemsAfter((d) => {
      d.source.ipAddress.resourceName = name(129);
    })).toEqual({ 'source.ipAddress.resourceName': expect.stringMatching(/129 characters long; keep a group, resource or network name to 128/) });
    expect(clusterObjectNameProblem(name(128))).toBeUndefined();
  });

  it('counts the length after trimming', () => {
    expect(problemsAfter((d) => {
      d.source.group.name = `  ${name(128)}  `;
    })).toEqual({});
  });

  it('refuses a cluster network name longer than 128 characters', () => {
    const problems = problemsAfter((d) => {
      d.target.ipAddress.network = name(129);
      d.target.replicationIpAddress.network = name(129);
    });
    expect(problems['target.ipAddress.network']).toMatch(/129 characters long/);
  });

  it('refuses a replication set name longer than its limit', () => {
    expect(replicationSetNameProblem(name(MAX_REPLICATION_SET_NAME_LENGTH))).toBeUndefined();
    expect(problemsAfter((d) => {
      d.replicationSet.name = name(MAX_REPLICATION_SET_NAME_LENGTH + 1);
    })).toEqual({ 'replicationSet.name': expect.stringMatching(/129 characters long; keep it to 128/) });
  });

  it('refuses cluster, node, virtual server and monitored names over 15 characters, and takes 15', () => {
    expect(MAX_NETBIOS_NAME_LENGTH).toBe(15);
    const problems = problemsAfter((d) => {
      d.source.cluster.name = name(16);
      d.target.cluster.nodes[0]!.name = name(16);
    });
    expect(problems['source.cluster.name']).toMatch(/16 characters long; a NetBIOS name has at most 15/);
    expect(problems['target.cluster.nodes[0].name']).toMatch(/16 characters long; a computer name has at most 15/);
    expect(problemsAfter((d) => {
      d.source.cluster.name = 'SRCCLUSTER12345';
    })).toEqual({});
  });

  it('refuses a path of 260 characters (Windows allows 259 and the terminating null)', () => {
    const long = `E:\\${'a'.repeat(257)}`;
    expect(long.length).toBe(260);
    expect(problemsAfter((d) => {
      d.source.systemAttendant.dataPath = long;
    })['source.systemAttendant.dataPath']).toMatch(/260 characters long; Windows allows at most 259/);
  });
});
