import * as z from 'zod/mini';
import { isEpochMs, MAX_NAME_LENGTH } from './limits.js';
import { received } from './point-check.js';
import type { Metadata, Point } from './types.js';
import { englishMessage } from './zod-messages.js';

export { MAX_NAME_LENGTH };
/** Most metadata keys one point may carry. */
export const MAX_METADATA_KEYS = 64;
/** Longest accepted metadata string value. */
export const MAX_METADATA_STRING = 4096;

// An ISO-8601 date, optionally with a time and a zone. A time without a zone is read as UTC,
// because the local zone of whichever machine parses it is not part of the data.
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

// zod/mini cuts about 16 KB gzipped from the browser bundle, and its object schemas never
// compile a parser with `new Function`, which a strict Content Security Policy reports as a
// violation. It loads no locale, so English messages are passed to each parse; that leaves
// the global zod configuration, which a host page may share, untouched.
export const PARSE_OPTIONS = { error: englishMessage };

// Each check carries its own message: without one, zod words a failed check with the
// schema's type error, which would call a name that is too long "not a string".
const name = z
  .string({ error: (issue) => `must be a string, ${received(issue.input)}` })
  .check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters long`),
  );

const timestamp = z.union(
  [
    z.number().check(z.refine(isEpochMs, 'must be epoch milliseconds within ±8.64e15')),
    z.string().check(z.regex(ISO_DATE, 'must be an ISO-8601 date-time or epoch milliseconds')),
  ],
  {
    error: (issue) =>
      `must be an ISO-8601 date-time or epoch milliseconds within ±8.64e15, ${received(issue.input)}`,
  },
);

const metadataValue = z.union(
  [
    z
      .string()
      .check(
        z.maxLength(MAX_METADATA_STRING, `must be at most ${MAX_METADATA_STRING} characters long`),
      ),
    z.number().check(z.refine(Number.isFinite, 'must be a finite number')),
    z.boolean(),
    z.null(),
  ],
  {
    error: (issue) =>
      `must be a string, a finite number, a boolean or null, ${received(issue.input)}`,
  },
);

/**
 * The wire shape of a point. `value: null` is an explicit gap; NaN and
 * Infinity are rejected so they never reach a scale.
 */
export const wirePointSchema = z.object({
  id: z.optional(
    z.union([name, z.int()], {
      error: (issue) => `must be a string or a whole number, ${received(issue.input)}`,
    }),
  ),
  timestamp,
  value: z.union([z.number().check(z.refine(Number.isFinite)), z.null()], {
    error: (issue) => `must be a finite number or null, ${received(issue.input)}`,
  }),
  category: name,
  source: name,
  metadata: z.optional(z.unknown()),
});

export type WirePoint = z.input<typeof wirePointSchema>;

/** A point that failed validation, with its position in the batch and the reason. */
export interface InvalidPoint {
  index: number;
  reason: string;
}

export interface ValidationResult {
  points: Point[];
  invalid: InvalidPoint[];
}

/**
 * Parses ISO-8601 text in the form points accept into epoch milliseconds, or
 * returns NaN for other text and for impossible dates.
 */
export function parseIsoTimestamp(text: string): number {
  return ISO_DATE.test(text) ? parseTimestamp(text) : NaN;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the `YYYY-MM-DD` at the start of `text` names a real calendar day. */
function isCalendarDate(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return day <= length;
}

/**
 * Parses a timestamp that already passed the schema into epoch milliseconds.
 * Returns NaN for a day the calendar does not have, such as 2024-02-30, which
 * Date.parse would otherwise roll over into March.
 */
export function parseTimestamp(input: number | string): number {
  if (typeof input === 'number') return input;
  if (!isCalendarDate(input)) return NaN;
  let text = input.replace(' ', 'T');
  if (text.length === 10) text += 'T00:00:00';
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += 'Z';
  return Date.parse(text);
}

/** True for the values `metadataValue` accepts, checked without building a parse result. */
function isMetadataValue(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return value.length <= MAX_METADATA_STRING;
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return true;
    default:
      return value === null;
  }
}

/**
 * Copies metadata into an object without a prototype, so keys such as
 * `__proto__` or `constructor` stay plain data. Returns an error message
 * instead when the metadata is not a flat object of primitive values.
 */
export function copyMetadata(input: unknown): Metadata | string | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input !== 'object' || Array.isArray(input)) {
    return 'metadata: must be an object of primitive values';
  }
  const keys = Object.keys(input);
  if (keys.length > MAX_METADATA_KEYS) {
    return `metadata: has ${keys.length} keys, more than the limit of ${MAX_METADATA_KEYS}`;
  }
  const copy = Object.create(null) as Metadata;
  for (const key of keys) {
    const raw = (input as Record<string, unknown>)[key];
    if (!isMetadataValue(raw)) {
      // The schema is the reference for what is valid; it also words the message.
      const parsed = metadataValue.safeParse(raw, PARSE_OPTIONS);
      if (!parsed.success) return `metadata.${key}: ${parsed.error.issues[0].message}`;
    }
    // The copy has no prototype, so even `__proto__` is assigned as an own data property.
    copy[key] = raw as Metadata[string];
  }
  return copy;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join('.') : 'point';
  return `${path}: ${issue.message}`;
}

/**
 * Validates one wire point. Returns the normalised point, or a message that
 * names the field and the problem.
 */
export function validatePoint(input: unknown, fallbackId: () => string): Point | string {
  const parsed = wirePointSchema.safeParse(input, PARSE_OPTIONS);
  if (!parsed.success) return describeIssue(parsed.error.issues[0]);
  const wire = parsed.data;
  const time = parseTimestamp(wire.timestamp);
  if (!Number.isFinite(time) || !isEpochMs(time)) {
    return `timestamp: '${String(wire.timestamp)}' is not a valid date`;
  }
  const metadata = copyMetadata(wire.metadata);
  if (typeof metadata === 'string') return metadata;
  const point: Point = {
    id: wire.id === undefined ? fallbackId() : String(wire.id),
    timestamp: time,
    value: wire.value === null ? NaN : wire.value,
    category: wire.category,
    source: wire.source,
  };
  if (metadata !== undefined) point.metadata = metadata;
  return point;
}

/**
 * Validates a batch. Valid points are kept even when others in the same
 * batch are invalid; nothing throws.
 */
export function validatePoints(
  input: readonly unknown[],
  fallbackId: () => string,
): ValidationResult {
  const points: Point[] = [];
  const invalid: InvalidPoint[] = [];
  for (let index = 0; index < input.length; index++) {
    let result: Point | string;
    try {
      result = validatePoint(input[index], fallbackId);
    } catch (error) {
      // A getter or Proxy of the caller's object threw while it was read.
      result = `point: reading it threw ${error instanceof Error ? error.message : String(error)}`;
    }
    if (typeof result === 'string') invalid.push({ index, reason: result });
    else points.push(result);
  }
  return { points, invalid };
}
