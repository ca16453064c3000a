import type { Environment } from '../contract/channels';
import type { Dispatcher } from '../contract/dispatcher';
import type { SecretStore } from '../credentials/secret-store';
import type { ConnectionProfile } from '../profile/connection-profile-schema';
import type { FileChooser } from './file-chooser';
import type { Logger } from '../shared/log-port';

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
  /**
   * Chooses the files of the wizard's Open, New and Save as: the desktop program's native dialogs
   * (src-main/electron/file-dialogs.ts). When not given, only files in the lab folder, named by the wizard
   * (the browser preview's rule: lab-folder-chooser.ts).
   */
  readonly fileChooser?: FileChooser;
  /**
   * A real pair instead of the lab (the desktop program's `--pair FILE --profile FILE`): `pairFile` is its pair
   * document, this the connection profile read and checked. The lab when absent.
   */
  readonly real?: { readonly profile: ConnectionProfile; readonly profileFile?: string };
  /** Where passwords the user asks to remember are kept (the desktop program: safeStorage); none when absent. */
  readonly secretStore?: SecretStore;
  /** The environment cluster.exe and dtcl.exe run in (never a password in it); this process's when absent. */
  readonly childEnv?: NodeJS.ProcessEnv;
  /**
   * The diagnostic log (src-main/shared/log-port.ts): a line per call to the outside world, setup action and preflight
   * check, in a child per subsystem. Nothing is logged when absent.
   */
  readonly logger?: Logger;
  /**
   * Called when something must not be missed — the monitor raised the manual intervention prompt: the desktop program
   * brings its window forward and shows a notification (src-main/electron/attention.ts). Nothing when absent.
   */
  readonly onAttention?: (attention: { readonly title: string; readonly body: string }) => void;
}
