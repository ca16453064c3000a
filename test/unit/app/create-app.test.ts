import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src-main/app/app';
import { createApp } from '../../../src-main/app/create-app';
import type { JobEvent } from '../../../src-main/contract/channels';
import type { FailoverOutcomeView } from '../../../src-main/contract/failover';
import { createLogger } from '../../../src-main/shared/logger';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { writePairDocument } from '../../../src-main/pair/pair-document-file';
import { parseConnectionProfile } from '../../../src-main/profile/connection-profile-file';
import { CONNECTION_PROFILE_FORMAT, CONNECTION_PROFILE_VERSION } from '../../../src-main/profile/connection-profile-schema';

let folder: string;
let app: App;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'exch-ha-app-'));
  app = await createApp({ labFolder: folder, appVersion: '0.0.0-test' });
});
afterEach(async () => {
  await app.close();
  await rm(folder, { recursive: true, force: true });
});

const request = (overrides: Record<string, unknown> = {}) => ({
  direction: 'failover',
  source: 'EXCHVS',
  target: 'EXCHVS-DR',
  rules: [{ kind: 'one-to-one' }],
  setupOnly: false,
  test: false,
  noRus: false,
  noSpn: false,
  ...overrides,
});

async function runFailover(jobId: string, overrides: Record<string, unknown> = {}) {
  const events: JobEvent[] = [];
  const result = await app.dispatcher.dispatch(
    { channel: 'failover.run', payload: { jobId, request: request(overrides) } },
    (event) => events.push(event),
  );
  return { result, events };
}

describe('the app on the lab', () => {
  it('describes a lab environment with both clusters', async () => {
    expect(await app.dispatcher.dispatch({ channel: 'environment.describe', payload: {} }, () => undefined)).toEqual({
      ok: true,
      value: {
        kind: 'lab',
        name: 'Lab',
        title: 'Lab — SRCCLUS → TGTCLUS',
        warnings: [],
        labFolder: folder,
        sourceCluster: 'SRCCLUS',
        targetCluster: 'TGTCLUS',
        appVersion: '0.0.0-test',
        fileChoice: 'lab-folder',
      },
    });
  });

  it('needs no password in the lab, and refuses to remember one (the preview has no protected store)', async () => {
    const status = await app.dispatcher.dispatch({ channel: 'credentials.status', payload: {} }, () => undefined);
    expect(status).toMatchObject({ ok: true, value: { canRemember: false } });
    const items = (status as { value: { items: { needed: boolean }[] } }).value.items;
    expect(items.every((item) => !item.needed)).toBe(true);
    const remember = await app.dispatcher.dispatch({ channel: 'credentials.set', payload: { id: 'doubleTake', password: 'pw-lab-1', remember: true } }, () => undefined);
    expect(remember).toMatchObject({ ok: false, error: { code: 'credentials/unavailable' } });
  });

  it("checks the lab's connections with the same preflight as a real pair: every check passes, each reported as it finishes", async () => {
    const events: JobEvent[] = [];
    const result = await app.dispatcher.dispatch({ channel: 'preflight.run', payload: { jobId: 'job-preflight-1' } }, (event) => events.push(event));
    expect(result).toMatchObject({ ok: true, value: { passed: true, cancelled: false } });
    const checks = (result as { value: { checks: { system: string; result: string }[] } }).value.checks;
    expect(new Set(checks.map((c) => c.system))).toEqual(new Set(['directory', 'cluster', 'doubletake', 'node-files']));
    expect(events.filter((e) => e.kind === 'progress')).toHaveLength(checks.length);
  });

  it('runs the same failover engine as exchfailover on the lab directory: -test plans, a run moves every mailbox', async () => {
    const planned = await runFailover('job-test-0001', { test: true });
    expect(planned.result).toMatchObject({ ok: true, value: { status: 'planned' } });
    const plannedOutcome = (planned.result as { value: FailoverOutcomeView }).value;
    expect(plannedOutcome.pairs.length).toBeGreaterThanOrEqual(4);
    expect(planned.events.some((e) => e.kind === 'log')).toBe(true);

    const done = await runFailover('job-run-00001');
    expect(done.result).toMatchObject({ ok: true, value: { status: 'done' } });
    const outcome = (done.result as { value: FailoverOutcomeView }).value;
    expect(outcome.verification.every((check) => check.ok)).toBe(true);
    const onSource = outcome.mailboxCounts.filter((c) => c.server.toUpperCase() === 'EXCHVS').reduce((n, c) => n + c.count, 0);
    const onTarget = outcome.mailboxCounts.filter((c) => c.server.toUpperCase() === 'EXCHVS-DR').reduce((n, c) => n + c.count, 0);
    expect(onSource).toBe(0);
    expect(onTarget).toBeGreaterThanOrEqual(500);
    expect(outcome.journalFile).toContain(join(folder, 'journals'));

    // A re-run converges: nothing left to apply.
    const again = await runFailover('job-run-00002');
    const phases = (again.result as { value: FailoverOutcomeView }).value.phases;
    expect(phases.reduce((n, p) => n + p.applied, 0)).toBe(0);
  });

  it('answers a pairing problem as an input error, changing nothing', async () => {
    const clash = await runFailover('job-clash-001', { rules: [] });
    expect(clash.result).toMatchObject({ ok: false, error: { code: 'failover/input' } });
    if (!clash.result.ok) expect(clash.result.error.message).toMatch(/Sales\.edb/i);
    const planned = await runFailover('job-test-0002', { test: true });
    const counts = (planned.result as { value: FailoverOutcomeView }).value.mailboxCounts;
    expect(counts.filter((c) => c.server.toUpperCase() === 'EXCHVS-DR').reduce((n, c) => n + c.count, 0)).toBe(0);
  });
});

