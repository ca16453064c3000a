import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, AppOptions } from '../../../src-main/app/app';
import { PREVIEW_HOST, startPreviewServer, type PreviewServer } from '../../../src-main/preview/preview-server';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');
/** Screenshots and other artefacts (gitignored). */
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');

/** A new, empty lab folder: createApp seeds it. */
export const freshLabFolder = (): Promise<string> => mkdtemp(join(tmpdir(), 'exchange-ha-e2e-lab-'));

export interface LabPreview {
  readonly app: App;
  readonly server: PreviewServer;
  /** Stops the server, then the app (which saves the lab). */
  close(): Promise<void>;
}

type AppFactory = (options: AppOptions) => Promise<App>;

/** The real services on a lab folder, hosted by the browser preview in this process. */
export async function startLabPreview(labFolder: string, createApp?: AppFactory): Promise<LabPreview> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer in ${RENDERER_DIR}: run \`npx electron-vite build\` (npm run test:e2e does).`);
  }
  const factory = createApp ?? (await import('../../../src-main/app/create-app')).createApp;
  const app = await factory({ labFolder, appVersion: '0.0.0-e2e' });
  let server: PreviewServer;
  try {
    server = await startPreviewServer({ app, rendererDir: RENDERER_DIR, host: PREVIEW_HOST, port: 0 });
  } catch (e) {
    await app.close();
    throw e;
  }
  return {
    app,
    server,
    async close() {
      await server.close();
      await app.close();
    },
  };
}
