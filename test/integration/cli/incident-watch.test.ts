/**
 * `exchange-ha incident watch` on a lab, with a real TCP listener on 127.0.0.1 as the monitored address (--probe) at
 * 0.2 s × 3, run in process through runExchangeHa (Ctrl+C is the io's signal), and once as a process (SIGINT). The
 * second path is the lab's source cluster.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import { readPrompt } from '../../../src-main/incident/store/prompt-file';
import { openLab } from '../../../src-main/lab/lab';
import { LAB } from '../../../src-main/lab/topology';
import { REPOSITORY_ROOT } from '../../helpers/run-cli-entry';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Listener {
  private server: Server | undefined;
  port = 0;
  async start(): Promise<void> {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    this.port = address.port;
    this.server = server;
  }
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

interface Watch {
  readonly done: Promise<number>;
  stdout(): string;
  stderr(): string;
  interrupt(): void;
  /** Waits (at most 10 s) until standard output matches. */
  until(pattern: RegExp): Promise<void>;
}

let work: string;
let lab: string;
let listener: Listener;

function exchangeHa(argv: readonly string[]): Watch {
  let out = '';
  let err = '';
  const controller = new AbortController();
  const done = runExchangeHa({
    argv,
    env: {},
    cwd: work,
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    now: () => new Date(),
    signal: controller.signal,
    steps: () => new Map(),
  });
  return {
    done,
    stdout: () => out,
    stderr: () => err,
    interrupt: () => controller.abort(),
    async until(pattern) {
      const end = Date.now() + 10_000;
      while (!pattern.test(out)) {
        if (Date.now() > end) throw new Error(`standard output never matched ${pattern}:\n${out}\n${err}`);
        await sleep(20);
      }
    },
  };
}

const watchArgs = (...more: string[]) => ['incident', 'watch', '--pair', 'lab/pair.json', '--lab', 'lab', '--probe', `tcp:127.0.0.1:${listener.port}`, '--interval', '0.2', '--missed', '3', ...more];

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'incident-watch-'));
  lab = join(work, 'lab');
  expect(await exchangeHa(['lab', 'init', 'lab']).done).toBe(0);
  listener = new Listener();
  await listener.start();
});

afterEach(async () => {
  await listener.stop();
  await rm(work, { recursive: true, force: true });
});

