import { ENCODINGS, SUPPORTED_PROTOCOLS, type ServerMessage } from './protocol.js';

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
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const COLUMN_NAMES = [
  'timestamp',
  'value',
  'category',
  'source',
  'idPrefix',
  'idNumber',
  'metadata',
] as const;

function checkColumnar(message: Record<string, unknown>): string | null {
  if (!isCount(message.count)) return 'data.count must be a non-negative integer';
  if (!isRecord(message.columns)) return 'data.columns must be an object of arrays';
  for (const name of COLUMN_NAMES) {
    const column = message.columns[name];
    if (!Array.isArray(column) || column.length !== message.count) {
      return `data.columns.${name} must be an array of data.count (${message.count}) entries`;
    }
  }
  return null;
}

function checkHello(message: Record<string, unknown>): string | null {
  if (typeof message.protocol !== 'number') return 'hello.protocol must be a number';
  if (!SUPPORTED_PROTOCOLS.includes(message.protocol)) {
    return `hello.protocol ${message.protocol} is not supported; this client speaks ${SUPPORTED_PROTOCOLS.join(' and ')}`;
  }
  if (!isStringArray(message.sources)) return 'hello.sources must be an array of strings';
  if (message.stream !== undefined && typeof message.stream !== 'string') {
    return 'hello.stream must be a string';
  }
  if (
    message.encoding !== undefined &&
    !(ENCODINGS as readonly unknown[]).includes(message.encoding)
  ) {
    return `hello.encoding must be one of ${ENCODINGS.join(', ')}`;
  }
  for (const field of ['heartbeatMs', 'timeoutMs', 'resumeFrom'] as const) {
    if (message[field] !== undefined && !isCount(message[field])) {
      return `hello.${field} must be a non-negative integer`;
    }
  }
  return null;
}

function checkFields(message: Record<string, unknown>): string | null {
  switch (message.type) {
    case 'hello':
      return checkHello(message);
    case 'data':
      if (!isCount(message.seq)) return 'data.seq must be a non-negative integer';
      if (message.encoding === 'columnar') return checkColumnar(message);
      if (message.encoding !== undefined) {
        return `data.encoding must be columnar or absent, got ${excerpt(String(message.encoding))}`;
      }
      if (!Array.isArray(message.points)) return 'data.points must be an array';
      return null;
    case 'strings':
      if (!isCount(message.base)) return 'strings.base must be a non-negative integer';
      if (!isStringArray(message.strings)) return 'strings.strings must be an array of strings';
      return null;
    case 'gap':
      if (!isCount(message.from) || !isCount(message.to) || message.to < message.from) {
        return 'gap.from and gap.to must be sequence numbers with from <= to';
      }
      if (!isCount(message.count)) return 'gap.count must be a non-negative integer';
      if (typeof message.reason !== 'string') return 'gap.reason must be a string';
      return null;
    case 'heartbeat':
      if (typeof message.time !== 'number' || !Number.isFinite(message.time)) {
        return 'heartbeat.time must be a finite number';
      }
      if (!isCount(message.seq)) return 'heartbeat.seq must be a non-negative integer';
      return null;
    case 'end':
      if (!isCount(message.seq)) return 'end.seq must be a non-negative integer';
      if (!isCount(message.total)) return 'end.total must be a non-negative integer';
      return null;
    case 'error':
      if (typeof message.code !== 'string') return 'error.code must be a string';
      if (typeof message.message !== 'string') return 'error.message must be a string';
      return null;
    case 'ack':
      if (typeof message.id !== 'string' && typeof message.id !== 'number') {
        return 'ack.id must be a string or a number';
      }
      return null;
    default:
      return null;
  }
}

const KNOWN_TYPES = new Set([
  'hello',
  'data',
  'strings',
  'gap',
  'heartbeat',
  'end',
  'error',
  'ack',
]);

/**
 * Parses one frame into a ServerMessage, or returns why it cannot be used:
 * not text, too long, not JSON, not an object, an unknown `type`, or a known
 * type with missing or wrong-typed fields. Never throws.
 */
export function decodeServerMessage(frame: unknown): DecodeResult {
  if (typeof frame !== 'string') {
    return fail('unsupported-frame', 'frame is neither text nor an ArrayBuffer');
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
