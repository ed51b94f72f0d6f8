import { createServer, type IncomingMessage, type Server } from 'node:http';
import { isIPv6, type AddressInfo } from 'node:net';
import type { LiveFeed } from './live-feed.js';
import { errorMessage, type Logger } from './logger.js';
import { handleHttpRequest, requestPath } from './http-routes.js';
import { renderMetrics, ServerMetrics } from './metrics.js';
import type { ReplayOptions } from './replay-stream.js';
import { sendText } from './static-files.js';
import { StreamEndpoint } from './stream-endpoint.js';

export interface ObservatoryServerOptions {
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Package root that contains demo/ and dist/. */
  root: string;
  logger: Logger;
  /** The live sources. Ignored when `replay` is set. */
  live?: LiveFeed;
  replay?: ReplayOptions;
  /** Id of the live stream's sequence numbering, kept across restarts with a state folder; random by default. */
  stream?: string;
  /** True when the live retention is kept on disk. */
  durable?: boolean;
  /** Browser origins allowed to open the WebSocket besides the server's own; empty or undefined allows all. */
  allowOrigins?: string[];
  heartbeatTimeoutMs?: number;
  /** When set, commands need an `auth` message with this token first. */
  controlToken?: string;
}

export interface ObservatoryServer {
  /** The demo page's URL, with an address a browser on this machine can open. */
  readonly url: string;
  readonly port: number;
  /**
   * Stops the live feed after sending its last points, closes every client with code 1001,
   * then closes the HTTP server.
   */
  close(): Promise<void>;
}

/** Starts the HTTP and WebSocket server on one port and resolves once it listens. */
export async function startObservatoryServer(
  options: ObservatoryServerOptions,
): Promise<ObservatoryServer> {
  const { logger, root } = options;
  const startedAt = Date.now();
  const metrics = new ServerMetrics();
  const endpoint = new StreamEndpoint({ ...options, metrics });
  const uptimeSeconds = () => Math.floor((Date.now() - startedAt) / 1000);
  const health = () => ({
    status: 'ok' as const,
    clients: endpoint.clientCount,
    uptimeSeconds: uptimeSeconds(),
  });
  const metricsText = () => {
    const retention = options.replay === undefined ? options.live?.retention : undefined;
    const buffered = endpoint.bufferedBytes();
    return renderMetrics(metrics, {
      clients: endpoint.clientCount,
      pointsSentToOpenClients: endpoint.pointsSentToOpenClients(),
      bufferedBytes: buffered.total,
      maxClientBufferedBytes: buffered.max,
      retainedPoints: retention?.size ?? 0,
      lastSeq: retention?.lastSeq ?? 0,
      uptimeSeconds: uptimeSeconds(),
    });
  };

  const http = createServer((request, response) => {
    handleHttpRequest(root, request, response, { health, metrics: metricsText }).catch(
      (error: unknown) => {
        logger.error('http_request_failed', { url: request.url, error: errorMessage(error) });
        if (response.headersSent) response.destroy();
        else sendText(response, 500, 'Internal server error');
      },
    );
  });
  http.on('upgrade', (request, socket, head: Buffer) => {
    if (requestPath(request.url) !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else if (!isOriginAllowed(request, options.allowOrigins ?? [])) {
      logger.warn('client_rejected', {
        origin: request.headers.origin,
        remote: `${request.socket.remoteAddress}:${request.socket.remotePort}`,
        reason: 'origin not in --allow-origin',
      });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else {
      endpoint.upgrade(request, socket, head);
    }
  });

  try {
    await listen(http, options.port, options.host);
  } catch (error) {
    await endpoint.close();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
  const live = options.replay === undefined ? options.live : undefined;
  live?.start();

  return {
    url: `http://${displayHost(options.host)}:${port}/`,
    port,
    close: async () => {
      live?.stop();
      live?.flush();
      await endpoint.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

/**
 * Checks a WebSocket request's Origin header against the allowlist. Pages served by this server
 * are always allowed, and so are clients that send no Origin: only browsers send one, and any
 * other client could forge it.
 */
function isOriginAllowed(request: IncomingMessage, allowOrigins: string[]): boolean {
  const origin = request.headers.origin;
  if (allowOrigins.length === 0 || origin === undefined || allowOrigins.includes(origin)) {
    return true;
  }
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function listen(http: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
}

/** Returns a host for the printed URL, because a browser cannot open a wildcard address. */
function displayHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return isIPv6(host) ? `[${host}]` : host;
}
