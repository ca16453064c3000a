import type { Logger } from '../shared/log-port';
import { createFsNodeFiles } from './fs-node-files';
import type { NodeFiles } from './port';
import { formatWindowsPath } from './windows-path';
import { adminSharePath } from './unc-path';

/**
 * NodeFiles on Windows: each node's drives through its administrative shares (`\\NODE\C$\...`), read and written
 * with node:fs as the signed-in administrator. Only usable on Windows; the path mapping is `adminSharePath`.
 * With a `logger`, every read and write is a line of its child `node-files` (createFsNodeFiles).
 */
export function createUncNodeFiles(logger?: Logger): NodeFiles {
  return createFsNodeFiles(
    {
      locate: async (node, path) => adminSharePath(node, formatWindowsPath(path)),
    },
    logger,
  );
}
