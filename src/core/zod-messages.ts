import { util, type core } from 'zod/mini';

// English messages for zod issues, worded as zod 4.6's English locale (`zod/v4/locales/en.js`)
// words them. The locale also names string formats such as email, UUID or IP addresses, and
// its table of those names costs about 0.4 KB of the gzipped script-tag bundles, although no
// schema of Observatory checks a string format.
// test/core/zod-messages.node.test.ts compares these messages with the locale's.

/** Units of `too_big` and `too_small` issues, by the kind of value measured. */
const SIZING: Record<string, string> = {
  string: 'characters',
  file: 'bytes',
  array: 'items',
  set: 'items',
  map: 'entries',
};

/** Type name of `received`, as the locale prints it: `NaN` and `Infinity` spelled out. */
function typeName(type: string, input?: unknown): string {
  if (type === 'number' && typeof input === 'number' && !Number.isFinite(input)) {
    return String(input);
  }
  return type === 'nan' ? 'NaN' : type;
}

/** Returns the comparison of a size issue: `exactly `, or `strict` with `=` when inclusive. */
function relation(issue: { exact?: boolean; inclusive?: boolean }, strict: '<' | '>'): string {
  if (issue.exact) return 'exactly ';
  return issue.inclusive ? `${strict}=` : strict;
}

/** Words a size issue. `origin` is the kind of value measured, such as `string` or `number`. */
function sizeMessage(
  prefix: string,
  origin: string,
  relation: string,
  bound: number | bigint,
): string {
  const unit = Object.hasOwn(SIZING, origin) ? SIZING[origin] : undefined;
  if (unit !== undefined)
    return `${prefix}: expected ${origin} to have ${relation}${bound} ${unit}`;
  return `${prefix}: expected ${origin} to be ${relation}${bound}`;
}

function formatMessage(issue: core.$ZodRawIssue<core.$ZodStringFormatIssues>): string {
  switch (issue.format) {
    case 'starts_with':
      return `Invalid string: must start with "${issue.prefix}"`;
    case 'ends_with':
      return `Invalid string: must end with "${issue.suffix}"`;
    case 'includes':
      return `Invalid string: must include "${issue.includes}"`;
    case 'regex':
      return `Invalid string: must match pattern ${issue.pattern}`;
    default: {
      // NOTE: the locale names formats such as `email` ("email address"); this prints the
      // format's identifier, as no schema of Observatory checks one.
      const format: string = issue.format;
      return `Invalid ${format === 'template_literal' ? 'input' : format}`;
    }
  }
}

/**
 * Words a zod issue in English, with the same text as zod 4.x's English locale for every
 * issue except the string formats that `formatMessage` notes.
 */
export function englishMessage(issue: core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${typeName(issue.expected)}, received ${typeName(util.parsedType(issue.input), issue.input)}`;
    case 'invalid_value':
      if (issue.values.length === 1) {
        return `Invalid input: expected ${util.stringifyPrimitive(issue.values[0])}`;
      }
      return `Invalid option: expected one of ${util.joinValues(issue.values, '|')}`;
    case 'too_big':
      return sizeMessage('Too big', issue.origin ?? 'value', relation(issue, '<'), issue.maximum);
    case 'too_small':
      // The locale has no fallback for a missing origin here and prints `undefined`.
      return sizeMessage('Too small', String(issue.origin), relation(issue, '>'), issue.minimum);
    case 'invalid_format':
      return formatMessage(issue as core.$ZodRawIssue<core.$ZodStringFormatIssues>);
    case 'not_multiple_of':
      return `Invalid number: must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${util.joinValues(issue.keys, ', ')}`;
    case 'invalid_key':
      return `Invalid key in ${issue.origin}`;
    case 'invalid_union':
      return unionMessage(issue);
    case 'invalid_element':
      return `Invalid value in ${issue.origin}`;
    default:
      return 'Invalid input';
  }
}

function unionMessage(issue: core.$ZodRawIssue<core.$ZodIssueInvalidUnion>): string {
  const options: unknown = (issue as { options?: unknown }).options;
  if (Array.isArray(options) && options.length > 0) {
    return `Invalid discriminator value. Expected ${options.map((option) => `'${String(option)}'`).join(' | ')}`;
  }
  if (issue.inclusive === false) return 'Invalid input: more than one option matched';
  return 'Invalid input';
}
