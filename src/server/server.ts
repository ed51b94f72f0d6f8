import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIPv6, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientConnection } from './client-connection.js';
import { parseClientMessage } from './client-messages.js';
import type { LiveFeed } from './live-feed.js';
import { errorMessage, type Logger } from './logger.js';
import type { ReplayPlan } from './replay-files.js';
import { ReplayStream } from './replay-stream.js';
import { sendText, serveFile } from './static-files.js';

/** Largest inbound WebSocket message; a larger one closes the connection with code 1009. */
export const MAX_INBOUND_BYTES = 64 * 1024;
/** Interval of WebSocket pings; a client that has not answered the previous ping is disconnected. */
export const PING_INTERVAL_MS = 30_000;
/** How long shutdown waits for clients to finish the close handshake before cutting them off. */
const CLOSE_GRACE_MS = 2000;
/** Invalid messages logged per client; later ones are only counted, in the disconnect record. */
const LOGGED_INVALID_MESSAGES = 3;

export interface ObservatoryServerOptions {
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Package root that holds demo/ and dist/. */
  root: string;
  logger: Logger;
  /** The live sources. Ignored when `replay` is set. */
  live?: LiveFeed;
  replay?: { plan: ReplayPlan; speed: number | 'max' };
}

export interface ObservatoryServer {
  /** The demo page's URL, with an address a browser on this machine can open. */
  readonly url: string;
  readonly port: number;
  /** Closes every client with code 1001, then the HTTP server. */
  close(): Promise<void>;
}

interface ClientState {
  connection: ClientConnection;
  socket: WebSocket;
  replay?: ReplayStream;
  alive: boolean;
  invalidMessages: number;
}

/** Starts the HTTP and WebSocket server and resolves once it listens. */
export async function startObservatoryServer(
  options: ObservatoryServerOptions,
): Promise<ObservatoryServer> {
  const { logger } = options;
  const startedAt = Date.now();
  const clients = new Set<ClientState>();
  const sources = options.replay === undefined ? (options.live?.sources ?? []) : ['replay'];
  let nextClientId = 1;

  const http = createServer((request, response) => {
    handleRequest(options.root, request, response, () => ({
      status: 'ok',
      clients: clients.size,
      uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
    })).catch((error: unknown) => {
      logger.error('http_request_failed', { url: request.url, error: errorMessage(error) });
      if (!response.headersSent) sendText(response, 500, 'Internal server error');
      else response.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INBOUND_BYTES });

  http.on('upgrade', (request, socket, head) => {
    if (pathOf(request.url) !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const remote = `${request.socket.remoteAddress}:${request.socket.remotePort}`;
    const connection = new ClientConnection(nextClientId++, socket, remote);
    const state: ClientState = { connection, socket, alive: true, invalidMessages: 0 };
    clients.add(state);
    logger.info('client_connected', { client: connection.id, remote, clients: clients.size });
    connection.sendHello(sources);

    socket.on('pong', () => {
      state.alive = true;
    });
    socket.on('message', (data, isBinary) => handleMessage(state, data as Buffer, isBinary));
    socket.on('error', (error) => {
      logger.warn('client_error', { client: connection.id, error: error.message });
    });
    socket.on('close', (code, reason) => {
      clients.delete(state);
      state.replay?.stop();
      options.live?.remove(connection);
      logger.info('client_disconnected', {
        client: connection.id,
        code,
        reason: reason.toString(),
        pointsSent: connection.sentPoints,
        invalidMessages: state.invalidMessages,
        clients: clients.size,
      });
    });

    if (options.replay !== undefined) {
      const { plan, speed } = options.replay;
      state.replay = new ReplayStream(plan, speed, connection, () =>
        logger.info('replay_finished', { client: connection.id, points: connection.sentPoints }),
      );
      state.replay.start();
    } else {
      options.live?.add(connection);
    }
  });

  function handleMessage(state: ClientState, data: Buffer, isBinary: boolean): void {
    const { connection } = state;
    const parsed = parseClientMessage(data, isBinary);
    let error = 'error' in parsed ? parsed.error : undefined;
    if ('command' in parsed) {
      error =
        options.replay !== undefined || options.live === undefined
          ? {
              code: 'command_unavailable',
              message:
                'This server replays files and runs no generator; restart it without --replay to use commands.',
            }
          : options.live.runCommand(parsed.command);
      if (error === undefined) {
        logger.info('command_applied', {
          client: connection.id,
          command: parsed.command.name,
          args: JSON.stringify(parsed.command.args ?? {}),
        });
        return;
      }
    }
    if (error === undefined) return;
    state.invalidMessages++;
    if (state.invalidMessages <= LOGGED_INVALID_MESSAGES) {
      logger.warn('client_message_rejected', {
        client: connection.id,
        code: error.code,
        error: error.message,
      });
    }
    connection.sendError(error.code, error.message);
  }

  const pingTimer = setInterval(() => {
    for (const state of clients) {
      if (!state.alive) {
        logger.warn('client_timed_out', { client: state.connection.id });
        state.socket.terminate();
        continue;
      }
      state.alive = false;
      state.socket.ping();
    }
  }, PING_INTERVAL_MS);

  await listen(http, options.port, options.host);
  const port = (http.address() as AddressInfo).port;
  options.live?.start();

  return {
    url: `http://${displayHost(options.host)}:${port}/`,
    port,
    close: () => closeAll(http, wss, clients, pingTimer, options.live),
  };
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

async function closeAll(
  http: Server,
  wss: WebSocketServer,
  clients: Set<ClientState>,
  pingTimer: NodeJS.Timeout,
  live: LiveFeed | undefined,
): Promise<void> {
  clearInterval(pingTimer);
  live?.stop();
  const closed = [...clients].map(
    (state) =>
      new Promise<void>((resolve) => {
        state.replay?.stop();
        state.socket.once('close', () => resolve());
        state.connection.close(1001, 'Server shutting down');
      }),
  );
  const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
  await Promise.race([Promise.all(closed), grace]);
  for (const state of clients) state.socket.terminate();
  wss.close();
  await new Promise<void>((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  });
}

/** Returns the path of a request URL without its query string. */
function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0];
}

/** Returns a host for the printed URL: a wildcard address is not something a browser can open. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return isIPv6(host) ? `[${host}]` : host;
}

async function handleRequest(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  health: () => object,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method not allowed; use GET or HEAD.', { Allow: 'GET, HEAD' });
    return;
  }
  const path = pathOf(request.url);
  if (path === '/healthz') {
    response.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : JSON.stringify(health()));
    return;
  }
  if (path === '/ws') {
    sendText(response, 426, 'This path accepts WebSocket connections only.', {
      Upgrade: 'websocket',
    });
    return;
  }
  if (path.startsWith('/dist/')) {
    await serveFile(join(root, 'dist'), path.slice('/dist/'.length), request, response);
    return;
  }
  await serveFile(join(root, 'demo'), path, request, response);
}
