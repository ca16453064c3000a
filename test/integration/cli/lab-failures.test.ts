/**
 * `exchange-ha lab fail|restore DIR …` in process (runExchangeHa with the test's io): one line and exit 0 for what
 * was pulled or restored (and for nothing to do), exit 2 with a clear message for bad words, a folder that is not a
 * lab, an unknown node or a lab another program has open; the lab's files checked after each.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import { readLabFailures } from '../../../src-main/lab/failures/lab-failures-file';
import { openLab } from '../../../src-main/lab/lab';
import { readClusterStore } from '../../../src-main/lab/mscs/cluster-store-file';
import { buildExchangeGroup, GROUP } from '../../unit/lab/exchange/exchange-lab-fixtures';

const NOW = new Date('2026-12-08T03:00:00.000Z');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function exchangeHa(argv: readonly string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runExchangeHa({
    argv,
    env: {},
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    now: () => NOW,
    signal: new AbortController().signal,
    steps: () => new Map(),
  });
  return { code, stdout, stderr };
}

let template: string;
let work: string;
let lab: string;

beforeAll(async () => {
  // A lab made by lab init, with the source's Exchange group online on SRC1 (as after the setup), copied per test.
  template = await mkdtemp(join(tmpdir(), 'lab-failures-cli-template-'));
  const init = await exchangeHa(['lab', 'init', 'lab'], template);
  expect(init.code).toBe(0);
  const open = await openLab(join(template, 'lab'));
  try {
    await buildExchangeGroup(open.source, 'source');
    await open.source.run({ kind: 'group-online', group: GROUP.name });
  } finally {
    await open.close();
  }
});
afterAll(async () => {
  await rm(template, { recursive: true, force: true });
});

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'lab-failures-cli-'));
  await cp(template, work, { recursive: true });
  lab = join(work, 'lab');
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function nodes(): Record<string, string> {
  const clusters = readClusterStore(join(lab, 'clusters.json'));
  return Object.fromEntries([...clusters.values()].flatMap((m) => m.toJSON().nodes.map((n) => [n.name, n.state])));
}

function exchangeGroup(): { owner: string | null; states: string[] } {
  const source = readClusterStore(join(lab, 'clusters.json')).get('SRCCLUS')?.toJSON();
  if (source === undefined) throw new Error('no SRCCLUS');
  return {
    owner: source.groups.find((g) => g.name === GROUP.name)?.owner ?? null,
    states: source.resources.filter((r) => r.group === GROUP.name).map((r) => r.state),
  };
}

describe('exchange-ha lab fail|restore', () => {
  it('pulls the source and restores it with the Exchange group left offline, saying so', async () => {
    const fail = await exchangeHa(['lab', 'fail', 'lab', 'source'], work);
    expect(fail.stderr).toBe('');
    expect(fail.code).toBe(0);
    expect(fail.stdout).toMatch(/^Pulled the plug on the source cluster SRCCLUS \(SRC1 and SRC2 lost power\): .+\n$/);
    expect(nodes()).toEqual({ SRC1: 'Down', SRC2: 'Down', TGT1: 'Up', TGT2: 'Up' });
    expect(readLabFailures(lab)).toEqual([{ kind: 'source', since: NOW.toISOString() }]);

    const restore = await exchangeHa(['lab', 'restore', lab, 'SOURCE'], work);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('Powered SRC1 and SRC2 back on.');
    expect(restore.stdout).toContain('Exchange Group was taken offline as the nodes came back (guide section 8 step 1: bring the production cluster nodes online, but do not allow the Exchange group to start)');
    expect(restore.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(nodes()).toEqual({ SRC1: 'Up', SRC2: 'Up', TGT1: 'Up', TGT2: 'Up' });
    expect(exchangeGroup().states.every((s) => s === 'Offline')).toBe(true);
    expect(readLabFailures(lab)).toEqual([]);
  });

  it('pulls one node: MSCS moves the Exchange group to the other node', async () => {
    const fail = await exchangeHa(['lab', 'fail', 'lab', 'node', 'src1'], work);
    expect(fail.code).toBe(0);
    expect(fail.stdout).toContain('Pulled the plug on SRC1: MSCS moved its groups to the other node');
    expect(nodes()).toMatchObject({ SRC1: 'Down', SRC2: 'Up' });
    expect(exchangeGroup()).toEqual({ owner: 'SRC2', states: ['Online', 'Online', 'Online', 'Online'] });
    const restore = await exchangeHa(['lab', 'restore', 'lab', 'node', 'SRC1'], work);
    expect(restore.code).toBe(0);
    expect(nodes()).toMatchObject({ SRC1: 'Up' });
    expect(exchangeGroup().owner).toBe('SRC2');
  });

  it('cuts the link and splits the network without touching power; both are listed in the failures file', async () => {
    const link = await exchangeHa(['lab', 'fail', 'lab', 'link'], work);
    expect(link.code).toBe(0);
    expect(link.stdout).toContain('the monitor still sees the source, so no failover is due');
    const split = await exchangeHa(['lab', 'fail', 'lab', 'split'], work);
    expect(split.code).toBe(0);
    expect(split.stdout).toContain('still answers cluster.exe from the admin workstation');
    expect(nodes()).toEqual({ SRC1: 'Up', SRC2: 'Up', TGT1: 'Up', TGT2: 'Up' });
    expect(readLabFailures(lab).map((f) => f.kind)).toEqual(['link', 'split']);
    const healed = await exchangeHa(['lab', 'restore', 'lab', 'split'], work);
    expect(healed.stdout).toBe('Healed the split: the target side sees SRCCLUS again; Double-Take still cannot send: link still pulled.\n');
  });

  it('restoring what is not pulled says so, exits 0 and changes nothing', async () => {
    const before = await readFile(join(lab, 'clusters.json'), 'utf8');
    const restore = await exchangeHa(['lab', 'restore', 'lab', 'link'], work);
    expect(restore).toEqual({ code: 0, stdout: 'link is not pulled (nothing is); nothing changed.\n', stderr: '' });
    expect(existsSync(join(lab, 'failures.json'))).toBe(false);
    expect(await readFile(join(lab, 'clusters.json'), 'utf8')).toBe(before);
  });

  it('refuses bad words, a folder that is not a lab, an unknown node (exit 2, nothing changed)', async () => {
    const before = await readFile(join(lab, 'clusters.json'), 'utf8');
    const bad = await exchangeHa(['lab', 'fail', 'lab', 'flood'], work);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('exchange-ha: lab fail lab: "flood" is not a failure the lab knows: one of source, target, link, split, node NODE');
    expect(bad.stderr).toContain('Run "exchange-ha --help" for the usage.');
    expect((await exchangeHa(['lab', 'fail', 'lab'], work)).stderr).toContain('the failure is missing');
    expect((await exchangeHa(['lab', 'restore'], work)).stderr).toContain('lab restore needs the lab folder first: lab restore DIR source|target|link|split|node NODE');
    expect((await exchangeHa(['lab', 'fail', 'lab', 'node'], work)).code).toBe(2);

    const notLab = await exchangeHa(['lab', 'fail', 'elsewhere', 'link'], work);
    expect(notLab.code).toBe(2);
    expect(notLab.stderr).toContain(`${join(work, 'elsewhere')} is not a lab (it has no clusters.json); make one with "exchange-ha lab init elsewhere".`);
    expect(existsSync(join(work, 'elsewhere'))).toBe(false);

    const unknown = await exchangeHa(['lab', 'fail', 'lab', 'node', 'EXCH9'], work);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('The lab has no node named "EXCH9" (it has SRC1, SRC2, TGT1, TGT2). Nothing was changed.');
    expect(await readFile(join(lab, 'clusters.json'), 'utf8')).toBe(before);
    expect(existsSync(join(lab, 'failures.json'))).toBe(false);
  });

  it('refuses a lab another program has open, as the other commands do', async () => {
    const open = await openLab(lab);
    try {
      const busy = await exchangeHa(['lab', 'fail', 'lab', 'source'], work);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`The lab in ${lab} is open in this program already`);
    } finally {
      await open.close();
    }
    expect(nodes()).toMatchObject({ SRC1: 'Up', SRC2: 'Up' });
  });

  it('refuses a damaged failures file, naming it and the field', async () => {
    await exchangeHa(['lab', 'fail', 'lab', 'link'], work);
    const file = join(lab, 'failures.json');
    await writeFile(file, JSON.stringify({ format: 'exchange-ha-lab-failures', version: 1, failures: [{ kind: 'flood', since: NOW.toISOString() }] }));
    const run = await exchangeHa(['lab', 'restore', 'lab', 'link'], work);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file} is not valid:\nfailures[0].kind:`);
  });
});
