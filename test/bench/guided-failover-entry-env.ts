/** The variable naming the closed TCP port on 127.0.0.1 that the benchmark's runbook process probes (guided-failover-entry.ts). */
export const BENCH_PROBE_PORT_ENV = 'BENCH_PROBE_PORT';
