/**
 * The two names on the wire between renderer and main, with no import at all: the sandboxed preload bundles this
 * file and must not pull in zod or the schemas.
 */
/** The single invoke channel over IPC: the payload names the contract channel. */
export const INVOKE_CHANNEL = 'contract.invoke';
/** The name of the single event stream from main to renderer. */
export const JOB_EVENT_CHANNEL = 'job.event';
