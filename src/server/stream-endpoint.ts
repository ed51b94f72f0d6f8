import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ENCODINGS, PROTOCOL_VERSION, type Encoding } from '../stream/protocol.js';
import { ClientConnection } from './client-connection.js';
import { parseClientMessage, type ClientMessageError } from './client-messages.js';
import type { LiveFeed } from './live-feed.js';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics.js';
import type { PointSource } from './point-source.js';
import { TokenBucket } from './rate-limit.js';
import { ReplayCursor, ReplayPlayer, type ReplayOptions } from './replay-stream.js';
import { Retention } from './retention.js';
import { ServerStringTable } from './string-table.js';

/** Largest inbound WebSocket message; a larger one closes the connection with code 1009. */
export const MAX_INBOUND_BYTES = 64 * 1024;
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 10_000;
/** Commands and auth messages one client may send per second, and in one burst. */
export const COMMANDS_PER_SECOND = 5;
export const COMMAND_BURST = 20;
/** How long shutdown waits for clients to finish the close handshake before cutting them off. */
const CLOSE_GRACE_MS = 2000;
/** Maximum length of the command arguments quoted in a log record, in characters. */
const MAX_LOGGED_ARGS = 200;

export interface StreamEndpointOptions {
  logger: Logger;
  metrics: ServerMetrics;
  /** The live sources. Ignored when `replay` is set. */
  live?: LiveFeed;
  replay?: ReplayOptions;
  /** Id of the live stream's sequence numbering; a random one by default. */
  stream?: string;
  /** True when the live retention is kept on disk. */
  durable?: boolean;
  heartbeatTimeoutMs?: number;
  /** When set, commands need an `auth` message with this token first. */
  controlToken?: string;
}

interface ClientState {
  connection: ClientConnection;
  socket: WebSocket;
  player?: ReplayPlayer;
  commands: TokenBucket;
  invalidMessages: number;
}

/** Connection parameters read from the query string of the upgrade request. */
interface ConnectParameters {
  encoding: Encoding;
  compactColumns: boolean;
  resume?: number;
  stream?: string;
  problems: string[];
}

function readParameters(url: string | undefined): ConnectParameters {
  const query = new URL(url ?? '/', 'http://localhost').searchParams;
  const result: ConnectParameters = { encoding: 'json', compactColumns: false, problems: [] };
  const encoding = query.get('encoding');
  if (encoding !== null) {
    if ((ENCODINGS as readonly string[]).includes(encoding)) result.encoding = encoding as Encoding;
    else result.problems.push(`encoding must be one of ${ENCODINGS.join(', ')}; using json`);
  }
  const columns = query.get('columns');
  if (columns === 'compact') result.compactColumns = true;
  else if (columns !== null && columns !== 'wide')
    result.problems.push('columns must be compact or wide; using wide');
  const resume = query.get('resume');
  if (resume !== null) {
    const seq = /^\d{1,15}$/.test(resume) ? Number(resume) : NaN;
    if (Number.isSafeInteger(seq)) result.resume = seq;
    else
      result.problems.push(
        'resume must be the sequence number of the last applied point; starting live',
      );
  }
  result.stream = query.get('stream') ?? undefined;
  return result;
}

/**
 * The WebSocket side of the server: greets each client with `hello`, resumes it from the
 * retention or starts its own replay, runs its commands, and sends heartbeats and drops clients
 * that stay silent for the heartbeat timeout.
 */
