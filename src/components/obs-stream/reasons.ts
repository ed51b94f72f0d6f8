const EXPECTED: Record<string, string> = {
  value: 'a finite number or null',
  timestamp: 'finite epoch milliseconds or an ISO-8601 date-time',
};

function describeReceived(value: unknown): string {
  if (typeof value === 'string') {
    const text = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the string '${text}'`;
  }
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return `a value of type ${typeof value}`;
}

/**
 * Rewrites a rejection reason that names no cause, such as `value: Invalid
 * input`, to say what was expected and what arrived.
 * NOTE: the point schema in core now names the cause of a bad value or
 * timestamp itself, so this only rewrites reasons still in zod's generic words.
 */
export function explainReason(input: unknown, reason: string): string {
  const separator = reason.indexOf(': ');
  const field = reason.slice(0, separator);
  if (!reason.endsWith(': Invalid input') || !Object.hasOwn(EXPECTED, field)) return reason;
  if (typeof input !== 'object' || input === null || !Object.hasOwn(input, field)) {
    return `${field}: is missing; expected ${EXPECTED[field]}`;
  }
  const received = (input as Record<string, unknown>)[field];
  return `${field}: must be ${EXPECTED[field]}, got ${describeReceived(received)}`;
}
