/**
 * Pieces of the guided failover that need no lab: postover.bat's batch quoting, the dependency order of the target
 * group's resources, the engine's request and command line from the pair document, the intervention step answering
 * a pending prompt on disk (and its timeline), and the source check with no second path.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResourceInfo } from '../../../../src-main/cluster/port';
import { ClusterError } from '../../../../src-main/cluster/port';
import { confirmSourceDown } from '../../../../src-main/incident/failover-runbook/confirm-source-down';
import { interventionStep } from '../../../../src-main/incident/failover-runbook/intervention';
import { batchArgument } from '../../../../src-main/incident/failover-runbook/postover-script';
import { dependencyOrder } from '../../../../src-main/incident/failover-runbook/target-online';
import type { IncidentWorld } from '../../../../src-main/incident/incident-world';
import { engineRequest, exchfailoverCommandLine } from '../../../../src-main/incident/runbook/runbook-engine';
import type { OperatorAnswer, RunbookContext } from '../../../../src-main/incident/runbook/runbook-step';
import type { TimelineEventInput } from '../../../../src-main/incident/runbook/timeline-event';
import { readPrompt, writePrompt } from '../../../../src-main/incident/store/prompt-file';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import type { PairDocument } from '../../../../src-main/pair/pair-document-schema';

describe('batchArgument', () => {
  it('writes plain words as they are, quotes spaces, caret-escapes cmd.exe characters and doubles percent signs', () => {
    expect(batchArgument('EXCHVS-DR')).toBe('EXCHVS-DR');
    expect(batchArgument('Exchange Group')).toBe('"Exchange Group"');
    expect(batchArgument('Indy, Sales:Indy_Bkup, Sales')).toBe('"Indy, Sales:Indy_Bkup, Sales"');
    expect(batchArgument('R&D (main)')).toBe('^"R^&D ^(main^)^"');
    expect(batchArgument('50% off')).toBe('"50%% off"');
    expect(() => batchArgument('two\nlines')).toThrow(/line break/);
  });
});

const resource = (name: string, dependencies: string[] = []): ResourceInfo => ({
  name,
  group: 'Exchange Group',
  type: 'x',
  description: '',
  state: 'Offline',
  owner: 'TGT1',
  dependencies,
  possibleOwners: [],
  privateProperties: {},
});

describe('dependencyOrder', () => {
  it('puts every resource after the group resources it depends on, whatever the listed order', () => {
    const order = dependencyOrder([
      resource('System Attendant', ['Network Name', 'Disk E:']),
      resource('Information Store', ['System Attendant']),
      resource('Network Name', ['IP Address']),
      resource('Disk E:'),
      resource('IP Address', ['Outside the group']),
    ]).map((r) => r.name);
    expect(order.indexOf('IP Address')).toBeLessThan(order.indexOf('Network Name'));
    expect(order.indexOf('Network Name')).toBeLessThan(order.indexOf('System Attendant'));
    expect(order.indexOf('Disk E:')).toBeLessThan(order.indexOf('System Attendant'));
    expect(order.indexOf('System Attendant')).toBeLessThan(order.indexOf('Information Store'));
    expect(order).toHaveLength(5);
  });

  it('keeps resources of a dependency cycle, at the end', () => {
    expect(dependencyOrder([resource('A', ['B']), resource('B', ['A']), resource('C')]).map((r) => r.name)).toEqual(['C', 'A', 'B']);
  });
});

describe('engineRequest', () => {
  it('is -r alone without rules, else the pair document rules, with -norus and -nospn', () => {
    const pair = labPairDocument();
    expect(exchfailoverCommandLine(engineRequest(pair, 'failover', true))).toBe('exchfailover -setup -failover -s EXCHVS -t EXCHVS-DR -r');
    const ruled: PairDocument = { ...pair, incident: { ...pair.incident, rules: ['Indy, Sales:Indy_Bkup, Sales', 'Boston:Boston'], noRus: true, noSpn: true } };
    expect(exchfailoverCommandLine(engineRequest(ruled, 'failover', false))).toBe('exchfailover -failover -s EXCHVS -t EXCHVS-DR -r "Indy, Sales:Indy_Bkup, Sales" -r Boston:Boston -norus -nospn');
    const bad: PairDocument = { ...pair, incident: { ...pair.incident, rules: ['Indy,,Sales'] } };
    expect(() => engineRequest(bad, 'failover', false)).toThrow(/^incident\.rules\[0\]: pairing rule/);
  });
});

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'failover-steps-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function context(world: Partial<IncidentWorld>, answer: OperatorAnswer, pair: PairDocument = labPairDocument()) {
  const events: TimelineEventInput[] = [];
  const records = new Map<string, Record<string, unknown>>();
  const ctx: RunbookContext = {
    pair,
    world: { kind: 'lab', now: () => new Date('2026-12-08T03:10:00Z'), ...world } as IncidentWorld,
    dryRun: false,
    signal: new AbortController().signal,
    journalFolder: root,
    log: () => undefined,
    progress: () => undefined,
    timeline: async (event) => {
      events.push(event);
    },
    ask: async () => answer,
    recorded: (id) => records.get(id),
    record: async (id, data) => {
      records.set(id, { ...(records.get(id) ?? {}), ...data });
    },
  };
  return { ctx, events };
}

describe('the intervention step', () => {
  const prompt = {
    incident: '20261208-030000Z',
    address: '10.0.0.20',
    name: 'EXCHVS',
    firstMissedAt: '2026-12-08T03:00:00.000Z',
    raisedAt: '2026-12-08T03:00:06.000Z',
    probeDetail: 'timed out',
    secondPathDetail: 'SRCCLUS does not answer',
    status: 'pending' as const,
  };

  it('answers the pending prompt: accepted on disk, on the timeline with how long it waited, and recorded', async () => {
    await writePrompt(root, prompt);
    const step = interventionStep(root, prompt.incident);
    const { ctx, events } = context({}, { kind: 'accepted', by: 'alice' });
    const plan = await step.plan(ctx);
    expect(plan.findings[0]).toContain("The monitor's prompt raised 2026-12-08T03:00:06.000Z");
    await plan.actions[0]?.run(ctx);
    expect(await readPrompt(root)).toMatchObject({ status: 'accepted', answeredBy: 'alice' });
    expect(events).toContainEqual(expect.objectContaining({ kind: 'intervention', accepted: true, by: 'alice', waitedMs: 594_000 }));
    expect(await step.verify(ctx)).toEqual([expect.objectContaining({ ok: true })]);
    // Accepted: planned again (a resume), nothing is asked.
    expect((await step.plan(ctx)).actions[0]?.needed).toBe(false);
  });

  it('declined: the step throws as cancelled, the prompt is marked declined and the timeline says so', async () => {
    await writePrompt(root, prompt);
    const step = interventionStep(root, prompt.incident);
    const { ctx, events } = context({}, { kind: 'declined', by: 'bob', note: 'not yet' });
    const plan = await step.plan(ctx);
    await expect(plan.actions[0]?.run(ctx)).rejects.toThrow(/bob declined/);
    expect(await readPrompt(root)).toMatchObject({ status: 'declined' });
    expect(events).toContainEqual(expect.objectContaining({ kind: 'intervention', accepted: false }));
    expect((await step.verify(ctx))[0]?.ok).toBe(false);
  });
});

describe('confirm-source-down', () => {
  it('with no second path, the probe decides; a source cluster that does not answer is not online anywhere', async () => {
    const pair = labPairDocument();
    const noSecond: PairDocument = { ...pair, monitor: { ...pair.monitor, secondPath: 'none' } };
    const unreachable = {
      cluster: 'SRCCLUS',
      groups: async () => {
        throw new ClusterError(1722, 'The RPC server is unavailable.');
      },
    };
    const { ctx } = context(
      {
        probe: () => ({ description: 'ping 10.0.0.20', probe: async () => ({ ok: false, detail: 'timed out' }) }),
        secondPath: async () => {
          throw new Error('must not be asked');
        },
        setup: { source: unreachable } as unknown as IncidentWorld['setup'],
      },
      { kind: 'accepted', by: 'x' },
      noSecond,
    );
    const plan = await confirmSourceDown.plan(ctx);
    expect(plan.refusal).toBeUndefined();
    expect(plan.findings).toContain('Second path: none (monitor.secondPath is "none"; the probe alone decides).');
    const checks = await confirmSourceDown.verify(ctx);
    expect(checks.map((c) => c.ok)).toEqual([true, true]);
    expect(checks[1]?.detail).toContain('SRCCLUS does not answer');
  });
});
