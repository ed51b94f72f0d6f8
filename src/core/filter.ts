import type { FilterCondition, FilterCriteria, FilterNode, FilterValue } from './criteria.js';
import { fieldType, isGroup, TIME_UNITS, toNumber } from './criteria.js';
import { parseIsoTimestamp } from './point-schema.js';
import type { Metadata } from './types.js';

/** Read access to one logical row, as the store provides it. */
export interface RowReader {
  timeAt(row: number): number;
  valueAt(row: number): number;
  categoryAt(row: number): string;
  sourceAt(row: number): string;
  idAt(row: number): string;
  metadataAt(row: number): Metadata | undefined;
}

export type RowPredicate = (row: number) => boolean;

/**
 * The clock reading relative time conditions compare with, in epoch
 * milliseconds. The store moves `now` forward before each evaluation, so
 * predicates compiled once keep sliding.
 */
export interface FilterClock {
  now: number;
}

type Field = string | number | boolean | null | undefined;
type FieldReader = (row: number) => Field;

function fieldReader(field: string, reader: RowReader): FieldReader {
  switch (field) {
    case 'id':
      return (row) => reader.idAt(row);
    case 'timestamp':
      // Validated points never have a NaN time; a point appended unvalidated reads as missing.
      return (row) => {
        const time = reader.timeAt(row);
        return Number.isNaN(time) ? undefined : time;
      };
    case 'value':
      // A gap (NaN) reads as missing, so it matches no comparison.
      return (row) => {
        const value = reader.valueAt(row);
        return Number.isNaN(value) ? undefined : value;
      };
    case 'category':
      return (row) => reader.categoryAt(row);
    case 'source':
      return (row) => reader.sourceAt(row);
    default: {
      const key = field.slice('metadata.'.length);
      return (row) => {
        const metadata = reader.metadataAt(row);
        if (metadata === undefined || !Object.hasOwn(metadata, key)) return undefined;
        return metadata[key];
      };
    }
  }
}

/**
 * Turns a validated condition value into the type the field compares with:
 * epoch milliseconds for `timestamp` and a number for `value`.
 */
export function normalizeOperand(field: string, value: FilterValue): FilterValue {
  if (typeof value !== 'string') return value;
  const type = fieldType(field);
  if (type === 'date') return parseIsoTimestamp(value);
  if (type === 'number') return toNumber(value) ?? value;
  return value;
}

/**
 * Orders a present field against an operand: negative, zero or positive, or
 * NaN when the two cannot be ordered. Numbers compare numerically, and numeric
 * text converts when the other side is a number. Text compares by UTF-16 code
 * units. Booleans, and text that is not numeric against a number, do not order.
 */
function compare(left: Field, right: FilterValue): number {
  if (typeof left === 'boolean' || typeof right === 'boolean') return NaN;
  if (typeof left === 'number' || typeof right === 'number') {
    const a = typeof left === 'number' ? left : toNumber(String(left));
    const b = typeof right === 'number' ? right : toNumber(String(right));
    return a === undefined || b === undefined ? NaN : a - b;
  }
  const a = String(left);
  const b = String(right);
  return a < b ? -1 : a > b ? 1 : 0;
}

function equals(left: Field, right: FilterValue): boolean {
  if (typeof left === 'boolean' || typeof right === 'boolean') return left === right;
  return compare(left, right) === 0;
}

/** A test of a present field value, the part of a condition that does not read a row. */
export type ValueTest = (field: string | number | boolean) => boolean;

/**
 * Compiles the comparison of a condition other than `exists`. The caller has
 * already checked that the field is present; missing fields match nothing.
 */
export function compileValueTest(condition: FilterCondition, clock: FilterClock): ValueTest {
  const { op } = condition;
  if (op === 'exists') return () => true;
  if (op === 'within_last') {
    const span = (condition.value as number) * TIME_UNITS[condition.unit ?? 'seconds'];
    return (field) => (field as number) >= clock.now - span;
  }
  const raw = condition.value as FilterValue | FilterValue[];
  const values = (Array.isArray(raw) ? raw : [raw]).map((v) =>
    normalizeOperand(condition.field, v),
  );
  const value = values[0];
  switch (op) {
    case 'eq':
      return (field) => equals(field, value);
    case 'neq':
      return (field) => !equals(field, value);
    case 'gt':
      return (field) => compare(field, value) > 0;
    case 'gte':
      return (field) => compare(field, value) >= 0;
    case 'lt':
      return (field) => compare(field, value) < 0;
    case 'lte':
      return (field) => compare(field, value) <= 0;
    case 'between': {
      const [low, high] = values;
      return (field) => compare(field, low) >= 0 && compare(field, high) <= 0;
    }
    case 'contains':
    case 'not_contains': {
      const needle = String(value).toLowerCase();
      const expected = op === 'contains';
      return (field) => String(field).toLowerCase().includes(needle) === expected;
    }
    case 'in':
      return (field) => values.some((candidate) => equals(field, candidate));
    case 'not_in':
      return (field) => !values.some((candidate) => equals(field, candidate));
  }
}

/** Compiles one condition into a predicate over logical rows. */
export function compileCondition(
  condition: FilterCondition,
  reader: RowReader,
  clock: FilterClock,
): RowPredicate {
  const read = fieldReader(condition.field, reader);
  if (condition.op === 'exists') {
    return (row) => read(row) !== undefined;
  }
  const test = compileValueTest(condition, clock);
  // A missing field (a gap value, an absent metadata key or a null one) matches no
  // comparison, not even a negated one. Only `exists` tests for presence.
  return (row) => {
    const field = read(row);
    return field !== undefined && field !== null && test(field);
  };
}

function compileNode(node: FilterNode, reader: RowReader, clock: FilterClock): RowPredicate {
  if (!isGroup(node)) return compileCondition(node, reader, clock);
  const children = node.conditions.map((child) => compileNode(child, reader, clock));
  let predicate: RowPredicate;
  if (children.length === 0) {
    predicate = () => true;
  } else if (node.logic === 'and') {
    predicate = (row) => children.every((child) => child(row));
  } else {
    predicate = (row) => children.some((child) => child(row));
  }
  if (node.not === true) {
    const inner = predicate;
    return (row) => !inner(row);
  }
  return predicate;
}

/**
 * Compiles validated criteria into a predicate over logical rows. It builds
 * closures only, never source text, so pages with a strict CSP can use it.
 * Relative time conditions read `clock.now` on every call.
 */
export function compileCriteria(
  criteria: FilterCriteria,
  reader: RowReader,
  clock: FilterClock = { now: Date.now() },
): RowPredicate {
  return compileNode(criteria, reader, clock);
}
