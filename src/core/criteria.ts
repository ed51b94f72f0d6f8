import * as z from 'zod/mini';
import { PARSE_OPTIONS, parseIsoTimestamp } from './point-schema.js';

/**
 * Operators that compare a field with the condition's value; see
 * docs/filtering.md for their exact semantics.
 */
export const FILTER_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'between',
  'in',
  'not_in',
  'exists',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/**
 * Operators on `timestamp` that compare with the clock: `within_last` keeps the
 * rows from `value` units before now onwards, and the window slides as time passes.
 */
export const RELATIVE_TIME_OPERATORS = ['within_last'] as const;

export type RelativeTimeOperator = (typeof RELATIVE_TIME_OPERATORS)[number];

/** Every operator criteria accept. */
export const CRITERIA_OPERATORS = [...FILTER_OPERATORS, ...RELATIVE_TIME_OPERATORS] as const;

export type CriteriaOperator = FilterOperator | RelativeTimeOperator;

/** Units of a relative time condition, with their length in milliseconds. */
export const TIME_UNITS = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
} as const;

export type TimeUnit = keyof typeof TIME_UNITS;

/** Built-in fields of a point. `metadata.<key>` names a metadata key. */
export const POINT_FIELDS = ['id', 'timestamp', 'value', 'category', 'source'] as const;

/**
 * Type of a field, which decides the operands it accepts. `any` is the type of
 * a metadata key, whose values may be strings, numbers or booleans.
 */
export type FieldType = 'string' | 'number' | 'date' | 'category' | 'any';

export const FIELD_TYPES: Readonly<Record<(typeof POINT_FIELDS)[number], FieldType>> = {
  id: 'string',
  timestamp: 'date',
  value: 'number',
  category: 'category',
  source: 'category',
};

/** Returns the type of a field name that passed validation. */
export function fieldType(field: string): FieldType {
  return Object.hasOwn(FIELD_TYPES, field) ? FIELD_TYPES[field as keyof typeof FIELD_TYPES] : 'any';
}

export type FilterValue = string | number | boolean | null;

export interface FilterCondition {
  field: string;
  op: CriteriaOperator;
  value?: FilterValue | FilterValue[];
  /** Unit of `value` for `within_last`; not used by other operators. */
  unit?: TimeUnit;
}

export interface FilterGroup {
  logic: 'and' | 'or';
  not?: boolean;
  conditions: FilterNode[];
}

export type FilterNode = FilterCondition | FilterGroup;

/** Criteria are one group; an empty group matches every row. */
export type FilterCriteria = FilterGroup;

export function isGroup(node: FilterNode): node is FilterGroup {
  return 'logic' in node;
}

const MAX_DEPTH = 32;
const MAX_LIST = 10_000;

const scalar = z.union([z.string().check(z.maxLength(4096)), z.number(), z.boolean(), z.null()]);

const fieldName = z.string().check(
  z.superRefine((field, context) => {
    const known = (POINT_FIELDS as readonly string[]).includes(field);
    if (!known && !/^metadata\.\S{1,256}$/.test(field)) {
      context.addIssue({ code: 'custom', message: `unknown field '${field}'` });
    }
  }),
);

const ORDERING = new Set<string>(['gt', 'gte', 'lt', 'lte', 'between']);

function formatOperand(value: FilterValue): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** Returns why `value` cannot be an operand of `op` on a field of `type`, or null when it can. */
function operandProblem(type: FieldType, op: CriteriaOperator, value: FilterValue): string | null {
  if (value === null) return 'null is not a comparable value; use exists to test presence';
  if (ORDERING.has(op) && typeof value === 'boolean') return `${op} cannot compare with a boolean`;
  if (op === 'contains' || op === 'not_contains') {
    if (type === 'number' || type === 'date') return `${op} applies to text fields only`;
    return typeof value === 'string' ? null : `${op} needs text, got ${formatOperand(value)}`;
  }
  switch (type) {
    case 'string':
    case 'category':
      return typeof value === 'string' ? null : `expected text, got ${formatOperand(value)}`;
    case 'number': {
      const numeric =
        typeof value === 'number' || (typeof value === 'string' && toNumber(value) !== undefined);
      return numeric ? null : `expected a number or numeric text, got ${formatOperand(value)}`;
    }
    case 'date': {
      const date =
        typeof value === 'number' ||
        (typeof value === 'string' && Number.isFinite(parseIsoTimestamp(value)));
      return date
        ? null
        : `expected epoch milliseconds or ISO-8601 text, got ${formatOperand(value)}`;
    }
    case 'any':
      return null;
  }
}

/** Reads numeric text as a finite number, or returns undefined. */
export function toNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

type Fail = (message: string, path?: PropertyKey[]) => void;

function checkRelativeTime(condition: z.infer<typeof conditionShape>, fail: Fail) {
  if (condition.field !== 'timestamp') {
    fail(`${condition.op} applies to timestamp only`, ['field']);
    return;
  }
  const { value, unit } = condition;
  if (typeof value !== 'number' || !(value > 0)) {
    fail(`${condition.op} needs a positive number of units, got ${String(value)}`, ['value']);
  } else if (unit === undefined) {
    fail(`${condition.op} needs a unit: ${Object.keys(TIME_UNITS).join(', ')}`, ['unit']);
  }
}

