import type { Point } from '../core/types.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import type { ColumnBatch } from './binary-frame.js';
import type { RejectedPoint, StringTable } from './column-points.js';
import type { ProtocolError } from './decode.js';
import type { ClientMessage, Encoding, EndMessage, ServerMessage } from './protocol.js';
import { StreamReader, type GapInfo } from './stream-reader.js';

/** State of the connection. Times are epoch milliseconds. */
export type ConnectionStatus =
  | { state: 'connecting' }
  | { state: 'live' }
  | { state: 'reconnecting'; attempt: number; nextTryAt: number }
  | { state: 'offline'; reason: string; attempt?: number; nextTryAt?: number }
  /**
   * The server sent `end` because a finite source, such as a replay without `--loop`, sent its
   * last point. `seq` and `total` come from that message. `open` turns false when the socket
   * then closes; no retry follows.
   */
  | { state: 'ended'; seq: number; total: number; open: boolean };

/** Settings that each connection reads when it opens, automatic reconnects included. */
export interface ConnectionSettings {
  /** Data encoding to ask the server for; unset leaves the server's default, JSON rows. */
  encoding?: Encoding;
  /**
   * Milliseconds without any message after which the connection counts as dead and is
   * replaced. Heartbeats go out at a quarter of it. Default 10,000.
   */
  heartbeatTimeoutMs?: number;
}

export interface WebSocketSourceOptions extends ConnectionSettings {
  /** Absolute ws: or wss: URL. */
  url: string;
  /** Receives the points of every JSON-rows `data` message, not yet validated. */
  onData(points: unknown[], seq: number): void;
  /** Receives the points of columnar and binary data, already checked, and the rejected ones. */
  onPoints?(points: Point[], invalid: RejectedPoint[], seq: number): void;
  /**
   * Receives columnar and binary data as unchecked columns instead of `onPoints`, with the
   * string table their codes refer to; rows before `start` were already applied.
   */
  onColumns?(columns: ColumnBatch, strings: StringTable, start: number, seq: number): void;
  /** Receives every range of points that will never arrive. */
  onGap?(gap: GapInfo): void;
  /** Receives every message other than data, strings and gap. */
  onMessage?(message: ServerMessage): void;
  onProtocolError(error: ProtocolError): void;
  onStatus(status: ConnectionStatus): void;
  /** Position of an earlier source of the same URL to resume after, with the stream it belongs to. */
  resume?: { stream: string; seq: number };
  backoff?: BackoffOptions;
  /**
   * Consecutive failed retries after a live connection dropped, after which the
   * status turns `offline`. Retries go on either way.
   */
  offlineAfter?: number;
  /**
   * Milliseconds a connection must stay open, or deliver messages before it falls silent, to
   * count as stable, which resets the backoff. Default STABLE_CONNECTION_MS.
   */
  stableAfterMs?: number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** Creates the socket; defaults to the global WebSocket. */
  createSocket?: (url: string) => WebSocket;
}

/**
 * A connection that stays open this long, or delivers messages this long before it falls
 * silent, counts as stable and resets the backoff.
 */
export const STABLE_CONNECTION_MS = 5000;
export const DEFAULT_OFFLINE_AFTER = 5;
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 10_000;
/** Close code this client uses when it gives up on a silent connection. */
export const CLOSE_SILENT = 4000;

// WebSocket.readyState values, spelled out so the class also loads where no WebSocket global exists.
const OPEN = 1;
const CLOSED = 3;

/**
 * A WebSocket that reconnects and resumes. It reads frames with a StreamReader, reports
 * unusable frames through `onProtocolError` instead of throwing, and after a close retries with
 * exponential backoff and full jitter until `close()` is called. Each new connection asks the
 * server to resume after the last applied sequence number.
 *
 * Heartbeats go both ways: this side sends one every quarter of the timeout, and a connection
 * that delivers no message at all for the whole timeout is closed and replaced, because the
 * browser cannot see WebSocket pings and a dead TCP connection may take minutes to close.
 *
 * At most one socket is open at a time: every new attempt first closes the
 * previous socket, and events from a replaced socket are ignored.
 *
 * After an `end` message the status is `ended`, and when that socket closes, no retry follows,
 * because the stream has nothing more to send. `open()` starts over.
 */
export class WebSocketSource {
  readonly #options: WebSocketSourceOptions;
  #socket: WebSocket | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #openedAt = 0;
  #wasLive = false;
  #status: ConnectionStatus = { state: 'offline', reason: 'not started' };
  readonly #reader: StreamReader;
  #heartbeatTimer: ReturnType<typeof setTimeout> | undefined;
  #lastReceivedAt = 0;
  #serverHeartbeatMs: number | undefined;
  #settings: ConnectionSettings;
  /** Heartbeat timeout of the current connection, read from the settings when it opened. */
  #timeoutMs = DEFAULT_HEARTBEAT_TIMEOUT_MS;
  /** True once the current connection received `end`. */
  #ended = false;

