import { PROTOCOL_VERSION, type ServerMessage } from './protocol.js';

/**
 * Longest accepted text frame, in UTF-16 code units. Larger frames are
 * reported rather than parsed, so one oversize message cannot stall the page.
 */
export const MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;

/** Maximum length of the excerpt of a bad message that an error quotes. */
const EXCERPT_LENGTH = 80;

export type ProtocolErrorKind =
  'malformed-json' | 'invalid-message' | 'unknown-type' | 'unsupported-frame' | 'oversize';

/** A message that could not be used, with the reason in words. */
export interface ProtocolError {
  kind: ProtocolErrorKind;
  reason: string;
}

export type DecodeResult = { message: ServerMessage } | { error: ProtocolError };

function fail(kind: ProtocolErrorKind, reason: string): DecodeResult {
  return { error: { kind, reason } };
}

function excerpt(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function checkFields(message: Record<string, unknown>): string | null {
  switch (message.type) {
    case 'hello':
      if (typeof message.protocol !== 'number') return 'hello.protocol must be a number';
      if (message.protocol !== PROTOCOL_VERSION) {
        return `hello.protocol ${message.protocol} is not supported; this client speaks ${PROTOCOL_VERSION}`;
      }
      if (!Array.isArray(message.sources) || !message.sources.every((s) => typeof s === 'string')) {
        return 'hello.sources must be an array of strings';
      }
      return null;
    case 'data':
      if (!isCount(message.seq)) return 'data.seq must be a non-negative integer';
      if (!Array.isArray(message.points)) return 'data.points must be an array';
      return null;
    case 'end':
      if (!isCount(message.seq)) return 'end.seq must be a non-negative integer';
      if (!isCount(message.total)) return 'end.total must be a non-negative integer';
      return null;
    case 'error':
      if (typeof message.code !== 'string') return 'error.code must be a string';
      if (typeof message.message !== 'string') return 'error.message must be a string';
      return null;
    default:
      return null;
  }
}

const KNOWN_TYPES = new Set(['hello', 'data', 'end', 'error']);

/**
 * Parses one frame into a ServerMessage, or returns why it cannot be used:
 * not text, too long, not JSON, not an object, an unknown `type`, or a known
 * type with missing or wrong-typed fields. Never throws.
 */
export function decodeServerMessage(frame: unknown): DecodeResult {
  if (typeof frame !== 'string') {
    return fail('unsupported-frame', 'binary frames are not supported; send JSON text frames');
  }
  if (frame.length > MAX_MESSAGE_LENGTH) {
    return fail(
      'oversize',
      `message of ${frame.length} characters exceeds the limit of ${MAX_MESSAGE_LENGTH}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail('malformed-json', `message is not valid JSON (${detail}): ${excerpt(frame)}`);
  }
  if (!isRecord(parsed)) return fail('invalid-message', 'message must be a JSON object');
  if (typeof parsed.type !== 'string') {
    return fail('invalid-message', 'message.type is missing or not a string');
  }
  if (!KNOWN_TYPES.has(parsed.type)) {
    return fail('unknown-type', `unknown message type '${excerpt(parsed.type)}'`);
  }
  const problem = checkFields(parsed);
  if (problem !== null) return fail('invalid-message', problem);
  return { message: parsed as unknown as ServerMessage };
}