describe('the app on a real pair (a connection profile; nothing is reached until a tool runs)', () => {
  /** A profile whose tools and directory are never reached by these tests: they only describe and refuse. */
  const profileOf = (directory: Record<string, unknown>) =>
    parseConnectionProfile(
      {
        format: CONNECTION_PROFILE_FORMAT,
        version: CONNECTION_PROFILE_VERSION,
        name: 'Staging',
        directory,
        tools: { clusterExe: '/nonexistent/cluster', dtclExe: '/nonexistent/dtcl' },
        doubleTake: { user: 'EXAMPLE\\dtadmin' },
        nodeFiles: { root: join(folder, 'nodes', '{node}', '{drive}') },
      },
      'test profile',
    );

  async function realApp(directory: Record<string, unknown>): Promise<App> {
    const pairFile = join(folder, 'real-pair.json');
    await writePairDocument(pairFile, labPairDocument());
    return createApp({ labFolder: folder, appVersion: '0.0.0-test', pairFile, real: { profile: profileOf(directory), profileFile: join(folder, 'profile.json') } });
  }

  it('names the environment and its pair, shows the profile without a secret, and warns of a password over plain LDAP every time', async () => {
    const real = await realApp({ url: 'ldap://dc1.example.com', bindDn: 'CN=ha,DC=example,DC=com', allowPlainLdapPassword: true });
    try {
      const described = await real.dispatcher.dispatch({ channel: 'environment.describe', payload: {} }, () => undefined);
      expect(described).toMatchObject({
        ok: true,
        value: {
          kind: 'real',
          name: 'Staging',
          title: 'Staging — SRCCLUS → TGTCLUS',
          profile: { directory: { url: 'ldap://dc1.example.com', security: 'plain', bindDn: 'CN=ha,DC=example,DC=com' }, doubleTakeUser: 'EXAMPLE\\dtadmin' },
        },
      });
      const warnings = (described as { value: { warnings: string[] } }).value.warnings;
      expect(warnings.join(' ')).toMatch(/ldap:\/\/dc1\.example\.com/);
      const status = await real.dispatcher.dispatch({ channel: 'credentials.status', payload: {} }, () => undefined);
      expect(status).toMatchObject({ ok: true, value: { items: [{ id: 'directory', needed: true, held: false }, { id: 'doubleTake', needed: true, held: false }] } });
    } finally {
      await real.close();
    }
  });

  it('keeps a password given once and never sends it back', async () => {
    const real = await realApp({ url: 'ldaps://dc1.example.com', bindDn: 'CN=ha,DC=example,DC=com' });
    try {
      const secret = 'S3cret-given-once';
      const set = await real.dispatcher.dispatch({ channel: 'credentials.set', payload: { id: 'directory', password: secret, remember: false } }, () => undefined);
      expect(set).toMatchObject({ ok: true, value: { items: [{ id: 'directory', held: true, remembered: false }, { id: 'doubleTake', held: false }] } });
      expect(JSON.stringify(set)).not.toContain(secret);
      const described = await real.dispatcher.dispatch({ channel: 'environment.describe', payload: {} }, () => undefined);
      expect(JSON.stringify(described)).not.toContain(secret);
      const forgotten = await real.dispatcher.dispatch({ channel: 'credentials.forget', payload: { id: 'directory' } }, () => undefined);
      expect(forgotten).toMatchObject({ ok: true, value: { items: [{ id: 'directory', held: false }, { id: 'doubleTake', held: false }] } });
    } finally {
      await real.close();
    }
  });
});

describe("the app's diagnostic log", () => {
  it('logs a failover run from the GUI as a failover line when it starts and when it ends, with what and how', async () => {
    const lines: string[] = [];
    // Another lab: the one of beforeEach is open (and locked) by the app without a log.
    const own = await mkdtemp(join(tmpdir(), 'exch-ha-app-log-'));
    const logged = await createApp({ labFolder: own, appVersion: '0.0.0-test', logger: createLogger({ destination: { write: (line) => lines.push(line) } }) });
    try {
      const reply = await logged.dispatcher.dispatch({ channel: 'failover.run', payload: { jobId: 'job-log-00001', request: request({ test: true }) } }, () => undefined);
      expect(reply).toMatchObject({ ok: true, value: { status: 'planned' } });
    } finally {
      await logged.close();
      await rm(own, { recursive: true, force: true });
    }
    const failover = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry['subsystem'] === 'failover');
    expect(failover).toEqual([
      expect.objectContaining({ event: 'start', direction: 'failover', source: 'EXCHVS', target: 'EXCHVS-DR', test: true }),
      expect.objectContaining({ event: 'end', status: 'planned', errors: 0, durationMs: expect.any(Number) }),
    ]);
  });
});
