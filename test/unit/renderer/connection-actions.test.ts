import { beforeEach, describe, expect, it } from 'vitest';
import { channels, createClient, type ChannelName, type ContractTransport, type CredentialsStatus, type Environment, type StepPlan } from '../../../src-main/contract';
import { err, ok, type Result } from '../../../src-main/contract/result';
import type { HandlerContext } from '../../../src-main/contract/dispatcher';
import { createWizardActions, type WizardActions } from '../../../src-renderer/state/actions';
import { CONFIRM_FIRST_LINES, outsideChanges, preflightCounts, selectPlanToConfirm } from '../../../src-renderer/state/connection-actions';
import { createWizardStore, type WizardState, type WizardStore } from '../../../src-renderer/state/store';
import { createFakeMain, type FakeMain } from './fake-main';
import { untilState } from './store-until';

const REAL: Partial<Environment> = { kind: 'real', name: 'Production', title: 'Production — SRCCLUS → TGTCLUS', warnings: [], labFolder: undefined };
const LAB: Partial<Environment> = { kind: 'lab', name: 'Lab', title: 'Lab — SRCCLUS → TGTCLUS', warnings: [] };
const SECRET = 'Tr0ub4dor&3-not-to-be-seen';

type ExtraHandler = (request: unknown, context: HandlerContext) => Promise<Result<unknown>>;

/**
 * The fake main process plus the connection channels, answered here: each request is checked against the contract's
 * schema and copied as IPC would, and every request is recorded (to see what crossed, and how often).
 */
function withConnectionChannels(main: FakeMain, extra: Partial<Record<ChannelName, ExtraHandler>>) {
  const sent: { channel: string; payload: unknown }[] = [];
  const listeners = new Set<(event: unknown) => void>();
  const transport: ContractTransport = {
    async invoke(message) {
      const copy = JSON.parse(JSON.stringify(message)) as { channel: ChannelName; payload: unknown };
      sent.push(copy);
      const handler = extra[copy.channel];
      if (handler === undefined) return main.transport.invoke(copy);
      const parsed = channels[copy.channel].request.safeParse(copy.payload);
      if (!parsed.success) return err('contract/invalid-request', `bad request to ${copy.channel}`);
      const jobId = (parsed.data as { jobId?: string }).jobId ?? '';
      const result = await handler(parsed.data, {
        signal: new AbortController().signal,
        emit: (event) => {
          for (const l of listeners) l(JSON.parse(JSON.stringify({ ...event, jobId })));
        },
      });
      return JSON.parse(JSON.stringify(result)) as unknown;
    },
    onEvent(listener) {
      const off = main.transport.onEvent(listener);
      listeners.add(listener);
      return () => {
        off();
        listeners.delete(listener);
      };
    },
  };
  return { client: createClient(transport), sent };
}

let main: FakeMain;
let store: WizardStore;
let actions: WizardActions;
let sent: { channel: string; payload: unknown }[];
let held: { directory: boolean; doubleTake: boolean };
let passwords: string[];

const status = (): CredentialsStatus => ({
  items: [
    { id: 'directory', label: 'Directory bind password', account: 'CN=Administrator,DC=lab,DC=example', needed: true, held: held.directory, remembered: false },
    { id: 'doubleTake', label: 'Double-Take password', account: 'Administrator', needed: true, held: held.doubleTake, remembered: false },
  ],
  canRemember: false,
});

const REPORT = {
  passed: false,
  cancelled: false,
  checks: [
    { id: 'directory.connect', system: 'directory', title: 'the domain controller answers', where: 'ldaps://dc1:636', command: 'ldapsearch -H ldaps://dc1:636 -x -s base', result: 'ok', detail: 'answered' },
    {
      id: 'doubletake.login.SRC1',
      system: 'doubletake',
      title: 'dtcl.exe logs in',
      where: 'SRC1',
      command: 'LOGIN SRC1 Administrator ********;',
      result: 'failed',
      failure: { what: 'The login was refused.', where: 'SRC1', next: 'Enter the Double-Take password again on the Connections page.' },
    },
    { id: 'node-files.SRC1', system: 'node-files', title: 'online.dtcl is readable', where: 'SRC1', command: 'type "\\\\SRC1\\C$\\x"', result: 'skipped', skippedBecause: 'doubletake.login.SRC1' },
  ],
} as const;

