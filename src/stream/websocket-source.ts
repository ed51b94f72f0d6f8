import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { decodeServerMessage, type ProtocolError } from './decode.js';
import type { ClientMessage, DataMessage, ServerMessage } from './protocol.js';

/** State of the connection. Times are epoch milliseconds. */
export type ConnectionStatus =
  | { state: 'connecting' }
  | { state: 'live' }
  | { state: 'reconnecting'; attempt: number; nextTryAt: number }
  | { state: 'offline'; reason: string; attempt?: number; nextTryAt?: number };

export interface WebSocketSourceOptions {
  /** Absolute ws: or wss: URL. */
  url: string;
  /** Receives the `points` of every `data` message, not yet validated. */
  onData(points: unknown[], message: DataMessage): void;
  /** Receives every message other than `data`. */
  onMessage?(message: ServerMessage): void;
  onProtocolError(error: ProtocolError): void;
  onStatus(status: ConnectionStatus): void;
  backoff?: BackoffOptions;
  /**
   * Consecutive failed retries after a live connection dropped, after which the
   * status turns `offline`. Retries go on either way.
   */
  offlineAfter?: number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** Creates the socket; defaults to the global WebSocket. */
  createSocket?: (url: string) => WebSocket;
}

/** A connection that stays open this long counts as stable and resets the backoff. */
export const STABLE_CONNECTION_MS = 5000;
export const DEFAULT_OFFLINE_AFTER = 5;

// WebSocket.readyState values, spelled out so the class also loads where no WebSocket global exists.
const OPEN = 1;
const CLOSED = 3;

/**
 * A WebSocket that reconnects. It parses text frames as ServerMessage JSON,
 * reports unusable frames through `onProtocolError` instead of throwing, and
 * after a close retries with exponential backoff and full jitter until
 * `close()` is called.
 *
 * At most one socket is open at a time: every new attempt first closes the
 * previous socket, and events from a replaced socket are ignored.
 */
export class WebSocketSource {
  readonly #options: WebSocketSourceOptions;
  #socket: WebSocket | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #openedAt = 0;
  #wasLive = false;
  #status: ConnectionStatus = { state: 'offline', reason: 'not started' };

  constructor(options: WebSocketSourceOptions) {
    this.#options = options;
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
    let socket: WebSocket;
    try {
      socket = (this.#options.createSocket ?? ((url) => new WebSocket(url)))(this.#options.url);
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
    this.#wasLive = true;
    this.#setStatus({ state: 'live' });
  }

  #handleMessage(socket: WebSocket, event: MessageEvent): void {
    if (socket !== this.#socket) return;
    const result = decodeServerMessage(event.data);
    if ('error' in result) {
      this.#options.onProtocolError(result.error);
    } else if (result.message.type === 'data') {
      this.#options.onData(result.message.points, result.message);
    } else {
      this.#options.onMessage?.(result.message);
    }
  }

  #handleClose(socket: WebSocket, event: CloseEvent): void {
    if (socket !== this.#socket) return;
    this.#socket = null;
    const wasStable = this.#openedAt > 0 && Date.now() - this.#openedAt >= STABLE_CONNECTION_MS;
    this.#openedAt = 0;
    // A server that accepts and then drops every connection must not get a retry per second.
    if (wasStable) this.#attempt = 0;
    this.#scheduleRetry(event);
  }

  #scheduleRetry(event: CloseEvent): void {
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
        reason = `cannot connect to ${this.#options.url} (close code ${event.code})`;
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
