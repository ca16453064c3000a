/** What the promise rejected with, or undefined when it resolved: for tests that look at a refusal's fields. */
export function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}
