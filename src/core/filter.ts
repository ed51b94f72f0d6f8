import type { FilterCondition, FilterCriteria, FilterNode, FilterValue } from './criteria.js';
import { isGroup } from './criteria.js';
import { parseTimestamp } from './point-schema.js';
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

type Field = string | number | boolean | null | undefined;
type FieldReader = (row: number) => Field;

function fieldReader(field: string, reader: RowReader): FieldReader {
  switch (field) {
    case 'id':
      return (row) => reader.idAt(row);
    case 'timestamp':
      return (row) => reader.timeAt(row);
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

/** Turns a condition value into the type the field compares with. */
function operand(field: string, value: FilterValue): FilterValue {
  if (field === 'timestamp' && typeof value === 'string') {
    return parseTimestamp(value);
  }
  if (field === 'value' && typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }
  return value;
}

function compare(left: Field, right: FilterValue): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'number' && typeof right === 'string') {
    const number = Number(right);
    return Number.isFinite(number) ? left - number : NaN;
  }
  const a = String(left);
  const b = String(right);
  return a < b ? -1 : a > b ? 1 : 0;
}

function equals(left: Field, right: FilterValue): boolean {
  if (typeof left === 'number' && typeof right === 'string') return left === Number(right);
  if (typeof left === 'string' && typeof right === 'number') return Number(left) === right;
  return left === right;
}

function compileCondition(condition: FilterCondition, reader: RowReader): RowPredicate {
  const read = fieldReader(condition.field, reader);
  const { op } = condition;
  if (op === 'exists') {
    return (row) => read(row) !== undefined;
  }
  const raw = condition.value as FilterValue | FilterValue[];
  const values = (Array.isArray(raw) ? raw : [raw]).map((v) => operand(condition.field, v));
  const value = values[0];

  // A missing field (a gap value or an absent metadata key) matches no comparison,
  // including the negated ones; only `exists` tests for presence.
  const present = (test: (field: Field) => boolean): RowPredicate => {
    return (row) => {
      const field = read(row);
      return field !== undefined && field !== null && test(field);
    };
  };
  switch (op) {
    case 'eq':
      return present((field) => equals(field, value));
    case 'neq':
      return present((field) => !equals(field, value));
    case 'gt':
      return present((field) => compare(field, value) > 0);
    case 'gte':
      return present((field) => compare(field, value) >= 0);
    case 'lt':
      return present((field) => compare(field, value) < 0);
    case 'lte':
      return present((field) => compare(field, value) <= 0);
    case 'between': {
      const [low, high] = values;
      return present((field) => compare(field, low) >= 0 && compare(field, high) <= 0);
    }
    case 'contains':
    case 'not_contains': {
      const needle = String(value).toLowerCase();
      const wanted = op === 'contains';
      return present((field) => String(field).toLowerCase().includes(needle) === wanted);
    }
    case 'in':
      return present((field) => values.some((candidate) => equals(field, candidate)));
    case 'not_in':
      return present((field) => !values.some((candidate) => equals(field, candidate)));
  }
}

function compileNode(node: FilterNode, reader: RowReader): RowPredicate {
  if (!isGroup(node)) return compileCondition(node, reader);
  const children = node.conditions.map((child) => compileNode(child, reader));
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
 */
export function compileCriteria(criteria: FilterCriteria, reader: RowReader): RowPredicate {
  return compileNode(criteria, reader);
}
