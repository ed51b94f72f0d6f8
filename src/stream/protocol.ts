/**
 * Messages between observatory-server and <obs-stream>. Control messages are JSON text frames;
 * data comes as JSON text or, with the binary encoding, as binary frames (see binary-frame.ts).
 * docs/protocol.md describes them in full.
 */
export const PROTOCOL_VERSION = 2;

/** Protocol versions this client reads. Version 1 servers send JSON rows without resume. */
export const SUPPORTED_PROTOCOLS: readonly number[] = [1, 2];

/** Data encodings, chosen by the client with the `encoding` query parameter at connect time. */
export const ENCODINGS = ['json', 'columnar', 'binary'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** How much of the stream the server keeps for clients that resume. */
export interface RetentionInfo {
  /** Most points kept. */
  points: number;
  /** Sequence number of the oldest point kept, or 0 when none is kept yet. */
  firstSeq: number;
  /** Sequence number of the newest point, or 0 before the first. */
  lastSeq: number;
  /** True when retention survives a restart of the server (kept on disk). */
  durable: boolean;
}

/** First message on every connection. */
export interface HelloMessage {
  type: 'hello';
  protocol: number;
  /** Names of the sources this server streams, such as `generator`, `host` or `replay`. */
  sources: string[];
  /** Identity of the sequence numbering; a resume is only valid against the same stream. */
  stream?: string;
  /** Encoding of this connection's data. */
  encoding?: Encoding;
  encodings?: Encoding[];
  retention?: RetentionInfo;
  /** Milliseconds between the server's heartbeats. */
  heartbeatMs?: number;
  /** Milliseconds of silence after which the server drops this client. */
  timeoutMs?: number;
  /** True when this connection may send commands without an `auth` message. */
  control?: boolean;
  /** Sequence number the data of this connection starts after. */
  resumeFrom?: number;
}

/**
 * A batch of points as JSON rows. `seq` is the sequence number of the last point; the points
 * carry consecutive numbers, so the first is `seq - points.length + 1`.
 */
export interface DataMessage {
  type: 'data';
  seq: number;
  points: unknown[];
}

/**
 * A batch of points as columns of equal length. Strings are codes into the connection's string
 * table, which `strings` messages extend. `value` uses null for a gap, `idNumber` null for an id
 * that is only its prefix, and `metadata` -1 for a point without metadata.
 */
export interface ColumnarDataMessage {
  type: 'data';
  encoding: 'columnar';
  seq: number;
  count: number;
  columns: {
    timestamp: number[];
    value: (number | null)[];
    category: number[];
    source: number[];
    idPrefix: number[];
    idNumber: (number | null)[];
    metadata: number[];
  };
}

/**
 * Extends the string table of this connection: entry `base + i` is `strings[i]`. A `base` lower
 * than the table's length first cuts the table to `base` entries (0 replaces it).
 */
export interface StringsMessage {
  type: 'strings';
  base: number;
  strings: string[];
}

/** Points the client will never receive: lost to retention, to backpressure or to a restart. */
export interface GapMessage {
  type: 'gap';
  /** First and last sequence number lost. */
  from: number;
  to: number;
  count: number;
  reason: GapReason;
}

export type GapReason = 'retention' | 'backpressure';

/** Sent by both sides when they have nothing else to send, so silence means a dead connection. */
export interface HeartbeatMessage {
  type: 'heartbeat';
  /** Sender's clock, epoch milliseconds. */
  time: number;
  /** Last sequence number sent (server) or applied (client). */
  seq: number;
}

/** A replay or a finite source has sent its last point. */
export interface EndMessage {
  type: 'end';
  seq: number;
  /** Points sent in all, so a client can check it received everything. */
  total: number;
}

/** A request of this client was rejected; the connection stays open unless the code states otherwise. */
export interface ErrorMessage {
  type: 'error';
  code: string;
  message: string;
  /** The `id` of the command or auth message this error replies to. */
  id?: string | number;
}

/** A command or auth message with an `id` succeeded. */
export interface AckMessage {
  type: 'ack';
  id: string | number;
}

export type ServerMessage =
  | HelloMessage
  | DataMessage
  | ColumnarDataMessage
  | StringsMessage
  | GapMessage
  | HeartbeatMessage
  | EndMessage
  | ErrorMessage
  | AckMessage;

/** Command names the server runs. */
export const COMMANDS = ['scenario', 'rate', 'burst', 'failure', 'anomalies'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** A control command, such as `{type: 'command', name: 'scenario', args: {name: 'high_load'}}`. */
export interface CommandMessage {
  type: 'command';
  name: string;
  args?: Record<string, unknown>;
  /** Echoed in the `ack` or `error` reply. */
  id?: string | number;
}

/** Presents the control token, needed for commands when the server runs with one. */
export interface AuthMessage {
  type: 'auth';
  token: string;
  id?: string | number;
}

export type ClientMessage = CommandMessage | AuthMessage | HeartbeatMessage;
