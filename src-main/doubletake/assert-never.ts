/**
 * Makes a switch over a union exhaustive: the compiler rejects the call when a case is missing. (The Double-Take
 * services keep their own copy so they import nothing from the lab; a shared home would serve every layer.)
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
