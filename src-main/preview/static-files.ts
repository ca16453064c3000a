import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Content types of what Vite emits for the renderer; anything else is served as opaque bytes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (file: string): string => CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

export type StaticLookup =
  | { readonly kind: 'file'; readonly body: Buffer; readonly contentType: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'refused'; readonly reason: string };

const isInside = (root: string, candidate: string): boolean => {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Resolves a request path to a file under `root`, refusing anything that could leave it: encoded dots and slashes,
 * backslashes, NUL bytes, `..` segments, and symbolic links that point outside (checked on the real path).
 * `/` is `index.html`.
 */
export async function lookupStaticFile(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'refused', reason: 'bad percent-encoding' };
  }
  if (!decoded.startsWith('/')) return { kind: 'refused', reason: 'not an absolute path' };
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused', reason: 'forbidden character' };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'refused', reason: 'dot segment' };
  if (segments.some((s) => s.startsWith('.') && s.length > 0)) return { kind: 'not-found' };
  const wanted = decoded === '/' ? 'index.html' : segments.join(sep);
  const realRoot = await realpath(root);
  const candidate = resolve(realRoot, wanted);
  if (!isInside(realRoot, candidate)) return { kind: 'refused', reason: 'outside the renderer folder' };
  let real: string;
  try {
    real = await realpath(candidate);
    if (!(await stat(real)).isFile()) return { kind: 'not-found' };
  } catch {
    return { kind: 'not-found' };
  }
  if (!isInside(realRoot, real)) return { kind: 'refused', reason: 'link outside the renderer folder' };
  return { kind: 'file', body: await readFile(real), contentType: contentTypeOf(real) };
}
