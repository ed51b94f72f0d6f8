import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientConnection } from './client-connection.js';
import { parseClientMessage, type ClientMessageError } from './client-messages.js';
import type { LiveFeed } from './live-feed.js';
import type { Logger } from './logger.js';
import type { ReplayPlan } from './replay-files.js';
import { ReplayStream } from './replay-stream.js';

/** Largest inbound WebSocket message; a larger one closes the connection with code 1009. */
export const MAX_INBOUND_BYTES = 64 * 1024;
/** Interval of WebSocket pings; a client that sent no pong for the previous ping is disconnected. */
export const PING_INTERVAL_MS = 30_000;
/** How long shutdown waits for clients to finish the close handshake before cutting them off. */
const CLOSE_GRACE_MS = 2000;
/** Invalid messages logged per client; later ones are only counted, in the disconnect record. */
const LOGGED_INVALID_MESSAGES = 3;
/** Maximum length of the command arguments quoted in a log record, in characters. */
const MAX_LOGGED_ARGS = 200;

export interface StreamEndpointOptions {
  logger: Logger;
  /** The live sources. Ignored when `replay` is set. */
  live?: LiveFeed;
  replay?: { plan: ReplayPlan; speed: number | 'max' };
}

interface ClientState {
  connection: ClientConnection;
  socket: WebSocket;
  replay?: ReplayStream;
  alive: boolean;
  invalidMessages: number;
}

/**
 * The WebSocket side of the server: greets each client with `hello`, attaches it to the live
 * feed or starts its own replay, runs its commands, and pings it to find dead connections.
 */
export class StreamEndpoint {
  readonly #logger: Logger;
  readonly #live: LiveFeed | undefined;
  readonly #replay: StreamEndpointOptions['replay'];
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INBOUND_BYTES });
  readonly #clients = new Set<ClientState>();
  readonly #pingTimer: NodeJS.Timeout;
  #nextClientId = 1;

  constructor(options: StreamEndpointOptions) {
    this.#logger = options.logger;
    this.#replay = options.replay;
    this.#live = options.replay === undefined ? options.live : undefined;
    this.#wss.on('connection', (socket: WebSocket, request: IncomingMessage) =>
      this.#accept(socket, request),
    );
    this.#pingTimer = setInterval(() => this.#pingAll(), PING_INTERVAL_MS);
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  /** Source names announced in the hello message. */
  get sources(): string[] {
    return this.#replay === undefined ? (this.#live?.sources ?? []) : ['replay'];
  }

  /** Completes a WebSocket handshake that the HTTP server routed here. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) =>
      this.#wss.emit('connection', ws, request),
    );
  }

  /** Closes every client with code 1001 and waits, at most CLOSE_GRACE_MS, for the close handshakes. */
  async close(): Promise<void> {
    clearInterval(this.#pingTimer);
    const closed = [...this.#clients].map(
      (state) =>
        new Promise<void>((resolve) => {
          state.replay?.stop();
          state.socket.once('close', () => resolve());
          state.connection.close(1001, 'Server shutting down');
        }),
    );
    const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
    await Promise.race([Promise.all(closed), grace]);
    for (const state of this.#clients) state.socket.terminate();
    this.#wss.close();
  }

  #accept(socket: WebSocket, request: IncomingMessage): void {
    const remote = `${request.socket.remoteAddress}:${request.socket.remotePort}`;
    const connection = new ClientConnection(this.#nextClientId++, socket, remote);
    const state: ClientState = { connection, socket, alive: true, invalidMessages: 0 };
    this.#clients.add(state);
    this.#logger.info('client_connected', {
      client: connection.id,
      remote,
      clients: this.#clients.size,
    });
    connection.sendHello(this.sources);

    socket.on('pong', () => {
      state.alive = true;
    });
    socket.on('message', (data, isBinary) => this.#receive(state, data as Buffer, isBinary));
    socket.on('error', (error) => {
      this.#logger.warn('client_error', { client: connection.id, error: error.message });
    });
    socket.on('close', (code, reason) => this.#forget(state, code, reason.toString()));

    if (this.#replay !== undefined) {
      const { plan, speed } = this.#replay;
      state.replay = new ReplayStream(plan, speed, connection, () =>
        this.#logger.info('replay_finished', {
          client: connection.id,
          points: connection.sentPoints,
        }),
      );
      state.replay.start();
    } else {
      this.#live?.add(connection);
    }
  }

  #forget(state: ClientState, code: number, reason: string): void {
    const { connection } = state;
    this.#clients.delete(state);
    state.replay?.stop();
    this.#live?.remove(connection);
    this.#logger.info('client_disconnected', {
      client: connection.id,
      code,
      reason,
      pointsSent: connection.sentPoints,
      invalidMessages: state.invalidMessages,
      clients: this.#clients.size,
    });
  }

  #receive(state: ClientState, data: Buffer, isBinary: boolean): void {
    const { connection } = state;
    const parsed = parseClientMessage(data, isBinary);
    const error = 'error' in parsed ? parsed.error : this.#run(parsed.command);
    if (error === undefined) {
      if ('command' in parsed) {
        this.#logger.info('command_applied', {
          client: connection.id,
          command: parsed.command.name,
          args: JSON.stringify(parsed.command.args ?? {}).slice(0, MAX_LOGGED_ARGS),
        });
      }
      return;
    }
    state.invalidMessages++;
    if (state.invalidMessages <= LOGGED_INVALID_MESSAGES) {
      this.#logger.warn('client_message_rejected', {
        client: connection.id,
        code: error.code,
        error: error.message,
      });
    }
    connection.sendError(error.code, error.message);
  }

  #run(command: Parameters<LiveFeed['runCommand']>[0]): ClientMessageError | undefined {
    if (this.#live === undefined) {
      return {
        code: 'command_unavailable',
        message:
          'This server replays files and runs no generator; restart it without --replay to use commands.',
      };
    }
    return this.#live.runCommand(command);
  }

  #pingAll(): void {
    for (const state of this.#clients) {
      if (!state.alive) {
        this.#logger.warn('client_timed_out', { client: state.connection.id });
        state.socket.terminate();
        continue;
      }
      state.alive = false;
      state.socket.ping();
    }
  }
}