function build(environment: Partial<Environment>): void {
  main = createFakeMain(environment);
  held = { directory: false, doubleTake: false };
  passwords = [];
  const wired = withConnectionChannels(main, {
    'credentials.status': async () => ok(status()),
    'credentials.set': async (request) => {
      const { id, password, remember } = request as { id: 'directory' | 'doubleTake'; password: string; remember: boolean };
      if (remember) return err('credentials/unavailable', 'This computer cannot keep a password protected.');
      passwords.push(password);
      held[id] = true;
      return ok(status());
    },
    'credentials.forget': async (request) => {
      held[(request as { id: 'directory' | 'doubleTake' }).id] = false;
      return ok(status());
    },
    'preflight.run': async (_request, { emit }) => {
      emit({ kind: 'progress', value: 0.5, title: 'Logging in to Double-Take on SRC1', description: 'LOGIN SRC1 Administrator ********;' });
      return ok(REPORT);
    },
  });
  sent = wired.sent;
  store = createWizardStore();
  actions = createWizardActions(store, wired.client, { checkDelayMs: 5, writeClipboard: async () => undefined });
}

const until = (predicate: (s: WizardState) => boolean): Promise<void> => untilState(store, predicate);
const channelsSent = (): string[] => sent.map((m) => m.channel);

const plan = (actions: StepPlan['actions']): StepPlan => ({ stepId: '4.2.2', actions, warnings: [], findings: [], pairDigest: 'a'.repeat(64), digest: 'b'.repeat(64) });

describe('what an Apply on a real pair will change', () => {
  it('counts the needed changes per target and tool, leaving out what is in place and the progress record', () => {
    const changes = outsideChanges(
      plan([
        { tool: 'cluster', target: 'SRCCLUS', command: 'cluster SRCCLUS res "IP" /create', description: '', needed: true },
        { tool: 'cluster', target: 'SRCCLUS', command: 'cluster SRCCLUS res "IP" /priv Address=10.0.0.20\ncluster SRCCLUS res "IP" /priv SubnetMask=255.255.255.0', description: '', needed: true },
        { tool: 'cluster', target: 'SRCCLUS', command: 'cluster SRCCLUS res "IP" /online', description: '', needed: false },
        { tool: 'file', target: 'SRC1', command: '- old\n+ new', description: '', needed: true },
        { tool: 'record', target: 'progress file', command: 'record', description: '', needed: true },
      ]),
    );
    expect(changes.total).toBe(3);
    expect(changes.targets).toEqual([
      {
        target: 'SRCCLUS',
        tool: 'cluster',
        count: 2,
        firstLines: ['cluster SRCCLUS res "IP" /create', 'cluster SRCCLUS res "IP" /priv Address=10.0.0.20', 'cluster SRCCLUS res "IP" /priv SubnetMask=255.255.255.0'].slice(0, CONFIRM_FIRST_LINES),
        moreLines: Math.max(0, 3 - CONFIRM_FIRST_LINES),
      },
      { target: 'SRC1', tool: 'file', count: 1, firstLines: ['- old', '+ new'], moreLines: 0 },
    ]);
  });

  it('is nothing for a plan whose actions are all in place', () => {
    expect(outsideChanges(plan([{ tool: 'dtcl', target: 'SRC1', command: 'LOGIN', description: '', needed: false }]))).toEqual({ total: 0, targets: [] });
  });
});