export class StreamEndpoint {
  readonly #options: StreamEndpointOptions;
  readonly #logger: Logger;
  readonly #metrics: ServerMetrics;
  readonly #live: LiveFeed | undefined;
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INBOUND_BYTES });
  readonly #clients = new Set<ClientState>();
  readonly #heartbeatTimer: NodeJS.Timeout;
  readonly #timeoutMs: number;
  readonly #stream: string;
  /** Read by clients of a server that has neither a live feed nor a replay: always empty. */
  readonly #empty = new Retention(1, new ServerStringTable());
  #nextClientId = 1;

  constructor(options: StreamEndpointOptions) {
    this.#options = options;
    this.#logger = options.logger;
    this.#metrics = options.metrics;
    this.#live = options.replay === undefined ? options.live : undefined;
    this.#timeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
    this.#stream = options.stream ?? `live-${randomBytes(8).toString('hex')}`;
    this.#wss.on('connection', (socket: WebSocket, request: IncomingMessage) =>
      this.#accept(socket, request),
    );
    this.#heartbeatTimer = setInterval(() => this.#heartbeat(), this.heartbeatMs);
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  /** Bytes queued for all clients together, and for the client with the most. */
  bufferedBytes(): { total: number; max: number } {
    let total = 0;
    let max = 0;
    for (const { connection } of this.#clients) {
      total += connection.bufferedAmount;
      max = Math.max(max, connection.bufferedAmount);
    }
    return { total, max };
  }

  /** Points sent to the clients connected now. */
  pointsSentToOpenClients(): number {
    let sent = 0;
    for (const { connection } of this.#clients) sent += connection.sentPoints;
    return sent;
  }

  /** Milliseconds between heartbeats: a quarter of the timeout, so three may be lost. */
  get heartbeatMs(): number {
    return Math.max(1, Math.floor(this.#timeoutMs / 4));
  }

  /** Source names announced in the hello message. */
  get sources(): string[] {
    return this.#options.replay === undefined ? (this.#live?.sources ?? []) : ['replay'];
  }

  /** Completes a WebSocket handshake that the HTTP server routed here. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) =>
      this.#wss.emit('connection', ws, request),
    );
  }

  /** Closes every client with code 1001 and waits, at most CLOSE_GRACE_MS, for the close handshakes. */
  async close(): Promise<void> {
    clearInterval(this.#heartbeatTimer);
    const closed = [...this.#clients].map(
      (state) =>
        new Promise<void>((resolve) => {
          state.player?.stop();
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
    const parameters = readParameters(request.url);
    const id = this.#nextClientId++;
    const { source, startAfter, resumed, stream } = this.#position(parameters);
    const connection = new ClientConnection({
      id,
      socket,
      remoteAddress: remote,
      encoding: parameters.encoding,
      compactColumns: parameters.compactColumns,
      source,
      startAfter,
      onGap: (client, count, reason) => {
        this.#metrics.countLost(reason, count);
        this.#logger.warn('points_lost', { client: client.id, points: count, reason });
      },
    });
    connection.control = this.#options.controlToken === undefined;
    const state: ClientState = {
      connection,
      socket,
      commands: new TokenBucket(COMMANDS_PER_SECOND, COMMAND_BURST),
      invalidMessages: 0,
    };
    this.#clients.add(state);
    this.#metrics.connections++;
    if (resumed) this.#metrics.resumes++;
    this.#logger.info('client_connected', {
      client: id,
      remote,
      encoding: parameters.encoding,
      resumeAfter: resumed ? startAfter : undefined,
      clients: this.#clients.size,
    });

    socket.on('pong', () => {
      connection.lastActivityAt = Date.now();
    });
    socket.on('message', (data, isBinary) => this.#receive(state, data as Buffer, isBinary));
    socket.on('error', (error) => {
      this.#logger.warn('client_error', { client: id, error: error.message });
    });
    socket.on('close', (code, reason) => this.#forget(state, code, reason.toString()));

    connection.sendHello({
      protocol: PROTOCOL_VERSION,
      sources: this.sources,
      stream,
      encoding: parameters.encoding,
      encodings: [...ENCODINGS],
      retention: {
        points: this.#live?.retention.capacity ?? this.#options.replay?.plan.count ?? 0,
        firstSeq: source.firstSeq <= source.lastSeq ? source.firstSeq : 0,
        lastSeq: source.lastSeq,
        durable: this.#options.replay !== undefined || this.#options.durable === true,
      },
      heartbeatMs: this.heartbeatMs,
      timeoutMs: this.#timeoutMs,
      control: connection.control,
      resumeFrom: startAfter,
    });
    for (const problem of parameters.problems) {
      this.#reject(state, { code: 'invalid_message', message: `Connection parameter ${problem}.` });
    }
    this.#startData(state, source);
  }

  /** Chooses where a new client's data starts, honoring a resume of the same stream. */
  #position(parameters: ConnectParameters) {
    const replay = this.#options.replay;
    const stream = replay?.plan.stream ?? this.#stream;
    const sameStream = parameters.stream === undefined || parameters.stream === stream;
    const resume = sameStream ? parameters.resume : undefined;
    if (replay !== undefined) {
      const startAfter = resume ?? 0;
      const source = new ReplayCursor(replay, startAfter);
      return { source, startAfter, resumed: resume !== undefined, stream };
    }
    const retention = this.#live?.retention ?? this.#empty;
    const canResume = resume !== undefined && resume <= retention.lastSeq;
    const startAfter = canResume ? resume : retention.lastSeq;
    return { source: retention as PointSource, startAfter, resumed: canResume, stream };
  }

  #startData(state: ClientState, source: PointSource): void {
    const { connection } = state;
    if (source instanceof ReplayCursor) {
      state.player = new ReplayPlayer(connection, source, () =>
        this.#logger.info('replay_finished', {
          client: connection.id,
          points: connection.sentPoints,
        }),
      );
      state.player.start();
      return;
    }
    connection.pump();
    this.#live?.add(connection);
  }

  #forget(state: ClientState, code: number, reason: string): void {
    const { connection } = state;
    this.#clients.delete(state);
    state.player?.stop();
    this.#live?.remove(connection);
    this.#metrics.pointsSent += connection.sentPoints;
    this.#logger.info('client_disconnected', {
      client: connection.id,
      code,
      reason,
      pointsSent: connection.sentPoints,
      pointsLost: connection.lostPoints,
      invalidMessages: state.invalidMessages,
      clients: this.#clients.size,
    });
  }

  #receive(state: ClientState, data: Buffer, isBinary: boolean): void {
    const { connection } = state;
    connection.lastActivityAt = Date.now();
    const parsed = parseClientMessage(data, isBinary);
    if ('error' in parsed) {
      this.#reject(state, parsed.error, parsed.id);
      return;
    }
    const { message } = parsed;
    if (message.type === 'heartbeat') return;
    const wait = state.commands.take();
    if (wait > 0) {
      this.#reject(
        state,
        {
          code: 'rate_limited',
          message: `Too many commands: at most ${COMMANDS_PER_SECOND} per second; retry in ${wait} ms.`,
        },
        message.id,
      );
      return;
    }
    if (message.type === 'auth') {
      this.#authenticate(state, message.token, message.id);
      return;
    }
    const error = this.#runCommand(state, message);
    if (error !== undefined) {
      this.#reject(state, error, message.id);
      return;
    }
    this.#metrics.commands++;
    this.#logger.info('command_applied', {
      client: connection.id,
      command: message.name,
      args: JSON.stringify(message.args ?? {}).slice(0, MAX_LOGGED_ARGS),
    });
    if (message.id !== undefined) connection.sendAck(message.id);
  }

  #runCommand(
    state: ClientState,
    command: Parameters<LiveFeed['runCommand']>[0],
  ): ClientMessageError | undefined {
    if (!state.connection.control) {
      return {
        code: 'unauthorized',
        message:
          'This server requires a control token for commands; send {"type":"auth","token":"..."} first.',
      };
    }
    if (this.#live === undefined) {
      return {
        code: 'command_unavailable',
        message:
          'This server replays files and runs no generator; restart it without --replay to use commands.',
      };
    }
    return this.#live.runCommand(command);
  }

  /**
   * Checks a control token. A wrong token is a policy violation: the client gets an
   * `invalid_token` error and the connection closes with 1008, so guessing costs a reconnect.
   */
  #authenticate(state: ClientState, token: string, id?: string | number): void {
    const expected = this.#options.controlToken;
    if (expected === undefined || tokensEqual(token, expected)) {
      state.connection.control = true;
      this.#logger.info('client_authenticated', { client: state.connection.id });
      if (id !== undefined) state.connection.sendAck(id);
      return;
    }
    this.#reject(
      state,
      { code: 'invalid_token', message: 'The control token is wrong; the connection closes.' },
      id,
    );
    state.connection.close(1008, 'invalid control token');
  }

  #reject(state: ClientState, error: ClientMessageError, id?: string | number): void {
    state.invalidMessages++;
    this.#metrics.countError(error.code);
    this.#logger.warn('client_message_rejected', {
      client: state.connection.id,
      code: error.code,
      error: error.message,
    });
    state.connection.sendError(error.code, error.message, id);
  }

  #heartbeat(): void {
    const now = Date.now();
    for (const state of this.#clients) {
      const { connection, socket } = state;
      if (now - connection.lastActivityAt > this.#timeoutMs) {
        this.#logger.warn('client_timed_out', {
          client: connection.id,
          silentMs: now - connection.lastActivityAt,
        });
        socket.terminate();
        continue;
      }
      connection.sendHeartbeat();
      // Clients that send no heartbeats, such as scripts, stay connected through their pongs.
      socket.ping();
    }
  }
}

/** Compares digests of equal length, so the time taken reveals neither the token nor its length. */
function tokensEqual(received: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(received), digest(expected));
}
