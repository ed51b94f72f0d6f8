import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/** Returns the Content-Type for a file name, `application/octet-stream` for unknown extensions. */
export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path below a mount point to a file path inside `root`, or returns undefined when
 * the path is malformed or would leave `root`. The path is percent-decoded before the check, so
 * `%2e%2e%2f` is caught like `../`.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const target = resolve(base, `.${sep}${decoded}`);
  if (target !== base && !target.startsWith(base + sep)) return undefined;
  return target;
}

/**
 * Sends the file at `urlPath` below `root`, or index.html for a folder. Sends 404 for
 * anything missing or outside `root`, including a symbolic link that points outside it.
 */
export async function serveFile(
  root: string,
  urlPath: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const candidate = resolveInside(root, urlPath);
  const file = candidate === undefined ? undefined : await findFile(root, candidate);
  if (file === undefined) {
    sendText(response, 404, 'Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypeFor(file.path),
    'Content-Length': file.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file.path)
    .on('error', () => response.destroy())
    .pipe(response);
}

async function findFile(
  root: string,
  candidate: string,
): Promise<{ path: string; size: number } | undefined> {
  try {
    const realRoot = await realpath(root);
    let path = await realpathInside(realRoot, candidate);
    let info = path === undefined ? undefined : await stat(path);
    if (path !== undefined && info?.isDirectory()) {
      path = await realpathInside(realRoot, join(path, 'index.html'));
      info = path === undefined ? undefined : await stat(path);
    }
    return path !== undefined && info?.isFile() ? { path, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves symbolic links in `path` and returns it if it stays inside `realRoot`. Throws if it does not exist. */
async function realpathInside(realRoot: string, path: string): Promise<string | undefined> {
  const real = await realpath(path);
  return real === realRoot || real.startsWith(realRoot + sep) ? real : undefined;
}

/** Sends a short plain-text response. */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(`${text}\n`);
}
