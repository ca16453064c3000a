import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../src-main/contract/dispatcher';
import type { JobEvent } from '../../../src-main/contract/channels';
import { err, ok } from '../../../src-main/contract/result';

/** The digest of a plan, as step.plan gives it and step.apply carries it back. */
const DIGEST = 'a'.repeat(64);

/** Handlers that record every call, so a test can prove a refused message ran nothing. */
function recordingHandlers() {
  const calls: string[] = [];
  const record = (name: string) => {
    calls.push(name);
  };
  const handlers: Handlers = {
    'environment.describe': async () => {
      record('environment.describe');
      return ok({ kind: 'lab', name: 'Lab', title: 'Lab', warnings: [], sourceCluster: 'SRCCLUS', targetCluster: 'TGTCLUS', appVersion: '0.0.0' });
    },
    'steps.list': async () => (record('steps.list'), ok([])),
    'step.get': async () => {
      record('step.get');
      return ok({ summary: { id: '3', title: 't', section: 's', cluster: 'none', kind: 'manual', state: 'not-started', requires: [] } });
    },
    'step.plan': async () => (record('step.plan'), ok({ stepId: '4.2.1', actions: [], warnings: [], findings: [], pairDigest: DIGEST, digest: DIGEST })),
    'step.apply': async (_request, { signal, emit }) => {
      record('step.apply');
      emit({ kind: 'progress', value: 0.5, title: 'half' });
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        signal.addEventListener('abort', () => resolve());
        setTimeout(resolve, 50);
      });
      if (signal.aborted) throw new Error('aborted');
      return ok({ kind: 'applied', verification: { stepId: '4.2.1', ok: true, checks: [], at: '2026-11-25T03:00:00.000Z' } });
    },
    'step.verify': async () => (record('step.verify'), ok({ stepId: '4.2.1', ok: true, checks: [], at: '2026-11-25T03:00:00.000Z' })),
    'step.markDone': async () => {
      record('step.markDone');
      return ok({ summary: { id: '3', title: 't', section: 's', cluster: 'none', kind: 'manual', state: 'done-by-hand', requires: [] } });
    },
    'step.confirm': async () => {
      record('step.confirm');
      return ok({ summary: { id: '6', title: 't', section: 's', cluster: 'both', kind: 'automated', state: 'not-started', requires: [] } });
    },
    'pair.get': async () => (record('pair.get'), ok({ path: '/x/pair.json', problems: [], saved: false })),
    'pair.check': async () => (record('pair.check'), ok({ problems: [] })),
    'pair.save': async () => (record('pair.save'), ok({ path: '/x/pair.json', problems: [], saved: true })),
    'pair.open': async ({ path = '' }) => (record('pair.open'), ok({ path, problems: [], saved: false })),
    'pair.new': async ({ path = '' }) => (record('pair.new'), ok({ path, problems: [], saved: false })),
    'pair.saveAs': async ({ path = '' }) => (record('pair.saveAs'), ok({ path, problems: [], saved: true })),
    'lab.clusters': async () => (record('lab.clusters'), ok([])),
    'lab.power': async () => (record('lab.power'), ok([])),
    'lab.failure': async () => (record('lab.failure'), ok({ clusters: [], failures: [], message: '' })),
    'incident.state': async () => (record('incident.state'), err('contract/handler-failed', 'not used')),
    'incident.monitor': async () => (record('incident.monitor'), err('contract/handler-failed', 'not used')),
    'incident.answer': async () => (record('incident.answer'), err('contract/handler-failed', 'not used')),
    'incident.plan': async () => (record('incident.plan'), err('contract/handler-failed', 'not used')),
    'incident.run': async () => (record('incident.run'), err('contract/handler-failed', 'not used')),
    'profile.template': async () => (record('profile.template'), ok({ profile: {} })),
    'profile.check': async () => (record('profile.check'), ok({ problems: [] })),
    'profile.saveAs': async () => (record('profile.saveAs'), ok({ saved: false as const, problems: [] })),
    'credentials.status': async () => (record('credentials.status'), ok({ items: [], canRemember: false })),
    'credentials.set': async () => (record('credentials.set'), ok({ items: [], canRemember: false })),
    'credentials.forget': async () => (record('credentials.forget'), ok({ items: [], canRemember: false })),
    'preflight.run': async () => (record('preflight.run'), ok({ passed: true, cancelled: false, checks: [] })),
    'failover.run': async () => {
      record('failover.run');
      return ok({ status: 'planned', pairs: [], unpaired: [], phases: [], conflicts: [], errors: [], mailboxCounts: [], verification: [] });
    },
  };
  return { calls, handlers };
}

