/**
 * Makes a switch over a union exhaustive: the compiler rejects the call when a case is missing. (The failover
 * engine keeps its own copy, as the Double-Take services do, so it imports nothing from the lab or the MSCS model.)
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
