/**
 * The Electron shell: lifecycle, one hardened window, the IPC binding. It holds no rule of its own — everything it
 * decides is a pure function in this folder, and everything the program does is the App from `createApp`.
 */
import { app, BrowserWindow, clipboard, dialog, ipcMain, Notification, safeStorage, session, shell } from 'electron';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../app/app';
import { createApp } from '../app/create-app';
import { createAttention } from './attention';
import { resolveAppLocation, type AppLocation } from './app-location';
import { parseShellArguments, resolveLabFolder, resolvePairFile, resolveProfileFile } from './command-line';
import { readConnectionProfile } from '../profile/connection-profile-file';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';
import { installContentSecurityPolicy } from './content-security-policy';
import { createFatalErrorHandler } from './fatal-errors';
import { dialogFileChooser } from './file-dialogs';
import { bindIpc } from './ipc-binding';
import { EXTERNAL_URL_ALLOW_LIST, installNavigationGuards, installPermissionGuards } from './navigation-guards';
import { createConsoleLog } from './shell-log';
import { createLogger, openLogFile } from '../shared/logger';
import { createQuitCoordinator } from './shutdown';
import { createWindowOptions, WINDOW_TITLE } from './window-options';

const here = dirname(fileURLToPath(import.meta.url));
const rendererIndexPath = join(here, '../renderer/index.html');
const preloadPath = join(here, '../preload/index.cjs');
const log = createConsoleLog();

const onFatalError = createFatalErrorHandler({
  appVersion: app.getVersion(),
  homeDir: homedir(),
  log,
  showDialog: async (fatal) => {
    if (!app.isReady()) {
      // Before 'ready' only the plain error box exists; it has no buttons, so there is nothing to copy.
      dialog.showErrorBox(fatal.title, `${fatal.message}\n\n${fatal.detail}`);
      return 1;
    }
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: fatal.title,
      message: fatal.message,
      detail: fatal.detail,
      buttons: [...fatal.buttons],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    return response;
  },
  copyToClipboard: (text) => clipboard.writeText(text),
  exit: (code) => app.exit(code),
});

process.on('uncaughtException', (error) => void onFatalError(error, 'Uncaught exception'));
process.on('unhandledRejection', (reason) => void onFatalError(reason, 'Unhandled promise rejection'));

let mainWindow: BrowserWindow | undefined;
let hosted: App | undefined;

const liveWindow = (): BrowserWindow | undefined =>
  mainWindow !== undefined && !mainWindow.isDestroyed() ? mainWindow : undefined;

function createMainWindow(location: AppLocation, title: string): BrowserWindow {
  const window = new BrowserWindow(createWindowOptions({ preloadPath, devTools: !app.isPackaged, title }));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    hosted?.dispatcher.cancelAll();
    if (mainWindow === window) mainWindow = undefined;
  });
  const loaded = location.kind === 'file' ? window.loadFile(rendererIndexPath) : window.loadURL(location.url);
  loaded.catch((e: unknown) => void onFatalError(e, 'The window could not load the program'));
  return window;
}

async function start(): Promise<void> {
  const args = parseShellArguments(process.argv.slice(1));
  const location = resolveAppLocation({
    isPackaged: app.isPackaged,
    rendererUrl: process.env['ELECTRON_RENDERER_URL'],
    rendererIndexPath,
  });

  app.on('second-instance', () => {
    const window = liveWindow();
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // Every WebContents, whoever creates it, gets the guards before it can navigate anywhere.
  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuards(contents, {
      location,
      allowList: EXTERNAL_URL_ALLOW_LIST,
      openExternal: (url) => shell.openExternal(url),
      log,
    });
  });
  app.on('window-all-closed', () => app.quit());
  const quitCoordinator = createQuitCoordinator({
    cancelJobs: () => hosted?.dispatcher.cancelAll(),
    close: async () => {
      await hosted?.close();
    },
    quit: () => app.quit(),
    log,
  });
  app.on('before-quit', (event) => quitCoordinator.onBeforeQuit(event));

  await app.whenReady();
  installContentSecurityPolicy(session.defaultSession.webRequest, location);
  installPermissionGuards(session.defaultSession, log);

  const labFolder = resolveLabFolder(args, app.getPath('userData'), process.cwd());
  const pairFile = resolvePairFile(args, process.cwd());
  const profileFile = resolveProfileFile(args, process.cwd());
  // A real pair: the profile is read and checked before anything starts (a bad one stops the start, saying where).
  const profile = profileFile === undefined ? undefined : await readConnectionProfile(profileFile);
  // The diagnostic log: a JSON line per call to the outside world, setup action and preflight check (never a secret).
  const logFile = join(app.getPath('userData'), 'logs', 'exchange-ha-wizard.log');
  const logger = createLogger({ destination: openLogFile(logFile), homeDir: homedir() });
  hosted = await createApp({
    logger,
    labFolder,
    appVersion: app.getVersion(),
    ...(pairFile !== undefined ? { pairFile } : {}),
    // Open, New and Save as: the native dialogs on the main window decide the file, never the renderer.
    fileChooser: dialogFileChooser(dialog, liveWindow),
    ...(profile === undefined ? {} : { real: { profile, ...(profileFile === undefined ? {} : { profileFile }) } }),
    // Passwords the user asks to remember: encrypted by the operating system (safeStorage), in the user's data.
    secretStore: createSafeStorageSecretStore({ safeStorage, file: join(app.getPath('userData'), 'secrets.json') }),
    // The manual intervention prompt: the window comes forward and the desktop says why.
    onAttention: createAttention({
      window: liveWindow,
      notify: ({ title, body }) => {
        if (Notification.isSupported()) new Notification({ title, body, urgency: 'critical' }).show();
      },
    }),
  });
  log.info('Program started', {
    environment: hosted.environment.kind,
    logFile,
    labFolder,
    pairFile: pairFile ?? 'in the lab folder',
    ...(profileFile === undefined ? {} : { profileFile }),
    location: location.kind,
  });

  bindIpc({
    ipcMain,
    dispatcher: hosted.dispatcher,
    trustedContents: () => liveWindow()?.webContents,
    location,
    log,
  });
  // The title names the environment from the first frame: "Exchange HA Wizard — Production — SRCCLUS → TGTCLUS".
  mainWindow = createMainWindow(location, `${WINDOW_TITLE} — ${hosted.environment.title}`);
}

// Every renderer is sandboxed, whatever a window's options say.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another copy is running and has been asked to come to the front ('second-instance').
  app.quit();
} else {
  start().catch((e: unknown) => void onFatalError(e, 'The program could not start'));
}
