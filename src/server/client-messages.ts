import type { ClientMessage } from '../stream/protocol.js';

/** Codes of the `error` messages the server sends about a client's message. */
export type ClientErrorCode =
  | 'invalid_json'
  | 'invalid_message'
  | 'unknown_message_type'
  | 'unknown_command'
  | 'invalid_command_args'
  | 'command_unavailable'
  | 'unauthorized'
  | 'invalid_token'
  | 'rate_limited';

/** The problem with a client's message, sent back as an `error` message. */
export interface ClientMessageError {
  code: ClientErrorCode;
  message: string;
}

export type ParsedClientMessage =
  { message: ClientMessage } | { error: ClientMessageError; id?: string | number };

/** Longest accepted message id, in characters. */
const MAX_ID_LENGTH = 64;
const ACCEPTED_TYPES = '"command", "auth" and "heartbeat"';

const MAX_QUOTED = 60;

export function quoteForMessage(text: string): string {
  const clipped = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}...` : text;
  return JSON.stringify(clipped);
}

/** Returns a short JSON excerpt of any value for an error message, or `missing` for undefined. */
export function describeValue(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return 'missing';
  return json.length > MAX_QUOTED ? `${json.slice(0, MAX_QUOTED)}...` : json;
}

function invalid(message: string, id?: string | number): ParsedClientMessage {
  return { error: { code: 'invalid_message', message }, id };
}

function readId(value: unknown): string | number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.length <= MAX_ID_LENGTH) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  return null;
}

function parseCommand(fields: Record<string, unknown>, id?: string | number): ParsedClientMessage {
  const { name, args } = fields;
  if (typeof name !== 'string') {
    return invalid(
      'Command has no string "name"; use "scenario", "rate", "burst", "failure" or "anomalies".',
      id,
    );
  }
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    return {
      error: {
        code: 'invalid_command_args',
        message: `Command ${quoteForMessage(name)} has "args" that is not an object.`,
      },
      id,
    };
  }
  const command = {
    type: 'command' as const,
    name,
    args: args as Record<string, unknown> | undefined,
  };
  return { message: id === undefined ? command : { ...command, id } };
}

function parseFields(fields: Record<string, unknown>): ParsedClientMessage {
  const { type } = fields;
  const id = readId(fields.id);
  if (id === null) {
    return invalid(
      `Message "id" must be a string of at most ${MAX_ID_LENGTH} characters or a whole number.`,
    );
  }
  if (typeof type !== 'string') {
    return invalid(`Message has no string "type"; the server accepts ${ACCEPTED_TYPES}.`, id);
  }
  switch (type) {
    case 'command':
      return parseCommand(fields, id);
    case 'auth':
      if (typeof fields.token !== 'string')
        return invalid('Auth message has no string "token".', id);
      return {
        message:
          id === undefined
            ? { type: 'auth', token: fields.token }
            : { type: 'auth', token: fields.token, id },
      };
    case 'heartbeat': {
      const { time, seq } = fields;
      if (typeof time !== 'number' || !Number.isFinite(time)) {
        return invalid('Heartbeat "time" must be finite epoch milliseconds.');
      }
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
        return invalid('Heartbeat "seq" must be a non-negative whole number.');
      }
      return { message: { type: 'heartbeat', time, seq } };
    }
    default:
      return {
        error: {
          code: 'unknown_message_type',
          message: `Message type ${quoteForMessage(type)} is unknown; the server accepts ${ACCEPTED_TYPES}.`,
        },
        id,
      };
  }
}

/**
 * Parses one inbound WebSocket frame. Only a JSON text frame with a known `type` and the fields
 * that type needs is a message. Anything else becomes an error to send back, with the message's
 * `id` when it had a usable one. Command names and arguments are checked where the command runs.
 */
export function parseClientMessage(data: string | Buffer, isBinary: boolean): ParsedClientMessage {
  if (isBinary) {
    return invalid('Binary frames are not accepted; send messages as JSON text.');
  }
  let message: unknown;
  try {
    message = JSON.parse(data.toString());
  } catch {
    return {
      error: {
        code: 'invalid_json',
        message:
          'Message is not valid JSON; send a JSON object such as {"type":"command","name":"rate","args":{"rate":100}}.',
      },
    };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return invalid('Message must be a JSON object with a string "type".');
  }
  return parseFields(message as Record<string, unknown>);
}
