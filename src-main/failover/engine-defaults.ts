/** The engine's defaults where EngineDeps leaves them out (shared by the run and undo). */

/** Modifies in flight unless told otherwise. */
export const DEFAULT_CONCURRENCY = 32;
/** How long a lost directory is retried unless told otherwise. */
export const DEFAULT_RETRY_FOR_MS = 60_000;
