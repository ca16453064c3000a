/**
 * Makes a switch over a union exhaustive: the compiler rejects the call when a case is missing. Kept in `shared/`
 * so that every layer (lab, services, adapters) can use it without importing another layer.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
