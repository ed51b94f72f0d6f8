import type { ProtocolError } from '../../stream/decode.js';
import type { GapInfo } from '../../stream/stream-reader.js';
import type { ServerMessage } from '../../stream/protocol.js';
import {
  WebSocketSource,
  type ConnectionSettings,
  type ConnectionStatus,
} from '../../stream/websocket-source.js';
import { warnOnce } from '../shared/dev-warnings.js';
import type { PointIntake } from './point-intake.js';
import { resolveSocketUrl } from './socket-url.js';
import { checkedEncoding, checkedHeartbeatTimeout } from './stream-options.js';

/** Position of a closed socket in its stream, so a new socket to the same URL resumes after it. */
export interface ResumePoint {
  url: string;
  stream: string;
  seq: number;
}

export interface StreamSocketOptions {
  /** The element's `url`, resolved against `baseUrl`. */
  url: string;
  baseUrl: string;
  encoding: string;
  heartbeatTimeout: number;
  resume: ResumePoint | null;
  intake: PointIntake;
  onGap(gap: GapInfo): void;
  onMessage(message: ServerMessage): void;
  onStatus(socket: WebSocketSource, status: ConnectionStatus): void;
}

/**
 * Returns the connection settings for the element's `encoding` and `heartbeat-timeout`, with
 * the defaults in place of invalid values (after a development warning).
 */
export function socketSettings(encoding: string, heartbeatTimeout: number): ConnectionSettings {
  return {
    encoding: checkedEncoding(encoding),
    heartbeatTimeoutMs: checkedHeartbeatTimeout(heartbeatTimeout),
  };
}

/**
 * Creates the socket of an `<obs-stream>`, for the caller to open. Rows go to the intake to be
 * validated, and columnar and binary data go to the store through the intake without point
 * objects. Returns an error message instead, after a development warning, when the url cannot
 * be a WebSocket URL.
 */
export function createStreamSocket(options: StreamSocketOptions): WebSocketSource | string {
  const resolved = resolveSocketUrl(options.url, options.baseUrl);
  if ('error' in resolved) {
    warnOnce('stream-url', `<obs-stream> ${resolved.error}`);
    return resolved.error;
  }
  const { intake } = options;
  const socket: WebSocketSource = new WebSocketSource({
    url: resolved.url,
    resume: options.resume?.url === resolved.url ? options.resume : undefined,
    ...socketSettings(options.encoding, options.heartbeatTimeout),
    onData: (points) => intake.acceptUntrusted(points, 'network'),
    onColumns: (columns, strings, start) => intake.acceptColumns(columns, strings, start),
    onGap: (gap) => options.onGap(gap),
    onProtocolError: (error: ProtocolError) => intake.rejectMessage(error.reason),
    onMessage: (message) => options.onMessage(message),
    onStatus: (status) => options.onStatus(socket, status),
  });
  return socket;
}

/** Returns where `socket` stopped, or null when it applied no point of a numbered stream. */
export function resumePointOf(socket: WebSocketSource): ResumePoint | null {
  if (socket.stream === undefined || socket.lastSeq === 0) return null;
  return { url: socket.url, stream: socket.stream, seq: socket.lastSeq };
}