const noSink = () => undefined;

describe('contract dispatcher', () => {
  it('answers a valid message through its handler', async () => {
    const { calls, handlers } = recordingHandlers();
    const result = await createDispatcher(handlers).dispatch({ channel: 'steps.list', payload: {} }, noSink);
    expect(result).toEqual({ ok: true, value: [] });
    expect(calls).toEqual(['steps.list']);
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['no channel', { payload: {} }],
    ['extra envelope field', { channel: 'steps.list', payload: {}, sender: 'x' }],
    ['channel not a string', { channel: 42, payload: {} }],
  ])('refuses a malformed envelope (%s) and runs nothing', async (_label, message) => {
    const { calls, handlers } = recordingHandlers();
    const result = await createDispatcher(handlers).dispatch(message, noSink);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('contract/invalid-request');
    expect(calls).toEqual([]);
  });

  it('refuses an unknown channel and runs nothing', async () => {
    const { calls, handlers } = recordingHandlers();
    const result = await createDispatcher(handlers).dispatch({ channel: 'fs.readFile', payload: { path: '/etc/passwd' } }, noSink);
    expect(result).toMatchObject({ ok: false, error: { code: 'contract/unknown-channel' } });
    expect(calls).toEqual([]);
  });

  it('does not treat inherited object keys as channels', async () => {
    const { calls, handlers } = recordingHandlers();
    const result = await createDispatcher(handlers).dispatch({ channel: 'toString', payload: {} }, noSink);
    expect(result).toMatchObject({ ok: false, error: { code: 'contract/unknown-channel' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['extra field', { channel: 'steps.list', payload: { evil: true } }],
    ['bad step id', { channel: 'step.verify', payload: { stepId: '../../x' } }],
    ['step id that is not a section number', { channel: 'step.plan', payload: { stepId: '4.2.x' } }],
    ['extra field in a step request', { channel: 'step.plan', payload: { stepId: '4.2.1', input: {} } }],
    ['note too short', { channel: 'step.markDone', payload: { stepId: '3', note: ' a ' } }],
    ['note too long', { channel: 'step.markDone', payload: { stepId: '3', note: 'x'.repeat(2001) } }],
    ['pair document that is not JSON data', { channel: 'pair.check', payload: { document: 10n } }],
    ['job without id', { channel: 'step.apply', payload: { stepId: '4.2.1', planDigest: DIGEST } }],
    ['apply without the digest of the plan seen', { channel: 'step.apply', payload: { jobId: 'job-000003', stepId: '4.2.1' } }],
    ['apply with a digest that is not SHA-256', { channel: 'step.apply', payload: { jobId: 'job-000003', stepId: '4.2.1', planDigest: 'abc' } }],
    ['password of an unknown credential', { channel: 'credentials.set', payload: { id: 'root', password: 'x', remember: false } }],
    ['empty password', { channel: 'credentials.set', payload: { id: 'directory', password: '', remember: false } }],
    ['preflight without a job id', { channel: 'preflight.run', payload: {} }],
    ['apply confirmed with a string', { channel: 'step.apply', payload: { jobId: 'job-000009', stepId: '4.2.1', planDigest: 'a'.repeat(64), confirmed: 'yes' } }],
    ['power target with a space', { channel: 'lab.power', payload: { target: 'SRC 1', on: false } }],
    ['lab failure of an unknown kind', { channel: 'lab.failure', payload: { failure: { kind: 'dns' }, restore: false } }],
    ['lab node failure without a node', { channel: 'lab.failure', payload: { failure: { kind: 'node' }, restore: false } }],
    ['a downtime that is not a time of day', { channel: 'incident.answer', payload: { kind: 'scheduled', at: '25:00' } }],
    ['a run of an unknown runbook', { channel: 'incident.run', payload: { jobId: 'job-000010', run: { runbook: 'rollback', dryRun: false } } }],
    ['a run with an extra field', { channel: 'incident.run', payload: { jobId: 'job-000010', run: { runbook: 'failover', dryRun: false, force: true } } }],
    ['failover rule of an unknown kind', { channel: 'failover.run', payload: { jobId: 'job-000009', request: { direction: 'failover', source: 'EXCHVS', target: 'EXCHVS-DR', rules: [{ kind: 'all' }], setupOnly: false, test: true, noRus: false, noSpn: false } } }],
    ['failover with a control character in a name', { channel: 'failover.run', payload: { jobId: 'job-000009', request: { direction: 'failover', source: 'EXCH\u0000VS', target: 'EXCHVS-DR', rules: [], setupOnly: false, test: true, noRus: false, noSpn: false } } }],
  ])('refuses a request that fails its schema (%s) and runs nothing', async (_label, message) => {
    const { calls, handlers } = recordingHandlers();
    const result = await createDispatcher(handlers).dispatch(message, noSink);
    expect(result).toMatchObject({ ok: false, error: { code: 'contract/invalid-request' } });
    if (!result.ok) expect(result.error.detail).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('streams a job\'s progress tagged with its id and lets the caller cancel it', async () => {
    const { handlers } = recordingHandlers();
    const dispatcher = createDispatcher(handlers);
    const events: JobEvent[] = [];
    const running = dispatcher.dispatch(
      { channel: 'step.apply', payload: { jobId: 'job-000001', stepId: '4.2.1', planDigest: DIGEST } },
      (e) => events.push(e),
    );
    const cancel = await dispatcher.dispatch({ channel: 'job.cancel', payload: { jobId: 'job-000001' } }, noSink);
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
    const result = await running;
    expect(result).toMatchObject({ ok: false, error: { code: 'job/cancelled' } });
    expect(events).toEqual([{ jobId: 'job-000001', kind: 'progress', value: 0.5, title: 'half' }]);
  });

  it('refuses a second job with the id of a running one', async () => {
    const { calls, handlers } = recordingHandlers();
    const dispatcher = createDispatcher(handlers);
    const first = dispatcher.dispatch({ channel: 'step.apply', payload: { jobId: 'job-000002', stepId: '4.2.1', planDigest: DIGEST } }, noSink);
    const second = await dispatcher.dispatch({ channel: 'step.apply', payload: { jobId: 'job-000002', stepId: '4.2.1', planDigest: DIGEST } }, noSink);
    expect(second).toMatchObject({ ok: false, error: { code: 'job/busy' } });
    expect(await first).toMatchObject({ ok: true });
    expect(calls).toEqual(['step.apply']);
  });

  it('reports a reply that breaks the contract instead of passing it on', async () => {
    const { handlers } = recordingHandlers();
    const broken: Handlers = { ...handlers, 'steps.list': async () => ok([{ id: 'not a step' }] as never) };
    const result = await createDispatcher(broken).dispatch({ channel: 'steps.list', payload: {} }, noSink);
    expect(result).toMatchObject({ ok: false, error: { code: 'contract/invalid-reply' } });
  });

  it('turns a throwing handler into an error result', async () => {
    const { handlers } = recordingHandlers();
    const throwing: Handlers = { ...handlers, 'steps.list': async () => { throw new Error('disk on fire'); } };
    const result = await createDispatcher(throwing).dispatch({ channel: 'steps.list', payload: {} }, noSink);
    expect(result).toMatchObject({ ok: false, error: { code: 'contract/handler-failed' } });
    if (!result.ok) expect(result.error.message).toContain('disk on fire');
  });
});
