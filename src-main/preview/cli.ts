import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../app/create-app';
import { createLogger } from '../shared/logger';
import { PREVIEW_HOST, startPreviewServer } from './preview-server';

/**
 * `npm run preview`: the wizard in an ordinary browser, on a lab only (never a real environment), for machines
 * without Electron's binary. Prints the address (with its session token) and serves until Ctrl+C.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const usage = `Usage: npm run preview -- [--lab <folder>] [--pair <file>] [--port <number>]
  --lab   the lab folder (default: .lab/ in the repository; created and seeded when empty)
  --pair  the pair document (default: pair.json in the lab folder, written with the lab's values when missing)
  --port  the port on ${PREVIEW_HOST} (default: a free one)`;

async function main(): Promise<void> {
  let values: { lab?: string; pair?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { lab: { type: 'string' }, pair: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (values.help === true) {
    console.log(usage);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535.\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const labFolder = resolve(values.lab ?? resolve(repoRoot, '.lab'));
  const { version } = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string };

  // One logger on standard error: the preview's refusals, and the diagnostic lines of the setup and preflight runs.
  const logger = createLogger({ destination: process.stderr });
  const previewLog = logger.child({ subsystem: 'preview' });
  const pairFile = values.pair === undefined ? undefined : resolve(values.pair);
  const app = await createApp({ labFolder, appVersion: version, logger, ...(pairFile !== undefined ? { pairFile } : {}) });
  let server;
  try {
    server = await startPreviewServer({
      app,
      rendererDir: resolve(repoRoot, 'out', 'renderer'),
      host: PREVIEW_HOST,
      port,
      // The server's refusals, as the program's structured log lines (redacted) on standard error.
      log: (line) => previewLog.warn(line),
    });
  } catch (e) {
    await app.close();
    throw e;
  }

  console.log(`Exchange HA Wizard ${version} — browser preview (lab only)`);
  console.log(`Lab folder: ${labFolder}`);
  console.log(`Open this address in a browser on this machine (one tab at a time; a reload reconnects):`);
  console.log(`  ${server.url}`);
  console.log('Press Ctrl+C to stop. To move to another tab, close this one first.');

  const stop = async (): Promise<void> => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server.close();
    await app.close();
    console.log('Preview stopped.');
    // Anything still holding the event loop (a lab timer) must not keep a stopped preview alive.
    setTimeout(() => process.exit(), 2000).unref();
  };
  const onSignal = (): void => {
    void stop().catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((e: unknown) => {
  console.error(`The preview could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