  constructor(options: WebSocketSourceOptions) {
    this.#options = options;
    this.#settings = { encoding: options.encoding, heartbeatTimeoutMs: options.heartbeatTimeoutMs };
    this.#reader = new StreamReader({
      onRows: (rows, seq) => options.onData(rows, seq),
      onPoints: (points, invalid, seq) => options.onPoints?.(points, invalid, seq),
      onColumns: options.onColumns?.bind(options),
      onGap: (gap) => options.onGap?.(gap),
      onMessage: (message) => {
        if (message.type === 'hello') this.#serverHeartbeatMs = message.heartbeatMs;
        options.onMessage?.(message);
        if (message.type === 'end') this.#handleEnd(message);
      },
      onProtocolError: (error) => options.onProtocolError(error),
    });
    if (options.resume !== undefined)
      this.#reader.restore(options.resume.stream, options.resume.seq);
  }

  /** Sequence number of the last point handed over, which the next connection resumes after. */
  get lastSeq(): number {
    return this.#reader.lastSeq;
  }

  /** Id of the stream `lastSeq` belongs to, once a version 2 server sent its hello. */
  get stream(): string | undefined {
    return this.#reader.stream;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  get url(): string {
    return this.#options.url;
  }

  /** Opens a connection now, closing any current one and resetting the backoff. */
  open(): void {
    this.#attempt = 0;
    this.#wasLive = false;
    globalThis.addEventListener?.('online', this.#retryNow);
    this.#connect({ state: 'connecting' });
  }

  /**
   * Changes the settings of every later connection, automatic reconnects included. The open
   * connection keeps the settings it opened with.
   */
  configure(settings: ConnectionSettings): void {
    this.#settings = { ...this.#settings, ...settings };
  }

  /** Closes the socket and cancels any pending retry. */
  close(reason = 'closed by the page'): void {
    globalThis.removeEventListener?.('online', this.#retryNow);
    this.#clearTimer();
    this.#dropSocket();
    this.#attempt = 0;
    this.#setStatus({ state: 'offline', reason });
  }

  /** Sends a client message if the connection is live; returns whether it was sent. */
  send(message: ClientMessage): boolean {
    const socket = this.#socket;
    if (socket === null || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  // When the browser regains its network there is no point in waiting out the backoff.
  readonly #retryNow = (): void => {
    if (this.#timer !== undefined) this.#connect(this.#status);
  };

  #connect(status: ConnectionStatus): void {
    this.#clearTimer();
    this.#dropSocket();
    this.#reader.startConnection();
    this.#ended = false;
    this.#timeoutMs = this.#settings.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
    let socket: WebSocket;
    try {
      socket = (this.#options.createSocket ?? ((url) => new WebSocket(url)))(this.#socketUrl());
    } catch (error) {
      // The constructor throws a SyntaxError for a URL it cannot use; retrying cannot help.
      const detail = error instanceof Error ? error.message : String(error);
      this.#setStatus({ state: 'offline', reason: `cannot open ${this.#options.url}: ${detail}` });
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    this.#setStatus(status);
    socket.addEventListener('open', () => this.#handleOpen(socket));
    socket.addEventListener('message', (event) => this.#handleMessage(socket, event));
    socket.addEventListener('close', (event) => this.#handleClose(socket, event));
  }

  #handleOpen(socket: WebSocket): void {
    if (socket !== this.#socket) {
      socket.close();
      return;
    }
    this.#openedAt = Date.now();
    this.#lastReceivedAt = this.#openedAt;
    this.#wasLive = true;
    this.#serverHeartbeatMs = undefined;
    this.#scheduleHeartbeat();
    this.#setStatus({ state: 'live' });
  }

  #handleMessage(socket: WebSocket, event: MessageEvent): void {
    if (socket !== this.#socket) return;
    this.#lastReceivedAt = Date.now();
    this.#reader.read(event.data);
  }

  #handleClose(socket: WebSocket, event: { code: number }): void {
    if (socket !== this.#socket) return;
    this.#socket = null;
    this.#clearHeartbeat();
    const wasStable = this.#openedAt > 0 && Date.now() - this.#openedAt >= this.#stableAfter();
    this.#openedAt = 0;
    if (this.#ended) {
      this.#stopAfterEnd();
      return;
    }
    // A server that accepts and then drops every connection must not get a retry per second.
    if (wasStable) this.#attempt = 0;
    this.#scheduleRetry(event);
  }

  #handleEnd(message: EndMessage): void {
    this.#ended = true;
    this.#setStatus({ state: 'ended', seq: message.seq, total: message.total, open: true });
  }

  /** Reports that the socket of a finished stream is gone, and retries nothing. */
  #stopAfterEnd(): void {
    globalThis.removeEventListener?.('online', this.#retryNow);
    this.#clearTimer();
    if (this.#status.state === 'ended') this.#setStatus({ ...this.#status, open: false });
  }

  #stableAfter(): number {
    return this.#options.stableAfterMs ?? STABLE_CONNECTION_MS;
  }

  /** The URL with the encoding and the resume position of this connection. */
  #socketUrl(): string {
    const parameters: Record<string, string> = { ...this.#reader.resumeParameters() };
    const { encoding } = this.#settings;
    if (encoding !== undefined) parameters.encoding = encoding;
    // Narrow columns cut a binary frame by up to 40 %; a server that predates them ignores this.
    if (encoding === 'binary') parameters.columns = 'compact';
    const entries = Object.entries(parameters);
    if (entries.length === 0) return this.#options.url;
    try {
      const url = new URL(this.#options.url);
      for (const [name, value] of entries) url.searchParams.set(name, value);
      return url.href;
    } catch {
      // The socket constructor reports the invalid URL in its own words.
      return this.#options.url;
    }
  }

  /** Sends a heartbeat and checks for silence every quarter of the timeout. */
  #scheduleHeartbeat(): void {
    this.#clearHeartbeat();
    const timeout = this.#timeoutMs;
    const interval = Math.min(timeout / 4, this.#serverHeartbeatMs ?? Infinity);
    this.#heartbeatTimer = setTimeout(() => {
      this.#heartbeatTimer = undefined;
      const socket = this.#socket;
      if (socket === null || socket.readyState !== OPEN) return;
      const silentFor = Date.now() - this.#lastReceivedAt;
      if (silentFor >= timeout) {
        this.#replaceSilent(socket, silentFor);
        return;
      }
      this.send({ type: 'heartbeat', time: Date.now(), seq: this.#reader.lastSeq });
      this.#scheduleHeartbeat();
    }, interval);
  }

  #replaceSilent(socket: WebSocket, silentFor: number): void {
    this.#socket = null;
    // Only the time up to the last message counts toward stability, not the silence after it.
    // A server that accepts connections and then falls silent still meets a growing backoff.
    const deliveredFor = this.#lastReceivedAt - this.#openedAt;
    this.#openedAt = 0;
    socket.close(CLOSE_SILENT, `no message for ${silentFor} ms`);
    if (this.#ended) {
      this.#stopAfterEnd();
      return;
    }
    if (deliveredFor >= this.#stableAfter()) this.#attempt = 0;
    this.#scheduleRetry({ code: CLOSE_SILENT });
  }

  #clearHeartbeat(): void {
    if (this.#heartbeatTimer !== undefined) clearTimeout(this.#heartbeatTimer);
    this.#heartbeatTimer = undefined;
  }

  #scheduleRetry(event: { code: number }): void {
    const attempt = this.#attempt++;
    const delay = backoffDelay(
      attempt,
      this.#options.random,
      this.#options.backoff ?? DEFAULT_BACKOFF,
    );
    const nextTryAt = Date.now() + delay;
    const offlineAfter = this.#options.offlineAfter ?? DEFAULT_OFFLINE_AFTER;
    const browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
    // `reconnecting` promises a connection that worked before; a server never reached is offline.
    if (browserOffline || !this.#wasLive || attempt >= offlineAfter) {
      let reason = `connection failed ${attempt + 1} times in a row (last close code ${event.code})`;
      if (browserOffline) reason = 'the browser is offline';
      else if (!this.#wasLive)
        // Browsers hide why a handshake failed, so name the two usual causes.
        reason = `cannot connect to ${this.#options.url} (close code ${event.code}); check that the server runs and that the path is its WebSocket endpoint, /ws for observatory-server`;
      this.#setStatus({ state: 'offline', reason, attempt: attempt + 1, nextTryAt });
    } else {
      this.#setStatus({ state: 'reconnecting', attempt: attempt + 1, nextTryAt });
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#connect(this.#status);
    }, delay);
  }

  #dropSocket(): void {
    const socket = this.#socket;
    this.#socket = null;
    this.#openedAt = 0;
    this.#clearHeartbeat();
    if (socket !== null && socket.readyState !== CLOSED) socket.close(1000);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #setStatus(status: ConnectionStatus): void {
    this.#status = status;
    this.#options.onStatus(status);
  }
}