describe('Apply on a real pair asks once, then sends confirmed', () => {
  beforeEach(() => build(REAL));

  it('opens the confirmation instead of applying, and Cancel sends nothing', async () => {
    await actions.start();
    await actions.selectStep('4.2.1');
    await actions.plan();
    await actions.apply();
    expect(channelsSent()).not.toContain('step.apply');
    const asked = selectPlanToConfirm(store.getState());
    expect(asked?.stepId).toBe('4.2.1');
    actions.dismissApplyConfirmation();
    expect(selectPlanToConfirm(store.getState())).toBeUndefined();
    expect(channelsSent()).not.toContain('step.apply');
    expect(main.groups.size).toBe(0);
  });

  it('applies with confirmed: true once the dialog is answered, and closes it', async () => {
    await actions.start();
    await actions.selectStep('4.2.1');
    await actions.plan();
    await actions.apply();
    await actions.apply(true);
    const applies = sent.filter((m) => m.channel === 'step.apply');
    expect(applies).toHaveLength(1);
    expect(applies[0]?.payload).toMatchObject({ stepId: '4.2.1', confirmed: true });
    expect(selectPlanToConfirm(store.getState())).toBeUndefined();
    expect(main.groups.has('Exchange Group')).toBe(true);
  });

  it('does not take a confirmation given for another plan: apply(true) without the dialog asks first', async () => {
    await actions.start();
    await actions.selectStep('4.2.1');
    await actions.plan();
    await actions.apply(true);
    expect(channelsSent()).not.toContain('step.apply');
    expect(selectPlanToConfirm(store.getState())?.stepId).toBe('4.2.1');
  });
});

describe('Apply in the lab', () => {
  beforeEach(() => build(LAB));

  it('applies at once, without a confirmation', async () => {
    await actions.start();
    await actions.selectStep('4.2.1');
    await actions.plan();
    await actions.apply();
    expect(sent.filter((m) => m.channel === 'step.apply')).toHaveLength(1);
    expect(sent.find((m) => m.channel === 'step.apply')?.payload).toMatchObject({ confirmed: false });
    expect(selectPlanToConfirm(store.getState())).toBeUndefined();
  });
});

describe('passwords on the Connections page', () => {
  beforeEach(() => build(REAL));

  it('reads which passwords the program holds at the start of a real environment', async () => {
    await actions.start();
    expect(store.getState().connections.credentials).toMatchObject({ status: 'ready', value: { items: [{ id: 'directory', held: false }, { id: 'doubleTake', held: false }] } });
  });

  it('sends a password once, keeps only that it is held, never the password', async () => {
    await actions.start();
    expect(await actions.enterCredential('doubleTake', SECRET, false)).toBe(true);
    expect(passwords).toEqual([SECRET]);
    expect(sent.filter((m) => JSON.stringify(m).includes(SECRET))).toHaveLength(1);
    expect(store.getState().connections.credentials).toMatchObject({ status: 'ready', value: { items: [{ held: false }, { id: 'doubleTake', held: true }] } });
    expect(JSON.stringify(store.getState())).not.toContain(SECRET);
  });

  it('shows why a password was not taken, next to it, and holds nothing', async () => {
    await actions.start();
    expect(await actions.enterCredential('directory', SECRET, true)).toBe(false);
    expect(store.getState().connections.credentialError).toMatchObject({ id: 'directory', error: { code: 'credentials/unavailable' } });
    expect(held.directory).toBe(false);
    expect(JSON.stringify(store.getState())).not.toContain(SECRET);
  });

  it('sends nothing for an empty field, and forgets a password', async () => {
    await actions.start();
    expect(await actions.enterCredential('directory', '', false)).toBe(false);
    expect(channelsSent()).not.toContain('credentials.set');
    await actions.enterCredential('directory', SECRET, false);
    await actions.forgetCredential('directory');
    expect(held.directory).toBe(false);
    expect(store.getState().connections.credentials).toMatchObject({ value: { items: [{ id: 'directory', held: false }, { id: 'doubleTake', held: false }] } });
  });
});

describe('Check connections', () => {
  beforeEach(() => build(REAL));

  it('shows the progress while it runs, then the report with its counts', async () => {
    await actions.start();
    const titles: string[] = [];
    const off = store.subscribe((s) => {
      if (s.connections.preflight.status === 'running') titles.push(s.connections.preflight.title);
    });
    await actions.checkConnections();
    off();
    expect(titles).toContain('Logging in to Double-Take on SRC1');
    const preflight = store.getState().connections.preflight;
    expect(preflight.status).toBe('done');
    expect(preflightCounts(preflight)).toEqual({ failed: 1, skipped: 1, total: 3 });
  });

  it('opens the Connections page and leaves the step page', async () => {
    await actions.start();
    await until((s) => s.current !== undefined);
    actions.selectConnections();
    expect(store.getState().selected).toEqual({ kind: 'connections' });
    expect(store.getState().current).toBeUndefined();
  });
});
