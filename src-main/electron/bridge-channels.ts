/**
 * The two IPC channel names, without zod. The preload runs sandboxed: it can `require('electron')` and nothing from
 * node_modules, and importing them from `src-main/contract/channels` would pull zod and every schema into it.
 * `test/unit/electron/preload.test.ts` keeps these equal to the contract's `INVOKE_CHANNEL` and
 * `JOB_EVENT_CHANNEL`.
 */
export const INVOKE_CHANNEL = 'contract.invoke';
export const JOB_EVENT_CHANNEL = 'job.event';
