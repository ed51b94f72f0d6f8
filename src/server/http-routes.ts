import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { sendText, serveFile } from './static-files.js';

/** Body of the `/healthz` response. */
export interface Health {
  status: 'ok';
  clients: number;
  uptimeSeconds: number;
}

/** Builders of the bodies of the status endpoints. */
export interface StatusRoutes {
  health: () => Health;
  /** Prometheus text exposition of the server's counters. */
  metrics: () => string;
}

/** Returns the path of a request URL without its query string, exactly as sent, so no `..` is normalized away before the checks. */
export function requestPath(url: string | undefined): string {
  return (url ?? '/').split('?')[0];
}

/**
 * Handles one plain HTTP request: `/healthz`, `/metrics`, the built bundle under `/dist/`, and
 * the demo folder at `/`. `/ws` returns 426 because it only accepts WebSocket upgrades.
 */
export async function handleHttpRequest(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  status: StatusRoutes,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method not allowed; use GET or HEAD.', { Allow: 'GET, HEAD' });
    return;
  }
  const path = requestPath(request.url);
  if (path === '/healthz') {
    response.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : JSON.stringify(status.health()));
    return;
  }
  if (path === '/metrics') {
    response.writeHead(200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : status.metrics());
    return;
  }
  if (path === '/ws') {
    sendText(response, 426, 'This path accepts WebSocket connections only.', {
      Upgrade: 'websocket',
    });
    return;
  }
  if (path === '/favicon.ico' && !existsSync(join(root, 'demo', 'favicon.ico'))) {
    // Browsers request this on every page; 204 keeps a "404" out of the page's console.
    response.writeHead(204);
    response.end();
    return;
  }
  if (path.startsWith('/dist/')) {
    await serveFile(join(root, 'dist'), path.slice('/dist/'.length), request, response);
    return;
  }
  await serveFile(join(root, 'demo'), path, request, response);
}
