import { isEpochMs, MAX_NAME_LENGTH } from './limits.js';

/** Describes a rejected input for an error message, such as `got Infinity` or `got a string`. */
export function received(input: unknown): string {
  if (input === undefined) return 'but it is missing';
  if (typeof input === 'number') return `got ${String(input)}`;
  if (input === null) return 'got null';
  if (Array.isArray(input)) return 'got an array';
  if (input instanceof Date) return 'got a Date; pass its getTime()';
  return `got ${typeof input === 'object' ? 'an object' : `a ${typeof input}`}`;
}

/** Returns why `name` is not a valid id, category or source, or null when it is. */
export function nameProblem(field: string, name: unknown): string | null {
  if (typeof name !== 'string') return `${field}: must be a string, ${received(name)}`;
  if (name.length === 0) return `${field}: must not be empty`;
  if (name.length > MAX_NAME_LENGTH) {
    return `${field}: is ${name.length} characters long, more than ${MAX_NAME_LENGTH}`;
  }
  return null;
}

/**
 * Returns why `point` cannot be stored, or null when it can. This checks the stored form of a
 * point (epoch milliseconds, NaN for a gap) by type and length only, so it is cheap enough for
 * every `Store.append`. Metadata must be an object, but its values are not checked.
 */
export function pointProblem(point: unknown): string | null {
  if (typeof point !== 'object' || point === null || Array.isArray(point)) {
    return `point: must be an object, ${received(point)}`;
  }
  const { id, timestamp, value, category, source, metadata } = point as Record<string, unknown>;
  if (typeof timestamp !== 'number' || !isEpochMs(timestamp)) {
    return `timestamp: must be epoch milliseconds within ±8.64e15, ${received(timestamp)}`;
  }
  if (typeof value !== 'number' || value === Infinity || value === -Infinity) {
    return `value: must be a finite number, or NaN for a gap, ${received(value)}`;
  }
  const problem =
    nameProblem('category', category) ?? nameProblem('source', source) ?? nameProblem('id', id);
  if (problem !== null) return problem;
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null)) {
    return `metadata: must be an object of primitive values, ${received(metadata)}`;
  }
  if (Array.isArray(metadata))
    return 'metadata: must be an object of primitive values, got an array';
  return null;
}
