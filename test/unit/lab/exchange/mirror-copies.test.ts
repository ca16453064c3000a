import { describe, expect, it } from 'vitest';
import { emptyLabExchangeState, type LabExchangeState } from '../../../../src-main/lab/exchange/lab-exchange-state';
import { locator } from '../../../../src-main/lab/exchange/lab-exchange';
import { applyCompletedMirrors, ruleIncludes, type ObservedConnection } from '../../../../src-main/lab/exchange/mirror-copies';
import { LAB } from '../../../../src-main/lab/topology';
import { exchangeClusterModel } from './exchange-lab-fixtures';

const T1 = '2026-12-08T03:00:00.000Z';
const T2 = '2026-12-08T03:10:00.000Z';
const PRIV = 'E:\\Exchsrvr\\mdbdata\\priv1.edb';
const SALES = 'E:\\Exchsrvr\\Indy\\Sales.edb';
const RULES = [{ path: 'E:\\Exchsrvr', mode: 'include' as const, recursive: true }];

function lab(): ReturnType<typeof locator> {
  const source = exchangeClusterModel('source').toJSON();
  const target = exchangeClusterModel('target');
  target.createResource('Double-Take Replication IP Address', 'Exchange Group', 'IP Address');
  target.setPrivateProperties('Double-Take Replication IP Address', { Address: '10.1.0.21', SubnetMask: '255.255.255.0', Network: 'Public' });
  return locator([source, target.toJSON()]);
}

function installed(): LabExchangeState {
  const state = emptyLabExchangeState();
  for (const path of [PRIV, SALES]) {
    state.files.push({ cluster: LAB.source.cluster, path, lastMountedBy: LAB.source.virtualServer, at: T1 });
    state.files.push({ cluster: LAB.target.cluster, path, lastMountedBy: LAB.target.virtualServer, at: T1 });
  }
  return state;
}

const connection = (over: Partial<ObservedConnection> = {}): ObservedConnection => ({
  node: 'SRC1',
  connectionId: 1,
  replicationSet: 'Exchange',
  target: '10.1.0.21',
  mirror: 'complete',
  bytesToMirror: 4096,
  rules: RULES,
  ...over,
});

const owner = (state: LabExchangeState, cluster: string, path: string): string | undefined =>
  state.files.find((f) => f.cluster === cluster && f.path === path)?.lastMountedBy;

describe('replication set rules', () => {
  it('takes the most specific rule that reaches the file', () => {
    expect(ruleIncludes(RULES, PRIV)).toBe(true);
    expect(ruleIncludes([...RULES, { path: 'E:\\Exchsrvr\\Indy', mode: 'exclude', recursive: true }], SALES)).toBe(false);
    expect(ruleIncludes([{ path: 'e:\\exchsrvr', mode: 'include', recursive: false }], PRIV)).toBe(false);
    expect(ruleIncludes([{ path: 'E:\\Exchsrvr\\mdbdata', mode: 'include', recursive: false }], PRIV)).toBe(true);
    expect(ruleIncludes([], PRIV)).toBe(false);
  });
});

describe('completed mirrors make copies', () => {
  it('a mirror from a source node to the target address makes the target files copies of what the source last mounted', () => {
    const state = applyCompletedMirrors(installed(), [connection()], ['SRC1', 'SRC2'], lab(), T2);
    expect(owner(state, 'TGTCLUS', PRIV)).toBe('EXCHVS');
    expect(owner(state, 'TGTCLUS', SALES)).toBe('EXCHVS');
    expect(owner(state, 'SRCCLUS', PRIV)).toBe('EXCHVS');
    expect(state.files.find((f) => f.cluster === 'TGTCLUS' && f.path === PRIV)?.at).toBe(T2);
    expect(state.appliedMirrors).toHaveLength(1);
  });

  it('copies only what the replication set sends', () => {
    const rules = [...RULES, { path: 'E:\\Exchsrvr\\Indy', mode: 'exclude' as const, recursive: true }];
    const state = applyCompletedMirrors(installed(), [connection({ rules })], ['SRC1'], lab(), T2);
    expect(owner(state, 'TGTCLUS', PRIV)).toBe('EXCHVS');
    expect(owner(state, 'TGTCLUS', SALES)).toBe('EXCHVS-DR');
  });

  it('a mirror still running or idle copies nothing; one that completed is applied once', () => {
    expect(applyCompletedMirrors(installed(), [connection({ mirror: 'started' })], ['SRC1'], lab(), T2)).toEqual(installed());
    const once = applyCompletedMirrors(installed(), [connection()], ['SRC1'], lab(), T2);
    // The target mounts its copy (patched): its file is its own again. The same completed mirror seen again changes nothing.
    const mounted = { ...once, files: once.files.map((f) => (f.cluster === 'TGTCLUS' ? { ...f, lastMountedBy: 'EXCHVS-DR' } : f)) };
    expect(applyCompletedMirrors(mounted, [connection()], ['SRC1'], lab(), '2026-12-08T05:00:00.000Z')).toEqual(mounted);
  });

  it('a mirror started again is forgotten, so its next completion copies again', () => {
    const once = applyCompletedMirrors(installed(), [connection()], ['SRC1'], lab(), T2);
    const running = applyCompletedMirrors(once, [connection({ mirror: 'started' })], ['SRC1'], lab(), T2);
    expect(running.appliedMirrors).toEqual([]);
    const mounted = { ...running, files: running.files.map((f) => (f.cluster === 'TGTCLUS' ? { ...f, lastMountedBy: 'EXCHVS-DR' } : f)) };
    expect(owner(applyCompletedMirrors(mounted, [connection()], ['SRC1'], lab(), T2), 'TGTCLUS', PRIV)).toBe('EXCHVS');
  });

  it('keeps the record of a node that is down, and drops one whose connection went away', () => {
    const once = applyCompletedMirrors(installed(), [connection()], ['SRC1'], lab(), T2);
    expect(applyCompletedMirrors(once, [], ['SRC2'], lab(), T2).appliedMirrors).toHaveLength(1);
    expect(applyCompletedMirrors(once, [], ['SRC1', 'SRC2'], lab(), T2).appliedMirrors).toEqual([]);
  });

  it('the reverse mirror of a failback makes the source files copies of what the target last mounted', () => {
    const failedOver = { ...installed(), files: installed().files.map((f) => (f.cluster === 'TGTCLUS' ? { ...f, lastMountedBy: 'EXCHVS-DR' } : f)) };
    const state = applyCompletedMirrors(failedOver, [connection({ node: 'TGT1', target: '10.0.0.10' })], ['TGT1'], lab(), T2);
    expect(owner(state, 'SRCCLUS', PRIV)).toBe('EXCHVS-DR');
    expect(owner(state, 'TGTCLUS', PRIV)).toBe('EXCHVS-DR');
  });

  it('a target the lab cannot place copies nothing (and is still recorded)', () => {
    const state = applyCompletedMirrors(installed(), [connection({ target: '192.0.2.1' })], ['SRC1'], lab(), T2);
    expect(state.files).toEqual(installed().files);
    expect(state.appliedMirrors).toHaveLength(1);
  });
});
