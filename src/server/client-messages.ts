import type { CommandMessage } from '../stream/protocol.js';

/** Codes of the `error` messages the server sends about a client's message. */
export type ClientErrorCode =
  | 'invalid_json'
  | 'invalid_message'
  | 'unknown_message_type'
  | 'unknown_command'
  | 'invalid_command_args'
  | 'command_unavailable';

/** The problem with a client's message, sent back as an `error` message. */
export interface ClientMessageError {
  code: ClientErrorCode;
  message: string;
}

export type ParsedClientMessage = { command: CommandMessage } | { error: ClientMessageError };

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

/**
 * Parses one inbound WebSocket frame. Only JSON text frames with `type: 'command'`, a string
 * `name` and an optional object `args` are commands; anything else becomes an error to send back.
 * Command names and arguments are checked where the command runs.
 */
export function parseClientMessage(data: string | Buffer, isBinary: boolean): ParsedClientMessage {
  if (isBinary) {
    return {
      error: {
        code: 'invalid_message',
        message: 'Binary frames are not accepted; send commands as JSON text.',
      },
    };
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
    return {
      error: {
        code: 'invalid_message',
        message: 'Message must be a JSON object with a string "type".',
      },
    };
  }
  const { type, name, args } = message as Record<string, unknown>;
  if (typeof type !== 'string') {
    return {
      error: {
        code: 'invalid_message',
        message: 'Message has no string "type"; the server accepts type "command".',
      },
    };
  }
  if (type !== 'command') {
    return {
      error: {
        code: 'unknown_message_type',
        message: `Message type ${quoteForMessage(type)} is unknown; the server accepts type "command".`,
      },
    };
  }
  if (typeof name !== 'string') {
    return {
      error: {
        code: 'invalid_message',
        message: 'Command has no string "name"; use "scenario" or "rate".',
      },
    };
  }
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    return {
      error: {
        code: 'invalid_command_args',
        message: `Command ${quoteForMessage(name)} has "args" that is not an object.`,
      },
    };
  }
  return { command: { type: 'command', name, args: args as Record<string, unknown> | undefined } };
}