function checkOperands(condition: z.infer<typeof conditionShape>, fail: Fail) {
  const { op, value } = condition;
  if (op === 'exists') return;
  if (op === 'between') {
    if (!Array.isArray(value) || value.length !== 2) {
      fail('between needs exactly two bounds [low, high]');
      return;
    }
  } else if (op === 'in' || op === 'not_in') {
    if (!Array.isArray(value)) {
      fail(`${op} needs a list of values`);
      return;
    }
  } else if (value === undefined || Array.isArray(value)) {
    fail(`${op} needs a single value`);
    return;
  }
  const type = fieldType(condition.field);
  const operands = Array.isArray(value) ? value : [value];
  for (let index = 0; index < operands.length; index++) {
    const problem = operandProblem(type, op, operands[index] as FilterValue);
    if (problem !== null) {
      fail(`${condition.field}: ${problem}`, Array.isArray(value) ? ['value', index] : ['value']);
      return;
    }
  }
}

const conditionShape = z.strictObject({
  field: fieldName,
  op: z.enum(CRITERIA_OPERATORS, {
    error: (issue) => `unknown operator '${String(issue.input)}'`,
  }),
  value: z.optional(
    z.union([scalar, z.array(scalar).check(z.maxLength(MAX_LIST))], {
      error: () =>
        `must be text, a finite number, a boolean, or a list of at most ${MAX_LIST} of them`,
    }),
  ),
  unit: z.optional(
    z.enum(Object.keys(TIME_UNITS) as [TimeUnit, ...TimeUnit[]], {
      error: (issue) =>
        `unknown unit '${String(issue.input)}'; use ${Object.keys(TIME_UNITS).join(', ')}`,
    }),
  ),
});

const conditionSchema = conditionShape.check(
  z.superRefine((condition, context) => {
    const fail: Fail = (message, path = []) => context.addIssue({ code: 'custom', message, path });
    if (condition.op === 'within_last') {
      checkRelativeTime(condition, fail);
      return;
    }
    if (condition.unit !== undefined) {
      fail(`unit applies to ${RELATIVE_TIME_OPERATORS.join(', ')} only`, ['unit']);
      return;
    }
    checkOperands(condition, fail);
  }),
);

// Children are checked one level at a time (see parseNode) so an error names the exact
// condition instead of a union of "not a group, not a condition" failures.
const groupShape = z.strictObject({
  logic: z.enum(['and', 'or'], { error: () => "logic must be 'and' or 'or'" }),
  not: z.optional(z.boolean()),
  conditions: z.array(z.unknown()).check(z.maxLength(MAX_LIST)),
});

/** Thrown by `Store.setFilter` when criteria are invalid; the previous filter stays applied. */
export class FilterValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterValidationError';
  }
}

function pathLabel(path: readonly PropertyKey[]): string {
  let label = 'criteria';
  for (const part of path) {
    label += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  }
  return label;
}

function fail(path: readonly PropertyKey[], issues: readonly z.core.$ZodIssue[]): never {
  const issue = issues[0];
  throw new FilterValidationError(`${pathLabel([...path, ...issue.path])}: ${issue.message}`);
}

function parseNode(input: unknown, path: PropertyKey[], depth: number): FilterNode {
  const isGroupLike = input !== null && typeof input === 'object' && 'logic' in input;
  if (!isGroupLike) {
    const condition = conditionSchema.safeParse(input, PARSE_OPTIONS);
    if (!condition.success) fail(path, condition.error.issues);
    return condition.data as FilterCondition;
  }
  if (depth > MAX_DEPTH) {
    throw new FilterValidationError(`${pathLabel(path)}: nested deeper than ${MAX_DEPTH} groups`);
  }
  const group = groupShape.safeParse(input, PARSE_OPTIONS);
  if (!group.success) fail(path, group.error.issues);
  const conditions = group.data.conditions.map((child, index) =>
    parseNode(child, [...path, 'conditions', index], depth + 1),
  );
  const result: FilterGroup = { logic: group.data.logic, conditions };
  if (group.data.not !== undefined) result.not = group.data.not;
  return result;
}

/**
 * Validates criteria, returning them typed, or throws a FilterValidationError
 * whose message names the failing condition by its path, such as
 * `criteria.conditions[1].op: unknown operator 'like'`.
 */
export function parseCriteria(input: unknown): FilterCriteria {
  if (input === null || typeof input !== 'object' || !('logic' in input)) {
    throw new FilterValidationError("criteria: must be a group with 'logic' and 'conditions'");
  }
  return parseNode(input, [], 0) as FilterGroup;
}

/** True when any condition of `node` compares with the clock. */
export function usesClock(node: FilterNode): boolean {
  if (!isGroup(node)) return (RELATIVE_TIME_OPERATORS as readonly string[]).includes(node.op);
  return node.conditions.some(usesClock);
}
