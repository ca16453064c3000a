/**
 * The benchmark's contender process: `exchange-ha incident failover …` exactly as src-main/cli/exchange-ha.ts runs
 * it (the same entry handling, masked output, parser, composition and runbook), with ONE change: the monitor's
 * probe in confirm-source-down is a TCP connect to a closed port on 127.0.0.1 (BENCH_PROBE_PORT) instead of the
 * pair document's fictional address (10.0.0.20), to which the benchmark never sends a packet. The pair document's
 * schema keeps monitor.monitoredAddress equal to the source's address, so the built CLI cannot be aimed at
 * 127.0.0.1; this entry is bundled with esbuild (guided-bundles.ts) so it starts as plain Node, as the built CLI does.
 *
 *   node guided-failover-entry.mjs --pair P --profile F --bind-password-file W --yes   (env BENCH_PROBE_PORT=N)
 */
import { incidentRunbookCommand, openRunbookWorld } from '../../src-main/cli/exchange-ha/incident-runbook-command';
import type { SubcommandIo } from '../../src-main/cli/exchange-ha/subcommand';
import { runEntry } from '../../src-main/cli/process-exit';
import { createSecretMask } from '../../src-main/shared/redaction';
import { BENCH_PROBE_PORT_ENV } from './guided-failover-entry-env';

runEntry({ program: 'exchange-ha', interruptMessage: 'stopping before the next change', unexpectedExitCode: 1 }, async ({ stdout, stderr, signal }) => {
  const port = Number(process.env[BENCH_PROBE_PORT_ENV]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    stderr.write(`guided-failover-entry: ${BENCH_PROBE_PORT_ENV} must name a TCP port 1-65535 on 127.0.0.1, got ${JSON.stringify(process.env[BENCH_PROBE_PORT_ENV] ?? null)}\n`);
    return 1;
  }
  const mask = createSecretMask();
  const io: SubcommandIo = {
    args: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    signal,
    line: (text) => stdout.write(mask.text(`${text}\n`)),
    problem: (text) => stderr.write(mask.text(`${text}\n`)),
    json: (value) => stdout.write(`${mask.json(value)}\n`),
    mask,
  };
  return incidentRunbookCommand('failover', io, {
    openWorld: async (command, document, io2) => {
      const opened = await openRunbookWorld(command, document, io2);
      const world = opened.world;
      return { ...opened, world: { ...world, probe: () => world.probe({ kind: 'tcp', host: '127.0.0.1', port }) } };
    },
  });
});
