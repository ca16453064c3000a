/**
 * Every command sequence README.md shows, run exactly as written: each ```sh block is read from README.md, each of
 * its commands (a line, or lines joined by a trailing backslash) runs through `bash -c` in the repository folder
 * and must exit 0. The /tmp folders a block names are removed before and after it. A block that cannot run here is
 * listed below by its exact text with the reason, which the test prints; any other block is run, so a block added to
 * README.md cannot escape, and an exception whose block README.md no longer has fails the test.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../helpers/run-cli-entry';

interface NotRunHere {
  /** The block's text between its fences, exactly as README.md has it. */
  readonly block: string;
  readonly reason: string;
}

const NOT_RUN_HERE: readonly NotRunHere[] = [
  {
    block: 'npm install && npm start',
    reason: "it starts the desktop program, which needs Electron's runtime (downloaded by npm install) and a display",
  },
  {
    block: 'npm start -- --pair C:\\HA\\pair.json --profile C:\\HA\\connection-profile.json',
    reason:
      'it opens the desktop program on a real pair (Windows paths, a display); test/e2e/real-pair.test.ts composes the same app from a profile naming the cluster.exe and dtcl.exe emulators and slapd, and drives it in Chromium',
  },
  {
    block:
      'exchange-ha check --pair C:\\HA\\pair.json --profile C:\\HA\\connection-profile.json --dt-password-file C:\\HA\\dt.pw --bind-password-file C:\\HA\\bind.pw',
    reason:
      'it checks a real pair from Windows; test/integration/preflight/exchange-ha-check.test.ts runs the same command with a profile naming the emulators and slapd, and the block after it rehearses it on a lab',
  },
  {
    block: 'npm run test:system-deps && ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci && npm test',
    reason: 'it is the test line itself (.ci/run runs it): running it from a test would run this test again, without end',
  },
];

/**
 * Each ```sh block of a Markdown text, its content without the fences; a block indented under a list item (its
 * fences indented) is found too, its lines without that indentation.
 */
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^( *)```sh\n([\s\S]*?)\n\1```$/gm)].map((match) => {
    const indent = match[1] ?? '';
    return (match[2] ?? '')
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n');
  });
}

/** A block's commands: one per line, a line ending with a backslash continued by the next; blank lines skipped. */
function commandsOf(block: string): string[] {
  const commands: string[] = [];
  let pending = '';
  for (const line of block.split('\n')) {
    if (line.endsWith('\\')) {
      pending += `${line}\n`;
      continue;
    }
    const command = pending + line;
    pending = '';
    if (command.trim() !== '') commands.push(command);
  }
  if (pending.trim() !== '') commands.push(pending);
  return commands;
}

/** The top-level /tmp folders or files a block names (`/tmp/lab1/pair.json` names `/tmp/lab1`). */
function tmpPathsOf(block: string): string[] {
  return [...new Set([...block.matchAll(/\/tmp\/([A-Za-z0-9._-]+)/g)].map((match) => `/tmp/${match[1] ?? ''}`))];
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function bash(command: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: REPOSITORY_ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const README = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
const BLOCKS = shellBlocks(README);
const notRunHere = (block: string): NotRunHere | undefined => NOT_RUN_HERE.find((entry) => entry.block === block);
const TO_RUN = BLOCKS.filter((block) => notRunHere(block) === undefined);

/** Long enough for the whole lab setup applied by the command line on a slow machine. */
const BLOCK_MS = 600_000;

describe('the commands README.md shows', () => {
  it('README.md has shell blocks, and every block that is not run is listed with its reason, which is printed', () => {
    expect(BLOCKS.length).toBeGreaterThan(0);
    for (const entry of NOT_RUN_HERE) {
      expect(BLOCKS, `an exception names a block README.md no longer has; remove it:\n${entry.block}`).toContain(entry.block);
      console.info(`README block not run here, because ${entry.reason}:\n${entry.block}`);
    }
    expect(TO_RUN.length).toBeGreaterThan(0);
  });

  it('reads a block, its commands and its /tmp paths as written', () => {
    const block = 'a /tmp/x/p.json \\\n  b /tmp/x\n\nc "/tmp/y-2/q"';
    expect(shellBlocks(`text\n\`\`\`sh\n${block}\n\`\`\`\nmore\n\`\`\`ts\nnot shell\n\`\`\``)).toEqual([block]);
    // Indented under a list item: found, without its indentation.
    expect(shellBlocks('1. Item:\n\n   ```sh\n   echo one\n   echo two\n   ```\n')).toEqual(['echo one\necho two']);
    expect(commandsOf(block)).toEqual(['a /tmp/x/p.json \\\n  b /tmp/x', 'c "/tmp/y-2/q"']);
    expect(tmpPathsOf(block)).toEqual(['/tmp/x', '/tmp/y-2']);
  });

  it.each(TO_RUN.map((block) => [block.split('\n')[0] ?? '', block] as const))(
    'runs every command of the block starting "%s", each exiting 0',
    async (_first, block) => {
      const paths = tmpPathsOf(block);
      const clean = () => Promise.all(paths.map((path) => rm(path, { recursive: true, force: true })));
      await clean();
      try {
        const runs: { command: string; run: Run }[] = [];
        for (const command of commandsOf(block)) {
          const run = await bash(command);
          expect(run.code, `${command}\nexited ${run.code}:\n${run.stdout}\n${run.stderr}`).toBe(0);
          runs.push({ command, run });
        }
        // The incident block ends with the status of an incident failed over and back.
        if (/\bincident (failover|failback)\b/.test(block)) {
          const status = runs.at(-1);
          expect(status?.command).toMatch(/\bincident status\b/);
          expect(status?.run.stdout).toMatch(/run-end runbook=failover outcome=succeeded/);
          expect(status?.run.stdout).toMatch(/run-end runbook=failback outcome=succeeded/);
        } else if (/\bsetup (plan|apply|verify)\b/.test(block)) {
          // The setup block ends with a setup verify that passes every step.
          const verify = runs.filter((r) => /\bsetup verify\b/.test(r.command)).at(-1);
          expect(verify, 'the exchange-ha block ends with a setup verify').toBeDefined();
          expect(verify).toBe(runs.at(-1));
          expect(verify?.run.stdout).toMatch(/^Every step \(\d+\) verifies\.$/m);
          expect(verify?.run.stdout).not.toContain('FAIL');
        }
      } finally {
        await clean();
      }
    },
    BLOCK_MS,
  );
});
