/**
 * Messages between observatory-server and <obs-stream>, as JSON text frames.
 * docs/protocol.md describes them in full.
 */
export const PROTOCOL_VERSION = 1;

/** First message on every connection. */
export interface HelloMessage {
  type: 'hello';
  protocol: number;
  /** Names of the sources this server streams, such as `generator`, `host` or `replay`. */
  sources: string[];
}

/** A batch of points. `seq` increases by one per data message on a connection. */
export interface DataMessage {
  type: 'data';
  seq: number;
  points: unknown[];
}

/** A replay or a finite source has sent its last point. */
export interface EndMessage {
  type: 'end';
  seq: number;
  /** Points sent in all, so a client can check it received everything. */
  total: number;
}

export interface ErrorMessage {
  type: 'error';
  code: string;
  message: string;
}

export type ServerMessage = HelloMessage | DataMessage | EndMessage | ErrorMessage;

/** A control command from a client, such as `{type: 'command', name: 'scenario', args: {name: 'high_load'}}`. */
export interface CommandMessage {
  type: 'command';
  name: string;
  args?: Record<string, unknown>;
}

export type ClientMessage = CommandMessage;
