/**
 * `exchange-ha incident watch --profile` on the real adapters: the TCP probe to a listener on 127.0.0.1, the second
 * path through cluster.exe (the emulator, on a lab's clusters), Double-Take's queue read through dtcl.exe (the
 * emulator). The directory is never reached by the monitor (the profile's address is a closed port).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import { readPrompt } from '../../../src-main/incident/store/prompt-file';
import { LAB_DOUBLETAKE_PASSWORD, LAB_DOUBLETAKE_USER } from '../../../src-main/lab/doubletake/lab-accounts';
import { openLab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { LAB } from '../../../src-main/lab/topology';
import { formatPairDocument } from '../../../src-main/pair/pair-document-file';
import { CLUSTER_EMULATOR, DTCL_EMULATOR, closedPort } from '../preflight/preflight-world-fixture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let work: string;
let lab: string;
let pair: string;
let profile: string;
let server: Server;
let port: number;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'incident-watch-real-'));
  lab = join(work, 'lab');
  await (await openLab(lab)).close();
  pair = join(work, 'pair.json');
  await writeFile(pair, formatPairDocument(labPairDocument()));
  profile = join(work, 'profile.json');
  await writeFile(
    profile,
    JSON.stringify({
      format: 'exchange-ha-connection-profile',
      version: 1,
      name: 'Rehearsal',
      directory: { url: `ldaps://127.0.0.1:${await closedPort()}` },
      tools: { clusterExe: CLUSTER_EMULATOR[0], dtclExe: DTCL_EMULATOR[0] },
      doubleTake: { user: LAB_DOUBLETAKE_USER },
      nodeFiles: { root: join(lab, 'nodes', '{node}', '{drive}') },
    }),
  );
  server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});

afterEach(async () => {
  server.close();
  await rm(work, { recursive: true, force: true });
});

function watch() {
  let out = '';
  let err = '';
  const controller = new AbortController();
  const done = runExchangeHa({
    argv: ['incident', 'watch', '--pair', pair, '--profile', profile, '--probe', `tcp:127.0.0.1:${port}`, '--interval', '0.5', '--missed', '3'],
    env: {
      PATH: process.env.PATH ?? '',
      EXCH_HA_LAB: lab,
      EXCH_HA_LAB_CLUSTERS: join(lab, 'clusters.json'),
      ...(process.env.EXCH_HA_EMULATOR_BUNDLES === undefined ? {} : { EXCH_HA_EMULATOR_BUNDLES: process.env.EXCH_HA_EMULATOR_BUNDLES }),
      EXCHANGE_HA_DT_PASSWORD: LAB_DOUBLETAKE_PASSWORD,
    },
    cwd: work,
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    now: () => new Date(),
    signal: controller.signal,
    steps: () => new Map(),
  });
  return {
    done,
    out: () => out,
    err: () => err,
    interrupt: () => controller.abort(),
    async until(pattern: RegExp) {
      const end = Date.now() + 30_000;
      while (!pattern.test(out)) {
        if (Date.now() > end) throw new Error(`never matched ${pattern}:\n${out}\n${err}`);
        await sleep(50);
      }
    },
  };
}

describe('exchange-ha incident watch on the real adapters', () => {
  it('vetoes through cluster.exe while the source cluster answers (exit 130 on Ctrl+C), raises once it does not (exit 3)', async () => {
    const split = watch();
    await split.until(/^green /m);
    expect(split.out()).toContain(`through the profile "Rehearsal" (${profile})`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await split.until(/^vetoed /m);
    split.interrupt();
    expect(await split.done).toBe(130);
    expect(split.out()).toMatch(/^vetoed — nothing raised: the source cluster SRCCLUS vetoed: SRCCLUS answers cluster\.exe/m);
    expect(await readPrompt(`${pair}.incidents`)).toBeUndefined();

    const opened = await openLab(lab);
    await opened.power(LAB.source.cluster, false);
    await opened.close();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const down = watch();
    await down.until(/^green /m);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await down.done).toBe(3);
    const prompt = await readPrompt(`${pair}.incidents`);
    expect(prompt).toMatchObject({ status: 'pending', address: '127.0.0.1', secondPathDetail: expect.stringMatching(/^SRCCLUS does not answer cluster\.exe: /) });
    expect(down.out()).toContain(`The prompt is kept in ${pair}.incidents until it is answered`);
    expect(`${split.err()}${down.err()}`).not.toContain(LAB_DOUBLETAKE_PASSWORD);
  });
});