describe('exchange-ha incident watch', () => {
  it('prints the countdown once per change and exits 0 on Ctrl+C while the source answers', async () => {
    const watch = exchangeHa(watchArgs());
    await watch.until(/^green /m);
    await sleep(600);
    watch.interrupt();
    expect(await watch.done).toBe(0);
    const lines = watch.stdout().trimEnd().split('\n');
    expect(lines[0]).toBe(`exchange-ha incident watch: ${LAB.source.virtualServer} (127.0.0.1) through the lab in ${lab}`);
    expect(lines[1]).toBe(`probe: TCP connect to 127.0.0.1:${listener.port}; Time to Fail 0.6 s (0.2 s × 3); second path: the source cluster SRCCLUS. Ctrl+C stops.`);
    // One line for green, not one per probe.
    expect(lines.filter((l) => l.startsWith('green '))).toHaveLength(1);
    expect(lines[2]).toMatch(new RegExp(`^green TTF 0\\.\\d s — 127\\.0\\.0\\.1:${listener.port} accepted a connection in \\d+ ms$`));
    expect(lines.at(-1)).toBe('stopped with Ctrl+C while green: nothing raised');
    expect(watch.stderr()).toBe('');
  });

  it('a split (the listener gone, the source cluster answering) is vetoed and says why; Ctrl+C then exits 130, nothing raised', async () => {
    const watch = exchangeHa(watchArgs());
    await watch.until(/^green /m);
    await listener.stop();
    await watch.until(/^vetoed /m);
    watch.interrupt();
    expect(await watch.done).toBe(130);
    const out = watch.stdout();
    expect(out).toMatch(new RegExp(`^yellow TTF 0\\.\\d s — 127\\.0\\.0\\.1:${listener.port}: connection refused$`, 'm'));
    expect(out).toContain('red TTF 0 s — no reply for 0.6 s; asking the second path (the source cluster SRCCLUS)\n');
    expect(out).toMatch(/^vetoed — nothing raised: the source cluster SRCCLUS vetoed: SRCCLUS answers cluster\.exe.*; still probing \(a reply resets\)$/m);
    expect(out).toMatch(/stopped with Ctrl\+C while vetoed: nothing raised\n$/);
    expect(await readPrompt(join(lab, 'incidents'))).toBeUndefined();
  });

  it('exits 3 with the prompt kept on disk when the second path agrees; a second watch shows it first and exits 3 at once', async () => {
    const opened = await openLab(lab);
    await opened.power(LAB.source.cluster, false);
    await opened.close();
    const watch = exchangeHa(watchArgs());
    await watch.until(/^green /m);
    await listener.stop();
    expect(await watch.done).toBe(3);
    const prompt = await readPrompt(join(lab, 'incidents'));
    expect(prompt?.status).toBe('pending');
    const out = watch.stdout();
    expect(out).toContain(`raised — Time to Fail reached zero and the second path agreed: incident ${prompt?.incident ?? '?'}\n`);
    expect(out).toMatch(/^ {2}second path: SRCCLUS does not answer cluster\.exe: /m);
    expect(out).toContain(`The prompt is kept in ${join(lab, 'incidents')} until it is answered`);

    const again = exchangeHa(watchArgs('--json'));
    expect(await again.done).toBe(3);
    const snapshots = again
      .stdout()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { status: string; prompt?: { incident: string; waitedSeconds: number } });
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ status: 'raised', prompt: { incident: prompt?.incident } });
  });

  it('--json prints each change as one JSON object', async () => {
    const watch = exchangeHa(watchArgs('--json'));
    await watch.until(/"status":"green"/);
    watch.interrupt();
    expect(await watch.done).toBe(0);
    const snapshots = watch
      .stdout()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { status: string; ttfSeconds: number; probe: string });
    expect(snapshots[0]).toMatchObject({ status: 'green', ttfSeconds: 0.6, probe: `TCP connect to 127.0.0.1:${listener.port}` });
    expect(snapshots.at(-1)?.status).toBe('stopped');
  });

  it('refuses bad input with exit 2, naming each bad word, before anything runs', async () => {
    const bad = exchangeHa(['incident', 'watch', '--pair', 'lab/pair.json', '--lab', 'lab', '--probe', 'udp:53', '--interval', '0', '--missed', 'many']);
    expect(await bad.done).toBe(2);
    expect(bad.stderr()).toContain('--probe (argument 7) "udp:53" is not a probe: give icmp, icmp:HOST, tcp:PORT or tcp:HOST:PORT');
    expect(bad.stderr()).toContain('--interval (argument 9) "0" is not a number of seconds more than 0');
    expect(bad.stderr()).toContain('--missed (argument 11) "many" is not a whole number of missed replies from 1 to 1000');
    expect(bad.stdout()).toBe('');

    const host = exchangeHa(['incident', 'watch', '--pair', 'lab/pair.json', '--lab', 'lab', '--probe', 'icmp:-f']);
    expect(await host.done).toBe(2);
    expect(host.stderr()).toContain('--probe (argument 7) its host: "-f" begins with "-", which ping would read as an option');

    const noWorld = exchangeHa(['incident', 'watch', '--pair', 'lab/pair.json']);
    expect(await noWorld.done).toBe(2);
    expect(noWorld.stderr()).toContain('incident watch needs --lab DIR');
  });

  it('as a process: SIGINT while green exits 0', async () => {
    const loader = pathToFileURL(join(REPOSITORY_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    const child = spawn(process.execPath, ['--import', loader, join(REPOSITORY_ROOT, 'src-main', 'cli', 'exchange-ha.ts'), ...watchArgs()], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const code = new Promise<number | null>((resolve) => child.once('close', resolve));
    const end = Date.now() + 30_000;
    while (!/^green /m.test(out)) {
      if (Date.now() > end) throw new Error(`no green line: ${out}`);
      await sleep(50);
    }
    child.kill('SIGINT');
    expect(await code).toBe(0);
    expect(out).toContain('stopped with Ctrl+C while green: nothing raised\n');
  });
});
