/** The benchmark's command-line options (`npm run bench -- --quick`, ...). */

/** Which measurements to run. */
export type MeasurementName = 'sync' | 'nosync' | 'discovery' | 'memory' | 'guided';

/** Parsed options. */
export interface BenchOptions {
  /** Mailboxes of the failover measurements (sync, dbnosync and the guided failover). */
  readonly failoverUsers: number;
  readonly discoveryUsers: number;
  readonly memoryUsers: number;
  readonly only: readonly MeasurementName[];
  /** `--command "..."`, else EXCHFAILOVER_BENCH_COMMAND, else found (built CLI, then source). */
  readonly command: string | undefined;
  /** Measure only ldapmodify/ldapsearch (and check the data), for before the command line exists. */
  readonly peersOnly: boolean;
  readonly runs: number;
  /** Clients of the informational floor row under each failover measurement (`--floor-clients`, default 8). */
  readonly floorClients: number;
  /** False with `--no-floor`: no floor rows. */
  readonly floor: boolean;
  /** Keep the scratch folder (LDIFs, logs, journals) for inspection. */
  readonly keep: boolean;
  readonly help: boolean;
}

/** The usage text. */
export const USAGE = `npm run bench -- [options]
  --quick             smaller sizes for a smoke run: 2,000 / 5,000 / 10,000 (default 20,000 / 50,000 / 100,000)
  --sizes F,D,M       mailboxes of the failover (and guided failover), discovery and memory measurements
  --only LIST         some of: sync,nosync,discovery,memory,guided (default all); guided: the guided failover
                      runbook (exchange-ha incident failover) vs the postover.bat sequence, overhead < 10 %
  --command "CMD"     how to start exchfailover (default: node out/main/exchfailover.js, else
                      node --import tsx src-main/cli/exchfailover.ts); also EXCHFAILOVER_BENCH_COMMAND
  --peers-only        measure only ldapmodify/ldapsearch and check the generated data
  --runs N            runs per time measurement, median reported (default 1; discovery at least 3)
  --floor-clients N   the floor under each failover: the same modifies split across N ldapmodify clients run at
                      once, on a fresh slapd (default 8); informational, no PASS/MISS
  --no-floor          skip the floor rows
  --keep              keep the scratch folder
Exit code: 0 when every contender ran correctly (MISS included), 2 when one FAILED or was NOT RUN, 1 bad usage.`;

const ALL: readonly MeasurementName[] = ['sync', 'nosync', 'discovery', 'memory', 'guided'];

function positive(text: string | undefined, option: string): number {
  const value = Number(text?.replace(/_/g, ''));
  if (text === undefined || !Number.isInteger(value) || value <= 0) throw new Error(`${option} needs a positive whole number, got ${JSON.stringify(text)}`);
  return value;
}

/** Parses argv (without node and the script); throws an Error with a one-line message on bad usage. */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  let sizes: [number, number, number] = [20_000, 50_000, 100_000];
  let only: readonly MeasurementName[] = ALL;
  let command = env.EXCHFAILOVER_BENCH_COMMAND;
  let peersOnly = false;
  let runs = 1;
  let floorClients = 8;
  let floor = true;
  let keep = false;
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      i += 1;
      return next;
    };
    if (arg === '--quick') sizes = [2_000, 5_000, 10_000];
    else if (arg === '--sizes') {
      const numbers = value()
        .split(',')
        .map((part) => positive(part.trim(), '--sizes'));
      if (numbers.length !== 3) throw new Error('--sizes needs three numbers: failover,discovery,memory');
      sizes = [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0];
    } else if (arg === '--only') {
      const names = value().split(',').map((name) => name.trim());
      const unknown = names.filter((name) => !ALL.includes(name as MeasurementName));
      if (unknown.length > 0) throw new Error(`--only: unknown measurement ${unknown.join(', ')} (use ${ALL.join(',')})`);
      only = names as MeasurementName[];
    } else if (arg === '--command') command = value();
    else if (arg === '--peers-only') peersOnly = true;
    else if (arg === '--runs') runs = positive(value(), '--runs');
    else if (arg === '--floor-clients') floorClients = positive(value(), '--floor-clients');
    else if (arg === '--no-floor') floor = false;
    else if (arg === '--keep') keep = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return { failoverUsers: sizes[0], discoveryUsers: sizes[1], memoryUsers: sizes[2], only, command, peersOnly, runs, floorClients, floor, keep, help };
}
