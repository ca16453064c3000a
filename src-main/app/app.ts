import type { Environment } from '../contract/channels';
import type { Dispatcher } from '../contract/dispatcher';

/** The program's services bound to the contract: what the Electron shell and the browser preview both host. */
export interface App {
  readonly dispatcher: Dispatcher;
  readonly environment: Environment;
  /** Cancels running jobs and flushes state to disk. */
  close(): Promise<void>;
}

export interface AppOptions {
  /** Folder that holds the lab (created and seeded when empty). */
  readonly labFolder: string;
  readonly appVersion: string;
  /** Where the pair document lives (the user's choice); `<labFolder>/pair.json` when not given. */
  readonly pairFile?: string;
}
